using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// The startup process: at every start and after every crash it brings the cluster to a consistent state, then exits 0
/// (PM_STARTUP → PM_RUN). StartupXLOG in three steps, each a message so that signals get through between them:
/// InitWalRecovery (control file, checkpoint record), the recovery gate (PMSIGNAL_RECOVERY_STARTED in crash recovery,
/// then any hold: <see cref="RecoveryGate"/>, <c>ap_recovery_delay</c>), and redo; after a crash the checkpointer then
/// writes the end-of-recovery checkpoint while this process waits.
/// </summary>
/// <remarks>SIGTERM: exit 1. SIGHUP: a changed ap_recovery_delay applies to a wait under way. SIGQUIT: quickdie (the postmaster stops it).</remarks>
public sealed class StartupProcess : PostmasterChild, IWithTimers
{
    private const string DelayTimer = "ap_recovery_delay";
    private Storage.WalRecovery? _recovery;
    private bool _crashed;
    private Action? _gateWaiter;
    private DateTimeOffset _delayFrom;
    private bool _redone;

    /// <summary>Creates the startup process.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public StartupProcess(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
        Receive<ReachedRedoPoint>(_ => OnRedoPoint());
        Receive<GateOpened>(_ => AfterGate());
        Receive<DelayOver>(_ => Redo());
        Receive<EndOfRecoveryCheckpointDone>(done => FinishRecovery(done.Recovered));
        Receive<EndOfRecoveryCheckpointFailed>(_ => { }); // the checkpointer's PANIC: the crash cycle stops this process
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (Environment.Options.DataDirectory is { } dataDirectory)
        {
            if (!Fallible(() => _recovery = Storage.ClusterStorage.InitWalRecovery(Environment.Options.StorageFiles, dataDirectory, line => Log.Log(line), Clock)))
            {
                return;
            }

            _crashed = _recovery!.InRecovery;
        }
        else
        {
            // A cluster without a data directory (an in-memory test): the control file is in memory and there is no WAL.
            var control = Environment.ControlFile;
            var at = control.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
            _crashed = control.State != ClusterState.ShutDown;
            if (_crashed)
            {
                Log.Log($"database system was interrupted; last known up at {at}");
                Log.Log("database system was not properly shut down; automatic recovery in progress");
            }
            else
            {
                Log.Log($"database system was shut down at {at}");
            }
        }

