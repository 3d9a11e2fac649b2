using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

/// <summary>A finite-state machine actor: a state name, state data, and one state function per state.</summary>
/// <remarks>
/// <para>
/// Akka.NET: <c>FSM&lt;TState, TData&gt;</c>. In the constructor call <see cref="StartWith"/>, <see cref="When"/> for
/// each state, optionally <see cref="OnTransition"/>, <see cref="WhenUnhandled"/> and <see cref="OnTermination"/>, and
/// finally <see cref="Initialize"/>. A state function returns the next state (<see cref="GoTo(TState)"/>,
/// <see cref="Stay"/>, <see cref="Stop()"/>, refined with <c>Using</c>, <c>ForMax</c>, <c>Replying</c>) or null when it
/// does not handle the event.
/// </para>
/// <para>
/// A state timeout (given to <see cref="When"/> or with <c>ForMax</c>) sends <see cref="FSMBase.StateTimeout"/> when no
/// message arrived in that state in time; any other message cancels it, and a timeout message that is already queued
/// when another message arrives is dropped. Going to a state that has no <see cref="When"/> stops the FSM with a
/// <see cref="FSMBase.Failure"/>. Transition handlers and subscribers are told when the state name changes, and on a
/// <c>GoTo</c> to the same state; not on <c>Stay</c>.
/// </para>
/// </remarks>
/// <typeparam name="TState">The state names (usually an enum).</typeparam>
/// <typeparam name="TData">The state data.</typeparam>
public abstract class FSM<TState, TData> : FSMBase
    where TState : notnull
{
    private readonly Dictionary<TState, StateFunction> _stateFunctions = [];
    private readonly Dictionary<TState, TimeSpan?> _stateTimeouts = [];
    private readonly List<TransitionHandler> _transitionHandlers = [];
    private readonly List<IActorRef> _listeners = [];
    private readonly TimerScheduler _timers;
    private State<TState, TData>? _currentState;
    private State<TState, TData>? _nextState;
    private StateFunction? _handleUnhandled;
    private Action<StopEvent<TState, TData>>? _onTermination;
    private ICancelable? _timeoutFuture;
    private int _generation;
    private ILoggingAdapter? _log;

    /// <summary>Creates the FSM; call <see cref="StartWith"/> and <see cref="Initialize"/> in the derived constructor.</summary>
    protected FSM() => _timers = new TimerScheduler(Cell);

    /// <summary>A state function: the next state, or null when the event is not handled here.</summary>
    /// <param name="fsmEvent">The event and the current data.</param>
    public delegate State<TState, TData>? StateFunction(Event<TData> fsmEvent);

    /// <summary>Called on every notified transition, with the old and the new state.</summary>
    /// <param name="initialState">The state left.</param>
    /// <param name="nextState">The state entered.</param>
    public delegate void TransitionHandler(TState initialState, TState nextState);

    /// <summary>The current state.</summary>
    /// <exception cref="IllegalActorStateException">Before <see cref="StartWith"/>.</exception>
    public TState StateName => Current.StateName;

    /// <summary>The current state data.</summary>
    public TData StateData => Current.StateData;

    /// <summary>The data of the state being entered; valid only inside transition handlers.</summary>
    /// <exception cref="InvalidOperationException">Outside a transition handler.</exception>
    public TData NextStateData =>
        _nextState is { } next ? next.StateData : throw new InvalidOperationException("NextStateData is only available during OnTransition.");

    /// <summary>The FSM's logger.</summary>
    protected ILoggingAdapter Log => _log ??= Logging.GetLogger(Context);

    private State<TState, TData> Current =>
        _currentState ?? throw new IllegalActorStateException("You must call StartWith before using the FSM's state.");

    /// <summary>Sets the initial state, data and (optionally) timeout.</summary>
    /// <param name="stateName">The state.</param>
    /// <param name="stateData">The data.</param>
    /// <param name="timeout">A timeout overriding the state's own.</param>
    /// <remarks>Entering the initial state (in <see cref="Initialize"/>) is not reported as a transition.</remarks>
    public void StartWith(TState stateName, TData stateData, TimeSpan? timeout = null) =>
        _currentState = new State<TState, TData>(stateName, stateData, timeout).WithNotification(false);

    /// <summary>Declares the state function of <paramref name="stateName"/>; a second call adds a fallback to the first.</summary>
    /// <param name="stateName">The state.</param>
    /// <param name="func">Handles events in that state.</param>
    /// <param name="timeout">The state's timeout, if any.</param>
    public void When(TState stateName, StateFunction func, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        if (_stateFunctions.TryGetValue(stateName, out var existing))
        {
            _stateFunctions[stateName] = e => existing(e) ?? func(e);
            _stateTimeouts[stateName] = timeout ?? _stateTimeouts[stateName];
        }
        else
        {
            _stateFunctions[stateName] = func;
            _stateTimeouts[stateName] = timeout;
        }
    }

    /// <summary>Handles what no state function handled; by default such events are logged at Warning and the FSM stays.</summary>
    /// <param name="stateFunction">The handler.</param>
    public void WhenUnhandled(StateFunction stateFunction)
    {
        ArgumentNullException.ThrowIfNull(stateFunction);
        var previous = _handleUnhandled;
        _handleUnhandled = previous is null ? stateFunction : e => stateFunction(e) ?? previous(e);
    }

    /// <summary>Adds a transition handler.</summary>
    /// <param name="transitionHandler">The handler.</param>
    public void OnTransition(TransitionHandler transitionHandler)
    {
        ArgumentNullException.ThrowIfNull(transitionHandler);
        _transitionHandlers.Add(transitionHandler);
    }

    /// <summary>Sets what runs when the FSM stops, with the reason, the last state and its data.</summary>
    /// <param name="terminationHandler">The handler.</param>
    public void OnTermination(Action<StopEvent<TState, TData>> terminationHandler)
    {
        ArgumentNullException.ThrowIfNull(terminationHandler);
        _onTermination = terminationHandler;
    }

    /// <summary>Sets or clears the timeout of <paramref name="state"/>.</summary>
    /// <param name="state">The state.</param>
    /// <param name="timeout">The timeout, or null.</param>
    public void SetStateTimeout(TState state, TimeSpan? timeout) => _stateTimeouts[state] = timeout;

    /// <summary>Enters the initial state: arms its timeout. Call it last in the constructor.</summary>
    public void Initialize()
    {
        if (_currentState is not null)
        {
            MakeTransition(_currentState);
        }
    }

    /// <summary>The next state is <paramref name="nextStateName"/> (transition handlers are told, even when it is the current state).</summary>
    /// <param name="nextStateName">The state.</param>
    public State<TState, TData> GoTo(TState nextStateName) => new(nextStateName, Current.StateData);

    /// <summary>The next state is <paramref name="nextStateName"/> with <paramref name="stateData"/>.</summary>
    /// <param name="nextStateName">The state.</param>
    /// <param name="stateData">Its data.</param>
    public State<TState, TData> GoTo(TState nextStateName, TData stateData) => new(nextStateName, stateData);

    /// <summary>Stay in the current state (no transition is reported).</summary>
    public State<TState, TData> Stay() => GoTo(Current.StateName).WithNotification(false);

    /// <summary>Stop with <see cref="FSMBase.Normal"/>.</summary>
    public State<TState, TData> Stop() => Stop(Normal.Instance);

    /// <summary>Stop with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why.</param>
    public State<TState, TData> Stop(Reason reason) => Stop(reason, Current.StateData);

    /// <summary>Stop with <paramref name="reason"/> and final data.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="stateData">The final data handed to the termination handler.</param>
    public State<TState, TData> Stop(Reason reason, TData stateData) => Stay().Using(stateData).WithStopReason(reason);

    /// <summary>Starts a named timer that sends <paramref name="msg"/> to the FSM (once or repeatedly).</summary>
    /// <param name="name">The timer's name; reusing it replaces the timer.</param>
    /// <param name="msg">The message.</param>
    /// <param name="timeout">The delay (and period when <paramref name="repeat"/>).</param>
    /// <param name="repeat">Whether it repeats.</param>
    public void SetTimer(string name, object msg, TimeSpan timeout, bool repeat = false)
    {
        if (repeat)
        {
            _timers.StartPeriodicTimer(name, msg, timeout);
        }
        else
        {
            _timers.StartSingleTimer(name, msg, timeout);
        }
    }

    /// <summary>Cancels a named timer; its message is dropped even if already queued.</summary>
    /// <param name="name">The timer's name.</param>
    public void CancelTimer(string name) => _timers.Cancel(name);

    /// <summary>Whether a named timer is active.</summary>
    /// <param name="name">The timer's name.</param>
    public bool IsTimerActive(string name) => _timers.IsTimerActive(name);

    /// <summary>Whether the state timeout is armed.</summary>
    public bool IsStateTimerActive => _timeoutFuture is { IsCancellationRequested: false };

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        switch (message)
        {
            case TimeoutMarker marker:
                if (marker.Generation == _generation)
                {
                    _timeoutFuture = null;
                    ProcessEvent(new Event<TData>(StateTimeout.Instance, Current.StateData));
                }

                return true;
            case SubscribeTransitionCallBack subscribe:
                if (!_listeners.Contains(subscribe.ActorRef))
                {
                    _listeners.Add(subscribe.ActorRef);
                }

                subscribe.ActorRef.Tell(new CurrentState<TState>(Self, Current.StateName), Self);
                return true;
            case UnsubscribeTransitionCallBack unsubscribe:
                _listeners.Remove(unsubscribe.ActorRef);
                return true;
            case TestSetState setState:
                CancelStateTimeout();
                ApplyState((State<TState, TData>)setState.State);
                setState.Done?.TrySetResult();
                return true;
            default:
                CancelStateTimeout();
                ProcessEvent(new Event<TData>(message, Current.StateData));
                return true;
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        StopFsm(Stay().WithStopReason(Shutdown.Instance));
        base.PostStop();
    }

    internal override void AroundPostStop()
    {
        _timers.CancelAll();
        base.AroundPostStop();
    }

    internal override void AroundPreRestart(Exception reason, object? message)
    {
        _timers.CancelAll();
        base.AroundPreRestart(reason, message);
    }

    private void CancelStateTimeout()
    {
        _timeoutFuture?.Cancel();
        _timeoutFuture = null;
        _generation++;
    }

    private void ProcessEvent(Event<TData> fsmEvent)
    {
        var stateFunction = _stateFunctions.GetValueOrDefault(Current.StateName);
        var next = stateFunction?.Invoke(fsmEvent) ?? _handleUnhandled?.Invoke(fsmEvent) ?? HandleUnhandledByDefault(fsmEvent);
        ApplyState(next);
    }

    private State<TState, TData> HandleUnhandledByDefault(Event<TData> fsmEvent)
    {
        Log.Warning("unhandled event {Event} in state {State}", fsmEvent.FsmEvent, Current.StateName);
        return Stay();
    }

    private void ApplyState(State<TState, TData> nextState)
    {
        if (nextState.StopReason is null)
        {
            MakeTransition(nextState);
            return;
        }

        SendReplies(nextState);
        StopFsm(nextState);
        Context.Stop(Self);
    }

    private void MakeTransition(State<TState, TData> nextState)
    {
        if (!_stateFunctions.ContainsKey(nextState.StateName))
        {
            StopFsm(Stay().WithStopReason(new Failure($"Next state {nextState.StateName} does not exist")));
            Context.Stop(Self);
            return;
        }

        SendReplies(nextState);
        var current = _currentState!;
        if (!EqualityComparer<TState>.Default.Equals(current.StateName, nextState.StateName) || nextState.Notifies)
        {
            _nextState = nextState;
            foreach (var handler in _transitionHandlers)
            {
                handler(current.StateName, nextState.StateName);
            }

            var transition = new Transition<TState>(Self, current.StateName, nextState.StateName);
            foreach (var listener in _listeners)
            {
                listener.Tell(transition, Self);
            }

            _nextState = null;
        }

        _currentState = nextState with { Replies = [], Notifies = true };
        var timeout = nextState.Timeout ?? _stateTimeouts.GetValueOrDefault(nextState.StateName);
        if (timeout is { } t && t > TimeSpan.Zero)
        {
            _timeoutFuture = Cell.System.Scheduler.ScheduleTellOnceCancelable(t, Self, new TimeoutMarker(_generation), Self);
        }
    }

    private void SendReplies(State<TState, TData> nextState)
    {
        if (nextState.Replies.Count == 0)
        {
            return;
        }

        var sender = Cell.Sender;
        foreach (var reply in nextState.Replies)
        {
            sender.Tell(reply, Self);
        }
    }

    private void StopFsm(State<TState, TData> nextState)
    {
        if (_currentState is null || _currentState.StopReason is not null)
        {
            return;
        }

        var reason = nextState.StopReason!;
        if (reason is Failure failure)
        {
            if (failure.Cause is Exception exception)
            {
                Log.Error(exception, "terminating due to Failure");
            }
            else
            {
                Log.Error("terminating due to Failure: {Cause}", failure.Cause);
            }
        }

        _timers.CancelAll();
        CancelStateTimeout();
        _currentState = nextState;
        _onTermination?.Invoke(new StopEvent<TState, TData>(reason, nextState.StateName, nextState.StateData));
    }

    private sealed record TimeoutMarker(int Generation) : INotInfluenceReceiveTimeout;
}

/// <summary>INTERNAL API. Sets an FSM's state from a TestKit (TestFSMRef.SetState), on the FSM's own thread.</summary>
internal sealed record TestSetState(object State, TaskCompletionSource? Done);
