namespace ActorPostmaster;

/// <summary>
/// A child's entry in the process table: PostgreSQL's PGPROC plus the postmaster's PMChild. Shared between the child
/// and everyone who signals or inspects it (pg_stat_activity, pg_terminate_backend, the postmaster), so every member is
/// thread-safe.
/// </summary>
/// <remarks>
/// A signal never queues a message behind a running statement: it sets a pending flag and the latch
/// (<see cref="Signal"/>), and the child acts on it at its next interrupt check. SIGQUIT and SIGKILL act at once, by
/// stopping the child's actor (the postmaster does that); their flags only tell the child why, for quickdie's message.
/// </remarks>
public sealed class ProcessState
{
    private readonly object _lock = new();
    private int _pending;

    /// <summary>Creates the entry of a new child.</summary>
    /// <param name="pid">The virtual pid (unique for the postmaster's life).</param>
    /// <param name="type">The child's type.</param>
    /// <param name="startTime">When it started.</param>
    /// <param name="wakeOwner">Runs when a signal arrives while the child does not wait on its latch.</param>
    public ProcessState(int pid, BackendType type, DateTimeOffset startTime, Action? wakeOwner = null)
    {
        Pid = pid;
        Type = type;
        BackendStart = startTime;
        Latch = new Latch(wakeOwner);
    }

    /// <summary>The virtual pid: what logs and pg_backend_pid() show.</summary>
    public int Pid { get; }

    /// <summary>The child's type.</summary>
    public BackendType Type { get; }

    /// <summary>The child's latch.</summary>
    public Latch Latch { get; }

    /// <summary>When the child started (pg_stat_activity.backend_start).</summary>
    public DateTimeOffset BackendStart { get; }

    /// <summary>The secret key of BackendKeyData, which a CancelRequest must quote (client backends only).</summary>
    public int SecretKey { get; init; }

    /// <summary>The client address of a client backend (pg_stat_activity.client_addr).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>For background workers, their bgw_type; otherwise null.</summary>
    public string? WorkerType { get; init; }

    /// <summary>The role the session runs as, once authenticated.</summary>
    public string? UserName { get; set; }

    /// <summary>Whether that role is a superuser.</summary>
    public bool IsSuperuser { get; set; }

    /// <summary>The database, once connected.</summary>
    public string? DatabaseName { get; set; }

    /// <summary>application_name.</summary>
    public string? ApplicationName { get; set; }

    /// <summary>pg_stat_activity.state: <c>active</c>, <c>idle</c>, <c>idle in transaction</c>, <c>idle in transaction (aborted)</c>, or null.</summary>
    public string? State { get; set; }

    /// <summary>The current or last query.</summary>
    public string? Query { get; set; }

    /// <summary>
    /// Fault injection (ap_crash_process): the reason the child is to crash with when it next wakes on its latch (or,
    /// for code that runs as one long task such as a background worker's main function, at its next interrupt check),
    /// or null.
    /// </summary>
    public string? CrashReason { get; private set; }

    /// <summary>Asks the child to crash at its next interrupt check (<see cref="CrashReason"/>) and wakes it.</summary>
    /// <param name="reason">The exception's message.</param>
    public void RequestCrash(string reason)
    {
        CrashReason = reason;
        Latch.Set();
    }

    /// <summary>When the current transaction started.</summary>
    public DateTimeOffset? TransactionStart { get; set; }

    /// <summary>When the current or last query started.</summary>
    public DateTimeOffset? QueryStart { get; set; }

    /// <summary>When <see cref="State"/> last changed.</summary>
    public DateTimeOffset? StateChange { get; set; }

    /// <summary>What the child waits for, as (wait_event_type, wait_event), or null.</summary>
    public (string Type, string Event)? WaitEvent { get; set; }

    /// <summary>Where the child is, for stuck-backend reports: the statement or function it is in.</summary>
    public string? Breadcrumb { get; set; }

    /// <summary>When the child last checked for interrupts (CHECK_FOR_INTERRUPTS).</summary>
    public DateTimeOffset? LastInterruptCheck { get; set; }

    /// <summary>HOLD_INTERRUPTS depth: while positive, no interrupt is serviced.</summary>
    public int InterruptHoldoffCount { get; set; }

    /// <summary>HOLD_CANCEL_INTERRUPTS depth: while positive, cancels wait.</summary>
    public int QueryCancelHoldoffCount { get; set; }

