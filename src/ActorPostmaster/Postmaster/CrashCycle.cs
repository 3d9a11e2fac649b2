using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// The postmaster's supervision strategy: it turns a child's unhandled exception (its PANIC) into a crash exit. The
/// child is stopped, never restarted on its own; its exit then reaches the state machine like any other, which starts
/// the crash cycle (HandleChildCrash: quit everyone, wait, reinitialise, start again).
/// </summary>
/// <remarks>Neither OneForOne nor AllForOne expresses this; it is built on the kernel's custom-strategy extension point.</remarks>
internal sealed class CrashCycle : SupervisorStrategy
{
    private readonly Func<IActorRef, Exception, bool> _onChildPanic;

    /// <param name="onChildPanic">
    /// Runs on the postmaster's thread for a failed child: records the crash and answers true; false (not a postmaster
    /// child, e.g. the PMState FSM itself) escalates.
    /// </param>
    public CrashCycle(Func<IActorRef, Exception, bool> onChildPanic) => _onChildPanic = onChildPanic;

    public override IDecider Decider { get; } = Actors.Decider.From(_ => Directive.Stop);

    public override bool HandleFailure(
        IActorContext context, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        if (!_onChildPanic(child, cause))
        {
            return false;
        }

        context.Stop(child);
        return true;
    }

    public override void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children) =>
        context.Stop(child);
}
