namespace ActorPostmaster;

/// <summary>
/// A process latch (storage/ipc/latch.c): a flag that signals set and a sleeping process waits on. Setting it wakes
/// whoever waits in <see cref="WaitAsync"/>; when nobody waits, the owner's wake-up callback runs instead (for an actor,
/// a message that makes it look at its pending interrupts).
/// </summary>
/// <remarks>Thread-safe. Waiting never holds a thread: it is a task that completes on set or on timeout (on the given clock).</remarks>
public sealed class Latch
{
    private readonly object _lock = new();
    private readonly Action? _wakeOwner;
    private bool _isSet;
    private TaskCompletionSource? _waiter;

    /// <summary>Creates a latch.</summary>
    /// <param name="wakeOwner">Runs when the latch is set while nobody waits on it; null for none.</param>
    public Latch(Action? wakeOwner = null) => _wakeOwner = wakeOwner;

    /// <summary>Whether the latch is set.</summary>
    public bool IsSet
    {
        get
        {
            lock (_lock)
            {
                return _isSet;
            }
        }
    }

    /// <summary>Sets the latch (SetLatch): wakes the waiter, or the owner when nobody waits.</summary>
    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_isSet)
            {
                return;
            }

            _isSet = true;
            waiter = _waiter;
            _waiter = null;
        }

        if (waiter is not null)
        {
            waiter.TrySetResult();
        }
        else
        {
            _wakeOwner?.Invoke();
        }
    }

    /// <summary>Clears the latch (ResetLatch); done before re-checking the conditions waited for.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _isSet = false;
        }
    }

    /// <summary>Waits until the latch is set or <paramref name="timeout"/> passes (WaitLatch with WL_TIMEOUT).</summary>
    /// <param name="timeout">How long to wait; null for no limit.</param>
    /// <param name="clock">The clock the timeout runs on (virtual in tests).</param>
    /// <returns>True when the latch was set, false on timeout.</returns>
    public async Task<bool> WaitAsync(TimeSpan? timeout, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_isSet)
            {
                return true;
            }

            // Continuations run inline on the setter's thread: an actor's await resumes through its own task scheduler
            // anyway, and under the deterministic dispatcher nothing may hop to the thread pool.
            waiter = _waiter ??= new TaskCompletionSource();
        }

        if (timeout is not { } limit)
        {
            await waiter.Task.ConfigureAwait(continueOnCapturedContext: true);
            return true;
        }

        if (limit <= TimeSpan.Zero)
        {
            return IsSet;
        }

        using var timer = new CancellationTokenSource(limit, clock);
        var timedOut = Task.Delay(Timeout.InfiniteTimeSpan, clock, timer.Token);
        var first = await Task.WhenAny(waiter.Task, timedOut).ConfigureAwait(continueOnCapturedContext: true);
        return first == waiter.Task || IsSet;
    }
}
