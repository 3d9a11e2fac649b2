namespace ActorPostmaster.Actors;

/// <summary>INTERNAL API. The system scheduler: one <see cref="ITimer"/> of the system's <see cref="TimeProvider"/> per entry.</summary>
internal sealed class TimeProviderScheduler : IScheduler, IDisposable
{
    private readonly object _lock = new();
    private readonly HashSet<Entry> _entries = []; // keeps timers rooted until they fire or are cancelled
    private bool _disposed;

    public TimeProviderScheduler(TimeProvider timeProvider) => TimeProvider = timeProvider;

    public TimeProvider TimeProvider { get; }

    public DateTimeOffset Now => TimeProvider.GetUtcNow();

    public ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(delay, null, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedlyCancelable(
        TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, null, action);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Schedule(initialDelay, interval, action);
    }

    public void Dispose()
    {
        Entry[] entries;
        lock (_lock)
        {
            _disposed = true;
            entries = [.. _entries];
            _entries.Clear();
        }

        foreach (var entry in entries)
        {
            entry.Cancel();
        }
    }

    private Entry Schedule(TimeSpan delay, TimeSpan? interval, Action action)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var entry = new Entry(this, action, interval is not null);
        lock (_lock)
        {
            if (_disposed)
            {
                entry.Cancel();
                return entry;
            }

            _entries.Add(entry);
        }

        entry.Start(TimeProvider, delay, interval ?? Timeout.InfiniteTimeSpan);
        return entry;
    }

    private void Forget(Entry entry)
    {
        lock (_lock)
        {
            _entries.Remove(entry);
        }
    }

    private sealed class Entry : ICancelable
    {
        private readonly TimeProviderScheduler _owner;
        private readonly Action _action;
        private readonly bool _repeating;
        private ITimer? _timer;
        private readonly object _gate = new();
        private volatile bool _cancelled;

        public Entry(TimeProviderScheduler owner, Action action, bool repeating)
        {
            _owner = owner;
            _action = action;
            _repeating = repeating;
        }

        public bool IsCancellationRequested => _cancelled;

        public void Start(TimeProvider timeProvider, TimeSpan delay, TimeSpan period)
        {
            var timer = timeProvider.CreateTimer(static state => ((Entry)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            lock (_gate)
            {
                _timer = timer;
                if (_cancelled)
                {
                    timer.Dispose();
                    return;
                }
            }

            timer.Change(delay, period);
        }

        public void Cancel()
        {
            ITimer? timer;
            lock (_gate)
            {
                _cancelled = true;
                timer = _timer;
            }

            timer?.Dispose();
            _owner.Forget(this);
        }

        private void Fire()
        {
            if (_cancelled)
            {
                return;
            }

            if (!_repeating)
            {
                _owner.Forget(this);
                _timer?.Dispose();
            }

            _action();
        }
    }
}
