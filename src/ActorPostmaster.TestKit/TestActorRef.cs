using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit;

/// <summary>A reference to an actor that also exposes the actor instance, for white-box tests.</summary>
/// <remarks>
/// Akka.NET: <c>TestActorRef&lt;TActor&gt;</c>. Unlike Akka's, the actor runs on the system's dispatcher (there is no
/// calling-thread dispatcher); under the deterministic dispatcher a Tell followed by <see cref="TestKitBase.RunUntilIdle"/>
/// gives the same synchronous feel. Read <see cref="UnderlyingActor"/> only while the system is idle.
/// </remarks>
/// <typeparam name="TActor">The actor type.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1036", Justification = "References order by path; comparison operators would add nothing.")]
public class TestActorRef<TActor> : IActorRef, IInternalActorRef
    where TActor : ActorBase
{
    private readonly LocalActorRef _ref;

    internal TestActorRef(TestKitBase testKit, IActorRef actorRef)
    {
        TestKit = testKit;
        _ref = (LocalActorRef)actorRef;
        var cell = _ref.Cell;
        testKit.Settle(() => cell.Actor is not null || cell.IsTerminated, $"{actorRef} was created");
        if (cell.Actor is not TActor)
        {
            throw TestKitBase.Fail($"{actorRef} did not start as a {typeof(TActor).Name} (its creation failed, or its Props create another type).");
        }
    }

    /// <summary>The actor instance (a new one after every restart).</summary>
    /// <exception cref="InvalidOperationException">The actor has stopped, or is between incarnations.</exception>
    public TActor UnderlyingActor => _ref.Cell.Actor as TActor
        ?? throw new InvalidOperationException($"{_ref} has no instance right now (it has stopped or is restarting).");

    /// <summary>The plain reference.</summary>
    public IActorRef Ref => _ref;

    /// <inheritdoc />
    public ActorPath Path => _ref.Path;

    /// <summary>Whether the actor has stopped.</summary>
    public bool IsTerminated => _ref.IsTerminated;

    private protected TestKitBase TestKit { get; }

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender) => _ref.Tell(message, sender);

    // The kernel watches, unwatches and stops through system messages: without this a TestActorRef could not be
    // watched (Watch, Context.Watch) or stopped (Sys.Stop, Context.Stop) like the reference it wraps.
    ActorSystem? IInternalActorRef.System => _ref.System;

    void IInternalActorRef.SendSystemMessage(SystemMessage message) => _ref.SendSystemMessage(message);

    /// <inheritdoc />
    public bool Equals(IActorRef? other) => _ref.Equals(other);

    /// <inheritdoc />
    public int CompareTo(IActorRef? other) => _ref.CompareTo(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _ref.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => _ref.ToString();
}

/// <summary>A reference to an FSM that exposes and sets its state, for white-box tests.</summary>
/// <remarks>Akka.NET: <c>TestFSMRef</c>.</remarks>
/// <typeparam name="TFsm">The FSM type.</typeparam>
/// <typeparam name="TState">Its state type.</typeparam>
/// <typeparam name="TData">Its data type.</typeparam>
public sealed class TestFSMRef<TFsm, TState, TData> : TestActorRef<TFsm>
    where TFsm : FSM<TState, TData>
    where TState : notnull
{
    internal TestFSMRef(TestKitBase testKit, IActorRef actorRef)
        : base(testKit, actorRef)
    {
    }

    /// <summary>The FSM's current state.</summary>
    public TState StateName => UnderlyingActor.StateName;

    /// <summary>The FSM's current data.</summary>
    public TData StateData => UnderlyingActor.StateData;

    /// <summary>Whether the FSM's state timeout is armed.</summary>
    public bool IsStateTimerActive => UnderlyingActor.IsStateTimerActive;

    /// <summary>
    /// Puts the FSM in <paramref name="stateName"/> as if a state function had returned that state: transition
    /// handlers run and the state timeout is armed. Runs on the FSM's own thread; returns once it is done.
    /// </summary>
    /// <param name="stateName">The state.</param>
    /// <param name="stateData">The data; null keeps the current data.</param>
    /// <param name="timeout">A state timeout overriding the state's own.</param>
    public void SetState(TState stateName, TData? stateData = default, TimeSpan? timeout = null)
    {
        var data = stateData is null ? StateData : stateData;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Tell(new TestSetState(new FSMBase.State<TState, TData>(stateName, data, timeout), done), ActorRefs.NoSender);
        TestKit.Settle(() => done.Task.IsCompleted, $"{this} applied SetState({stateName})");
    }

    /// <summary>Whether the FSM's named timer is active.</summary>
    /// <param name="name">The timer's name.</param>
    public bool IsTimerActive(string name) => UnderlyingActor.IsTimerActive(name);
}
