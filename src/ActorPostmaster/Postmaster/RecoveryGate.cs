namespace ActorPostmaster;

/// <summary>
/// Holds the startup process before redo, so that the startup window (57P03 for every new connection) lasts until a
/// test releases it: an application's reconnect backoff can then be tested against a window of any length.
/// </summary>
/// <remarks>
/// <para>
/// The startup process stops at the gate at every start and in every crash cycle, after it has read the control file
/// and, in crash recovery, told the postmaster that recovery started (PMSIGNAL_RECOVERY_STARTED). New connections
/// meanwhile get PostgreSQL's refusal for that moment: <c>the database system is not yet accepting connections</c>
/// (DETAIL <c>Consistent recovery state has not been yet reached.</c>) in crash recovery, <c>the database system is
/// starting up</c> after a clean shutdown. The gate is open while no <see cref="RecoveryHold"/> is active.
/// </para>
/// <para>Not a PostgreSQL feature; the <c>ap_recovery_delay</c> setting is its counterpart for a server run as a process.</para>
/// </remarks>
public sealed class RecoveryGate
{
    private readonly Lock _lock = new();
    private readonly List<RecoveryHold> _holds = [];
    private readonly List<Action> _waiting = [];

    /// <summary>True while at least one hold is active.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_lock)
            {
                return _holds.Count > 0;
            }
        }
    }

    /// <summary>
    /// Closes the gate until the returned hold is released (with other holds active, until all are). A startup process
    /// already waiting stays waiting; one already past the gate is not affected, the next one stops.
    /// </summary>
    /// <returns>The hold: release it, or dispose it, to let recovery go on.</returns>
    public RecoveryHold Hold()
    {
        var hold = new RecoveryHold(this);
        lock (_lock)
        {
            _holds.Add(hold);
            if (_waiting.Count > 0)
            {
                hold.MarkWaiting();
            }
        }

        return hold;
    }

    /// <summary>
    /// The startup process at the gate: <paramref name="proceed"/> runs at once (on this thread, returning true) when
    /// the gate is open, else later on the releasing thread (and this returns false).
    /// </summary>
    /// <param name="proceed">What to do once the gate opens.</param>
    /// <returns>True when the gate was open.</returns>
    internal bool Pass(Action proceed)
    {
        ArgumentNullException.ThrowIfNull(proceed);
        lock (_lock)
        {
            if (_holds.Count == 0)
            {
                return true;
            }

            _waiting.Add(proceed);
            foreach (var hold in _holds)
            {
                hold.MarkWaiting();
            }

            return false;
        }
    }

    /// <summary>Forgets a waiter that will never proceed (its startup process was stopped).</summary>
    /// <param name="proceed">The callback given to <see cref="Pass"/>.</param>
    internal void Abandon(Action proceed)
    {
        lock (_lock)
        {
            _waiting.Remove(proceed);
        }
    }

    internal void Release(RecoveryHold hold)
    {
        Action[] proceed;
        lock (_lock)
        {
            if (!_holds.Remove(hold) || _holds.Count > 0)
            {
                return;
            }

            proceed = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var action in proceed)
        {
            action();
        }
    }
}

/// <summary>One hold on a <see cref="RecoveryGate"/>.</summary>
public sealed class RecoveryHold : IDisposable
{
    private readonly RecoveryGate _gate;
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RecoveryHold(RecoveryGate gate) => _gate = gate;

    /// <summary>
    /// Completes once a startup process waits at the gate because of this hold: from then on, until the release, new
    /// connections are refused with 57P03.
    /// </summary>
    public Task Waiting => _waiting.Task;

    /// <summary>Releases the hold (again: nothing).</summary>
    public void Release() => _gate.Release(this);

    /// <inheritdoc />
    public void Dispose() => Release();

    internal void MarkWaiting() => _waiting.TrySetResult();
}
