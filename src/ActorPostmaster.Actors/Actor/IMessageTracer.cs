namespace ActorPostmaster.Actors;

/// <summary>Sees every message an actor's behaviour is about to receive, in processing order.</summary>
/// <remarks>
/// No Akka.NET counterpart. Set with <see cref="ActorSystemSetup.Tracer"/>. Called on the receiving actor's thread, so
/// an implementation must be thread-safe under the thread-pool dispatcher; under the deterministic dispatcher the
/// calls form the system's message trace, identical for the same seed and inputs.
/// </remarks>
public interface IMessageTracer
{
    /// <summary>Called just before <paramref name="receiver"/>'s behaviour sees <paramref name="message"/>.</summary>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The message (timer and death-watch wrappers already removed).</param>
    /// <param name="sender">Its sender.</param>
    void OnReceive(IActorRef receiver, object message, IActorRef sender);
}
