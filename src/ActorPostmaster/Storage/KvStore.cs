namespace ActorPostmaster.Storage;

/// <summary>One change of a transaction to the kv table: a new value for a key, or its deletion (a null value).</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The new value (a SQL NULL is stored as null too, so <see cref="Deleted"/> marks a deletion).</param>
/// <param name="Deleted">True when the row is deleted.</param>
public readonly record struct KvChange(string Key, string? Value, bool Deleted);

/// <summary>
/// Where a committing transaction's changes go before they become visible: the WAL (RecordTransactionCommit's
/// XLogInsert, then XLogFlush).
/// </summary>
public interface ICommitLog
{
    /// <summary>Appends the transaction's change records and its commit record, as one contiguous group.</summary>
    /// <param name="xid">The transaction id.</param>
    /// <param name="changes">The changes, in the order they were made.</param>
    /// <param name="commitTime">The commit timestamp.</param>
    /// <returns>
    /// Where the group starts (a checkpoint's redo point must not pass it while the commit is not yet visible) and the
    /// end of the commit record (durable once the WAL is flushed up to it).
    /// </returns>
    (ulong Start, ulong End) AppendCommit(uint xid, IReadOnlyList<KvChange> changes, DateTimeOffset commitTime);

    /// <summary>
    /// Appends the record a checkpoint's redo point is (PostgreSQL 17's XLOG_CHECKPOINT_REDO; here a NextXid record):
    /// every commit appended after it is replayed from it.
    /// </summary>
    /// <param name="nextXid">The next transaction id, which replay restores from it.</param>
    /// <returns>The record's LSN.</returns>
    ulong MarkRedo(uint nextXid);

    /// <summary>Completes once the WAL is durable up to <paramref name="lsn"/>; faults when the flush fails (a PANIC).</summary>
    /// <param name="lsn">The position.</param>
    /// <returns>The wait.</returns>
    ValueTask WaitForFlushAsync(ulong lsn);
}

/// <summary>
/// The kv table in shared memory: the committed rows, the row locks of transactions in progress, and the transaction
/// id counter. Rebuilt at every start and every crash reinitialisation from the last checkpoint and the WAL, so what
/// it holds after a crash is exactly what was durable.
/// </summary>
/// <remarks>
/// <para>
/// Concurrency follows PostgreSQL's READ COMMITTED with row locks: a statement sees the latest committed rows plus its
/// own transaction's changes; a transaction that writes a key holds that key until it ends, and another writer of the
/// same key waits for it (then sees its outcome: an insert finds the committed row and conflicts, an update of a deleted
/// row changes nothing). A wait that would close a cycle of waiters is PostgreSQL's deadlock error instead.
/// </para>
/// <para>
/// A commit is visible to others only after its commit record is durable (with synchronous_commit on), as
/// ProcArrayEndTransaction runs after XLogFlush in RecordTransactionCommit; its row locks are held until then.
/// </para>
/// </remarks>
public sealed class KvStore
{
    private readonly object _gate = new();
    private readonly RecoveredTable? _table; // the rows until they are first needed
    private Dictionary<string, string?>? _committed;
    private readonly Dictionary<string, KvTransaction> _locks = new(StringComparer.Ordinal);
    private readonly SortedSet<ulong> _inFlight = [];
    private readonly ICommitLog _log;
    private readonly TimeProvider _clock;
    private uint _nextXid;
    private HashSet<string> _dirty; // keys changed since the last whole snapshot (the delta's keys)
    private bool _changed; // a commit became visible since the last checkpoint view

    /// <summary>Creates the table with its rows.</summary>
    /// <param name="log">Where commits go.</param>
    /// <param name="rows">The committed rows; a dictionary with the ordinal comparer is adopted, not copied.</param>
    /// <param name="nextXid">The next transaction id to assign.</param>
    /// <param name="clock">Commit timestamps.</param>
    public KvStore(ICommitLog log, IEnumerable<KeyValuePair<string, string?>> rows, uint nextXid, TimeProvider? clock = null)
        : this(log, nextXid, clock, [], changedSinceCheckpoint: true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _committed = rows is Dictionary<string, string?> adopted && ReferenceEquals(adopted.Comparer, StringComparer.Ordinal)
            ? adopted
            : new Dictionary<string, string?>(rows, StringComparer.Ordinal);
    }

    /// <summary>Creates the table as recovery rebuilt it; its rows are built when first needed.</summary>
    /// <param name="log">Where commits go.</param>
    /// <param name="table">The recovered table.</param>
    /// <param name="nextXid">The next transaction id to assign.</param>
    /// <param name="clock">Commit timestamps.</param>
    /// <param name="changedSinceCheckpoint">Whether the rows differ from what the last checkpoint wrote (replay applied a commit).</param>
    internal KvStore(ICommitLog log, RecoveredTable table, uint nextXid, TimeProvider? clock, bool changedSinceCheckpoint)
        : this(log, nextXid, clock, table.Changes.Keys, changedSinceCheckpoint)
    {
        _table = table;
    }

    private KvStore(ICommitLog log, uint nextXid, TimeProvider? clock, IEnumerable<string> changedSinceSnapshot, bool changedSinceCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _clock = clock ?? TimeProvider.System;
        _dirty = new(changedSinceSnapshot, StringComparer.Ordinal);
        _changed = changedSinceCheckpoint;
        _nextXid = Math.Max(nextXid, FirstNormalXid);
    }

    /// <summary>FirstNormalTransactionId: ids below it are reserved.</summary>
    public const uint FirstNormalXid = 3;

    /// <summary>The next transaction id to be assigned.</summary>
    public uint NextXid
    {
        get
        {
            lock (_gate)
            {
                return _nextXid;
            }
        }
    }

