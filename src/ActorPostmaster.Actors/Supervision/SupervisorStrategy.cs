using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

/// <summary>What a supervisor does with a child that failed.</summary>
/// <remarks>Akka.NET: <c>Directive</c>.</remarks>
public enum Directive
{
    /// <summary>Keep the instance and its state; process the next message. The failing message is lost.</summary>
    Resume,

    /// <summary>Replace the instance with a new one from its Props; the mailbox is kept. The failing message is lost.</summary>
    Restart,

    /// <summary>Fail the supervisor itself with the same exception, for its own supervisor to decide.</summary>
    Escalate,

    /// <summary>Stop the child.</summary>
    Stop,
}

/// <summary>Maps an exception to a <see cref="Directive"/>.</summary>
/// <remarks>Akka.NET: <c>IDecider</c>.</remarks>
public interface IDecider
{
    /// <summary>Decides what to do about <paramref name="cause"/>.</summary>
    /// <param name="cause">The child's exception.</param>
    Directive Decide(Exception cause);
}

/// <summary>Builds deciders.</summary>
/// <remarks>Akka.NET: <c>Decider</c>.</remarks>
public static class Decider
{
    /// <summary>A decider from a function.</summary>
    /// <param name="decide">The function.</param>
    public static IDecider From(Func<Exception, Directive> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return new FuncDecider(decide);
    }

    /// <summary>
    /// A decider from a table of exception types; the most specific matching type wins, and
    /// <paramref name="defaultDirective"/> applies when none matches.
    /// </summary>
    /// <param name="defaultDirective">The fallback.</param>
    /// <param name="pairs">Exception type → directive.</param>
    public static IDecider From(Directive defaultDirective, params KeyValuePair<Type, Directive>[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var table = pairs.ToArray();
        return new FuncDecider(cause =>
        {
            KeyValuePair<Type, Directive>? best = null;
            foreach (var pair in table)
            {
                if (pair.Key.IsInstanceOfType(cause) && (best is null || best.Value.Key.IsAssignableFrom(pair.Key)))
                {
                    best = pair;
                }
            }

            return best?.Value ?? defaultDirective;
        });
    }

    /// <summary>A table entry for <see cref="From(Directive, KeyValuePair{Type, Directive}[])"/>.</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="directive">The directive.</param>
    public static KeyValuePair<Type, Directive> When<TException>(this Directive directive)
        where TException : Exception => new(typeof(TException), directive);

    private sealed class FuncDecider(Func<Exception, Directive> decide) : IDecider
    {
        public Directive Decide(Exception cause) => decide(cause);
    }
}

/// <summary>How a supervisor handles its children's failures.</summary>
/// <remarks>
/// <para>
/// Akka.NET: <c>SupervisorStrategy</c>. When a child fails it is suspended (with its own children) and its parent's
/// strategy runs on the parent's thread of control. <see cref="HandleFailure"/> sees the failing child, its exception,
/// its restart statistics and those of all its siblings; the default implementation asks the <see cref="Decider"/>
/// and applies the directive through <see cref="ProcessFailure"/>.
/// </para>
/// <para>
/// Custom strategies (the extension point) override <see cref="HandleFailure"/> and act with <see cref="ResumeChild"/>,
/// <see cref="RestartChild"/>, <see cref="IActorContext.Stop"/> and <see cref="SuspendChild"/>, and may follow the
/// stopping of children through <see cref="HandleChildTerminated"/>. A strategy instance may be shared, so keep state in
/// the actor, not in the strategy.
/// </para>
/// </remarks>
public abstract class SupervisorStrategy
{
    /// <summary>
    /// Akka's default decider: stop on <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/>; restart on anything else.
    /// </summary>
    public static IDecider DefaultDecider { get; } = Actors.Decider.From(cause => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    });

    /// <summary>One-for-one with <see cref="DefaultDecider"/> and no restart limit.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>One-for-one that stops every failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(Actors.Decider.From(_ => Directive.Stop));

    /// <summary>Maps exceptions to directives.</summary>
    public abstract IDecider Decider { get; }

    /// <summary>Whether failures are logged (Resume at Warning, Restart and Stop at Error, Escalate not at all).</summary>
    public virtual bool LoggingEnabled { get; init; } = true;