        // StartupDuration (a test control) stands for the time InitWalRecovery takes: clients meanwhile get "starting up"
        // or, in a crash cycle, "in recovery mode".
        Timers.StartSingleTimer("init", ReachedRedoPoint.Instance, Environment.Options.StartupDuration);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_gateWaiter is { } waiter)
        {
            Environment.Options.RecoveryGate?.Abandon(waiter);
        }

        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        var pending = Proc.Take(PendingInterrupts.ProcDie | PendingInterrupts.ConfigReload);
        if ((pending & PendingInterrupts.ProcDie) != 0)
        {
            ExitProcess(1);
        }
        else if ((pending & PendingInterrupts.ConfigReload) != 0 && _delayFrom != default && !_redone)
        {
            Delay(); // ap_recovery_delay may have changed: wait what is left of the new value
        }
    }

    /// <summary>
    /// In crash recovery, PMSIGNAL_RECOVERY_STARTED (the postmaster clears FatalError: new connections now get "not yet
    /// accepting connections"), then the recovery gate.
    /// </summary>
    private void OnRedoPoint()
    {
        if (_crashed)
        {
            RequestPostmaster(PmRequest.RecoveryStarted);
        }

        if (Environment.Options.RecoveryGate is { } gate)
        {
            var self = Self;
            Action waiter = () => self.Tell(GateOpened.Instance, ActorRefs.NoSender);
            if (!gate.Pass(waiter))
            {
                _gateWaiter = waiter;
                return;
            }
        }

        AfterGate();
    }

    /// <summary>The gate is open: ap_recovery_delay, counted from now.</summary>
    private void AfterGate()
    {
        _gateWaiter = null;
        _delayFrom = Clock.GetUtcNow();
        Delay();
    }

    /// <summary>Waits what is left of ap_recovery_delay (-1: until a reload changes it), then redo.</summary>
    private void Delay()
    {
        var delay = Environment.Server.Snapshot.GetInt(DelayTimer);
        if (delay < 0)
        {
            Timers.Cancel(DelayTimer);
            return; // until a reload
        }

        var left = _delayFrom + TimeSpan.FromMilliseconds(delay) - Clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            Timers.Cancel(DelayTimer);
            Redo();
            return;
        }

        Timers.StartSingleTimer(DelayTimer, DelayOver.Instance, left);
    }

    /// <summary>
    /// PerformWalRecovery and the end of StartupXLOG: the table snapshot and the WAL replay, after a crash the
    /// end-of-recovery checkpoint (requested from the checkpointer, answered by a message); the table and the WAL go
    /// into shared memory for the backends.
    /// </summary>
    private void Redo()
    {
        if (_redone)
        {
            return;
        }

        _redone = true;
        if (_recovery is { } recovery)
        {
            Storage.Recovered? recovered = null;
            if (!Fallible(() => recovered = PerformWalRecovery(recovery)))
            {
                return;
            }

            if (recovered!.CrashRecovery)
            {
                // PerformRecoveryXLogAction: RequestCheckpoint(CHECKPOINT_END_OF_RECOVERY | CHECKPOINT_IMMEDIATE |
                // CHECKPOINT_WAIT): the checkpointer writes it, the startup process waits.
                var storage = Environment.Shared.Storage!;
                var self = Self;
                storage.Checkpoints.Request("end-of-recovery immediate wait", failure => self.Tell(
                    failure is null ? new EndOfRecoveryCheckpointDone(recovered) : EndOfRecoveryCheckpointFailed.Instance, ActorRefs.NoSender));
                Environment.Shared.Procs.Snapshot().FirstOrDefault(p => p.Type == BackendType.Checkpointer)?.Latch.Set();
                return;
            }

            FinishRecovery(recovered);
            return;
        }

        if (_crashed)
        {
            Log.Log("redo is not required");
        }

        Finish();
    }

    /// <summary>The end of StartupXLOG: the control file says "in production"; the snapshot is decoded in the background.</summary>
    private void FinishRecovery(Storage.Recovered recovered)
    {
        if (!Fallible(() => Environment.Shared.Storage!.Cluster.MarkInProduction(Clock.GetUtcNow())))
        {
            return;
        }

        recovered.Table.Prefetch(); // the first query that needs the rows waits for them
        Finish();
    }

    private void Finish()
    {
        if (Environment.Options.FailStartup)
        {
            Log.Write(PgSeverity.Fatal, "could not locate a valid checkpoint record");
            ExitProcess(1);
            return;
        }

        Environment.ControlFile.Update(ClusterState.InProduction, Clock.GetUtcNow());
        ExitProcess(0);
    }

    /// <summary>
    /// PerformWalRecovery, then the WAL and the table go into shared memory (before PM_RUN only the checkpointer uses
    /// them: for the end-of-recovery checkpoint).
    /// </summary>
    private Storage.Recovered PerformWalRecovery(Storage.WalRecovery recovery)
    {
        var recovered = recovery.PerformWalRecovery();
        var files = Environment.Options.StorageFiles;
        var cluster = recovery.Storage;
        var writer = new Storage.WalSegmentWriter(
            files, cluster.WalDirectory, cluster.Control.Timeline, cluster.Control.WalSegmentSize, recovered.EndOfWal, recovered.LastRecord);
        if (Environment.Server.Snapshot.GetString("archive_mode") != "off")
        {
            // XLogArchiveNotify for each completed segment, and no removal before the archiver has copied it.
            var shared = Environment.Shared;
            writer.SegmentCompleted = name =>
            {
                Storage.ArchiveStatus.MarkReady(files, cluster.WalDirectory, name);
                shared.Procs.Snapshot().FirstOrDefault(p => p.Type == BackendType.Archiver)?.Latch.Set();
            };
            writer.CanRemove = name => Storage.ArchiveStatus.CheckDone(files, cluster.WalDirectory, name);
        }

        var server = Environment.Server;
        var wal = new Storage.WalLog(writer, () => server.Snapshot.GetBool("fsync"));
        Environment.Shared.Storage = new Storage.RecoveredStorage(
            cluster, wal, new Storage.KvStore(wal, recovered.Table, recovered.NextXid, Clock, recovered.ChangedSinceCheckpoint));
        return recovered;
    }

    /// <summary>Runs a storage step; a damaged or unreadable data directory is the startup process's FATAL (or PANIC), exit 1.</summary>
    private bool Fallible(Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Storage.InvalidCheckpointRecordException
                                      or Storage.IncompatibleControlFileException or UnauthorizedAccessException)
        {
            if (e is Storage.IncompatibleControlFileException incompatible)
            {
                Log.Write(PgSeverity.Fatal, incompatible.Message, incompatible.Detail, incompatible.Hint);
            }
            else if (e is Storage.InvalidCheckpointRecordException invalid)
            {
                if (invalid.ReaderError is { } readerError)
                {
                    Log.Log(readerError);
                }

                Log.Log(invalid.Reason);
                Log.Write(PgSeverity.Panic, invalid.Message);
            }
            else
            {
                Log.Write(PgSeverity.Fatal, e.Message);
            }

            ExitProcess(1);
            return false;
        }
    }

    private sealed record ReachedRedoPoint
    {
        public static readonly ReachedRedoPoint Instance = new();
    }

    private sealed record GateOpened
    {
        public static readonly GateOpened Instance = new();
    }

    private sealed record DelayOver
    {
        public static readonly DelayOver Instance = new();
    }

    private sealed record EndOfRecoveryCheckpointDone(Storage.Recovered Recovered);

    private sealed record EndOfRecoveryCheckpointFailed
    {
        public static readonly EndOfRecoveryCheckpointFailed Instance = new();
    }
}

