using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. One data directory's durable state as the running cluster sees it: the files, and the control file's
/// current contents. It outlives crash cycles, as the disk does; the WAL buffers and the table (<see cref="KvStore"/>,
/// <see cref="WalLog"/>) do not.
/// </summary>
/// <remarks>
/// The three operations are PostgreSQL's: <see cref="Bootstrap"/> is initdb's BootStrapXLOG, <see cref="Recover"/> the
/// startup process's StartupXLOG up to the end of redo, and <see cref="CheckpointAsync"/> CreateCheckPoint.
/// </remarks>
internal sealed class ClusterStorage
{
    private readonly object _gate = new();
    private ControlFileData _control;

    private ClusterStorage(IStorageFiles files, string dataDirectory, ControlFileData control)
    {
        Files = files;
        DataDirectory = dataDirectory;
        _control = control;
    }

    /// <summary>The subdirectories of a data directory that storage needs (initdb's "creating subdirectories").</summary>
    public static IReadOnlyList<string> Subdirectories { get; } =
        ["global", "base", Path.Combine("base", "pgsql_tmp"), "pg_wal", Path.Combine("pg_wal", "archive_status")];

    /// <summary>The file system.</summary>
    public IStorageFiles Files { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>pg_wal.</summary>
    public string WalDirectory => Path.Combine(DataDirectory, "pg_wal");

    /// <summary>The redo position of the whole snapshot on disk (<c>base/kv.snapshot</c>), which a delta names.</summary>
    public Lsn SnapshotRedo { get; set; }

    /// <summary>
    /// The end of the last checkpoint record, when nothing has been written after it as far as this incarnation knows
    /// (else <see cref="Lsn.Invalid"/> at recovery): a timed checkpoint with the WAL still ending there is skipped.
    /// </summary>
    public Lsn LastCheckpointEnd { get; private set; }

    /// <summary>The control file's current contents.</summary>
    public ControlFileData Control
    {
        get
        {
            lock (_gate)
            {
                return _control;
            }
        }
    }

    /// <summary>
    /// BootStrapXLOG: creates pg_wal, base and global, the first WAL segment holding a shutdown checkpoint, an empty
    /// table snapshot and the control file ("shut down").
    /// </summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory (exists).</param>
    /// <param name="segmentSize">wal_segment_size.</param>
    /// <param name="now">The bootstrap time.</param>
    /// <returns>The control file written.</returns>
    public static ControlFileData Bootstrap(IStorageFiles files, string dataDirectory, int segmentSize, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(files);
        WalSegments.ValidateSegmentSize(segmentSize);
        foreach (var directory in Subdirectories)
        {
            files.CreateDirectory(Path.Combine(dataDirectory, directory));
        }

        var start = WalSegments.StartOf(1, segmentSize);
        Lsn checkpoint;
        using (var writer = new WalSegmentWriter(files, Path.Combine(dataDirectory, "pg_wal"), 1, segmentSize, start, Lsn.Invalid))
        {
            checkpoint = writer.Append(WalRecord.Checkpoint(new CheckpointPayload(start, KvStore.FirstNormalXid, 1, true, now)));
            writer.Flush();
        }

        KvSnapshotFile.Of(checkpoint, []).Write(files, dataDirectory);
        var control = new ControlFileData(
            SystemIdentifier(now), DbState.ShutDown, checkpoint, checkpoint, 1, KvStore.FirstNormalXid, now, segmentSize);
        control.Write(files, dataDirectory);
        return control;
    }

    /// <summary>
    /// StartupXLOG to the end of redo, in one go: <see cref="InitWalRecovery"/> then <see cref="WalRecovery.PerformWalRecovery"/>.
    /// </summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="log">Where LOG lines go, in PostgreSQL's words.</param>
    /// <param name="now">The clock.</param>
    /// <returns>The storage and what was recovered.</returns>
    public static (ClusterStorage Storage, Recovered Recovered) Recover(IStorageFiles files, string dataDirectory, Action<string> log, TimeProvider now)
    {
        var recovery = InitWalRecovery(files, dataDirectory, log, now);
        return (recovery.Storage, recovery.PerformWalRecovery());
    }

    /// <summary>
    /// InitWalRecovery: reads the control file and the checkpoint record it names, checks that the WAL from the
    /// checkpoint's redo point up to that record is readable (what the control file promises), and, when the cluster
    /// was not shut down cleanly, logs that automatic recovery is in progress and marks the control file "in crash
    /// recovery". Redo itself is <see cref="WalRecovery.PerformWalRecovery"/>.
    /// </summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="log">Where LOG lines go, in PostgreSQL's words.</param>
    /// <param name="now">The clock.</param>
    /// <returns>The recovery, ready to replay.</returns>
    /// <exception cref="InvalidDataException">The control file is damaged, or the WAL between the redo point and the checkpoint record is.</exception>
    /// <exception cref="InvalidCheckpointRecordException">The checkpoint record is missing or invalid.</exception>
    public static WalRecovery InitWalRecovery(IStorageFiles files, string dataDirectory, Action<string> log, TimeProvider now)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(now);
        var control = ControlFileData.Read(files, dataDirectory);
        var storage = new ClusterStorage(files, dataDirectory, control);
        var at = control.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var crashed = control.State != DbState.ShutDown;
        log(crashed ? $"database system was interrupted; last known up at {at}" : $"database system was shut down at {at}");

        var checkpointRecord = WalReader.ReadCheckpointRecord(files, storage.WalDirectory, control.Timeline, control.WalSegmentSize, control.Checkpoint);
        var checkpoint = checkpointRecord.DecodeCheckpoint();
        if (checkpoint.Redo < control.Checkpoint)
        {
            using var reader = new WalReader(files, storage.WalDirectory, control.Timeline, control.WalSegmentSize, checkpoint.Redo);
            while (reader.ReadRecord() is { } record && record.Lsn < control.Checkpoint)
            {
            }

            if (reader.EndOfWal <= control.Checkpoint)
            {
                throw new InvalidDataException(
                    $"could not find redo location referenced by checkpoint record: {reader.EndReason ?? "end of WAL"}");
            }
        }

        if (crashed)
        {
            log("database system was not properly shut down; automatic recovery in progress");
            storage.UpdateControl(control with { State = DbState.InCrashRecovery, Time = now.GetUtcNow() });
        }

        return new WalRecovery(storage, checkpoint, crashed, log);
    }

