using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

/// <summary>INTERNAL API. What the kernel needs of a reference beyond <see cref="IActorRef"/>.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>True once the actor has stopped for good.</summary>
    bool IsTerminated { get; }

    /// <summary>The system the reference belongs to, when it belongs to one (Ask needs it for its scheduler).</summary>
    ActorSystem? System { get; }

    /// <summary>Delivers a system message (processed before user messages, even while suspended).</summary>
    void SendSystemMessage(SystemMessage message);
}

/// <summary>INTERNAL API. Equality, ordering and printing shared by every reference type.</summary>
internal abstract class ActorRefBase : IInternalActorRef
{
    protected ActorRefBase(ActorPath path) => Path = path;

    public ActorPath Path { get; }

    public virtual bool IsTerminated => false;

    public virtual ActorSystem? System => null;

    public abstract void Tell(object message, IActorRef? sender);

    public abstract void SendSystemMessage(SystemMessage message);

    public bool Equals(IActorRef? other) => other is not null && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public int CompareTo(IActorRef? other) => other is null ? 1 : Path.CompareTo(other.Path);

    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}

/// <summary>INTERNAL API. A reference to an actor living in this process.</summary>
internal sealed class LocalActorRef : ActorRefBase
{
    public LocalActorRef(ActorCell cell, ActorPath path)
        : base(path) => Cell = cell;

    public ActorCell Cell { get; }

    public override bool IsTerminated => Cell.IsTerminated;

    public override ActorSystem System => Cell.System;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.SendMessage(message, sender ?? Cell.System.DeadLetters);
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);
}

/// <summary>INTERNAL API. Turns everything it receives into a published <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef : ActorRefBase
{
    private readonly EventStream _eventStream;

    public DeadLetterActorRef(ActorPath path, EventStream eventStream)
        : base(path) => _eventStream = eventStream;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _eventStream.Publish(message as DeadLetter ?? new DeadLetter(message, sender ?? this, this));
    }

    public override void SendSystemMessage(SystemMessage message) => AnswerWatch(message);

    /// <summary>A watch of something that is gone is answered at once, so the watcher is never left waiting.</summary>
    internal static void AnswerWatch(SystemMessage message)
    {
        if (message is Watch watch && !watch.Watchee.Equals(watch.Watcher))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false, AddressTerminated: false));
        }
    }
}

/// <summary>INTERNAL API. <see cref="ActorRefs.Nobody"/>: drops messages; watching it yields Terminated at once.</summary>
internal sealed class NobodyActorRef : ActorRefBase
{
    private NobodyActorRef()
        : base(ActorPath.Root("all-systems").Child("Nobody"))
    {
    }

    public static NobodyActorRef Instance { get; } = new();

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(SystemMessage message) => DeadLetterActorRef.AnswerWatch(message);
}

/// <summary>INTERNAL API. The parent of the root guardian: sees the root's failure and its end, which ends the system.</summary>
internal sealed class RootParentRef : ActorRefBase
{
    private readonly ActorSystem _system;

    public RootParentRef(ActorSystem system)
        : base(ActorPath.Root(system.Name).Child("bubble-walker")) => _system = system;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                _system.Log.Error(failed.Cause, "The root guardian failed; shutting the actor system down");
                failed.Child.SendSystemMessage(Terminate.Instance);
                break;
            case DeathWatchNotification:
                _system.OnRootTerminated();
                break;
        }
    }
}