/// <summary>
/// The checkpointer: timed (checkpoint_timeout), requested (CHECKPOINT, WAL past max_wal_size) and, on SIGINT, the
/// shutdown checkpoint; exits on SIGUSR2; ignores SIGTERM (§1.1).
/// </summary>
public sealed class Checkpointer : PostmasterChild, IWithTimers
{
    private Storage.RecoveredStorage? _storage;
    private DateTimeOffset _lastCheckpoint;

    /// <summary>Creates the checkpointer.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public Checkpointer(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment) => Receive<CheckpointTick>(_ => CheckpointerMainLoop());

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastCheckpoint = Clock.GetUtcNow();
        Timers.StartPeriodicTimer("tick", CheckpointTick.Instance, TimeSpan.FromSeconds(1));
        Self.Tell(CheckpointTick.Instance); // a request made before this process started (after a crash the startup process starts first)
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        var pending = Proc.Take(PendingInterrupts.QueryCancel | PendingInterrupts.Usr2 | PendingInterrupts.ProcDie);
        if ((pending & PendingInterrupts.QueryCancel) != 0)
        {
            WriteShutdownCheckpoint();
        }
        else
        {
            CheckpointerMainLoop();
        }

        if ((pending & PendingInterrupts.Usr2) != 0)
        {
            ExitProcess(0);
        }
    }

    /// <summary>
    /// CheckpointerMain's loop body: a requested checkpoint (CHECKPOINT, or WAL past max_wal_size), else a timed one
    /// when checkpoint_timeout has passed since the last.
    /// </summary>
    private void CheckpointerMainLoop()
    {
        if (Environment.Shared.Storage is not { } storage || storage.Wal.Failure is not null)
        {
            return;
        }

        if (!ReferenceEquals(storage, _storage))
        {
            _storage = storage; // recovery is done: requests may come
            var latch = Proc.Latch;
            storage.Checkpoints.WakeCheckpointer = latch.Set;
        }

        var request = storage.Checkpoints.Take();
        var timeout = Environment.Server.Snapshot.GetTimeSpan("checkpoint_timeout");
        if (request is null && Clock.GetUtcNow() - _lastCheckpoint < timeout)
        {
            return;
        }

        if (request is null && storage.Wal.EndOfWal == storage.Cluster.LastCheckpointEnd)
        {
            // CreateCheckPoint: a timed checkpoint is skipped when nothing was written since the last one ("checkpoint
            // skipped because system is idle", DEBUG1), so an idle cluster does not grow its WAL.
            Log.Debug("checkpoint skipped because system is idle");
            _lastCheckpoint = Clock.GetUtcNow();
            return;
        }

        try
        {
            storage.Cluster.CheckpointAsync(storage.Kv, storage.Wal, shutdown: false, request?.Flags ?? "time", LogCheckpoint, Clock, SharedBuffers)
                .GetAwaiter().GetResult();
            _lastCheckpoint = Clock.GetUtcNow();
            request?.Complete(null);
        }
        catch (IOException e)
        {
            request?.Complete(e);
            throw new Storage.WalWriteException(e); // PANIC: the crash cycle follows
        }
    }

    private void WriteShutdownCheckpoint()
    {
        Log.Log("shutting down");
        if (Environment.Shared.Storage is { } storage)
        {
            try
            {
                storage.Cluster.CheckpointAsync(storage.Kv, storage.Wal, shutdown: true, "shutdown immediate", LogCheckpoint, Clock, SharedBuffers)
                    .GetAwaiter().GetResult();
            }
            catch (IOException e)
            {
                throw new Storage.WalWriteException(e); // PANIC: a WAL or data file that cannot be written; the crash cycle follows
            }
        }
        else if (Environment.Settings.LogCheckpoints)
        {
            Log.Log("checkpoint starting: shutdown immediate");
            Log.Log(
                "checkpoint complete: wrote 0 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.000 s, sync=0.000 s, " +
                "total=0.000 s; sync files=0, longest=0.000 s, average=0.000 s; distance=0 kB, estimate=0 kB");
        }

        Environment.ControlFile.Update(ClusterState.ShutDown, Clock.GetUtcNow());
        RequestPostmaster(PmRequest.XlogIsShutdown);
    }

    private sealed record CheckpointTick
    {
        public static readonly CheckpointTick Instance = new();
    }
}

