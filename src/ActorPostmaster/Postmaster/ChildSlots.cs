namespace ActorPostmaster;

/// <summary>
/// The postmaster's child-slot pools (pmchild.c: InitPostmasterChildSlots). Created once at start and kept across
/// crash restarts. Dead-end backends and the logger are not pooled.
/// </summary>
public sealed class ChildSlots
{
    private readonly Dictionary<BackendType, int> _capacity;
    private readonly Dictionary<BackendType, int> _used = [];

    /// <summary>Sizes the pools.</summary>
    /// <param name="maxConnections">max_connections.</param>
    /// <param name="maxWalSenders">max_wal_senders (walsenders share the backend pool).</param>
    /// <param name="autovacuumWorkers">autovacuum_max_workers (PostgreSQL 18: autovacuum_worker_slots).</param>
    /// <param name="maxWorkerProcesses">max_worker_processes.</param>
    public ChildSlots(int maxConnections, int maxWalSenders, int autovacuumWorkers, int maxWorkerProcesses)
    {
        _capacity = new Dictionary<BackendType, int>
        {
            [BackendType.Backend] = 2 * (maxConnections + maxWalSenders),
            [BackendType.AutovacuumWorker] = autovacuumWorkers,
            [BackendType.BackgroundWorker] = maxWorkerProcesses,
            [BackendType.IoWorker] = MaxIoWorkers,
        };
        foreach (var single in new[]
        {
            BackendType.AutovacuumLauncher, BackendType.SlotSyncWorker, BackendType.Archiver, BackendType.BackgroundWriter,
            BackendType.Checkpointer, BackendType.Startup, BackendType.WalReceiver, BackendType.WalSummarizer, BackendType.WalWriter,
        })
        {
            _capacity[single] = 1;
        }
    }

    /// <summary>PostgreSQL's MAX_IO_WORKERS.</summary>
    public const int MaxIoWorkers = 32;

    /// <summary>The pool a type draws from (walsenders share the backend pool).</summary>
    /// <param name="type">The type.</param>
    public static BackendType PoolOf(BackendType type) => type == BackendType.WalSender ? BackendType.Backend : type;

    /// <summary>The size of the pool of <paramref name="type"/>; null when the type is not pooled.</summary>
    /// <param name="type">The type.</param>
    public int? Capacity(BackendType type) => _capacity.TryGetValue(PoolOf(type), out var capacity) ? capacity : null;

    /// <summary>Slots in use in the pool of <paramref name="type"/>.</summary>
    /// <param name="type">The type.</param>
    public int InUse(BackendType type) => _used.GetValueOrDefault(PoolOf(type));

    /// <summary>Takes a slot; false when the pool is full. Unpooled types always succeed.</summary>
    /// <param name="type">The type.</param>
    public bool TryAcquire(BackendType type)
    {
        var pool = PoolOf(type);
        if (!_capacity.TryGetValue(pool, out var capacity))
        {
            return true;
        }

        var used = _used.GetValueOrDefault(pool);
        if (used >= capacity)
        {
            return false;
        }

        _used[pool] = used + 1;
        return true;
    }

    /// <summary>Gives a slot back.</summary>
    /// <param name="type">The type.</param>
    public void Release(BackendType type)
    {
        var pool = PoolOf(type);
        if (_capacity.ContainsKey(pool) && _used.GetValueOrDefault(pool) > 0)
        {
            _used[pool]--;
        }
    }
}
