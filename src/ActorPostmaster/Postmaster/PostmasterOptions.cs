using System.Globalization;
using ActorPostmaster.Settings;

namespace ActorPostmaster;

/// <summary>
/// How to start a postmaster: its configuration (the <c>postgresql</c> section of a HOCON file, plus command-line
/// <c>-c name=value</c> overrides), the cluster's catalog, and test controls.
/// </summary>
/// <remarks>
/// The settings engine is the one source of truth for settings. The typed properties below are conveniences for tests
/// and embedding: each one that is set becomes a command-line override, so SHOW and the postmaster agree.
/// </remarks>
public sealed record PostmasterOptions
{
    /// <summary>PostgreSQL's defaults.</summary>
    public static PostmasterOptions Default { get; } = new();

    /// <summary>The postmaster's own (virtual) pid; children get the following numbers.</summary>
    public int PostmasterPid { get; init; } = 1000;

    /// <summary>The configuration file's <c>postgresql</c> section, or null for none.</summary>
    public ConfigFile? Configuration { get; init; }

    /// <summary>Where a reload re-reads the configuration from; null to keep <see cref="Configuration"/>.</summary>
    public string? ConfigurationPath { get; init; }

    /// <summary>Command-line overrides (<c>-c name=value</c>), above the file.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CommandLine { get; init; } = [];

    /// <summary>
    /// The pg_hba rules that choose how each connection authenticates; null trusts every connection (the in-process
    /// default; the server always has rules).
    /// </summary>
    public Authentication.HbaRules? Hba { get; init; }

