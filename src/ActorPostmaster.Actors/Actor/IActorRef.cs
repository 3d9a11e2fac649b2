namespace ActorPostmaster.Actors;

/// <summary>Anything a message can be sent to.</summary>
/// <remarks>Akka.NET: <c>ICanTell</c>. Implemented by actor references and by the temporary reply target of <c>Ask</c>.</remarks>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> asynchronously; never blocks and never throws for a stopped target.</summary>
    /// <param name="message">The message; it should be immutable, because the receiver reads it on another thread.</param>
    /// <param name="sender">Where replies go; <see cref="ActorRefs.NoSender"/> (null) sends replies to dead letters.</param>
    void Tell(object message, IActorRef? sender);
}

/// <summary>A handle to an actor: the only way to talk to it.</summary>
/// <remarks>
/// Akka.NET: <c>IActorRef</c>. References are cheap, immutable and safe to share between threads. Two references
/// are equal when they name the same incarnation (path and uid): a new actor created later under the same name is
/// a different reference. Messages sent to a stopped actor become <see cref="Event.DeadLetter"/>s.
/// </remarks>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    /// <summary>The actor's path in the hierarchy, including its incarnation uid.</summary>
    ActorPath Path { get; }
}

/// <summary>Well-known references.</summary>
/// <remarks>Akka.NET: <c>ActorRefs</c>.</remarks>
public static class ActorRefs
{
    /// <summary>"No sender": replies go to dead letters. Akka.NET uses null for this too.</summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A reference that drops everything sent to it. Returned by lookups that found nothing.</summary>
    public static readonly IActorRef Nobody = NobodyActorRef.Instance;
}

/// <summary>The implicit-sender forms of <see cref="ICanTell.Tell"/> and <c>Forward</c>.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with the current actor as the sender when called inside an actor's
    /// receive, and with no sender otherwise.
    /// </summary>
    /// <remarks>
    /// Akka.NET: <c>Tell(this IActorRef, object)</c>. Outside an actor the sender is the ambient sender, if one was set
    /// for the current flow of execution (the TestKit sets its test actor, as Akka's TestKit does), and none otherwise.
    /// </remarks>
    public static void Tell(this ICanTell receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Self ?? AmbientSender.Value);
    }

    /// <summary>Sends <paramref name="message"/> keeping the sender of the message being processed.</summary>
    /// <remarks>Akka.NET: <c>Forward</c>. Only valid inside an actor's receive.</remarks>
    /// <exception cref="NotSupportedException">Called outside an actor.</exception>
    public static void Forward(this ICanTell receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var cell = ActorCell.Current ?? throw new NotSupportedException("Forward can only be used inside an actor's receive.");
        receiver.Tell(message, cell.Sender);
    }
}

/// <summary>
/// INTERNAL API. The implicit sender of Tells made outside any actor in the current flow of execution (an
/// <see cref="AsyncLocal{T}"/>, so it survives awaits). The TestKit sets it to its test actor.
/// </summary>
internal static class AmbientSender
{
    private static readonly AsyncLocal<IActorRef?> s_value = new();

    public static IActorRef? Value
    {
        get => s_value.Value;
        set => s_value.Value = value;
    }
}
