namespace ActorPostmaster.Hocon;

/// <summary>
/// Thrown by the <see cref="Config"/> getters when a path is missing (and no default was given), holds
/// <c>null</c>, or holds a value that cannot be converted to the requested type.
/// </summary>
public class ConfigException : HoconException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConfigException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public ConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about the value at <paramref name="path"/>.</summary>
    /// <param name="path">The configuration path that was asked for.</param>
    /// <param name="message">What went wrong; it should name the path.</param>
    public ConfigException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The configuration path that was asked for, when known.</summary>
    public string? Path { get; }
}