    /// <summary>
    /// Handles a child's failure. Returns false to escalate: the supervisor then fails with the same exception.
    /// </summary>
    /// <param name="context">The supervisor's context.</param>
    /// <param name="child">The failed child (suspended).</param>
    /// <param name="cause">Its exception.</param>
    /// <param name="stats">Its restart statistics.</param>
    /// <param name="children">The statistics of all live children, the failed one included.</param>
    public virtual bool HandleFailure(
        IActorContext context, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directive = Decider.Decide(cause);
        switch (directive)
        {
            case Directive.Resume:
                LogFailure(context, child, cause, directive);
                ResumeChild(child, cause);
                return true;
            case Directive.Restart:
                LogFailure(context, child, cause, directive);
                ProcessFailure(context, true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                LogFailure(context, child, cause, directive);
                ProcessFailure(context, false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Applies Restart (<paramref name="restart"/> true) or Stop to the child, or to all children.</summary>
    /// <param name="context">The supervisor's context.</param>
    /// <param name="restart">True for Restart, false for Stop.</param>
    /// <param name="child">The failed child.</param>
    /// <param name="cause">Its exception.</param>
    /// <param name="stats">Its restart statistics.</param>
    /// <param name="children">The statistics of all live children.</param>
    public abstract void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children);

    /// <summary>Called when a child has stopped (for any reason), after it was removed from the children.</summary>
    /// <param name="context">The supervisor's context.</param>
    /// <param name="child">The stopped child.</param>
    /// <param name="children">The children still alive.</param>
    public virtual void HandleChildTerminated(IActorContext context, IActorRef child, IEnumerable<IActorRef> children)
    {
    }

    /// <summary>Resumes a failed child (undoes the suspension its failure caused).</summary>
    /// <param name="child">The child.</param>
    /// <param name="cause">The exception it failed with.</param>
    protected static void ResumeChild(IActorRef child, Exception cause) => Internal(child).SendSystemMessage(new Resume(cause));

    /// <summary>Restarts a child. Siblings that did not fail must be suspended first (<paramref name="suspendFirst"/>).</summary>
    /// <param name="child">The child.</param>
    /// <param name="cause">The exception behind the restart.</param>
    /// <param name="suspendFirst">True for a child that is not the one that failed.</param>
    protected static void RestartChild(IActorRef child, Exception cause, bool suspendFirst)
    {
        var target = Internal(child);
        if (suspendFirst)
        {
            target.SendSystemMessage(Suspend.Instance);
        }

        target.SendSystemMessage(new Recreate(cause));
    }

    /// <summary>Suspends a child that did not fail (it processes no user message until resumed or restarted).</summary>
    /// <param name="child">The child.</param>
    protected static void SuspendChild(IActorRef child) => Internal(child).SendSystemMessage(Suspend.Instance);

    /// <summary>Logs a failure as Akka does; override to change the format.</summary>
    /// <param name="context">The supervisor's context.</param>
    /// <param name="child">The failed child.</param>
    /// <param name="cause">Its exception.</param>
    /// <param name="directive">The directive applied.</param>
    protected virtual void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(cause);
        if (!LoggingEnabled || directive == Directive.Escalate)
        {
            return;
        }

        var system = context.System;
        var now = system.Scheduler.Now;
        var source = child.Path.ToString();
        var type = GetType();
        LogEvent logEvent = directive == Directive.Resume
            ? new Warning(now, source, type, "{Message}", [cause.Message], cause)
            : new Error(now, source, type, "{Message}", [cause.Message], cause);
        system.EventStream.Publish(logEvent);
    }

    private static IInternalActorRef Internal(IActorRef child) =>
        child as IInternalActorRef ?? throw new ArgumentException($"{child} is not a child reference.", nameof(child));
}

/// <summary>Applies each directive to the failed child only.</summary>
/// <remarks>Akka.NET: <c>OneForOneStrategy</c>. When the restart budget is spent the child is stopped.</remarks>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 or null for no limit, 0 for none.</param>
    /// <param name="withinTimeRange">The window; null for a lifetime count.</param>
    /// <param name="localOnlyDecider">The decider.</param>
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider)
        : this(maxNrOfRetries, withinTimeRange, Actors.Decider.From(localOnlyDecider))
    {
    }

    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 or null for no limit, 0 for none.</param>
    /// <param name="withinTimeRange">The window; null for a lifetime count.</param>
    /// <param name="decider">The decider.</param>
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNrOfRetries ?? -1;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Creates the strategy with no restart limit.</summary>
    /// <param name="localOnlyDecider">The decider.</param>
    public OneForOneStrategy(Func<Exception, Directive> localOnlyDecider)
        : this(null, null, localOnlyDecider)
    {
    }

    /// <summary>Creates the strategy with no restart limit.</summary>
    /// <param name="decider">The decider.</param>
    public OneForOneStrategy(IDecider decider)
        : this(null, null, decider)
    {
    }

    /// <summary>Restarts allowed within the window; -1 for no limit.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window; null for a lifetime count.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <inheritdoc />
    public override IDecider Decider { get; }

    /// <inheritdoc />
    public override void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stats);
        if (restart && stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, context.System.Scheduler.Now))
        {
            RestartChild(child, cause, suspendFirst: false);
        }
        else
        {
            context.Stop(child);
        }
    }
}

/// <summary>Applies each directive to all children: a failure restarts (or stops) every sibling too.</summary>
/// <remarks>
/// Akka.NET: <c>AllForOneStrategy</c>. Restart needs every child's budget to allow it; otherwise all are stopped.
/// Resume resumes only the failed child.
/// </remarks>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 or null for no limit, 0 for none.</param>
    /// <param name="withinTimeRange">The window; null for a lifetime count.</param>
    /// <param name="localOnlyDecider">The decider.</param>
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider)
        : this(maxNrOfRetries, withinTimeRange, Actors.Decider.From(localOnlyDecider))
    {
    }

    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 or null for no limit, 0 for none.</param>
    /// <param name="withinTimeRange">The window; null for a lifetime count.</param>
    /// <param name="decider">The decider.</param>
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNrOfRetries ?? -1;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Creates the strategy with no restart limit.</summary>
    /// <param name="localOnlyDecider">The decider.</param>
    public AllForOneStrategy(Func<Exception, Directive> localOnlyDecider)
        : this(null, null, localOnlyDecider)
    {
    }

    /// <summary>Restarts allowed within the window; -1 for no limit.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window; null for a lifetime count.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <inheritdoc />
    public override IDecider Decider { get; }

    /// <inheritdoc />
    public override void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(children);
        if (children.Count == 0)
        {
            return;
        }

        var now = context.System.Scheduler.Now;
        if (restart && children.All(c => c.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, now)))
        {
            foreach (var sibling in children)
            {
                RestartChild(sibling.Child, cause, suspendFirst: !sibling.Child.Equals(child));
            }
        }
        else
        {
            foreach (var sibling in children)
            {
                context.Stop(sibling.Child);
            }
        }
    }
}
