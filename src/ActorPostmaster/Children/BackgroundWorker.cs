using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>When a background worker may start (bgw_start_time).</summary>
public enum BackgroundWorkerStartTime
{
    /// <summary>As soon as the postmaster starts (PM_INIT through PM_RUN).</summary>
    PostmasterStart,

    /// <summary>Once recovery is consistent (PM_HOT_STANDBY or PM_RUN).</summary>
    ConsistentState,

    /// <summary>Once recovery has finished (PM_RUN only).</summary>
    RecoveryFinished,
}

/// <summary>A background-worker registration (BackgroundWorker in bgworker.h).</summary>
/// <param name="Name">bgw_name.</param>
/// <param name="Type">bgw_type: what logs and pg_stat_activity show.</param>
/// <param name="StartTime">bgw_start_time.</param>
/// <param name="RestartTime">bgw_restart_time; null is BGW_NEVER_RESTART.</param>
/// <param name="Main">
/// The worker's main function: return 0 to be unregistered, 1 to be restarted after <paramref name="RestartTime"/>;
/// throwing is a crash, which starts the crash cycle of the whole cluster.
/// </param>
/// <param name="TerminateQuietly">
/// On SIGTERM exit 1 with only a DEBUG line (the logical replication launcher does this so that it is restarted), instead
/// of FATAL 57P01 <c>terminating background worker "%s" due to administrator command</c>.
/// </param>
public sealed record BackgroundWorkerSpec(
    string Name,
    string Type,
    BackgroundWorkerStartTime StartTime,
    TimeSpan? RestartTime,
    Func<BackgroundWorkerContext, Task<int>> Main,
    bool TerminateQuietly = false)
{
    /// <summary>BGW_DEFAULT_RESTART_INTERVAL: 60 seconds.</summary>
    public static TimeSpan DefaultRestartInterval { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// PostgreSQL's logical replication launcher, registered by default: starts when recovery has finished, restarts 5 s
    /// after it exits 1, and exits 1 on purpose when terminated.
    /// </summary>
    public static BackgroundWorkerSpec LogicalReplicationLauncher { get; } = new(
        "logical replication launcher",
        "logical replication launcher",
        BackgroundWorkerStartTime.RecoveryFinished,
        TimeSpan.FromSeconds(5),
        static async context =>
        {
            while (true)
            {
                await context.WaitLatchAsync(null);
            }
        },
        TerminateQuietly: true);
}

/// <summary>What a background worker's main function can do.</summary>
public sealed class BackgroundWorkerContext
{
    private readonly ProcessState _proc;

    internal BackgroundWorkerContext(ProcessState proc, TimeProvider clock)
    {
        _proc = proc;
        Clock = clock;
    }

    /// <summary>The worker's pid.</summary>
    public int Pid => _proc.Pid;

    /// <summary>The clock (virtual in tests).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Waits for the latch or the timeout; a termination request ends the worker here (bgworker_die).</summary>
    /// <param name="timeout">How long to wait; null for no limit.</param>
    /// <returns>True when the latch was set.</returns>
    public async Task<bool> WaitLatchAsync(TimeSpan? timeout)
    {
        var set = await _proc.Latch.WaitAsync(timeout, Clock);
        _proc.Latch.Reset();
        CheckForInterrupts();
        return set;
    }

    /// <summary>
    /// CHECK_FOR_INTERRUPTS: throws <see cref="BackgroundWorkerTerminatedException"/> when SIGTERM is pending, and an
    /// <see cref="InvalidOperationException"/> (the worker's crash) when ap_crash_process asked for one.
    /// </summary>
    public void CheckForInterrupts()
    {
        if (_proc.CrashReason is { } reason)
        {
            throw new InvalidOperationException(reason); // the worker's PANIC: the crash cycle starts
        }

        if ((_proc.Pending & PendingInterrupts.ProcDie) != 0)
        {
            throw new BackgroundWorkerTerminatedException();
        }
    }
}

/// <summary>Thrown inside a background worker's main function when it is told to terminate.</summary>
public sealed class BackgroundWorkerTerminatedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackgroundWorkerTerminatedException()
        : base("terminating background worker")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BackgroundWorkerTerminatedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BackgroundWorkerTerminatedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A background worker: runs its main function; its exit code is its contract with the postmaster (§8).</summary>
public sealed class BackgroundWorkerProcess : PostmasterChild
{
    private readonly BackgroundWorkerSpec _spec;

    /// <summary>Creates the worker.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    /// <param name="spec">Its registration.</param>
    public BackgroundWorkerProcess(ProcessState proc, ChildEnvironment environment, BackgroundWorkerSpec spec)
        : base(proc, environment)
    {
        _spec = spec;
        ReceiveAsync<Run>(_ => RunMain());
    }

    /// <inheritdoc />
    protected override void PreStart() => Self.Tell(Run.Instance);

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if ((Proc.Pending & PendingInterrupts.ProcDie) != 0)
        {
            Terminate();
        }
    }

    private async Task RunMain()
    {
        int code;
        try
        {
            code = await _spec.Main(new BackgroundWorkerContext(Proc, Clock));
        }
        catch (BackgroundWorkerTerminatedException)
        {
            Terminate();
            return;
        }

        ExitProcess(code);
    }

    private void Terminate()
    {
        if (_spec.TerminateQuietly)
        {
            Log.Debug($"{_spec.Type} shutting down");
        }
        else
        {
            Log.Report(new PgError(PgSeverity.Fatal, "57P01", $"terminating background worker \"{_spec.Type}\" due to administrator command"));
        }

        ExitProcess(1);
    }

    private sealed record Run
    {
        public static readonly Run Instance = new();
    }
}
