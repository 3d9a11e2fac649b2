namespace ActorPostmaster.Actors;

internal sealed partial class ActorCell
{
    // Created on first use: most actors never watch, are never watched (except by their parent, which is told
    // directly) and so never need these. Touched only on the actor's thread of control.
    private Dictionary<IActorRef, object?>? _watching;
    private HashSet<IActorRef>? _watchedBy;
    private HashSet<IActorRef>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && _watching is not null && _watching.Remove(target))
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }

        _terminatedQueued?.Remove(subject);
        return subject;
    }

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not IInternalActorRef target)
        {
            throw new ArgumentException($"{subject} cannot be watched.", nameof(subject));
        }

        if (target.Equals(Self))
        {
            return subject;
        }

        _watching ??= [];
        if (_watching.TryGetValue(target, out var existing))
        {
            if (!Equals(existing, message))
            {
                throw new InvalidOperationException(
                    $"Watch({Self}, {subject}): already watched with a different message ({existing ?? "Terminated"}); Unwatch first.");
            }

            return subject;
        }

        _watching[target] = message;
        target.SendSystemMessage(new Watch(target, SelfRef));
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(Self) && !watcher.Equals(Self))
        {
            (_watchedBy ??= []).Add(watcher);
        }
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(Self))
        {
            _watchedBy?.Remove(watcher);
        }
    }

    private void WatchedActorTerminated(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (_watching is not null && _watching.Remove(actor, out var custom) && !_terminating)
        {
            (_terminatedQueued ??= []).Add(actor);
            var terminated = new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated);
            SendMessage(new WatchedTerminated(terminated, custom), actor);
        }

        if (_children.Contains(actor))
        {
            HandleChildTerminated(actor);
        }
    }

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null)
        {
            return;
        }

        foreach (var watcher in _watchedBy)
        {
            if (!watcher.Equals(Parent) && watcher is IInternalActorRef internalWatcher)
            {
                internalWatcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true, AddressTerminated: false));
            }
        }

        _watchedBy.Clear();
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is not null)
        {
            foreach (var watched in _watching.Keys)
            {
                ((IInternalActorRef)watched).SendSystemMessage(new Unwatch((IInternalActorRef)watched, SelfRef));
            }

            _watching.Clear();
        }

        _terminatedQueued?.Clear();
    }
}