    /// <summary>
    /// PerformWalRecovery for <paramref name="recovery"/>: loads the table snapshot, replays the WAL from the redo point
    /// (a transaction's changes are applied at its commit record; a transaction without one is lost, as an unflushed
    /// commit is), and positions the WAL after the last valid record.
    /// </summary>
    internal static Recovered Redo(WalRecovery recovery)
    {
        var (control, checkpoint, crashed, log) = (recovery.Storage.Control, recovery.Checkpoint, recovery.InRecovery, recovery.Log);
        var files = recovery.Storage.Files;
        var dataDirectory = recovery.Storage.DataDirectory;
        var (table, snapshotRedo) = KvSnapshotFile.LoadTable(files, dataDirectory);
        recovery.Storage.SnapshotRedo = snapshotRedo;
        var commitsReplayed = 0;

        var pending = new Dictionary<uint, List<WalRecord>>();
        var nextXid = Math.Max(checkpoint.NextXid, KvStore.FirstNormalXid);
        var replayed = 0;
        Lsn first = Lsn.Invalid, last = Lsn.Invalid;
        var usage = Stopwatch.StartNew();
        using var process = Process.GetCurrentProcess();
        var (user, system) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        using var reader = new WalReader(files, recovery.Storage.WalDirectory, control.Timeline, control.WalSegmentSize, checkpoint.Redo);
        while (reader.ReadRecord() is { } record)
        {
            if (record.Lsn == control.Checkpoint)
            {
                continue; // the checkpoint record itself changes nothing
            }

            if (!first.IsValid && crashed)
            {
                log($"redo starts at {record.Lsn}");
            }

            first = first.IsValid ? first : record.Lsn;
            last = record.Lsn;
            replayed++;
            if (Redo(record, table, pending, ref nextXid))
            {
                commitsReplayed++;
            }
        }

        if (reader.EndOfWal <= control.Checkpoint)
        {
            // Checked by InitWalRecovery; the WAL changed underneath.
            throw new InvalidDataException(
                $"could not find redo location referenced by checkpoint record: {reader.EndReason ?? "end of WAL"}");
        }

        if (crashed)
        {
            if (reader.EndReason is { } reason)
            {
                log(reason);
            }

            if (first.IsValid)
            {
                // pg_rusage_show; the process is shared by every child, so the CPU times are the whole server's.
                process.Refresh();
                log(string.Create(
                    CultureInfo.InvariantCulture,
                    $"redo done at {last} system usage: CPU: user: {(process.UserProcessorTime - user).TotalSeconds:0.00} s, " +
                    $"system: {(process.PrivilegedProcessorTime - system).TotalSeconds:0.00} s, elapsed: {usage.Elapsed.TotalSeconds:0.00} s"));
            }
            else
            {
                log("redo is not required");
            }
        }

        recovery.Storage.LastCheckpointEnd = reader.LastRecord == control.Checkpoint ? reader.EndOfWal : Lsn.Invalid;
        return new Recovered(table, nextXid, reader.EndOfWal, reader.LastRecord, crashed, replayed, commitsReplayed > 0);
    }

