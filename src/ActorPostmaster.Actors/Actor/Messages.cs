namespace ActorPostmaster.Actors;

/// <summary>Marks messages the actor cell handles itself before (or instead of) the actor's receive.</summary>
/// <remarks>Akka.NET: <c>IAutoReceivedMessage</c>.</remarks>
public interface IAutoReceivedMessage
{
}

/// <summary>Marks messages that do not reset the receive timeout when they are received.</summary>
/// <remarks>Akka.NET: <c>INotInfluenceReceiveTimeout</c>.</remarks>
public interface INotInfluenceReceiveTimeout
{
}

/// <summary>Stops the actor once it reaches the head of the mailbox; messages queued before it are processed first.</summary>
/// <remarks>Akka.NET: <c>PoisonPill</c>. Use <see cref="IActorContext.Stop"/> to stop without draining.</remarks>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<PoisonPill>";
}

/// <summary>Makes the actor throw <see cref="ActorKilledException"/>, so that its supervisor decides its fate.</summary>
/// <remarks>Akka.NET: <c>Kill</c>. The default decider stops an actor that was killed.</remarks>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill()
    {
    }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<Kill>";
}

/// <summary>Sent to an actor that called <see cref="IActorContext.SetReceiveTimeout"/> when no message arrived in time.</summary>
/// <remarks>Akka.NET: <c>ReceiveTimeout</c>. It repeats after every further period of inactivity until the timeout is cleared.</remarks>
public sealed class ReceiveTimeout : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The single instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<ReceiveTimeout>";
}

/// <summary>Tells a watcher that an actor it watches has stopped.</summary>
/// <remarks>
/// Akka.NET: <c>Terminated</c>. Delivered as an ordinary message after those already in the watcher's mailbox.
/// A watcher that does not handle it fails with <see cref="DeathPactException"/>.
/// </remarks>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) when the watch began.</param>
/// <param name="AddressTerminated">True when the actor's whole node went away; always false in a single process.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated)
    : IAutoReceivedMessage, IPossiblyHarmful;

/// <summary>Marks messages that should not be replayed blindly (death notifications, kills).</summary>
/// <remarks>Akka.NET: <c>IPossiblyHarmful</c>.</remarks>
public interface IPossiblyHarmful
{
}

/// <summary>Reply envelopes for request/response conversations and <c>Ask</c>.</summary>
/// <remarks>Akka.NET: <c>Status</c>. An <c>Ask</c> answered with <see cref="Failure"/> fails its task with the cause.</remarks>
public abstract record Status
{
    private Status()
    {
    }

    /// <summary>A successful outcome.</summary>
    /// <param name="Result">An optional result value.</param>
    public sealed record Success(object? Result) : Status;

    /// <summary>A failed outcome.</summary>
    /// <param name="Cause">Why it failed.</param>
    public sealed record Failure(Exception Cause) : Status;
}
