namespace ActorPostmaster.Actors;

/// <summary>
/// Runs every actor of a system on one logical thread, in an order chosen by a seeded pseudo-random source, with
/// all time on a <see cref="VirtualClock"/>.
/// </summary>
/// <remarks>
/// <para>
/// No Akka.NET counterpart (Akka's CallingThreadDispatcher runs on the caller's thread but has no seeded order and no
/// virtual time). Nothing runs until somebody pumps: <see cref="RunOne"/>, <see cref="RunUntilIdle"/>,
/// <see cref="Advance"/> or <see cref="RunUntil"/> (which the TestKit's expectations and <c>Ask</c> from outside the
/// system call for you). With the same seed and the same inputs, the system processes the same messages in the same
/// order, every time.
/// </para>
/// <para>
/// Among the runnable actors one is picked at random (seeded) and runs one scheduling: its system messages and up to
/// <see cref="MessageDispatcher.Throughput"/> user messages. Per-sender order is kept, because each mailbox is FIFO.
/// Time moves only in <see cref="Advance"/>, or in <see cref="RunUntil"/> when the system is idle and a timer is due
/// before the deadline. Work that completes outside the system (real I/O awaited in an async receive) is not under
/// the dispatcher's control and is not deterministic.
/// </para>
/// <para>Pump from one thread at a time, never from inside an actor.</para>
/// </remarks>
public sealed class DeterministicDispatcher : MessageDispatcher
{
    private readonly object _lock = new();
    private readonly List<IThreadPoolWorkItem> _runnable = []; // mailboxes and posted actions
    private readonly DeterministicRandom _random;
    private int _pumpingThread;
    private SynchronizationContext? _pumpingThreadContext;

