namespace ActorPostmaster.Actors;

/// <summary>The base of every actor.</summary>
/// <remarks>
/// Akka.NET: <c>ActorBase</c>. An actor is created by the kernel from <see cref="Props"/> (never with <c>new</c>),
/// processes one message at a time, and is supervised by its parent. Lifecycle: constructor → <see cref="PreStart"/>
/// → messages → (on restart: <see cref="PreRestart"/> on the old instance, a new instance,
/// <see cref="PostRestart"/>) → <see cref="PostStop"/>.
/// </remarks>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the new instance to the actor cell that is creating it.</summary>
    /// <exception cref="ActorInitializationException">The actor was created with <c>new</c> instead of through <see cref="Props"/>.</exception>
    protected ActorBase()
    {
        var cell = ActorCell.Current;
        if (cell is null || !cell.IsCreatingActor)
        {
            throw new ActorInitializationException(
                $"You cannot create an instance of [{GetType()}] explicitly using the constructor (new). " +
                "Use one of the ActorOf methods with Props to create an actor.");
        }

        _cell = cell;
    }

    /// <summary>The context of the actor whose message is being processed on this thread.</summary>
    /// <exception cref="NotSupportedException">Used outside the actor's thread of control, for example after an await in a plain receive.</exception>
    protected static IActorContext Context =>
        ActorCell.Current ?? throw new NotSupportedException(
            "There is no active actor context. It is probably being used from a callback or after an await that does not run inside the actor; " +
            "use ReceiveAsync, or send the result to Self.");

    /// <summary>The actor's own reference; safe to capture in callbacks.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed; capture it in a local before handing it to a callback.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles a message; returns false if it was not handled.</summary>
    /// <param name="message">The message.</param>
    protected abstract bool Receive(object message);

    /// <summary>Called with every message no behaviour handled.</summary>
    /// <remarks>By default: an unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>; anything else is published as <see cref="Event.UnhandledMessage"/>.</remarks>
    /// <param name="message">The message.</param>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException($"Monitored actor {terminated.ActorRef} terminated") { DeadActor = terminated.ActorRef };
        }

        _cell.System.EventStream.Publish(new Event.UnhandledMessage(message, _cell.Sender, Self));
    }

    /// <summary>Replaces the current behaviour.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void Become(Receive receive) => OwnCell.Become(receive);

    /// <summary>Pushes a behaviour.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void BecomeStacked(Receive receive) => OwnCell.BecomeStacked(receive);

    /// <summary>Returns to the previous behaviour.</summary>
    protected void UnbecomeStacked() => OwnCell.UnbecomeStacked();

    /// <summary>Sets or clears the receive timeout.</summary>
    /// <param name="timeout">The inactivity period, or null.</param>
    protected void SetReceiveTimeout(TimeSpan? timeout) => OwnCell.SetReceiveTimeout(timeout);

    /// <summary>The strategy this actor applies to its children when they fail.</summary>
    /// <remarks>Called once per incarnation. <see cref="Props.WithSupervisorStrategy"/> overrides it.</remarks>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>Runs after the constructor, before the first message (and, by default, after a restart).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs after the actor and all its children have stopped; its mailbox is then closed.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced.</summary>
    /// <remarks>By default it unwatches and stops every child, then calls <see cref="PostStop"/>.</remarks>
    /// <param name="reason">The exception that caused the restart.</param>
    /// <param name="message">The message being processed when it failed, or null.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. By default it calls <see cref="PreStart"/>.</summary>
    /// <param name="reason">The exception that caused the restart.</param>
    protected virtual void PostRestart(Exception reason) => PreStart();

    internal ActorCell Cell => _cell;

    /// <summary>The actor's cell, checked to be running on this thread (behaviour changes are only valid there).</summary>
    private protected ActorCell OwnCell =>
        ReferenceEquals(ActorCell.Current, _cell) ? _cell : throw new NotSupportedException(
            "Behaviour and receive-timeout changes are only valid inside the actor's own receive or lifecycle hooks.");

    /// <summary>INTERNAL API. Called once the constructor has returned, before <see cref="PreStart"/>.</summary>
    internal virtual void OnConstructed()
    {
    }

    /// <summary>INTERNAL API. The initial behaviour, as the cell pushes it on the behaviour stack.</summary>
    internal bool ReceiveEntry(object message) => Receive(message);

    /// <summary>INTERNAL API. The strategy for children, as the cell asks for it.</summary>
    internal SupervisorStrategy SupervisorStrategyEntry() => SupervisorStrategy();

    internal void AroundPreStart() => PreStart();

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal virtual void AroundPreRestart(Exception reason, object? message)
    {
        (this as IWithTimers)?.Timers?.CancelAll();
        if (this is IWithUnboundedStash { Stash: { } stash })
        {
            stash.UnstashAll();
        }

        PreRestart(reason, message);
    }

    internal virtual void AroundPostStop()
    {
        (this as IWithTimers)?.Timers?.CancelAll();
        if (this is IWithUnboundedStash { Stash: UnboundedStash stash })
        {
            stash.DeadLetterAll();
        }

        PostStop();
    }

    internal void AroundUnhandled(object message) => Unhandled(message);
}