    /// <summary>
    /// CreateCheckPoint: takes the table's checkpoint view (its redo point), flushes the WAL, writes what changed since
    /// the last checkpoint atomically (nothing, a delta of the rows changed since the whole snapshot, or a new whole
    /// snapshot: CheckPointBuffers writing only dirty buffers), appends the checkpoint record and flushes, then points
    /// the control file at it, and removes the WAL segments before the redo point. The log lines are PostgreSQL's
    /// <c>checkpoint starting: …</c> and <c>checkpoint complete: …</c>; a failure leaves the changes for the next one.
    /// </summary>
    /// <param name="store">The table.</param>
    /// <param name="wal">The WAL.</param>
    /// <param name="shutdown">A shutdown checkpoint (the control file then says "shut down").</param>
    /// <param name="flags">The reason words after "checkpoint starting:" (e.g. <c>shutdown immediate</c>).</param>
    /// <param name="log">Where the LOG lines go.</param>
    /// <param name="now">The clock.</param>
    /// <param name="sharedBuffers">shared_buffers in 8 kB pages: the "(n%)" of the buffers written.</param>
    /// <returns>The WAL segment files removed.</returns>
    public async Task<IReadOnlyList<string>> CheckpointAsync(
        KvStore store, WalLog wal, bool shutdown, string flags, Action<string> log, TimeProvider now, int sharedBuffers = 16384)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(wal);
        log($"checkpoint starting: {flags}");
        var started = Stopwatch.StartNew();
        var view = store.CheckpointView();
        var redo = new Lsn(view.Redo);
        var write = new Stopwatch();
        var bytesWritten = 0;
        var control = Control;
        var time = now.GetUtcNow();
        Lsn checkpoint, end;
        var sync = new Stopwatch();
        try
        {
            // WAL before data: the rows written may include commits whose records are not durable yet (synchronous_commit off).
            sync.Start();
            await wal.FlushAllAsync().ConfigureAwait(false);
            sync.Stop();
            write.Start();
            if (view.Rows is { } rows)
            {
                bytesWritten = new KvSnapshotFile(redo, rows).Write(Files, DataDirectory);
                SnapshotRedo = redo;
                if (Files.Exists(KvDeltaFile.PathIn(DataDirectory)))
                {
                    Files.Delete(KvDeltaFile.PathIn(DataDirectory)); // it names the previous snapshot: ignored even if this fails
                }
            }
            else if (view.Delta is { } delta)
            {
                bytesWritten = new KvDeltaFile(SnapshotRedo, redo, delta).Write(Files, DataDirectory);
            }

            write.Stop();
            (checkpoint, end) = wal.Append(WalRecord.Checkpoint(new CheckpointPayload(redo, view.NextXid, control.Timeline, shutdown, time)));
            sync.Start();
            await wal.FlushAsync(end).ConfigureAwait(false);
            sync.Stop();
        }
        catch
        {
            store.CheckpointFailed(view);
            throw;
        }

        LastCheckpointEnd = end;
        UpdateControl(control with
        {
            State = shutdown ? DbState.ShutDown : DbState.InProduction,
            Checkpoint = checkpoint,
            Redo = redo,
            NextXid = view.NextXid,
            Time = time,
        });
        var removed = wal.RemoveSegmentsBefore(redo);
        foreach (var name in removed)
        {
            ArchiveStatus.Forget(Files, WalDirectory, name);
        }

