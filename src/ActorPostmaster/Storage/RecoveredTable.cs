namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. The kv table as recovery rebuilds it: the snapshot's bytes, already read and checked, and the changes
/// since the snapshot (its delta, then what redo replayed). The snapshot is decoded into rows only when the rows are
/// first needed, as PostgreSQL reads a relation's pages into shared buffers only when a query or redo touches them: the
/// cluster is ready to accept connections without it, and a checkpoint that writes only changes never needs it.
/// </summary>
internal sealed class RecoveredTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, KvChange> _changes = new(StringComparer.Ordinal);
    private byte[]? _snapshot;
    private Dictionary<string, string?>? _rows;

    /// <summary>A table from a checked snapshot (<see cref="KvSnapshotFile.LoadTable"/>).</summary>
    /// <param name="snapshot">The snapshot file's bytes (magic, checksum and version checked).</param>
    /// <param name="snapshotRows">The row count in its header.</param>
    public RecoveredTable(byte[] snapshot, int snapshotRows)
    {
        _snapshot = snapshot;
        SnapshotRows = snapshotRows;
    }

    /// <summary>The rows of the snapshot (before the changes).</summary>
    public int SnapshotRows { get; }

    /// <summary>The changes since the snapshot, the last per key (deletions as tombstones). Complete only before <see cref="Rows"/> is used.</summary>
    public IReadOnlyDictionary<string, KvChange> Changes => _changes;

    /// <summary>True once <see cref="Rows"/> has been built.</summary>
    public bool IsLoaded
    {
        get
        {
            lock (_lock)
            {
                return _rows is not null;
            }
        }
    }

    /// <summary>The rows: the snapshot decoded, with the changes applied (built at the first call, on its thread).</summary>
    /// <exception cref="InvalidOperationException">The snapshot cannot be decoded although its checksum was right.</exception>
    public Dictionary<string, string?> Rows
    {
        get
        {
            lock (_lock)
            {
                return _rows ??= Build();
            }
        }
    }

    /// <summary>A change replayed or read from the delta, in order (before <see cref="Rows"/> is used).</summary>
    /// <param name="change">The change.</param>
    public void Change(KvChange change)
    {
        lock (_lock)
        {
            if (_rows is { } rows)
            {
                throw new InvalidOperationException("the table has been built; change it through the store");
            }

            _changes[change.Key] = change;
        }
    }

    /// <summary>Builds <see cref="Rows"/> on a thread-pool thread, so that the first query rarely waits for it.</summary>
    public void Prefetch() => ThreadPool.UnsafeQueueUserWorkItem(static table => _ = table.Rows, this, preferLocal: false);

    private Dictionary<string, string?> Build()
    {
        Dictionary<string, string?> rows;
        try
        {
            rows = (Dictionary<string, string?>)KvSnapshotFile.Decode(_snapshot).Rows;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException($"could not load the table from \"{KvSnapshotFile.RelativePath}\": {e.Message}", e);
        }

        foreach (var (key, change) in _changes)
        {
            if (change.Deleted)
            {
                rows.Remove(key);
            }
            else
            {
                rows[key] = change.Value;
            }
        }

        _snapshot = null;
        return rows;
    }
}
