namespace ActorPostmaster.Actors;

// INTERNAL API. System messages are processed before any user message and again after each one.
// Never send the same instance to two actors: some carry per-recipient state.

internal abstract record SystemMessage;

/// <summary>Create the actor instance and run PreStart.</summary>
internal sealed record CreateActor : SystemMessage
{
    public static readonly CreateActor Instance = new();
}

/// <summary>Restart: PreRestart on the old instance, wait for children, new instance, PostRestart.</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary>Stop processing user messages (nested; one Resume undoes one Suspend).</summary>
internal sealed record Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}

/// <summary>Undo one Suspend; when caused by a failure, the failure is cleared.</summary>
internal sealed record Resume(Exception? CausedByFailure) : SystemMessage;

/// <summary>Stop: children first, then PostStop, then watchers and parent are told.</summary>
internal sealed record Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

/// <summary>Watcher asks watchee to notify it on termination.</summary>
internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>Watcher no longer wants to be notified.</summary>
internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>A child failed while processing a message; its parent's strategy decides.</summary>
internal sealed record Failed(IInternalActorRef Child, Exception Cause, long Uid) : SystemMessage;

/// <summary>An actor this cell watches (or its child) has terminated.</summary>
internal sealed record DeathWatchNotification(IInternalActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated) : SystemMessage;

/// <summary>Run a continuation of an async receive inside the actor.</summary>
internal sealed record RunTask(Task Task, ActorTaskScheduler Scheduler) : SystemMessage;

/// <summary>The task of an async receive has finished; user messages may flow again.</summary>
internal sealed record AsyncReceiveCompleted(Exception? Failure, ActorTaskScheduler Scheduler) : SystemMessage;
