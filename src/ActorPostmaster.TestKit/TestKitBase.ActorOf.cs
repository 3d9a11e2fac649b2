using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Creates a probe: another test actor with its own queue and expectations, sharing this system.</summary>
    /// <param name="name">A name prefix for the probe's actor.</param>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, TestKitSettings, name ?? "testProbe", Filters);

    /// <summary>Creates a top-level actor.</summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">Its name, or null.</param>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Creates a top-level actor with a parameterless constructor.</summary>
    /// <typeparam name="TActor">The actor type.</typeparam>
    /// <param name="name">Its name, or null.</param>
    public IActorRef ActorOf<TActor>(string? name = null)
        where TActor : ActorBase, new() => Sys.ActorOf(Props.Create<TActor>(), name);

    /// <summary>Creates an actor and returns a reference that also exposes the actor instance.</summary>
    /// <typeparam name="TActor">The actor type.</typeparam>
    /// <param name="props">The recipe; its actor must be a <typeparamref name="TActor"/>.</param>
    /// <param name="name">Its name, or null.</param>
    /// <returns>The reference, once the actor has been constructed.</returns>
    public TestActorRef<TActor> ActorOfAsTestActorRef<TActor>(Props props, string? name = null)
        where TActor : ActorBase => new(this, Sys.ActorOf(props, name));

    /// <summary>Creates an actor from a factory and returns a reference that also exposes the instance.</summary>
    /// <typeparam name="TActor">The actor type.</typeparam>
    /// <param name="factory">Creates the actor (again on every restart).</param>
    /// <param name="name">Its name, or null.</param>
    public TestActorRef<TActor> ActorOfAsTestActorRef<TActor>(Func<TActor> factory, string? name = null)
        where TActor : ActorBase => ActorOfAsTestActorRef<TActor>(Props.Create(factory), name);

    /// <summary>Creates an FSM and returns a reference that exposes and sets its state.</summary>
    /// <typeparam name="TFsm">The FSM type.</typeparam>
    /// <typeparam name="TState">Its state type.</typeparam>
    /// <typeparam name="TData">Its data type.</typeparam>
    /// <param name="props">The recipe.</param>
    /// <param name="name">Its name, or null.</param>
    public TestFSMRef<TFsm, TState, TData> ActorOfAsTestFSMRef<TFsm, TState, TData>(Props props, string? name = null)
        where TFsm : FSM<TState, TData>
        where TState : notnull => new(this, Sys.ActorOf(props, name));

    /// <summary>Creates an FSM from a factory and returns a reference that exposes and sets its state.</summary>
    /// <typeparam name="TFsm">The FSM type.</typeparam>
    /// <typeparam name="TState">Its state type.</typeparam>
    /// <typeparam name="TData">Its data type.</typeparam>
    /// <param name="factory">Creates the FSM.</param>
    /// <param name="name">Its name, or null.</param>
    public TestFSMRef<TFsm, TState, TData> ActorOfAsTestFSMRef<TFsm, TState, TData>(Func<TFsm> factory, string? name = null)
        where TFsm : FSM<TState, TData>
        where TState : notnull => ActorOfAsTestFSMRef<TFsm, TState, TData>(Props.Create(factory), name);

    /// <summary>Runs the system until <paramref name="condition"/> holds (deterministic), or polls for it in real time.</summary>
    internal void Settle(Func<bool> condition, string what)
    {
        if (Dispatcher is { } dispatcher)
        {
            if (!dispatcher.RunUntil(condition, deadline: null))
            {
                throw Fail($"The system went idle before {what}");
            }

            return;
        }

        if (!SpinWait.SpinUntil(condition, TestKitSettings.DefaultTimeout))
        {
            throw Fail($"Timeout {TestKitSettings.DefaultTimeout} while waiting until {what}");
        }
    }
}
