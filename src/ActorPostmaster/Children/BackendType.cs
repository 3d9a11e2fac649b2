namespace ActorPostmaster;

/// <summary>The kinds of postmaster children (PostgreSQL's <c>BackendType</c>, miscadmin.h).</summary>
public enum BackendType
{
    /// <summary>A client backend: one per session.</summary>
    Backend,

    /// <summary>A dead-end backend: answers a refused connection with one FATAL, then exits. Not pooled.</summary>
    DeadEndBackend,

    /// <summary>The autovacuum launcher.</summary>
    AutovacuumLauncher,

    /// <summary>An autovacuum worker.</summary>
    AutovacuumWorker,

    /// <summary>A registered background worker.</summary>
    BackgroundWorker,

    /// <summary>A WAL sender (replication; declared, not supported).</summary>
    WalSender,

    /// <summary>The slot sync worker (replication; declared, not supported).</summary>
    SlotSyncWorker,

    /// <summary>The archiver.</summary>
    Archiver,

    /// <summary>The background writer.</summary>
    BackgroundWriter,

    /// <summary>The checkpointer.</summary>
    Checkpointer,

    /// <summary>An I/O worker.</summary>
    IoWorker,

    /// <summary>The startup process (recovery).</summary>
    Startup,

    /// <summary>The WAL receiver (replication; declared, not supported).</summary>
    WalReceiver,

    /// <summary>The WAL summarizer.</summary>
    WalSummarizer,

    /// <summary>The WAL writer.</summary>
    WalWriter,

    /// <summary>The system logger (syslogger).</summary>
    Logger,
}

/// <summary>Names and groupings of <see cref="BackendType"/>.</summary>
public static class BackendTypes
{
    /// <summary>Every type that is not the logger: what crash and immediate-shutdown broadcasts reach.</summary>
    public static IReadOnlySet<BackendType> AllButLogger { get; } =
        Enum.GetValues<BackendType>().Where(t => t != BackendType.Logger).ToHashSet();

    /// <summary>The types of replication, which ActorPostmaster declares but does not run.</summary>
    public static IReadOnlySet<BackendType> Unsupported { get; } =
        new HashSet<BackendType> { BackendType.WalSender, BackendType.WalReceiver, BackendType.SlotSyncWorker };

    /// <summary>The description PostgreSQL shows in pg_stat_activity.backend_type (miscinit.c: GetBackendTypeDesc).</summary>
    /// <param name="type">The type.</param>
    public static string Description(this BackendType type) => type switch
    {
        BackendType.Backend => "client backend",
        BackendType.DeadEndBackend => "dead-end client backend",
        BackendType.AutovacuumLauncher => "autovacuum launcher",
        BackendType.AutovacuumWorker => "autovacuum worker",
        BackendType.BackgroundWorker => "background worker",
        BackendType.WalSender => "walsender",
        BackendType.SlotSyncWorker => "slotsync worker",
        BackendType.Archiver => "archiver",
        BackendType.BackgroundWriter => "background writer",
        BackendType.Checkpointer => "checkpointer",
        BackendType.IoWorker => "io worker",
        BackendType.Startup => "startup",
        BackendType.WalReceiver => "walreceiver",
        BackendType.WalSummarizer => "walsummarizer",
        BackendType.WalWriter => "walwriter",
        BackendType.Logger => "logger",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// The process name in the postmaster's exit log lines (postmaster.c: LogChildExit). PostgreSQL 15 calls a client
    /// backend "server process" there, as the oracle shows.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="workerType">For background workers, their bgw_type.</param>
    public static string ProcessName(this BackendType type, string? workerType = null) => type switch
    {
        BackendType.Backend => "server process",
        BackendType.BackgroundWorker => $"background worker \"{workerType}\"",
        BackendType.Checkpointer => "checkpointer process",
        BackendType.Startup => "startup process",
        BackendType.BackgroundWriter => "background writer process",
        BackendType.WalWriter => "WAL writer process",
        BackendType.WalReceiver => "WAL receiver process",
        BackendType.WalSummarizer => "WAL summarizer process",
        BackendType.AutovacuumLauncher => "autovacuum launcher process",
        BackendType.Archiver => "archiver process",
        BackendType.SlotSyncWorker => "slot sync worker process",
        BackendType.IoWorker => "io worker",
        BackendType.Logger => "system logger process",
        _ => type.Description(),
    };
}