/// <summary>The background writer: SIGTERM → exit 0.</summary>
public sealed class BackgroundWriter : PostmasterChild
{
    /// <summary>Creates the background writer.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public BackgroundWriter(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if (Proc.Take(PendingInterrupts.ProcDie) != PendingInterrupts.None)
        {
            ExitProcess(0);
        }
    }
}

/// <summary>The WAL writer: SIGTERM or SIGINT → exit 0.</summary>
public sealed class WalWriter : PostmasterChild, IWithTimers
{
    /// <summary>Creates the WAL writer.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public WalWriter(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment) => ReceiveAsync<BackgroundFlush>(_ => FlushAsync());

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() =>
        Timers.StartPeriodicTimer("flush", BackgroundFlush.Instance, Environment.Server.Snapshot.GetTimeSpan("wal_writer_delay"));

    /// <summary>
    /// XLogBackgroundFlush, every wal_writer_delay: makes asynchronous commits (synchronous_commit off) durable. A
    /// failed flush is a PANIC, as in the walwriter.
    /// </summary>
    private async Task FlushAsync()
    {
        if (Environment.Shared.Storage is not { } storage || storage.Wal.Failure is not null)
        {
            return;
        }

        try
        {
            await storage.Wal.FlushAllAsync();
        }
        catch (IOException e)
        {
            throw new Storage.WalWriteException(e);
        }

        // XLogCheckpointNeeded: past max_wal_size / (1 + checkpoint_completion_target) since the redo point, ask for one.
        var snapshot = Environment.Server.Snapshot;
        var limit = snapshot.GetInt("max_wal_size") * 1024.0 * 1024.0 / (1 + snapshot.GetReal("checkpoint_completion_target"));
        if (storage.Wal.EndOfWal - storage.Cluster.Control.Redo > limit && !storage.Checkpoints.Pending)
        {
            _ = storage.Checkpoints.RequestAsync("wal");
        }
    }

    private sealed record BackgroundFlush
    {
        public static readonly BackgroundFlush Instance = new();
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if (Proc.Take(PendingInterrupts.ProcDie | PendingInterrupts.QueryCancel) != PendingInterrupts.None)
        {
            ExitProcess(0);
        }
    }
}

