using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

internal sealed partial class ActorCell
{
    private SupervisorStrategy? _strategy;
    private bool _terminating;
    private bool _failed;
    private object? _failedMessage;
    private IActorRef? _perpetrator;
    private PendingAfterChildren _pending;

    /// <summary>What waits for the children being stopped to be gone.</summary>
    private enum PendingAfterChildren
    {
        None,
        Creation,
        Recreation,
        Termination,
    }

    public bool IsTerminating => _terminating;

    private Exception? PendingCause { get; set; }

    private SupervisorStrategy CurrentStrategy =>
        _strategy ??= Props.SupervisorStrategy ?? _actor?.SupervisorStrategyEntry() ?? SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// The actor failed: suspend it and its children (except a child whose failure is being escalated, which is
    /// suspended already) and tell the parent. The message being processed is dropped.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? failedMessage, IActorRef? perpetratorChild = null)
    {
        if (_terminating)
        {
            Publish(new Error(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Exception while stopping: {Message}", [cause.Message], cause));
            return;
        }

        if (_failed)
        {
            // Already waiting for the parent's decision: a second failure adds nothing to decide on.
            Publish(new Error(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Exception while failed: {Message}", [cause.Message], cause));
            return;
        }

        _failed = true;
        _failedMessage = failedMessage;
        _perpetrator = perpetratorChild;
        Mailbox.Suspend();
        SuspendChildren(except: perpetratorChild);
        ParentRef.SendSystemMessage(new Failed(SelfRef, cause, SelfRef.Path.Uid));
    }

    private void HandleFailed(Failed failed)
    {
        var stats = _children.Get(failed.Child);
        if (stats is null)
        {
            Publish(new Debug(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType,
                "Dropping Failed({Cause}) from unknown child {Child}", [failed.Cause.GetType().Name, failed.Child]));
            return;
        }

        if (!CurrentStrategy.HandleFailure(this, failed.Child, failed.Cause, stats, _children.Stats))
        {
            // Escalate: this actor fails with the child's exception; the child stays suspended until we are dealt with.
            HandleInvokeFailure(failed.Cause, failedMessage: null, perpetratorChild: failed.Child);
        }
    }

    private void SuspendChildren(IActorRef? except)
    {
        foreach (var child in _children.Refs)
        {
            if (!child.Equals(except))
            {
                ((IInternalActorRef)child).SendSystemMessage(Actors.Suspend.Instance);
            }
        }
    }

    private void ResumeChildren(Exception? causedByFailure, IActorRef? perpetrator)
    {
        foreach (var child in _children.Refs)
        {
            ((IInternalActorRef)child).SendSystemMessage(new Resume(child.Equals(perpetrator) ? causedByFailure : null));
        }
    }

    private void FaultSuspend()
    {
        Mailbox.Suspend();
        SuspendChildren(except: null);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_terminating)
        {
            return;
        }

        if (_actor is null)
        {
            // Its creation had failed; resuming means trying again.
            FaultCreate();
            return;
        }

        var perpetrator = _perpetrator;
        Mailbox.Resume();
        if (causedByFailure is not null)
        {
            ClearFailed();
        }

        ResumeChildren(causedByFailure, perpetrator);
    }

    private void FaultRecreate(Exception cause)
    {
        if (_terminating)
        {
            return;
        }

        if (_actor is null)
        {
            FaultCreate();
            return;
        }

        var failedActor = _actor;
        var message = _failed ? _failedMessage : null;
        try
        {
            failedActor.AroundPreRestart(cause, message);
        }
        catch (Exception e) when (!IsFatal(e))
        {
            Publish(new Error(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Exception in PreRestart: {Message}", [e.Message], e));
        }

        CancelReceiveTimeout();
        PendingCause = cause;
        if (_children.HasStopping)
        {
            _pending = PendingAfterChildren.Recreation;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        _pending = PendingAfterChildren.None;
        var survivors = _children.Refs;
        _actor = null;
        Mailbox.Resume();
        ClearFailed();
        try
        {
            var fresh = CreateInstance();
            fresh.AroundPostRestart(cause);
            CheckReceiveTimeout(reschedule: true);
            if (System.Settings.DebugLifecycle)
            {
                Publish(new Debug(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Restarted ({Actor})", [fresh]));
            }
        }
        catch (Exception e) when (!IsFatal(e))
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException($"{Self.Path}: exception in PostRestart", e) { Actor = Self }, failedMessage: null);
            return;
        }

        foreach (var survivor in survivors)
        {
            ((IInternalActorRef)survivor).SendSystemMessage(new Recreate(cause));
        }
    }

    /// <summary>Creation failed earlier: stop any children it made, then create afresh.</summary>
    private void FaultCreate()
    {
        SetReceiveTimeout(null);
        foreach (var child in _children.Refs)
        {
            Stop(child);
        }

        if (_children.HasStopping)
        {
            _pending = PendingAfterChildren.Creation;
        }
        else
        {
            FinishCreate();
        }
    }

    private void FinishCreate()
    {
        _pending = PendingAfterChildren.None;
        Mailbox.Resume();
        ClearFailed();
        Create();
    }

    private void ClearFailed()
    {
        _failed = false;
        _failedMessage = null;
        _perpetrator = null;
    }

    private void Terminate()
    {
        if (_terminating)
        {
            return;
        }

        _terminating = true;
        SetReceiveTimeout(null);
        UnwatchWatchedActors();
        _children.MarkAllStopping();
        foreach (var child in _children.Refs)
        {
            ((IInternalActorRef)child).SendSystemMessage(Actors.Terminate.Instance);
        }

        Mailbox.Suspend();
        if (_children.IsEmpty)
        {
            FinishTerminate();
        }
        else
        {
            _pending = PendingAfterChildren.Termination;
        }
    }

    private void HandleChildTerminated(IActorRef child)
    {
        _children.Remove(child);
        try
        {
            // The surviving children are listed only if the strategy looks at them: a snapshot per stopped child made
            // stopping N siblings cost O(N²) (a system with 100,000 actors took minutes to terminate).
            CurrentStrategy.HandleChildTerminated(this, child, SurvivingChildren());
        }
        catch (Exception e) when (!IsFatal(e))
        {
            HandleInvokeFailure(e, failedMessage: null);
        }

        if (_children.HasStopping)
        {
            return;
        }

        switch (_pending)
        {
            case PendingAfterChildren.Creation:
                FinishCreate();
                break;
            case PendingAfterChildren.Recreation:
                FinishRecreate(PendingCause!);
                break;
            case PendingAfterChildren.Termination when _children.IsEmpty:
                FinishTerminate();
                break;
        }
    }

    /// <summary>The live children, listed when enumerated (on the actor's thread, so as of the strategy's call).</summary>
    private IEnumerable<IActorRef> SurvivingChildren()
    {
        foreach (var child in _children.Refs)
        {
            yield return child;
        }
    }

    private void FinishTerminate()
    {
        _pending = PendingAfterChildren.None;
        var actor = _actor;
        try
        {
            actor?.AroundPostStop();
        }
        catch (Exception e) when (!IsFatal(e))
        {
            Publish(new Error(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Exception in PostStop: {Message}", [e.Message], e));
        }
        finally
        {
            _terminated = true;
            Mailbox.Close();
            ParentRef.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true, AddressTerminated: false));
            TellWatchersWeDied();
            UnwatchWatchedActors();
            _actor = null;
            _behaviors?.Clear();
            _taskScheduler = null;
            if (System.Settings.DebugLifecycle)
            {
                Publish(new Debug(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Stopped", []));
            }
        }
    }
}
