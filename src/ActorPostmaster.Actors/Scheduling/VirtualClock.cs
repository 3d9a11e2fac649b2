namespace ActorPostmaster.Actors;

/// <summary>A <see cref="TimeProvider"/> whose time moves only when told to.</summary>
/// <remarks>
/// The deterministic dispatcher's clock. Timers created through it (the system scheduler, actor timers, receive and
/// state timeouts, Ask timeouts, and <c>Task.Delay(delay, clock)</c>) fire inside <see cref="AdvanceTo"/>, in due
/// order (ties in creation order), on the calling thread. Time zone is UTC.
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly object _lock = new();
    private readonly SortedSet<VirtualTimer> _timers = new(VirtualTimer.DueOrder);
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Creates a clock that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The initial time; fixed starts make log timestamps reproducible.</param>
    public VirtualClock(DateTimeOffset start)
    {
        _start = start;
        _now = start;
    }

    /// <summary>The default start of virtual time: 2000-01-01T00:00:00Z.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far the clock has moved since it started.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
            {
                return _now - _start;
            }
        }
    }

    /// <summary>When the earliest pending timer falls due, or null when no timer is pending.</summary>
    public DateTimeOffset? NextDueTime
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count == 0 ? null : _timers.Min!.Due;
            }
        }
    }

    /// <summary>The number of pending timers.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => Elapsed.Ticks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="duration"/>, firing due timers on the way.</summary>
    /// <param name="duration">How far to move.</param>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        AdvanceTo(GetUtcNow() + duration);
    }

    /// <summary>Moves time to <paramref name="target"/>, firing every timer due at or before it, in due order.</summary>
    /// <param name="target">The new time; a time in the past leaves the clock where it is.</param>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            VirtualTimer timer;
            lock (_lock)
            {
                if (_timers.Count == 0 || _timers.Min!.Due > target)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                timer = _timers.Min!;
                _timers.Remove(timer);
                if (timer.Due > _now)
                {
                    _now = timer.Due;
                }

                if (timer.Period > TimeSpan.Zero)
                {
                    timer.Reschedule(timer.Due + timer.Period, ++_sequence);
                    _timers.Add(timer);
                }
            }

            timer.Fire();
        }
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            timer.Reschedule(_now + dueTime, ++_sequence);
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            _timers.Add(timer);
        }
    }

    private void Remove(VirtualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class VirtualTimer : ITimer
    {
        public static readonly IComparer<VirtualTimer> DueOrder = Comparer<VirtualTimer>.Create((a, b) =>
        {
            var byDue = a.Due.CompareTo(b.Due);
            return byDue != 0 ? byDue : a.Sequence.CompareTo(b.Sequence);
        });

        private readonly VirtualClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private volatile bool _disposed;

        public VirtualTimer(VirtualClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset Due { get; private set; }

        public long Sequence { get; private set; }

        public TimeSpan Period { get; set; }

        public void Reschedule(DateTimeOffset due, long sequence)
        {
            Due = due;
            Sequence = sequence;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            _clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                _callback(_state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