/// <summary>
/// The archiver (pgarch.c): started in PM_RUN when archive_mode is on (and during recovery when it is always). Each
/// cycle (on its latch: a segment completed, or every 60 s) runs archive_command for every segment marked ready in
/// <c>pg_wal/archive_status</c>, oldest first, and marks it done; a checkpoint removes only segments marked done.
/// </summary>
/// <remarks>
/// archive_command runs through <c>/bin/sh -c</c> in the data directory with <c>%p</c> (the segment's path,
/// <c>pg_wal/NAME</c>), <c>%f</c> (its name) and <c>%%</c> replaced, as PostgreSQL runs it. A failure is logged and
/// retried after a second; after three failures in a row the cycle gives up until the next wake-up.
/// SIGTERM: stop starting archive commands and wait for SIGUSR2; if none comes within 60 s, exit 0 anyway, so that the
/// postmaster can start a new archiver. SIGUSR2: one last archive cycle, then exit 0. SIGINT: ignored. SIGHUP: reload.
/// </remarks>
public sealed class Archiver : PostmasterChild, IWithTimers
{
    /// <summary>How long a SIGTERMed archiver waits for SIGUSR2 (pgarch_MainLoop).</summary>
    public static readonly TimeSpan SigTermGrace = TimeSpan.FromSeconds(60);

    /// <summary>NUM_ARCHIVE_RETRIES.</summary>
    private const int ArchiveRetries = 3;

    private bool _shutdownRequested;

    /// <summary>Creates the archiver.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public Archiver(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
        Receive<SigTermGraceOver>(_ => ExitProcess(0));
        ReceiveAsync<ArchiveCycle>(async cycle =>
        {
            await CopyLoopAsync();
            if (cycle.ThenExit)
            {
                ExitProcess(0);
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("cycle", ArchiveCycle.Regular, TimeSpan.FromSeconds(60));

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        var pending = Proc.Take(PendingInterrupts.ProcDie | PendingInterrupts.Usr2 | PendingInterrupts.ConfigReload | PendingInterrupts.QueryCancel);
        if ((pending & PendingInterrupts.Usr2) != 0)
        {
            Self.Tell(ArchiveCycle.Last); // one last cycle, then exit
            return;
        }

        if ((pending & PendingInterrupts.ProcDie) != 0 && !_shutdownRequested)
        {
            _shutdownRequested = true;
            Timers.StartSingleTimer("sigterm", SigTermGraceOver.Instance, SigTermGrace);
            return;
        }

        Self.Tell(ArchiveCycle.Regular); // a segment completed
    }

    /// <summary>pgarch_ArchiverCopyLoop: archives every ready segment, oldest first.</summary>
    private async Task CopyLoopAsync()
    {
        if (Environment.Shared.Storage is not { } storage || Environment.Options.DataDirectory is not { } dataDirectory)
        {
            return;
        }

        var walDirectory = storage.Cluster.WalDirectory;
        var files = storage.Cluster.Files;
        foreach (var segment in Storage.ArchiveStatus.Ready(files, walDirectory))
        {
            var command = Environment.Server.Snapshot.GetString("archive_command");
            if (command.Length == 0)
            {
                Log.Write(PgSeverity.Warning, "archive_mode enabled, yet archive_command is not set");
                return;
            }

            for (var failures = 0; ; )
            {
                if (_shutdownRequested)
                {
                    return; // after SIGTERM no new archive command starts (ShutdownRequestPending)
                }

                var expanded = Expand(command, segment);
                var code = await RunAsync(expanded, dataDirectory);
                if (code == 0)
                {
                    Storage.ArchiveStatus.MarkDone(files, walDirectory, segment);
                    break;
                }

                Log.Write(PgSeverity.Log, $"archive command failed with exit code {code}", $"The failed archive command was: {expanded}");
                if (++failures >= ArchiveRetries)
                {
                    Log.Write(PgSeverity.Warning, $"archiving write-ahead log file \"{segment}\" failed too many times, will try again later");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), Clock);
            }
        }
    }

    /// <summary>The command with %p, %f and %% replaced (BuildRestoreCommand's archive twin).</summary>
    private static string Expand(string command, string segment)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < command.Length; i++)
        {
            if (command[i] == '%' && i + 1 < command.Length)
            {
                var next = command[++i];
                result.Append(next switch
                {
                    'p' => Path.Combine("pg_wal", segment),
                    'f' => segment,
                    '%' => "%",
                    _ => "%" + next,
                });
            }
            else
            {
                result.Append(command[i]);
            }
        }