    /// <summary>Creates a deterministic dispatcher.</summary>
    /// <param name="id">The dispatcher id.</param>
    /// <param name="throughput">User messages per scheduling; 1 gives the finest interleaving.</param>
    /// <param name="seed">The seed of the scheduling order.</param>
    /// <param name="clock">The virtual clock the system's timers run on.</param>
    public DeterministicDispatcher(string id, int throughput, long seed, VirtualClock clock)
        : base(id, throughput)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Seed = seed;
        Clock = clock;
        _random = new DeterministicRandom(seed);
    }

    /// <summary>The seed the scheduling order was drawn from.</summary>
    public long Seed { get; }

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock { get; }

    /// <summary>How many schedulings have run so far.</summary>
    public long Steps { get; private set; }

    /// <summary>The most schedulings one pump call may run before it gives up (a guard against actors that never go idle).</summary>
    public long MaxStepsPerPump { get; init; } = 10_000_000;

    /// <summary>The number of actors waiting to run.</summary>
    public int RunnableCount
    {
        get
        {
            lock (_lock)
            {
                return _runnable.Count;
            }
        }
    }

    /// <summary>True when no actor is waiting to run.</summary>
    public bool IsIdle => RunnableCount == 0;

    /// <summary>Runs one scheduling of one runnable actor, chosen by the seeded source.</summary>
    /// <returns>False when nothing was runnable.</returns>
    public bool RunOne()
    {
        EnterPump();
        try
        {
            return RunOneCore();
        }
        finally
        {
            ExitPump();
        }
    }

    /// <summary>Runs until no actor is runnable. Time does not move.</summary>
    /// <returns>The number of schedulings that ran.</returns>
    public long RunUntilIdle()
    {
        EnterPump();
        try
        {
            return RunUntilIdleCore();
        }
        finally
        {
            ExitPump();
        }
    }

    /// <summary>
    /// Moves virtual time forward by <paramref name="duration"/>, firing every timer that falls due on the way, in due
    /// order, and running the system until idle after each instant at which timers fired.
    /// </summary>
    /// <param name="duration">How far to move; zero just runs until idle.</param>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        EnterPump();
        try
        {
            var target = Clock.GetUtcNow() + duration;
            RunUntilIdleCore();
            while (Clock.NextDueTime is { } next && next <= target)
            {
                Clock.AdvanceTo(next);
                RunUntilIdleCore();
            }

            Clock.AdvanceTo(target);
            RunUntilIdleCore();
        }
        finally
        {
            ExitPump();
        }
    }

    /// <summary>
    /// Runs the system until <paramref name="condition"/> holds. Whenever the system is idle, virtual time jumps to the
    /// next due timer, but never past <paramref name="deadline"/>; with no deadline, time does not move.
    /// </summary>
    /// <param name="condition">Checked before every scheduling.</param>
    /// <param name="deadline">The latest virtual time to move to; when reached with the condition still false, the clock stays there.</param>
    /// <returns>Whether the condition holds at the end.</returns>
    public bool RunUntil(Func<bool> condition, DateTimeOffset? deadline)
    {
        ArgumentNullException.ThrowIfNull(condition);
        EnterPump();
        try
        {
            long steps = 0;
            while (!condition())
            {
                if (RunOneCore())
                {
                    GuardSteps(ref steps);
                    continue;
                }

                if (deadline is not { } limit)
                {
                    return condition();
                }

                var now = Clock.GetUtcNow();
                if (Clock.NextDueTime is { } next && next <= limit)
                {
                    Clock.AdvanceTo(next);
                    continue;
                }

                if (now >= limit)
                {
                    return condition();
                }

                Clock.AdvanceTo(limit);
            }

            return true;
        }
        finally
        {
            ExitPump();
        }
    }

    /// <summary>True when the calling thread is pumping this dispatcher right now.</summary>
    internal bool IsPumpingOnCurrentThread => Volatile.Read(ref _pumpingThread) == Environment.CurrentManagedThreadId;

    private protected override void Execute(Mailbox mailbox)
    {
        lock (_lock)
        {
            _runnable.Add(mailbox);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> as a step of the pump, outside any actor (completions of Ask promises, so
    /// that their continuations run inside the deterministic schedule and not on the thread pool).
    /// </summary>
    internal void Post(Action action)
    {
        lock (_lock)
        {
            _runnable.Add(new PostedAction(action));
        }
    }

    private bool RunOneCore()
    {
        IThreadPoolWorkItem item;
        lock (_lock)
        {
            if (_runnable.Count == 0)
            {
                return false;
            }

            var index = _random.NextInt(_runnable.Count);
            item = _runnable[index];
            _runnable[index] = _runnable[^1];
            _runnable.RemoveAt(_runnable.Count - 1);
        }

        Steps++;
        item.Execute();
        return true;
    }

    private long RunUntilIdleCore()
    {
        long steps = 0;
        while (RunOneCore())
        {
            GuardSteps(ref steps);
        }

        return steps;
    }

    private void GuardSteps(ref long steps)
    {
        if (++steps > MaxStepsPerPump)
        {
            throw new InvalidOperationException(
                $"The system did not become idle within {MaxStepsPerPump} schedulings; an actor probably keeps sending to itself.");
        }
    }

    private void EnterPump()
    {
        if (ActorCell.Current is not null)
        {
            throw new InvalidOperationException("The deterministic dispatcher cannot be pumped from inside an actor.");
        }

        var me = Environment.CurrentManagedThreadId;
        if (Interlocked.CompareExchange(ref _pumpingThread, me, 0) != 0)
        {
            throw new InvalidOperationException(
                "The deterministic dispatcher is already being pumped (re-entrantly or from another thread).");
        }

        // Every step runs with no ambient synchronization context: under a custom one (xUnit's) .NET refuses to run
        // await continuations inline and sends them to the thread pool, outside the deterministic schedule.
        _pumpingThreadContext = SynchronizationContext.Current;
        if (_pumpingThreadContext is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    private void ExitPump()
    {
        if (_pumpingThreadContext is { } context)
        {
            _pumpingThreadContext = null;
            SynchronizationContext.SetSynchronizationContext(context);
        }

        Volatile.Write(ref _pumpingThread, 0);
    }

    private sealed class PostedAction(Action action) : IThreadPoolWorkItem
    {
        public void Execute() => action();
    }
}