        var distance = (checkpoint - control.Redo) / 1024;
        var buffers = (bytesWritten + 8191) / 8192; // the size written in 8 kB pages stands for the buffers written
        log(string.Create(
            CultureInfo.InvariantCulture,
            $"checkpoint complete: wrote {buffers} buffers ({100.0 * buffers / Math.Max(sharedBuffers, 1):0.0}%); 0 WAL file(s) added, {removed.Count} removed, 0 recycled; " +
            $"write={write.Elapsed.TotalSeconds:0.000} s, sync={sync.Elapsed.TotalSeconds:0.000} s, total={started.Elapsed.TotalSeconds:0.000} s; " +
            $"sync files={(bytesWritten > 0 ? 1 : 0)}, longest={sync.Elapsed.TotalSeconds:0.000} s, average={sync.Elapsed.TotalSeconds:0.000} s; " +
            $"distance={distance} kB, estimate={distance} kB"));
        return removed;
    }

    /// <summary>Marks the cluster "in production" (the end of StartupXLOG).</summary>
    /// <param name="time">When.</param>
    public void MarkInProduction(DateTimeOffset time) => UpdateControl(Control with { State = DbState.InProduction, Time = time });

    private void UpdateControl(ControlFileData control)
    {
        lock (_gate)
        {
            control.Write(Files, DataDirectory);
            _control = control;
        }
    }

    /// <summary>Applies one record: changes wait for their transaction's commit record.</summary>
    /// <returns>True for a commit record.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Redo(WalRecord record, RecoveredTable table, Dictionary<uint, List<WalRecord>> pending, ref uint nextXid)
    {
        if (record.Xid >= nextXid)
        {
            nextXid = record.Xid + 1;
        }

        switch (record.Kind)
        {
            case WalRecordKind.Put or WalRecordKind.Delete:
                if (!pending.TryGetValue(record.Xid, out var changes))
                {
                    pending[record.Xid] = changes = [];
                }

                changes.Add(record);
                break;
            case WalRecordKind.Commit:
                if (pending.Remove(record.Xid, out var committed))
                {
                    foreach (var change in committed)
                    {
                        if (change.Kind == WalRecordKind.Put)
                        {
                            var (key, value) = change.DecodePut();
                            table.Change(new KvChange(key, value, false));
                        }
                        else
                        {
                            table.Change(new KvChange(change.DecodeDelete(), null, true));
                        }
                    }
                }

                return true;
            case WalRecordKind.Abort:
                pending.Remove(record.Xid);
                break;
            case WalRecordKind.NextXid:
                nextXid = Math.Max(nextXid, record.DecodeNextXid());
                break;
        }

        return false;
    }

    /// <summary>A system identifier as PostgreSQL builds one: seconds and microseconds of the bootstrap time, and the pid.</summary>
    private static ulong SystemIdentifier(DateTimeOffset now)
    {
        var micros = now.ToUnixTimeMilliseconds() * 1000;
        return ((ulong)(micros / 1_000_000) << 32) | ((ulong)(micros % 1_000_000) << 12) | (uint)(Environment.ProcessId & 0xFFF);
    }
}

/// <summary>
/// INTERNAL API. A recovery between InitWalRecovery and PerformWalRecovery: the control file and the checkpoint have
/// been read, the redo has not run. The startup process tells the postmaster that recovery started in between.
/// </summary>
internal sealed class WalRecovery
{
    internal WalRecovery(ClusterStorage storage, CheckpointPayload checkpoint, bool inRecovery, Action<string> log)
    {
        Storage = storage;
        Checkpoint = checkpoint;
        InRecovery = inRecovery;
        Log = log;
    }

    /// <summary>The data directory.</summary>
    public ClusterStorage Storage { get; }

    /// <summary>The last checkpoint.</summary>
    public CheckpointPayload Checkpoint { get; }

    /// <summary>True when the cluster was not shut down cleanly (crash recovery: InRecovery in PostgreSQL).</summary>
    public bool InRecovery { get; }

    /// <summary>Where LOG lines go.</summary>
    internal Action<string> Log { get; }

    /// <summary>
    /// PerformWalRecovery: loads the table snapshot and replays the WAL from the redo point, logging <c>redo starts at</c>,
    /// the end of WAL and <c>redo done at … system usage: …</c> (or <c>redo is not required</c>) in crash recovery.
    /// </summary>
    /// <returns>What was recovered.</returns>
    /// <exception cref="InvalidDataException">The WAL the control file promises is damaged.</exception>
    public Recovered PerformWalRecovery() => ClusterStorage.Redo(this);
}

/// <summary>INTERNAL API. What recovery rebuilt: the table, the next xid, and where the WAL continues.</summary>
/// <param name="Table">The table: the snapshot and the changes replayed on top.</param>
/// <param name="NextXid">The next transaction id.</param>
/// <param name="EndOfWal">The end of the last valid record: new records go here.</param>
/// <param name="LastRecord">The last valid record (the next record's prev-link).</param>
/// <param name="CrashRecovery">True when the cluster had not been shut down cleanly.</param>
/// <param name="RecordsReplayed">How many records were replayed.</param>
/// <param name="ChangedSinceCheckpoint">Whether replay applied a commit (the rows differ from what the last checkpoint wrote).</param>
internal sealed record Recovered(
    RecoveredTable Table, uint NextXid, Lsn EndOfWal, Lsn LastRecord, bool CrashRecovery, int RecordsReplayed, bool ChangedSinceCheckpoint)
{
    /// <summary>The committed rows (the table built now if it was not yet).</summary>
    public Dictionary<string, string?> Rows => Table.Rows;

    /// <summary>The keys whose rows differ from the whole snapshot on disk (the delta's and those replay changed).</summary>
    public IEnumerable<string> ChangedSinceSnapshot => Table.Changes.Keys;
}

/// <summary>INTERNAL API. What the startup process leaves in shared memory: the data directory, the WAL and the table.</summary>
/// <param name="Cluster">The data directory.</param>
/// <param name="Wal">The WAL buffers and writer of this incarnation.</param>
/// <param name="Kv">The table.</param>
internal sealed record RecoveredStorage(ClusterStorage Cluster, WalLog Wal, KvStore Kv)
{
    /// <summary>Checkpoint requests for the checkpointer.</summary>
    public CheckpointRequests Checkpoints { get; } = new();
}
