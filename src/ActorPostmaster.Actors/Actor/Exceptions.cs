namespace ActorPostmaster.Actors;

/// <summary>Base of the kernel's own exceptions.</summary>
/// <remarks>Akka.NET: <c>AkkaException</c>.</remarks>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ActorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ActorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw.</summary>
/// <remarks>Akka.NET: <c>ActorInitializationException</c>. The default decider stops the actor.</remarks>
public sealed class ActorInitializationException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorInitializationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ActorInitializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception the actor threw.</param>
    public ActorInitializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The actor that failed to initialise, when known.</summary>
    public IActorRef? Actor { get; init; }
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>.</summary>
/// <remarks>Akka.NET: <c>ActorKilledException</c>. The default decider stops the actor.</remarks>
public sealed class ActorKilledException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException()
        : base("Kill")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ActorKilledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ActorKilledException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown inside an actor that received a <see cref="Terminated"/> it did not handle.</summary>
/// <remarks>Akka.NET: <c>DeathPactException</c>. The default decider stops the actor.</remarks>
public sealed class DeathPactException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public DeathPactException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public DeathPactException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DeathPactException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The actor whose death was not handled.</summary>
    public IActorRef? DeadActor { get; init; }
}

/// <summary>An actor name is malformed or already taken by a live sibling.</summary>
/// <remarks>Akka.NET: <c>InvalidActorNameException</c>.</remarks>
public sealed class InvalidActorNameException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public InvalidActorNameException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidActorNameException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An <c>Ask</c> got no reply within its timeout.</summary>
/// <remarks>Akka.NET: <c>AskTimeoutException</c>. The timeout runs on the system's clock, so it is virtual in tests.</remarks>
public sealed class AskTimeoutException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public AskTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public AskTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AskTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An actor API was used in a state where it is not allowed (for example stashing the same message twice).</summary>
/// <remarks>Akka.NET: <c>IllegalActorStateException</c>.</remarks>
public sealed class IllegalActorStateException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public IllegalActorStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public IllegalActorStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IllegalActorStateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