    /// <summary>
    /// The cluster's secret for mock SCRAM exchanges (pg_control's mock_authentication_nonce): an unknown role gets the
    /// same fake salt on every attempt, so probing cannot tell it from a real one.
    /// </summary>
    public string MockAuthenticationNonce { get; init; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Where sessions find their tables (INSERT, UPDATE, DELETE and SELECT on them), or null for none: the hook a
    /// storage layer plugs its tables into. Looked up at each statement's analysis, after pg_stat_activity.
    /// </summary>
    public Sql.ITableCatalog? Tables { get; init; }

    /// <summary>The roles and databases of the cluster.</summary>
    public Catalog Catalog { get; init; } = Catalog.Default;

    /// <summary>
    /// The data directory, whose <c>base/pgsql_tmp</c> holds temporary files (removed after a crash when
    /// remove_temp_files_after_crash is on). Null when the cluster has no directory (a purely in-memory test).
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The file system the data directory is on (a fault-injecting one in storage tests).</summary>
    internal Storage.IStorageFiles StorageFiles { get; init; } = Storage.LocalStorageFiles.Instance;

    /// <summary>
    /// The process around the postmaster (listen sockets, postmaster.pid, pg_hba.conf), called at PostmasterMain's fixed
    /// points; null for an in-process postmaster that clients reach through <see cref="ConnectionRequest"/> only.
    /// </summary>
    public IPostmasterHost? Host { get; init; }

    /// <summary>io_workers (PostgreSQL 18, io_method = worker; not a PostgreSQL 15 setting, so not in the configuration).</summary>
    public int IoWorkers { get; init; } = 3;

    /// <summary>
    /// How long a backend may leave a termination or cancel pending without checking for interrupts before the postmaster
    /// logs it as stuck (an ActorPostmaster addition; zero turns the check off).
    /// </summary>
    public TimeSpan StuckBackendGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The wire server's length-word limit for Query, Parse, Bind, FunctionCall and CopyData messages (PostgreSQL's
    /// PQ_LARGE_MESSAGE_LIMIT, 1 GB - 2, by default; a longer message is logged as "invalid message length" and the
    /// connection closed). Not a PostgreSQL setting; tests lower it.
    /// </summary>
    public int LargeMessageLimit { get; init; } = Protocol.FrontendDecoder.DefaultLargeMessageLimit;

    /// <summary>
    /// Test control: how long the startup process spends before redo (InitWalRecovery), while new connections get
    /// "starting up", or after a crash "in recovery mode".
    /// </summary>
    public TimeSpan StartupDuration { get; init; }

    /// <summary>
    /// Test control: the gate where the startup process waits before redo while a <see cref="RecoveryHold"/> is active,
    /// or null for none (<see cref="Hosting.PostgresServer"/> always has one).
    /// </summary>
    public RecoveryGate? RecoveryGate { get; init; }

    /// <summary>Fault injection: the startup process fails (FATAL, exit 1) instead of finishing.</summary>
    public bool FailStartup { get; init; }

    /// <summary>Override of max_connections.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Override of superuser_reserved_connections.</summary>
    public int? SuperuserReservedConnections { get; init; }

    /// <summary>Override of reserved_connections.</summary>
    public int? ReservedConnections { get; init; }

    /// <summary>Override of restart_after_crash.</summary>
    public bool? RestartAfterCrash { get; init; }

    /// <summary>Override of remove_temp_files_after_crash.</summary>
    public bool? RemoveTempFilesAfterCrash { get; init; }

    /// <summary>Override of autovacuum.</summary>
    public bool? Autovacuum { get; init; }

    /// <summary>Override of statement_timeout.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>Override of idle_in_transaction_session_timeout.</summary>
    public TimeSpan? IdleInTransactionSessionTimeout { get; init; }

    /// <summary>Override of idle_session_timeout.</summary>
    public TimeSpan? IdleSessionTimeout { get; init; }

    /// <summary>Override of authentication_timeout.</summary>
    public TimeSpan? AuthenticationTimeout { get; init; }

    /// <summary>Every command-line value: <see cref="CommandLine"/> and the typed overrides that are set.</summary>
    public IEnumerable<KeyValuePair<string, string>> Overrides()
    {
        foreach (var entry in CommandLine)
        {
            yield return entry;
        }

        foreach (var (name, value) in Typed())
        {
            if (value is not null)
            {
                yield return new KeyValuePair<string, string>(name, value);
            }
        }
    }

    private IEnumerable<(string Name, string? Value)> Typed()
    {
        yield return ("max_connections", MaxConnections?.ToString(CultureInfo.InvariantCulture));
        yield return ("superuser_reserved_connections", SuperuserReservedConnections?.ToString(CultureInfo.InvariantCulture));
        yield return ("reserved_connections", ReservedConnections?.ToString(CultureInfo.InvariantCulture));
        yield return ("restart_after_crash", Bool(RestartAfterCrash));
        yield return ("remove_temp_files_after_crash", Bool(RemoveTempFilesAfterCrash));
        yield return ("autovacuum", Bool(Autovacuum));
        yield return ("statement_timeout", Milliseconds(StatementTimeout));
        yield return ("idle_in_transaction_session_timeout", Milliseconds(IdleInTransactionSessionTimeout));
        yield return ("idle_session_timeout", Milliseconds(IdleSessionTimeout));
        yield return ("authentication_timeout", AuthenticationTimeout is { } t ? ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" : null);
    }

    private static string? Bool(bool? value) => value is { } b ? (b ? "on" : "off") : null;

    private static string? Milliseconds(TimeSpan? value) =>
        value is { } t ? ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms" : null;
}

/// <summary>The settings the postmaster and its children act on, read from the settings engine.</summary>
public sealed record PostmasterSettings
{
    /// <summary>max_connections.</summary>
    public int MaxConnections { get; init; }

    /// <summary>superuser_reserved_connections.</summary>
    public int SuperuserReservedConnections { get; init; }

    /// <summary>reserved_connections.</summary>
    public int ReservedConnections { get; init; }

    /// <summary>max_wal_senders.</summary>
    public int MaxWalSenders { get; init; }

    /// <summary>max_worker_processes.</summary>
    public int MaxWorkerProcesses { get; init; }

    /// <summary>restart_after_crash.</summary>
    public bool RestartAfterCrash { get; init; }

    /// <summary>remove_temp_files_after_crash.</summary>
    public bool RemoveTempFilesAfterCrash { get; init; }

    /// <summary>hot_standby.</summary>
    public bool HotStandby { get; init; }

    /// <summary>send_abort_for_crash.</summary>
    public bool SendAbortForCrash { get; init; }

    /// <summary>send_abort_for_kill.</summary>
    public bool SendAbortForKill { get; init; }

    /// <summary>autovacuum.</summary>
    public bool Autovacuum { get; init; }

    /// <summary>autovacuum_max_workers.</summary>
    public int AutovacuumMaxWorkers { get; init; }

    /// <summary>autovacuum_naptime.</summary>
    public TimeSpan AutovacuumNaptime { get; init; }

    /// <summary>logging_collector.</summary>
    public bool LoggingCollector { get; init; }

    /// <summary>log_checkpoints.</summary>
    public bool LogCheckpoints { get; init; }

    /// <summary>authentication_timeout.</summary>
    public TimeSpan AuthenticationTimeout { get; init; }

    /// <summary>archive_mode: off, on or always.</summary>
    public string ArchiveMode { get; init; } = "off";

    /// <summary>summarize_wal (PostgreSQL 17).</summary>
    public bool SummarizeWal { get; init; }

    /// <summary>The state machine's view.</summary>
    public PmPolicy Policy => new(RestartAfterCrash, HotStandby, SendAbortForCrash, SendAbortForKill);

    /// <summary>Reads the values from a snapshot of the server's settings.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static PostmasterSettings From(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new PostmasterSettings
        {
            MaxConnections = snapshot.GetInt("max_connections"),
            SuperuserReservedConnections = snapshot.GetInt("superuser_reserved_connections"),
            ReservedConnections = snapshot.GetInt("reserved_connections"),
            MaxWalSenders = snapshot.GetInt("max_wal_senders"),
            MaxWorkerProcesses = snapshot.GetInt("max_worker_processes"),
            RestartAfterCrash = snapshot.GetBool("restart_after_crash"),
            RemoveTempFilesAfterCrash = snapshot.GetBool("remove_temp_files_after_crash"),
            HotStandby = snapshot.GetBool("hot_standby"),
            SendAbortForCrash = snapshot.GetBool("send_abort_for_crash"),
            SendAbortForKill = snapshot.GetBool("send_abort_for_kill"),
            Autovacuum = snapshot.GetBool("autovacuum"),
            AutovacuumMaxWorkers = snapshot.GetInt("autovacuum_max_workers"),
            AutovacuumNaptime = snapshot.GetTimeSpan("autovacuum_naptime"),
            LoggingCollector = snapshot.GetBool("logging_collector"),
            LogCheckpoints = snapshot.GetBool("log_checkpoints"),
            AuthenticationTimeout = snapshot.GetTimeSpan("authentication_timeout"),
            ArchiveMode = snapshot.GetString("archive_mode"),
            SummarizeWal = snapshot.GetBool("summarize_wal"),
        };
    }
}
