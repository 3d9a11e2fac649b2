namespace ActorPostmaster.Actors;

/// <summary>INTERNAL API. The parent of all top-level actors (<c>/user</c>) and of the kernel's own (<c>/system</c>).</summary>
internal sealed class GuardianActor : ActorBase
{
    private readonly SupervisorStrategy _strategy;

    public GuardianActor(SupervisorStrategy strategy) => _strategy = strategy;

    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    // A guardian's children are stopped by the termination sequence, never by a guardian restart.
    protected override void PreRestart(Exception reason, object? message)
    {
    }
}

/// <summary>
/// INTERNAL API. The root of the hierarchy. When <c>/user</c> has stopped (all application actors are gone) it stops
/// <c>/system</c>, then itself; its end ends the system.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    private readonly Func<(IActorRef User, IActorRef System)> _guardians;

    public RootGuardianActor(Func<(IActorRef User, IActorRef System)> guardians) => _guardians = guardians;

    protected override bool Receive(object message)
    {
        if (message is not Terminated terminated)
        {
            return false;
        }

        var (user, system) = _guardians();
        if (terminated.ActorRef.Equals(user))
        {
            Context.Stop(system);
        }
        else if (terminated.ActorRef.Equals(system))
        {
            Context.Stop(Self);
        }

        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        var (user, system) = _guardians();
        Context.Watch(user);
        Context.Watch(system);
    }
}
