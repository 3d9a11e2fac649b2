namespace ActorPostmaster;

/// <summary>
/// The settings the postmaster and its children read, with PostgreSQL's names and defaults. Restart-only settings are
/// fixed for the postmaster's life; the settings engine (ActorPostmaster.Settings) feeds reloadable ones.
/// </summary>
public sealed record PostmasterOptions
{
    /// <summary>PostgreSQL's defaults.</summary>
    public static PostmasterOptions Default { get; } = new();

    /// <summary>The postmaster's own (virtual) pid; children get the following numbers.</summary>
    public int PostmasterPid { get; init; } = 1000;

    /// <summary>max_connections.</summary>
    public int MaxConnections { get; init; } = 100;

    /// <summary>superuser_reserved_connections.</summary>
    public int SuperuserReservedConnections { get; init; } = 3;

    /// <summary>reserved_connections (PostgreSQL 16; an ActorPostmaster extension here).</summary>
    public int ReservedConnections { get; init; }

    /// <summary>max_wal_senders (walsenders share the backend pool; replication itself is not supported).</summary>
    public int MaxWalSenders { get; init; } = 10;

    /// <summary>max_worker_processes.</summary>
    public int MaxWorkerProcesses { get; init; } = 8;

    /// <summary>restart_after_crash.</summary>
    public bool RestartAfterCrash { get; init; } = true;

    /// <summary>remove_temp_files_after_crash.</summary>
    public bool RemoveTempFilesAfterCrash { get; init; } = true;

    /// <summary>hot_standby.</summary>
    public bool HotStandby { get; init; } = true;

    /// <summary>send_abort_for_crash (PostgreSQL 16).</summary>
    public bool SendAbortForCrash { get; init; }

    /// <summary>send_abort_for_kill (PostgreSQL 16).</summary>
    public bool SendAbortForKill { get; init; }

    /// <summary>io_workers (PostgreSQL 18, with io_method = worker).</summary>
    public int IoWorkers { get; init; } = 3;

    /// <summary>autovacuum.</summary>
    public bool Autovacuum { get; init; } = true;

    /// <summary>autovacuum_max_workers.</summary>
    public int AutovacuumMaxWorkers { get; init; } = 3;

    /// <summary>autovacuum_naptime.</summary>
    public TimeSpan AutovacuumNaptime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>logging_collector.</summary>
    public bool LoggingCollector { get; init; }

    /// <summary>log_checkpoints.</summary>
    public bool LogCheckpoints { get; init; } = true;

    /// <summary>
    /// The data directory, whose <c>base/pgsql_tmp</c> holds temporary files (removed after a crash when
    /// remove_temp_files_after_crash is on). Null when the cluster has no directory (a purely in-memory test).
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>authentication_timeout: how long a new connection may take to finish its startup.</summary>
    public TimeSpan AuthenticationTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>statement_timeout (0 = off).</summary>
    public TimeSpan StatementTimeout { get; init; }

    /// <summary>idle_in_transaction_session_timeout (0 = off).</summary>
    public TimeSpan IdleInTransactionSessionTimeout { get; init; }

    /// <summary>idle_session_timeout (0 = off).</summary>
    public TimeSpan IdleSessionTimeout { get; init; }

    /// <summary>The roles and databases of the cluster.</summary>
    public Catalog Catalog { get; init; } = Catalog.Default;

    /// <summary>server_version as clients see it: PostgreSQL 15 compatible, naming ActorPostmaster.</summary>
    public string ServerVersion { get; init; } = "15.18 (ActorPostmaster 0.1)";

    /// <summary>Fault injection and test control: how long the startup process takes before it reports recovery done.</summary>
    public TimeSpan StartupDuration { get; init; }

    /// <summary>Fault injection: the startup process fails (FATAL, exit 1) instead of finishing.</summary>
    public bool FailStartup { get; init; }

    /// <summary>The settings the state machine reads.</summary>
    public PmPolicy Policy => new(RestartAfterCrash, HotStandby, SendAbortForCrash, SendAbortForKill);
}