        return result.ToString();
    }

    private static async Task<int> RunAsync(string command, string workingDirectory)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private sealed record ArchiveCycle(bool ThenExit)
    {
        public static readonly ArchiveCycle Regular = new(false);
        public static readonly ArchiveCycle Last = new(true);
    }

    private sealed record SigTermGraceOver
    {
        public static readonly SigTermGraceOver Instance = new();
    }
}

/// <summary>
/// The WAL summarizer (walsummarizer.c, PostgreSQL 17): started in PM_RUN when summarize_wal is on. It exits 0 on SIGTERM
/// or SIGINT, and when a reload turns summarize_wal off; SIGUSR2 is ignored.
/// </summary>
public sealed class WalSummarizer : PostmasterChild
{
    /// <summary>Creates the WAL summarizer.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public WalSummarizer(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (!SummarizeWal)
        {
            ExitProcess(0); // GetOldestUnsummarizedLSN: summarization is not enabled
        }
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        var pending = Proc.Take(PendingInterrupts.ProcDie | PendingInterrupts.QueryCancel | PendingInterrupts.ConfigReload | PendingInterrupts.Usr2);
        if ((pending & (PendingInterrupts.ProcDie | PendingInterrupts.QueryCancel)) != 0 || !SummarizeWal)
        {
            Log.Debug("WAL summarizer shutting down");
            ExitProcess(0);
        }
    }

    private bool SummarizeWal => Environment.Server.Snapshot.GetBool("summarize_wal");
}

/// <summary>An I/O worker: SIGUSR2 → exit 0; SIGINT → exit 0 (an operator-forced restart); SIGTERM ignored.</summary>
public sealed class IoWorker : PostmasterChild
{
    /// <summary>Creates the I/O worker.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public IoWorker(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        var pending = Proc.Take(PendingInterrupts.Usr2 | PendingInterrupts.QueryCancel | PendingInterrupts.ProcDie);
        if ((pending & PendingInterrupts.QueryCancel) != 0)
        {
            Log.Debug("io worker shutting down due to administrator command");
            ExitProcess(0);
        }
        else if ((pending & PendingInterrupts.Usr2) != 0)
        {
            ExitProcess(0);
        }
    }
}

/// <summary>The autovacuum launcher: asks for a worker every autovacuum_naptime; SIGTERM → exit 0.</summary>
public sealed class AutovacuumLauncher : PostmasterChild, IWithTimers
{
    /// <summary>Creates the launcher.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public AutovacuumLauncher(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment) => Receive<Nap>(_ => RequestPostmaster(PmRequest.StartAutovacuumWorker));

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("naptime", Nap.Instance, Environment.Settings.AutovacuumNaptime);

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if (Proc.Take(PendingInterrupts.ProcDie) != PendingInterrupts.None)
        {
            Log.Debug("autovacuum launcher shutting down");
            ExitProcess(0);
        }
    }

    private sealed record Nap
    {
        public static readonly Nap Instance = new();
    }
}

/// <summary>An autovacuum worker: finds nothing to vacuum (there are no tables yet) and exits 0.</summary>
/// <remarks>SIGTERM: FATAL 57P01 "terminating autovacuum process due to administrator command", exit 1.</remarks>
public sealed class AutovacuumWorker : PostmasterChild
{
    /// <summary>Creates the worker.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public AutovacuumWorker(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
    }

    /// <inheritdoc />
    protected override void PreStart() => ExitProcess(0);

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if (Proc.Take(PendingInterrupts.ProcDie) != PendingInterrupts.None)
        {
            Log.Report(new PgError(PgSeverity.Fatal, "57P01", "terminating autovacuum process due to administrator command"));
            ExitProcess(1);
        }
    }
}

/// <summary>The system logger: ignores every signal; started when logging_collector is on.</summary>
public sealed class SysLogger : PostmasterChild
{
    /// <summary>Creates the logger.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    public SysLogger(ProcessState proc, ChildEnvironment environment)
        : base(proc, environment)
    {
    }

    /// <inheritdoc />
    protected override void OnInterrupts() => Proc.Take(PendingInterrupts.ProcDie | PendingInterrupts.QueryCancel | PendingInterrupts.Usr2 | PendingInterrupts.ConfigReload);
}