    /// <summary>Critical-section depth: while positive, no interrupt is serviced, and an ERROR becomes a PANIC.</summary>
    public int CritSectionCount { get; set; }

    /// <summary>Why the postmaster told the child to quit (set before SIGQUIT).</summary>
    public QuitReason QuitReason { get; set; }

    /// <summary>Set once the child has cleaned up and is leaving in an orderly way (the dead-man switch).</summary>
    public bool CleanedUp { get; private set; }

    /// <summary>How the child ended, once it has.</summary>
    public ExitStatus? ExitStatus { get; private set; }

    /// <summary>The interrupts pending, as a snapshot.</summary>
    public PendingInterrupts Pending => (PendingInterrupts)Volatile.Read(ref _pending);

    /// <summary>Delivers a signal: sets the matching pending flag and the latch (the child's handler).</summary>
    /// <param name="signal">The signal.</param>
    public void Signal(PmSignal signal)
    {
        var flag = signal switch
        {
            PmSignal.SigTerm => PendingInterrupts.ProcDie,
            PmSignal.SigInt => PendingInterrupts.QueryCancel,
            PmSignal.SigHup => PendingInterrupts.ConfigReload,
            PmSignal.SigUsr2 => PendingInterrupts.Usr2,
            PmSignal.SigQuit => PendingInterrupts.Quit,
            _ => PendingInterrupts.None,
        };
        Raise(flag);
    }

    /// <summary>Sets pending flags and the latch.</summary>
    /// <param name="flags">The flags.</param>
    public void Raise(PendingInterrupts flags)
    {
        if (flags == PendingInterrupts.None)
        {
            return;
        }

        int current;
        do
        {
            current = Volatile.Read(ref _pending);
        }
        while (Interlocked.CompareExchange(ref _pending, current | (int)flags, current) != current);

        Latch.Set();
    }

    /// <summary>Marks SIGQUIT as received without waking the child: the postmaster stops it at once.</summary>
    public void MarkQuit()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _pending);
        }
        while (Interlocked.CompareExchange(ref _pending, current | (int)PendingInterrupts.Quit, current) != current);
    }

    /// <summary>Clears pending flags; returns which of them were set.</summary>
    /// <param name="flags">The flags to take.</param>
    public PendingInterrupts Take(PendingInterrupts flags)
    {
        int current;
        do
        {
            current = Volatile.Read(ref _pending);
        }
        while (Interlocked.CompareExchange(ref _pending, current & ~(int)flags, current) != current);

        return (PendingInterrupts)current & flags;
    }

    /// <summary>Records an orderly exit (proc_exit): the child has cleaned up.</summary>
    /// <param name="code">0 or 1 (or 3 for the startup process at a recovery target).</param>
    public void RecordExit(int code)
    {
        lock (_lock)
        {
            ExitStatus ??= new ExitStatus.Exited(code);
            CleanedUp = true;
        }
    }

    /// <summary>Records an end the child did not choose (quickdie's exit 2, a kill, a crash); first record wins.</summary>
    /// <param name="status">How it ended.</param>
    public void RecordEnd(ExitStatus status)
    {
        lock (_lock)
        {
            ExitStatus ??= status;
        }
    }
}

/// <summary>Interrupts pending in a child (postgres.c's *Pending flags).</summary>
[Flags]
public enum PendingInterrupts
{
    /// <summary>Nothing pending.</summary>
    None = 0,

    /// <summary>SIGTERM: terminate (die).</summary>
    ProcDie = 1,

    /// <summary>SIGINT: cancel the running statement.</summary>
    QueryCancel = 2,

    /// <summary>SIGHUP: reload the configuration.</summary>
    ConfigReload = 4,

    /// <summary>SIGUSR2: a type-specific request.</summary>
    Usr2 = 8,

    /// <summary>SIGQUIT: quit at once.</summary>
    Quit = 16,

    /// <summary>statement_timeout fired (delivered as a cancel).</summary>
    StatementTimeout = 32,

    /// <summary>idle_in_transaction_session_timeout fired.</summary>
    IdleInTransactionSessionTimeout = 64,

    /// <summary>idle_session_timeout fired.</summary>
    IdleSessionTimeout = 128,

    /// <summary>The client connection was lost.</summary>
    ClientConnectionLost = 256,
}
