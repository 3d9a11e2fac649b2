namespace ActorPostmaster.Actors;

/// <summary>Gives an actor keyed timers that are bound to its lifecycle.</summary>
/// <remarks>
/// Akka.NET: <c>IWithTimers</c>. The kernel sets <see cref="Timers"/> right after the constructor returns (so start
/// timers in <c>PreStart</c> or later), cancels every timer on restart and stop, and drops a message from a timer that
/// was cancelled or replaced even when it is already in the mailbox.
/// </remarks>
public interface IWithTimers
{
    /// <summary>The actor's timers; set by the kernel.</summary>
    ITimerScheduler Timers { get; set; }
}

/// <summary>Keyed timers of one actor. Use only from inside the actor.</summary>
/// <remarks>Akka.NET: <c>ITimerScheduler</c>. Starting a timer with a key in use replaces the old one.</remarks>
public interface ITimerScheduler
{
    /// <summary>The keys of the timers that are active.</summary>
    IReadOnlyCollection<object> ActiveTimers { get; }

    /// <summary>Sends <paramref name="msg"/> to the actor every <paramref name="interval"/>, the first time after one interval.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="msg">The message.</param>
    /// <param name="interval">The period.</param>
    void StartPeriodicTimer(object key, object msg, TimeSpan interval);

    /// <summary>Sends <paramref name="msg"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="msg">The message.</param>
    /// <param name="initialDelay">Delay before the first message.</param>
    /// <param name="interval">The period.</param>
    void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Sends <paramref name="msg"/> once, after <paramref name="timeout"/>, with no sender.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="msg">The message.</param>
    /// <param name="timeout">The delay.</param>
    void StartSingleTimer(object key, object msg, TimeSpan timeout);

    /// <summary>Sends <paramref name="msg"/> once, after <paramref name="timeout"/>, from <paramref name="sender"/>.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="msg">The message.</param>
    /// <param name="timeout">The delay.</param>
    /// <param name="sender">The sender the actor sees.</param>
    void StartSingleTimer(object key, object msg, TimeSpan timeout, IActorRef? sender);

    /// <summary>Whether a timer with <paramref name="key"/> is active (a fired single timer is no longer active).</summary>
    /// <param name="key">The key.</param>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>; its message is dropped even if already queued.</summary>
    /// <param name="key">The key.</param>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}

/// <summary>INTERNAL API. A timer's message on its way, tagged with the timer's generation.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner) : IAutoReceivedMessage;

/// <summary>INTERNAL API. The timers of one actor incarnation, on the system scheduler.</summary>
internal sealed class TimerScheduler : ITimerScheduler
{
    private readonly ActorCell _cell;
    private readonly Dictionary<object, ActiveTimer> _timers = [];
    private int _generation;

    public TimerScheduler(ActorCell cell) => _cell = cell;

    public IReadOnlyCollection<object> ActiveTimers => [.. _timers.Keys];

    public void StartPeriodicTimer(object key, object msg, TimeSpan interval) => Start(key, msg, interval, interval, null);

    public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, msg, initialDelay, interval, null);

    public void StartSingleTimer(object key, object msg, TimeSpan timeout) => Start(key, msg, timeout, null, null);

    public void StartSingleTimer(object key, object msg, TimeSpan timeout, IActorRef? sender) => Start(key, msg, timeout, null, sender);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Task.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Task.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>The payload to deliver, or null when the timer was cancelled or replaced since the message was sent.</summary>
    public object? Intercept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation)
        {
            return null;
        }

        if (!timer.Repeating)
        {
            _timers.Remove(message.Key);
        }

        return message.Message;
    }

    private void Start(object key, object msg, TimeSpan delay, TimeSpan? interval, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(msg);
        Cancel(key);
        var generation = ++_generation;
        var message = new TimerMessage(key, generation, msg, this);
        var scheduler = _cell.System.Scheduler;
        var task = interval is { } period
            ? scheduler.ScheduleTellRepeatedlyCancelable(delay, period, _cell.SelfRef, message, sender)
            : scheduler.ScheduleTellOnceCancelable(delay, _cell.SelfRef, message, sender);
        _timers[key] = new ActiveTimer(generation, interval is not null, task);
    }

    private sealed record ActiveTimer(int Generation, bool Repeating, ICancelable Task);
}
