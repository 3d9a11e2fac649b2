using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;

namespace ActorPostmaster;

/// <summary>
/// The FSM actor that holds PMState and its flags. Every event the postmaster supervisor sees is asked of it; it decides
/// through <see cref="PostmasterStateMachine"/>, moves to the next state, and replies with the effects to carry out.
/// </summary>
/// <remarks>
/// Every state a decision passes through is logged at DEBUG as PostgreSQL's UpdatePMState does (<c>updating PMState from
/// PM_RUN to PM_WAIT_BACKENDS</c>) and published on the event stream as a <see cref="PmStateTransition"/>: tests, hosting
/// and the wire server follow those. <see cref="FSMBase.SubscribeTransitionCallBack"/> subscribers see the net transition
/// of each decision.
/// </remarks>
public sealed class PmStateActor : FSM<PmState, PmSnapshot>
{
    /// <summary>Creates the FSM in PM_INIT.</summary>
    public PmStateActor()
    {
        StartWith(PmState.Init, PmSnapshot.Initial);
        foreach (var state in Enum.GetValues<PmState>())
        {
            When(state, Decide);
        }

        Initialize();
    }

    /// <summary>PostgreSQL's name of a state, e.g. <c>PM_WAIT_BACKENDS</c>.</summary>
    /// <param name="state">The state.</param>
    public static string PgName(PmState state) => state switch
    {
        PmState.Init => "PM_INIT",
        PmState.Startup => "PM_STARTUP",
        PmState.Recovery => "PM_RECOVERY",
        PmState.HotStandby => "PM_HOT_STANDBY",
        PmState.Run => "PM_RUN",
        PmState.StopBackends => "PM_STOP_BACKENDS",
        PmState.WaitBackends => "PM_WAIT_BACKENDS",
        PmState.WaitXlogShutdown => "PM_WAIT_XLOG_SHUTDOWN",
        PmState.WaitXlogArchival => "PM_WAIT_XLOG_ARCHIVAL",
        PmState.WaitIoWorkers => "PM_WAIT_IO_WORKERS",
        PmState.WaitCheckpointer => "PM_WAIT_CHECKPOINTER",
        PmState.WaitDeadEnd => "PM_WAIT_DEAD_END",
        PmState.NoChildren => "PM_NO_CHILDREN",
        _ => state.ToString(),
    };

    private State<PmState, PmSnapshot>? Decide(Event<PmSnapshot> e)
    {
        var current = e.StateData;
        PmDecision? decision = e.FsmEvent switch
        {
            PmCommand.Start start => PostmasterStateMachine.Start(current, start.IoWorkers),
            PmCommand.RequestShutdown shutdown => PostmasterStateMachine.OnShutdownRequest(current, shutdown.Level, shutdown.Census, shutdown.Policy),
            PmCommand.ChildExited exited => PostmasterStateMachine.OnChildExit(current, exited.Exit, exited.Census, exited.Policy),
            PmCommand.ChildRequest request => PostmasterStateMachine.OnRequest(current, request.Request, request.Census, request.Policy),
            PmCommand.KillTimerElapsed timer => PostmasterStateMachine.OnKillTimer(current, timer.Policy),
            PmCommand.Advance advance => PostmasterStateMachine.Advance(current, advance.Census, advance.Policy),
            PmCommand.GetSnapshot => PmDecision.None(current),
            _ => null,
        };
        if (decision is null)
        {
            return null;
        }

        var from = current.State;
        foreach (var to in decision.Path)
        {
            Log.Debug("updating PMState from {From} to {To}", PgName(from), PgName(to));
            Context.System.EventStream.Publish(new PmStateTransition(from, to));
            from = to;
        }

        var next = decision.Next.State == StateName ? Stay() : GoTo(decision.Next.State);
        return next.Using(decision.Next).Replying(decision);
    }
}

/// <summary>Published on the event stream at every PMState transition.</summary>
/// <param name="From">The state left.</param>
/// <param name="To">The state entered.</param>
public sealed record PmStateTransition(PmState From, PmState To);

/// <summary>What the postmaster asks of the <see cref="PmStateActor"/>; each is answered with a <see cref="PmDecision"/>.</summary>
public abstract record PmCommand
{
    private PmCommand()
    {
    }

    /// <summary>PM_INIT → PM_STARTUP.</summary>
    /// <param name="IoWorkers">How many I/O workers to start first.</param>
    public sealed record Start(int IoWorkers) : PmCommand;

    /// <summary>A shutdown request (the strongest since the last pass).</summary>
    /// <param name="Level">The level.</param>
    /// <param name="Census">The live children.</param>
    /// <param name="Policy">The settings.</param>
    public sealed record RequestShutdown(ShutdownLevel Level, ChildCensus Census, PmPolicy Policy) : PmCommand;

    /// <summary>A child has exited.</summary>
    /// <param name="Exit">How.</param>
    /// <param name="Census">The live children, without it.</param>
    /// <param name="Policy">The settings.</param>
    public sealed record ChildExited(ChildExit Exit, ChildCensus Census, PmPolicy Policy) : PmCommand;

    /// <summary>A child's request (pmsignal).</summary>
    /// <param name="Request">The request.</param>
    /// <param name="Census">The live children.</param>
    /// <param name="Policy">The settings.</param>
    public sealed record ChildRequest(PmRequest Request, ChildCensus Census, PmPolicy Policy) : PmCommand;

    /// <summary>The SIGKILL stopwatch ran out.</summary>
    /// <param name="Policy">The settings.</param>
    public sealed record KillTimerElapsed(PmPolicy Policy) : PmCommand;

    /// <summary>Run the state machine.</summary>
    /// <param name="Census">The live children.</param>
    /// <param name="Policy">The settings.</param>
    public sealed record Advance(ChildCensus Census, PmPolicy Policy) : PmCommand;

    /// <summary>Answer the current snapshot, with no effects.</summary>
    public sealed record GetSnapshot : PmCommand
    {
        /// <summary>The single instance.</summary>
        public static GetSnapshot Instance { get; } = new();
    }
}
