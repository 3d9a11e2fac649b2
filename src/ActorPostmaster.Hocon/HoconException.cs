namespace ActorPostmaster.Hocon;

/// <summary>The base class of every exception this library throws for bad HOCON input or bad configuration access.</summary>
public class HoconException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public HoconException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public HoconException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public HoconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