    /// <summary>The number of committed rows.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return Committed.Count;
            }
        }
    }

    /// <summary>Starts a transaction (its xid is assigned at its first change, as GetTopTransactionId does).</summary>
    /// <returns>The transaction.</returns>
    public KvTransaction Begin() => new(this);

    /// <summary>The committed rows in key order.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<KeyValuePair<string, string?>> CommittedRows()
    {
        KeyValuePair<string, string?>[] rows;
        lock (_gate)
        {
            rows = [.. Committed];
        }

        Array.Sort(rows, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return rows;
    }

    /// <summary>
    /// A checkpoint's view (CreateCheckPoint's redo point and buffer sync, at one instant): what the checkpoint must
    /// write — nothing when no commit became visible since the last view, the rows changed since the last whole snapshot
    /// while they are under a quarter of the table, else every row — and the position from which replay over it
    /// reproduces every commit: a redo record appended now, or the start of the oldest commit that is in the WAL but not
    /// yet visible (waiting for its flush), whichever is earlier. Call <see cref="CheckpointFailed"/> if the view cannot
    /// be written.
    /// </summary>
    /// <returns>The view.</returns>
    public KvCheckpointView CheckpointView()
    {
        lock (_gate)
        {
            var marker = _log.MarkRedo(_nextXid);
            var redo = _inFlight.Count > 0 ? Math.Min(_inFlight.Min, marker) : marker;
            var dirty = _dirty;
            var changed = _changed;
            _changed = false;
            if (!changed)
            {
                return new KvCheckpointView(redo, _nextXid, null, null, dirty, changed);
            }

            if (_dirty.Count * 4L >= (_committed?.Count ?? _table!.SnapshotRows))
            {
                _dirty = new(StringComparer.Ordinal); // a whole snapshot: the delta starts again
                return new KvCheckpointView(redo, _nextXid, [.. Committed], null, dirty, changed);
            }

            var delta = new List<KvChange>(_dirty.Count);
            foreach (var key in _dirty)
            {
                if (_committed is null)
                {
                    delta.Add(_table!.Changes[key]); // not built yet: every changed key is among the recovered changes
                }
                else
                {
                    delta.Add(_committed.TryGetValue(key, out var value) ? new KvChange(key, value, false) : new KvChange(key, null, true));
                }
            }

            return new KvCheckpointView(redo, _nextXid, null, delta, dirty, changed);
        }
    }

    /// <summary>The checkpoint of <paramref name="view"/> was not written: its changes stay to be written by the next one.</summary>
    /// <param name="view">The view.</param>
    public void CheckpointFailed(KvCheckpointView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        lock (_gate)
        {
            _changed |= view.Changed;
            if (!ReferenceEquals(_dirty, view.Dirty))
            {
                _dirty.UnionWith(view.Dirty);
            }
        }
    }

    /// <summary>Records a commit's changes as visible: the table, and what the next checkpoint must write. Under <see cref="Gate"/>.</summary>
    internal void Apply(IEnumerable<KeyValuePair<string, KvChange>> writes)
    {
        var committed = Committed;
        foreach (var (key, change) in writes)
        {
            if (change.Deleted)
            {
                committed.Remove(key);
            }
            else
            {
                committed[key] = change.Value;
            }

            _dirty.Add(key);
            _changed = true;
        }
    }

    internal object Gate => _gate;

    /// <summary>The committed rows, built from the recovered table at the first use. Under <see cref="Gate"/>.</summary>
    internal Dictionary<string, string?> Committed => _committed ??= _table!.Rows;

    internal ICommitLog Log => _log;

    internal SortedSet<ulong> InFlight => _inFlight;

    internal DateTimeOffset Now => _clock.GetUtcNow();

    internal uint AssignXid()
    {
        var xid = _nextXid;
        _nextXid = xid == uint.MaxValue ? FirstNormalXid : xid + 1;
        return xid;
    }

    /// <summary>Locks <paramref name="key"/> for <paramref name="transaction"/>, or returns the holder to wait for.</summary>
    internal KvTransaction? TryLock(string key, KvTransaction transaction)
    {
        if (_locks.TryGetValue(key, out var holder) && !ReferenceEquals(holder, transaction))
        {
            return holder;
        }

        _locks[key] = transaction;
        return null;
    }

    internal void Unlock(IEnumerable<string> keys, KvTransaction transaction)
    {
        foreach (var key in keys)
        {
            if (_locks.TryGetValue(key, out var holder) && ReferenceEquals(holder, transaction))
            {
                _locks.Remove(key);
            }
        }
    }

    /// <summary>Whether waiting for <paramref name="holder"/> would make <paramref name="waiter"/> part of a cycle.</summary>
    internal static bool WouldDeadlock(KvTransaction waiter, KvTransaction holder)
    {
        var seen = new HashSet<KvTransaction>();
        for (var current = holder; current is not null && seen.Add(current); current = current.WaitingFor)
        {
            if (ReferenceEquals(current, waiter))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a checkpoint writes, from <see cref="KvStore.CheckpointView"/>.</summary>
/// <param name="Redo">The redo position.</param>
/// <param name="NextXid">The next transaction id.</param>
/// <param name="Rows">Every row, when a whole snapshot is due; else null.</param>
/// <param name="Delta">The rows changed since the last whole snapshot (deletions as tombstones), when a delta is due; else null.</param>
/// <param name="Dirty">The store's changed keys when the view was taken (given back by <see cref="KvStore.CheckpointFailed"/>).</param>
/// <param name="Changed">Whether a commit became visible since the previous view.</param>
public sealed record KvCheckpointView(
    ulong Redo, uint NextXid, IReadOnlyCollection<KeyValuePair<string, string?>>? Rows, IReadOnlyList<KvChange>? Delta, IReadOnlySet<string> Dirty, bool Changed);
