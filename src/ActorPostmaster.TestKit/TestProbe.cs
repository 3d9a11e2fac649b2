using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit;

/// <summary>A test actor of its own, with the full set of expectations; create with <see cref="TestKitBase.CreateTestProbe"/>.</summary>
/// <remarks>Akka.NET: <c>TestProbe</c>.</remarks>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, TestKitSettings settings, string name, EventFilterRegistry filters)
        : base(system, settings, name, filters)
    {
    }

    /// <summary>The probe's actor reference (what to pass to actors under test).</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Sends <paramref name="message"/> to the sender of the last received message, from the probe.</summary>
    /// <param name="message">The reply.</param>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Forwards <paramref name="message"/> to <paramref name="actor"/>, keeping the last sender as its sender.</summary>
    /// <param name="actor">The target.</param>
    /// <param name="message">The message.</param>
    public void Forward(IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, LastSender);
    }

    /// <inheritdoc />
    public override string ToString() => $"TestProbe({Ref})";
}
