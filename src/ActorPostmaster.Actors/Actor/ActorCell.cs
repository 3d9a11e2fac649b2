using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

/// <summary>
/// INTERNAL API. Everything the kernel keeps about one actor: its instance, behaviour stack, children, watchers and
/// fault-handling state. Two entry points, both called by its <see cref="Mailbox"/> on the actor's thread of control:
/// <see cref="Invoke"/> for user messages and <see cref="SystemInvoke"/> for system messages.
/// </summary>
/// <remarks>Split by concern: Children, DeathWatch, FaultHandling, ReceiveTimeout, Tasks.</remarks>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_current;

    // The behaviours pushed above the actor's own Receive, created by the first Become. The initial behaviour is not
    // stored (a delegate per actor would cost 64 bytes of every idle actor): an empty stack means actor.Receive.
    // Akka's behaviour stack depth is therefore _behaviors.Count + 1.
    private Stack<Receive>? _behaviors;
    private ActorBase? _actor;
    private Envelope _currentEnvelope;
    private long _messageSequence;
    private bool _creatingActor;
    private volatile bool _terminated;

    public ActorCell(ActorSystem system, IInternalActorRef parent, Props props, ActorPath path, MessageDispatcher dispatcher)
    {
        System = system;
        ParentRef = parent;
        Props = props;
        Dispatcher = dispatcher;
        SelfRef = new LocalActorRef(this, path);
        Mailbox = new Mailbox(this, dispatcher);
    }

    /// <summary>The cell whose actor runs on this thread right now, if any.</summary>
    internal static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public MessageDispatcher Dispatcher { get; }

    public LocalActorRef SelfRef { get; }

    public IInternalActorRef ParentRef { get; }

    public Mailbox Mailbox { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Parent => ParentRef;

    public IActorRef Sender => _currentEnvelope.Sender ?? System.DeadLetters;

    public bool IsTerminated => _terminated;

    public bool IsCreatingActor => _creatingActor;

    /// <summary>The current instance (null before creation, after a failed creation and after stop).</summary>
    public ActorBase? Actor => _actor;

    /// <summary>The envelope being processed; what the stash stores.</summary>
    public Envelope CurrentEnvelope => _currentEnvelope;

    /// <summary>Increases with every user message processed; tells stashed envelopes apart.</summary>
    public long MessageSequence => _messageSequence;

    public void Start() => SendSystemMessage(CreateActor.Instance);

    public void SendMessage(object message, IActorRef sender) => Mailbox.Enqueue(new Envelope(message, sender));

    public void SendSystemMessage(SystemMessage message) => Mailbox.SystemEnqueue(message);

    /// <summary>Processes one user message. Exceptions become failures reported to the parent; the message is dropped.</summary>
    public void Invoke(Envelope envelope)
    {
        _currentEnvelope = envelope;
        _messageSequence++;
        var message = envelope.Message;
        var influencesTimeout = InfluencesReceiveTimeout(message);
        if (influencesTimeout)
        {
            CancelReceiveTimeout();
        }

        try
        {
            if (message is IAutoReceivedMessage)
            {
                AutoReceiveMessage(envelope);
            }
            else
            {
                ReceiveMessage(message);
            }
        }
        catch (Exception e) when (!IsFatal(e))
        {
            HandleInvokeFailure(e, failedMessage: _currentEnvelope.Message);
        }
        finally
        {
            CheckReceiveTimeout(influencesTimeout);
        }
    }

    /// <summary>Processes one system message.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case CreateActor:
                    Create();
                    break;
                case Watch watch:
                    AddWatcher(watch.Watchee, watch.Watcher);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch.Watchee, unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    WatchedActorTerminated(notification);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Resume resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case Actors.Terminate:
                    Terminate();
                    break;
                case RunTask runTask:
                    RunTaskContinuation(runTask);
                    break;
                case AsyncReceiveCompleted completed:
                    OnAsyncReceiveCompleted(completed);
                    break;
            }
        }
        catch (Exception e) when (!IsFatal(e))
        {
            HandleInvokeFailure(e, failedMessage: null);
        }
    }

    /// <summary>A user message that can no longer be delivered (closed mailbox) becomes a dead letter.</summary>
    public void DeadLetter(Envelope envelope)
    {
        switch (envelope.Message)
        {
            case DeadLetter deadLetter:
                System.DeadLetters.Tell(deadLetter, envelope.Sender);
                break;
            case ReceiveTimeoutMarker or TimerMessage:
                break; // the actor's own bookkeeping; nobody else sent it
            case WatchedTerminated watched:
                System.DeadLetters.Tell(new DeadLetter(watched.Terminated, envelope.Sender, Self), envelope.Sender);
                break;
            default:
                System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, Self), envelope.Sender);
                break;
        }
    }

    /// <summary>System messages that reach a stopped actor: a late Watch is answered so the watcher is not left waiting.</summary>
    public static void HandleSystemMessageAfterClose(SystemMessage message) => DeadLetterActorRef.AnswerWatch(message);

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (_behaviors is { Count: > 0 })
        {
            _behaviors.Pop();
        }

        (_behaviors ??= new()).Push(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviors ??= new()).Push(receive);
    }

    public void UnbecomeStacked()
    {
        if (_behaviors is { Count: > 0 })
        {
            _behaviors.Pop();
        }
    }

    public override string ToString() => $"ActorCell({SelfRef})";

    internal static bool IsFatal(Exception e) => e is OutOfMemoryException or InsufficientExecutionStackException or AccessViolationException;

    private static bool InfluencesReceiveTimeout(object message) => message switch
    {
        TimerMessage timer => timer.Message is not INotInfluenceReceiveTimeout,
        INotInfluenceReceiveTimeout => false,
        _ => true,
    };

    private void AutoReceiveMessage(Envelope envelope)
    {
        switch (envelope.Message)
        {
            case WatchedTerminated watched:
                if (_terminatedQueued is not null && _terminatedQueued.Remove(watched.Terminated.ActorRef))
                {
                    var delivered = watched.CustomMessage ?? watched.Terminated;
                    _currentEnvelope = envelope with { Message = delivered };
                    ReceiveMessage(delivered);
                }

                break;
            case TimerMessage timer:
                if (timer.Owner.Intercept(timer) is { } timerPayload)
                {
                    _currentEnvelope = envelope with { Message = timerPayload };
                    if (timerPayload is IAutoReceivedMessage)
                    {
                        AutoReceiveMessage(_currentEnvelope);
                    }
                    else
                    {
                        ReceiveMessage(timerPayload);
                    }
                }

                break;
            case ReceiveTimeoutMarker marker:
                if (marker.Generation == _receiveTimeoutGeneration && _receiveTimeout is not null)
                {
                    _receiveTimeoutTimer = null;
                    _currentEnvelope = envelope with { Message = Actors.ReceiveTimeout.Instance };
                    ReceiveMessage(Actors.ReceiveTimeout.Instance);
                }

                break;
            case PoisonPill:
                System.Tracer?.OnReceive(Self, envelope.Message, Sender);
                Stop(Self);
                break;
            case Kill:
                System.Tracer?.OnReceive(Self, envelope.Message, Sender);
                throw new ActorKilledException("Kill");
            default:
                ReceiveMessage(envelope.Message);
                break;
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor;
        if (actor is null)
        {
            DeadLetter(_currentEnvelope);
            return;
        }

        System.Tracer?.OnReceive(Self, message, Sender);
        var handled = _behaviors is { Count: > 0 } behaviors ? behaviors.Peek()(message) : actor.ReceiveEntry(message);
        if (!handled)
        {
            actor.AroundUnhandled(message);
        }
    }

    private ActorBase CreateInstance()
    {
        _creatingActor = true;
        ActorBase instance;
        try
        {
            instance = Props.NewActor();
        }
        finally
        {
            _creatingActor = false;
        }

        if (!ReferenceEquals(instance.Cell, this))
        {
            throw new InvalidOperationException($"The factory of {Props.ActorType} must create a new instance on every call.");
        }

        instance.OnConstructed();
        if (instance is IWithTimers withTimers)
        {
            withTimers.Timers = new TimerScheduler(this);
        }

        if (instance is IWithUnboundedStash withStash)
        {
            withStash.Stash = new UnboundedStash(this);
        }

        _behaviors?.Clear();
        _actor = instance;
        _strategy = null;
        _taskScheduler = null;
        Mailbox.AwaitingTask = false;
        return instance;
    }

    private void Create()
    {
        try
        {
            var actor = CreateInstance();
            actor.AroundPreStart();
            CheckReceiveTimeout(reschedule: true);
            if (System.Settings.DebugLifecycle)
            {
                Publish(new Debug(System.Scheduler.Now, Self.Path.ToString(), Props.ActorType, "Started ({Actor})", [actor]));
            }
        }
        catch (Exception e) when (!IsFatal(e))
        {
            _actor = null;
            HandleInvokeFailure(
                new ActorInitializationException($"{Self.Path}: exception during creation", e) { Actor = Self },
                failedMessage: null);
        }
    }

    private void Publish(LogEvent logEvent) => System.EventStream.Publish(logEvent);
}

/// <summary>INTERNAL API. A death notification queued as a user message, so it arrives after what was already queued.</summary>
internal sealed record WatchedTerminated(Terminated Terminated, object? CustomMessage) : IAutoReceivedMessage;

/// <summary>INTERNAL API. A receive-timeout tick; stale generations are dropped.</summary>
internal sealed record ReceiveTimeoutMarker(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
