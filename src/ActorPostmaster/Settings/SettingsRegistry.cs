using System.Diagnostics.CodeAnalysis;

namespace ActorPostmaster.Settings;

/// <summary>
/// The settings ActorPostmaster knows (PostgreSQL 15's, for those this project supports, plus a few marked
/// <see cref="SettingFlags.Extension"/>): the single source of truth for names, types, units, ranges, contexts,
/// flags, descriptions and defaults. Lookup is case-insensitive (ASCII), as in PostgreSQL; <see cref="All"/> is in
/// PostgreSQL's order (names compared case-insensitively), which is also the order of ParameterStatus messages and
/// of SHOW ALL.
/// </summary>
public sealed partial class SettingsRegistry
{
    /// <summary>server_version's default: PostgreSQL 15 compatible, naming ActorPostmaster.</summary>
    public const string DefaultServerVersion = "15.18 (ActorPostmaster 0.1)";

    /// <summary>server_version_num's default, matching <see cref="DefaultServerVersion"/>.</summary>
    public const int DefaultServerVersionNum = 150018;

    private readonly Dictionary<string, SettingDefinition> _byName;

    private SettingsRegistry(IEnumerable<SettingDefinition> definitions)
    {
        var sorted = definitions.OrderBy(d => d.Name, NameComparer).ToArray();
        All = sorted;
        Reported = [.. sorted.Where(d => d.IsReported)];
        TransactionScoped = [.. sorted.Where(d => d.TransactionDefault is not null)];
        ReportedTransactionScoped = Reported.Any(d => d.TransactionDefault is not null);
        _byName = new Dictionary<string, SettingDefinition>(AsciiCaseInsensitiveComparer.Instance);
        foreach (var definition in sorted)
        {
            _byName.Add(definition.Name, definition);
        }
    }

    /// <summary>PostgreSQL's order of setting names: compared case-insensitively (ASCII), byte by byte.</summary>
    public static IComparer<string> NameComparer { get; } = new GucNameComparer();

    /// <summary>Case-insensitive (ASCII) equality of setting names, as PostgreSQL compares them.</summary>
    public static IEqualityComparer<string> NameEquality => AsciiCaseInsensitiveComparer.Instance;

    /// <summary>The registry of this project's settings.</summary>
    public static SettingsRegistry Default { get; } = new(CreateDefinitions());

    /// <summary>Every setting, in PostgreSQL's order.</summary>
    public IReadOnlyList<SettingDefinition> All { get; }

    /// <summary>The settings whose values are reported to clients (GUC_REPORT), in PostgreSQL's order.</summary>
    public IReadOnlyList<SettingDefinition> Reported { get; }

    /// <summary>The settings that take their value per transaction from a default_ counterpart (transaction_isolation and its kin).</summary>
    internal IReadOnlyList<SettingDefinition> TransactionScoped { get; }

    /// <summary>True when a reported setting takes its value per transaction (its value can change at a transaction's start or end).</summary>
    internal bool ReportedTransactionScoped { get; }

    /// <summary>Finds a setting by name, case-insensitively.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The definition, or null.</returns>
    public SettingDefinition? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>Finds a setting by name, case-insensitively.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="PgException">42704 when there is no such setting.</exception>
    public SettingDefinition Get(string name) => Find(name) ?? throw new PgException(SettingErrors.Unrecognized(name));

    /// <summary>
    /// True when <paramref name="name"/> is a valid custom (placeholder) parameter name: two or more simple
    /// identifiers separated by dots (letters, digits, _ and $, not starting with a digit or $).
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidCustomName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = 0;
        var atStart = true;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (atStart)
                {
                    return false;
                }

                atStart = true;
                continue;
            }

            var letter = char.IsAsciiLetter(c) || c == '_' || c >= 0x80;
            if (atStart)
            {
                if (!letter)
                {
                    return false;
                }

                atStart = false;
                parts++;
            }
            else if (!letter && !char.IsAsciiDigit(c) && c != '$')
            {
                return false;
            }
        }

        return !atStart && parts >= 2;
    }

    /// <summary>The definition of a custom placeholder variable (a string anyone may set, default empty).</summary>
    internal static SettingDefinition Placeholder(string name) =>
        new(name, SettingType.String, GucContext.User, SettingValue.FromString(string.Empty), "Customized Options", string.Empty,
            SettingFlags.CustomPlaceholder | SettingFlags.NoShowAll | SettingFlags.NotInSample);

    [SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "A table.")]
    [SuppressMessage("Maintainability", "CA1505:Avoid unmaintainable code", Justification = "A table.")]
    private static IEnumerable<SettingDefinition> CreateDefinitions() =>
    [
        Text("application_name", GucContext.User, "",
            "Reporting and Logging / What to Log",
            "Sets the application name to be reported in statistics and logs.",
            flags: SettingFlags.Report, check: CheckHooks.ApplicationName),
        Text("archive_command", GucContext.Sighup, "",
            "Write-Ahead Log / Archiving",
            "Sets the shell command that will be called to archive a WAL file.",
            show: CheckHooks.ShowArchiveCommand),
        Enum("archive_mode", GucContext.Postmaster, "off", [Opt("always"), Opt("on"), Opt("off"), .. Synonyms("on", "off")],
            "Write-Ahead Log / Archiving",
            "Allows archiving of WAL files using archive_command."),
        Int("archive_timeout", GucContext.Sighup, 0, 0, 1073741823, SettingUnit.Seconds,
            "Write-Ahead Log / Archiving",
            "Sets the amount of time to wait before forcing a switch to the next WAL file."),
        Bool("array_nulls", GucContext.User, true,
            "Version and Platform Compatibility / Previous PostgreSQL Versions",
            "Enable input of NULL elements in arrays."),
        Int("authentication_timeout", GucContext.Sighup, 60, 1, 600, SettingUnit.Seconds,
            "Connections and Authentication / Authentication",
            "Sets the maximum allowed time to complete client authentication."),
        Bool("autovacuum", GucContext.Sighup, true,
            "Autovacuum",
            "Starts the autovacuum subprocess."),
        Real("autovacuum_analyze_scale_factor", GucContext.Sighup, 0.1, 0.0, 100.0,
            "Autovacuum",
            "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples."),
        Int("autovacuum_analyze_threshold", GucContext.Sighup, 50, 0, int.MaxValue,
            "Autovacuum",
            "Minimum number of tuple inserts, updates, or deletes prior to analyze."),
        Int("autovacuum_freeze_max_age", GucContext.Postmaster, 200000000, 100000, 2000000000,
            "Autovacuum",
            "Age at which to autovacuum a table to prevent transaction ID wraparound."),
        Int("autovacuum_max_workers", GucContext.Postmaster, 3, 1, 262143,
            "Autovacuum",
            "Sets the maximum number of simultaneously running autovacuum worker processes."),
        Int("autovacuum_naptime", GucContext.Sighup, 60, 1, 2147483, SettingUnit.Seconds,
            "Autovacuum",
            "Time to sleep between autovacuum runs."),
        Real("autovacuum_vacuum_cost_delay", GucContext.Sighup, 2.0, -1.0, 100.0, SettingUnit.Milliseconds,
            "Autovacuum",
            "Vacuum cost delay in milliseconds, for autovacuum."),
        Int("autovacuum_vacuum_cost_limit", GucContext.Sighup, -1, -1, 10000,
            "Autovacuum",
            "Vacuum cost amount available before napping, for autovacuum."),
        Real("autovacuum_vacuum_scale_factor", GucContext.Sighup, 0.2, 0.0, 100.0,
            "Autovacuum",
            "Number of tuple updates or deletes prior to vacuum as a fraction of reltuples."),
        Int("autovacuum_vacuum_threshold", GucContext.Sighup, 50, 0, int.MaxValue,
            "Autovacuum",
            "Minimum number of tuple updates or deletes prior to vacuum."),
        Int("autovacuum_work_mem", GucContext.Sighup, -1, -1, int.MaxValue, SettingUnit.Kilobytes,
            "Resource Usage / Memory",
            "Sets the maximum memory to be used by each autovacuum worker process."),
        Enum("backslash_quote", GucContext.User, "safe_encoding", [Opt("safe_encoding"), Opt("on"), Opt("off"), .. Synonyms("on", "off")],
            "Version and Platform Compatibility / Previous PostgreSQL Versions",
            "Sets whether \"\\'\" is allowed in string literals."),
        Int("block_size", GucContext.Internal, 8192, 8192, 8192,
            "Preset Options",
            "Shows the size of a disk block.",
            flags: SettingFlags.NotInSample),
        Enum("bytea_output", GucContext.User, "hex", [Opt("escape"), Opt("hex")],
            "Client Connection Defaults / Statement Behavior",
            "Sets the output format for bytea."),
        Bool("check_function_bodies", GucContext.User, true,
            "Client Connection Defaults / Statement Behavior",
            "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE."),
        Real("checkpoint_completion_target", GucContext.Sighup, 0.9, 0.0, 1.0,
            "Write-Ahead Log / Checkpoints",
            "Time spent flushing dirty buffers during checkpoint, as fraction of checkpoint interval."),
        Int("checkpoint_flush_after", GucContext.Sighup, 32, 0, 256, SettingUnit.Blocks8kB,
            "Write-Ahead Log / Checkpoints",
            "Number of pages after which previously performed writes are flushed to disk."),
        Int("checkpoint_timeout", GucContext.Sighup, 300, 30, 86400, SettingUnit.Seconds,
            "Write-Ahead Log / Checkpoints",
            "Sets the maximum time between automatic WAL checkpoints."),
        Int("checkpoint_warning", GucContext.Sighup, 30, 0, int.MaxValue, SettingUnit.Seconds,
            "Write-Ahead Log / Checkpoints",
            "Sets the maximum time before warning if checkpoints triggered by WAL volume happen too frequently."),
        Int("client_connection_check_interval", GucContext.User, 0, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Connections and Authentication / Connection Settings",
            "Sets the time interval between checks for disconnection while running queries."),
        Text("client_encoding", GucContext.User, "UTF8",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the client's character set encoding.",
            flags: SettingFlags.Report, check: CheckHooks.ClientEncoding),
        Enum("client_min_messages", GucContext.User, "notice", ClientMessageLevels,
            "Client Connection Defaults / Statement Behavior",
            "Sets the message levels that are sent to the client."),
        Text("cluster_name", GucContext.Postmaster, "",
            "Reporting and Logging / Process Title",
            "Sets the name of the cluster, which is included in the process title.",
            check: CheckHooks.CleanAscii),
        Int("commit_delay", GucContext.Superuser, 0, 0, 100000,
            "Write-Ahead Log / Settings",
            "Sets the delay in microseconds between transaction commit and flushing WAL to disk."),
        Int("commit_siblings", GucContext.User, 5, 0, 1000,
            "Write-Ahead Log / Settings",
            "Sets the minimum number of concurrent open transactions required before performing commit_delay."),
        Text("config_file", GucContext.Postmaster, "",
            "File Locations",
            "Sets the server's main configuration file.",
            flags: SettingFlags.SuperuserOnly),
        Enum("constraint_exclusion", GucContext.User, "partition", [Opt("partition"), Opt("on"), Opt("off"), .. Synonyms("on", "off")],
            "Query Tuning / Other Planner Options",
            "Enables the planner to use constraints to optimize queries."),
        Real("cpu_index_tuple_cost", GucContext.User, 0.005, 0.0, double.MaxValue,
            "Query Tuning / Planner Cost Constants",
            "Sets the planner's estimate of the cost of processing each index entry during an index scan."),
        Real("cpu_operator_cost", GucContext.User, 0.0025, 0.0, double.MaxValue,
            "Query Tuning / Planner Cost Constants",
            "Sets the planner's estimate of the cost of processing each operator or function call."),
        Real("cpu_tuple_cost", GucContext.User, 0.01, 0.0, double.MaxValue,
            "Query Tuning / Planner Cost Constants",
            "Sets the planner's estimate of the cost of processing each tuple (row)."),
        Real("cursor_tuple_fraction", GucContext.User, 0.1, 0.0, 1.0,
            "Query Tuning / Other Planner Options",
            "Sets the planner's estimate of the fraction of a cursor's rows that will be retrieved."),
        Bool("data_checksums", GucContext.Internal, false,
            "Preset Options",
            "Shows whether data checksums are turned on for this cluster.",
            flags: SettingFlags.NotInSample),
        Text("data_directory", GucContext.Postmaster, "",
            "File Locations",
            "Sets the server's data directory.",
            flags: SettingFlags.SuperuserOnly),
        Text("DateStyle", GucContext.User, "ISO, MDY",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the display format for date and time values.",
            flags: SettingFlags.Report | SettingFlags.ListInput, check: CheckHooks.DateStyle),
        Int("deadlock_timeout", GucContext.Superuser, 1000, 1, int.MaxValue, SettingUnit.Milliseconds,
            "Lock Management",
            "Sets the time to wait on a lock before checking for deadlock."),
        Int("default_statistics_target", GucContext.User, 100, 1, 10000,
            "Query Tuning / Other Planner Options",
            "Sets the default statistics target."),
        Text("default_tablespace", GucContext.User, "",
            "Client Connection Defaults / Statement Behavior",
            "Sets the default tablespace to create tables and indexes in."),
        Text("default_text_search_config", GucContext.User, "pg_catalog.english",
            "Client Connection Defaults / Locale and Formatting",
            "Sets default text search configuration."),
        Bool("default_transaction_deferrable", GucContext.User, false,
            "Client Connection Defaults / Statement Behavior",
            "Sets the default deferrable status of new transactions."),
        Enum("default_transaction_isolation", GucContext.User, "read committed", IsolationLevels,
            "Client Connection Defaults / Statement Behavior",
            "Sets the transaction isolation level of each new transaction."),
        Bool("default_transaction_read_only", GucContext.User, false,
            "Client Connection Defaults / Statement Behavior",
            "Sets the default read-only status of new transactions.",
            flags: SettingFlags.Report),
        Int("effective_cache_size", GucContext.User, 524288, 1, int.MaxValue, SettingUnit.Blocks8kB,
            "Query Tuning / Planner Cost Constants",
            "Sets the planner's assumption about the total size of the data caches."),
        Int("effective_io_concurrency", GucContext.User, 1, 0, 1000,
            "Resource Usage / Asynchronous Behavior",
            "Number of simultaneous requests that can be handled efficiently by the disk subsystem."),
        Bool("enable_bitmapscan", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of bitmap-scan plans."),
        Bool("enable_hashagg", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of hashed aggregation plans."),
        Bool("enable_hashjoin", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of hash join plans."),
        Bool("enable_indexonlyscan", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of index-only-scan plans."),
        Bool("enable_indexscan", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of index-scan plans."),
        Bool("enable_mergejoin", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of merge join plans."),
        Bool("enable_nestloop", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of nested-loop join plans."),
        Bool("enable_seqscan", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of sequential-scan plans."),
        Bool("enable_sort", GucContext.User, true,
            "Query Tuning / Planner Method Configuration",
            "Enables the planner's use of explicit sort steps."),
        Bool("escape_string_warning", GucContext.User, true,
            "Version and Platform Compatibility / Previous PostgreSQL Versions",
            "Warn about backslash escapes in ordinary string literals."),
        Bool("exit_on_error", GucContext.User, false,
            "Error Handling",
            "Terminate session on any error."),
        Text("external_pid_file", GucContext.Postmaster, "",
            "File Locations",
            "Writes the postmaster PID to the specified file.",
            flags: SettingFlags.SuperuserOnly),
        Int("extra_float_digits", GucContext.User, 1, -15, 3,
            "Client Connection Defaults / Locale and Formatting",
            "Sets the number of digits displayed for floating-point values."),
        Int("from_collapse_limit", GucContext.User, 8, 1, int.MaxValue,
            "Query Tuning / Other Planner Options",
            "Sets the FROM-list size beyond which subqueries are not collapsed."),
        Bool("fsync", GucContext.Sighup, true,
            "Write-Ahead Log / Settings",
            "Forces synchronization of updates to disk."),
        Bool("full_page_writes", GucContext.Sighup, true,
            "Write-Ahead Log / Settings",
            "Writes full pages to WAL when first modified after a checkpoint."),
        Bool("geqo", GucContext.User, true,
            "Query Tuning / Genetic Query Optimizer",
            "Enables genetic query optimization."),
        Int("geqo_threshold", GucContext.User, 12, 2, int.MaxValue,
            "Query Tuning / Genetic Query Optimizer",
            "Sets the threshold of FROM items beyond which GEQO is used."),
        Real("hash_mem_multiplier", GucContext.User, 2.0, 1.0, 1000.0,
            "Resource Usage / Memory",
            "Multiple of work_mem to use for hash tables."),
        Text("hba_file", GucContext.Postmaster, "",
            "File Locations",
            "Sets the server's \"hba\" configuration file.",
            flags: SettingFlags.SuperuserOnly),
        Bool("hot_standby", GucContext.Postmaster, true,
            "Replication / Standby Servers",
            "Allows connections and queries during recovery."),
        Bool("hot_standby_feedback", GucContext.Sighup, false,
            "Replication / Standby Servers",
            "Allows feedback from a hot standby to the primary that will avoid query conflicts."),
        Enum("huge_pages", GucContext.Postmaster, "try", [Opt("off"), Opt("on"), Opt("try"), .. Synonyms("on", "off")],
            "Resource Usage / Memory",
            "Use of huge pages on Linux or Windows."),
        Text("ident_file", GucContext.Postmaster, "",
            "File Locations",
            "Sets the server's \"ident\" configuration file.",
            flags: SettingFlags.SuperuserOnly),
        Int("idle_in_transaction_session_timeout", GucContext.User, 0, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Client Connection Defaults / Statement Behavior",
            "Sets the maximum allowed idle time between queries, when in a transaction."),
        Int("idle_session_timeout", GucContext.User, 0, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Client Connection Defaults / Statement Behavior",
            "Sets the maximum allowed idle time between queries, when not in a transaction."),
        Bool("in_hot_standby", GucContext.Internal, false,
            "Preset Options",
            "Shows whether hot standby is currently active.",
            flags: SettingFlags.Report | SettingFlags.NotInSample),
        Bool("integer_datetimes", GucContext.Internal, true,
            "Preset Options",
            "Shows whether datetimes are integer based.",
            flags: SettingFlags.Report | SettingFlags.NotInSample),
        Enum("IntervalStyle", GucContext.User, "postgres", [Opt("postgres"), Opt("postgres_verbose"), Opt("sql_standard"), Opt("iso_8601")],
            "Client Connection Defaults / Locale and Formatting",
            "Sets the display format for interval values.",
            flags: SettingFlags.Report),
        Bool("jit", GucContext.User, true,
            "Query Tuning / Other Planner Options",
            "Allow JIT compilation."),
        Int("join_collapse_limit", GucContext.User, 8, 1, int.MaxValue,
            "Query Tuning / Other Planner Options",
            "Sets the FROM-list size beyond which JOIN constructs are not flattened."),
        Text("lc_collate", GucContext.Internal, "C.UTF-8",
            "Preset Options",
            "Shows the collation order locale.",
            flags: SettingFlags.NotInSample),
        Text("lc_ctype", GucContext.Internal, "C.UTF-8",
            "Preset Options",
            "Shows the character classification and case conversion locale.",
            flags: SettingFlags.NotInSample),
        Text("lc_messages", GucContext.Superuser, "C.UTF-8",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the language in which messages are displayed.",
            check: CheckHooks.Locale),
        Text("lc_monetary", GucContext.User, "C.UTF-8",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the locale for formatting monetary amounts.",
            check: CheckHooks.Locale),
        Text("lc_numeric", GucContext.User, "C.UTF-8",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the locale for formatting numbers.",
            check: CheckHooks.Locale),
        Text("lc_time", GucContext.User, "C.UTF-8",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the locale for formatting date and time values.",
            check: CheckHooks.Locale),
        Text("listen_addresses", GucContext.Postmaster, "localhost",
            "Connections and Authentication / Connection Settings",
            "Sets the host name or IP address(es) to listen to.",
            flags: SettingFlags.ListInput),
        Int("lock_timeout", GucContext.User, 0, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Client Connection Defaults / Statement Behavior",
            "Sets the maximum allowed duration of any wait for a lock."),
        Int("log_autovacuum_min_duration", GucContext.Sighup, 600000, -1, int.MaxValue, SettingUnit.Milliseconds,
            "Reporting and Logging / What to Log",
            "Sets the minimum execution time above which autovacuum actions will be logged."),
        Bool("log_checkpoints", GucContext.Sighup, true,
            "Reporting and Logging / What to Log",
            "Logs each checkpoint."),
        Bool("log_connections", GucContext.SuperuserBackend, false,
            "Reporting and Logging / What to Log",
            "Logs each successful connection."),
        Text("log_destination", GucContext.Sighup, "stderr",
            "Reporting and Logging / Where to Log",
            "Sets the destination for server log output.",
            flags: SettingFlags.ListInput, check: CheckHooks.LogDestination),
        Text("log_directory", GucContext.Sighup, "log",
            "Reporting and Logging / Where to Log",
            "Sets the destination directory for log files.",
            flags: SettingFlags.SuperuserOnly),
        Bool("log_disconnections", GucContext.SuperuserBackend, false,
            "Reporting and Logging / What to Log",
            "Logs end of a session, including duration."),
        Bool("log_duration", GucContext.Superuser, false,
            "Reporting and Logging / What to Log",
            "Logs the duration of each completed SQL statement."),
        Enum("log_error_verbosity", GucContext.Superuser, "default", [Opt("terse"), Opt("default"), Opt("verbose")],
            "Reporting and Logging / What to Log",
            "Sets the verbosity of logged messages."),
        Text("log_filename", GucContext.Sighup, "postgresql-%Y-%m-%d_%H%M%S.log",
            "Reporting and Logging / Where to Log",
            "Sets the file name pattern for log files.",
            flags: SettingFlags.SuperuserOnly),
        Bool("log_hostname", GucContext.Sighup, false,
            "Reporting and Logging / What to Log",
            "Logs the host name in the connection logs."),
        Text("log_line_prefix", GucContext.Sighup, "%m [%p] ",
            "Reporting and Logging / What to Log",
            "Controls information prefixed to each log line."),
        Bool("log_lock_waits", GucContext.Superuser, false,
            "Reporting and Logging / What to Log",
            "Logs long lock waits."),
        Int("log_min_duration_statement", GucContext.Superuser, -1, -1, int.MaxValue, SettingUnit.Milliseconds,
            "Reporting and Logging / When to Log",
            "Sets the minimum execution time above which all statements will be logged."),
        Enum("log_min_error_statement", GucContext.Superuser, "error", ServerMessageLevels,
            "Reporting and Logging / When to Log",
            "Causes all statements generating error at or above this level to be logged."),
        Enum("log_min_messages", GucContext.Superuser, "warning", ServerMessageLevels,
            "Reporting and Logging / When to Log",
            "Sets the message levels that are logged."),
        Int("log_rotation_age", GucContext.Sighup, 1440, 0, 35791394, SettingUnit.Minutes,
            "Reporting and Logging / Where to Log",
            "Sets the amount of time to wait before forcing log file rotation."),
        Int("log_rotation_size", GucContext.Sighup, 10240, 0, 2097151, SettingUnit.Kilobytes,
            "Reporting and Logging / Where to Log",
            "Sets the maximum size a log file can reach before being rotated."),
        Enum("log_statement", GucContext.Superuser, "none", [Opt("none"), Opt("ddl"), Opt("mod"), Opt("all")],
            "Reporting and Logging / What to Log",
            "Sets the type of statements logged."),
        Int("log_temp_files", GucContext.Superuser, -1, -1, int.MaxValue, SettingUnit.Kilobytes,
            "Reporting and Logging / What to Log",
            "Log the use of temporary files larger than this number of kilobytes."),
        Text("log_timezone", GucContext.Sighup, "Etc/UTC",
            "Reporting and Logging / What to Log",
            "Sets the time zone to use in log messages.",
            check: CheckHooks.TimeZone),
        Bool("logging_collector", GucContext.Postmaster, false,
            "Reporting and Logging / Where to Log",
            "Start a subprocess to capture stderr, csvlog and/or jsonlog into log files."),
        Int("maintenance_work_mem", GucContext.User, 65536, 1024, int.MaxValue, SettingUnit.Kilobytes,
            "Resource Usage / Memory",
            "Sets the maximum memory to be used for maintenance operations."),
        Int("max_connections", GucContext.Postmaster, 100, 1, 262143,
            "Connections and Authentication / Connection Settings",
            "Sets the maximum number of concurrent connections."),
        Int("max_files_per_process", GucContext.Postmaster, 1000, 64, int.MaxValue,
            "Resource Usage / Kernel Resources",
            "Sets the maximum number of simultaneously open files for each server process."),
        Int("max_function_args", GucContext.Internal, 100, 100, 100,
            "Preset Options",
            "Shows the maximum number of function arguments.",
            flags: SettingFlags.NotInSample),
        Int("max_identifier_length", GucContext.Internal, 63, 63, 63,
            "Preset Options",
            "Shows the maximum identifier length.",
            flags: SettingFlags.NotInSample),
        Int("max_index_keys", GucContext.Internal, 32, 32, 32,
            "Preset Options",
            "Shows the maximum number of index keys.",
            flags: SettingFlags.NotInSample),
        Int("max_locks_per_transaction", GucContext.Postmaster, 64, 10, int.MaxValue,
            "Lock Management",
            "Sets the maximum number of locks per transaction."),
        Int("max_parallel_maintenance_workers", GucContext.User, 2, 0, 1024,
            "Resource Usage / Asynchronous Behavior",
            "Sets the maximum number of parallel processes per maintenance operation."),
        Int("max_parallel_workers", GucContext.User, 8, 0, 1024,
            "Resource Usage / Asynchronous Behavior",
            "Sets the maximum number of parallel workers that can be active at one time."),
        Int("max_parallel_workers_per_gather", GucContext.User, 2, 0, 1024,
            "Resource Usage / Asynchronous Behavior",
            "Sets the maximum number of parallel processes per executor node."),
        Int("max_prepared_transactions", GucContext.Postmaster, 0, 0, 262143,
            "Resource Usage / Memory",
            "Sets the maximum number of simultaneously prepared transactions."),
        Int("max_replication_slots", GucContext.Postmaster, 10, 0, 262143,
            "Replication / Sending Servers",
            "Sets the maximum number of simultaneously defined replication slots."),
        Int("max_standby_archive_delay", GucContext.Sighup, 30000, -1, int.MaxValue, SettingUnit.Milliseconds,
            "Replication / Standby Servers",
            "Sets the maximum delay before canceling queries when a hot standby server is processing archived WAL data."),
        Int("max_standby_streaming_delay", GucContext.Sighup, 30000, -1, int.MaxValue, SettingUnit.Milliseconds,
            "Replication / Standby Servers",
            "Sets the maximum delay before canceling queries when a hot standby server is processing streamed WAL data."),
        Int("max_wal_senders", GucContext.Postmaster, 10, 0, 262143,
            "Replication / Sending Servers",
            "Sets the maximum number of simultaneously running WAL sender processes."),
        Int("max_wal_size", GucContext.Sighup, 1024, 2, int.MaxValue, SettingUnit.Megabytes,
            "Write-Ahead Log / Checkpoints",
            "Sets the WAL size that triggers a checkpoint."),
        Int("max_worker_processes", GucContext.Postmaster, 8, 0, 262143,
            "Resource Usage / Asynchronous Behavior",
            "Maximum number of concurrent worker processes."),
        Int("min_wal_size", GucContext.Sighup, 80, 2, int.MaxValue, SettingUnit.Megabytes,
            "Write-Ahead Log / Checkpoints",
            "Sets the minimum size to shrink the WAL to."),
        Enum("password_encryption", GucContext.User, "scram-sha-256", [Opt("md5"), Opt("scram-sha-256")],
            "Connections and Authentication / Authentication",
            "Chooses the algorithm for encrypting passwords."),
        Enum("plan_cache_mode", GucContext.User, "auto", [Opt("auto"), Opt("force_generic_plan"), Opt("force_custom_plan")],
            "Query Tuning / Other Planner Options",
            "Controls the planner's selection of custom or generic plan."),
        Int("port", GucContext.Postmaster, 5432, 1, 65535,
            "Connections and Authentication / Connection Settings",
            "Sets the TCP port the server listens on."),
        Bool("quote_all_identifiers", GucContext.User, false,
            "Version and Platform Compatibility / Previous PostgreSQL Versions",
            "When generating SQL fragments, quote all identifiers."),
        Real("random_page_cost", GucContext.User, 4.0, 0.0, double.MaxValue,
            "Query Tuning / Planner Cost Constants",
            "Sets the planner's estimate of the cost of a nonsequentially fetched disk page."),
        Bool("remove_temp_files_after_crash", GucContext.Sighup, true,
            "Developer Options",
            "Remove temporary files after backend crash.",
            flags: SettingFlags.NotInSample),
        Bool("restart_after_crash", GucContext.Sighup, true,
            "Error Handling",
            "Reinitialize server after backend crash."),
        Bool("row_security", GucContext.User, true,
            "Client Connection Defaults / Statement Behavior",
            "Enable row security."),
        Text("search_path", GucContext.User, "\"$user\", public",
            "Client Connection Defaults / Statement Behavior",
            "Sets the schema search order for names that are not schema-qualified.",
            flags: SettingFlags.ListInput | SettingFlags.ListQuote, check: CheckHooks.IdentifierList),
        Int("segment_size", GucContext.Internal, 131072, 131072, 131072, SettingUnit.Blocks8kB,
            "Preset Options",
            "Shows the number of pages per disk file.",
            flags: SettingFlags.NotInSample),
        Real("seq_page_cost", GucContext.User, 1.0, 0.0, double.MaxValue,
            "Query Tuning / Planner Cost Constants",
            "Sets the planner's estimate of the cost of a sequentially fetched disk page."),
        Text("server_encoding", GucContext.Internal, "UTF8",
            "Preset Options",
            "Shows the server (database) character set encoding.",
            flags: SettingFlags.Report | SettingFlags.NotInSample),
        Text("server_version", GucContext.Internal, "15.18 (ActorPostmaster 0.1)",
            "Preset Options",
            "Shows the server version.",
            flags: SettingFlags.Report | SettingFlags.NotInSample),
        Int("server_version_num", GucContext.Internal, 150018, 0, int.MaxValue,
            "Preset Options",
            "Shows the server version as an integer.",
            flags: SettingFlags.NotInSample),
        Enum("session_replication_role", GucContext.Superuser, "origin", [Opt("origin"), Opt("replica"), Opt("local")],
            "Client Connection Defaults / Statement Behavior",
            "Sets the session's behavior for triggers and rewrite rules."),
        Int("shared_buffers", GucContext.Postmaster, 16384, 16, 1073741823, SettingUnit.Blocks8kB,
            "Resource Usage / Memory",
            "Sets the number of shared memory buffers used by the server."),
        Bool("ssl", GucContext.Sighup, false,
            "Connections and Authentication / SSL",
            "Enables SSL connections."),
        Bool("standard_conforming_strings", GucContext.User, true,
            "Version and Platform Compatibility / Previous PostgreSQL Versions",
            "Causes '...' strings to treat backslashes literally.",
            flags: SettingFlags.Report),
        Int("statement_timeout", GucContext.User, 0, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Client Connection Defaults / Statement Behavior",
            "Sets the maximum allowed duration of any statement."),
        Int("superuser_reserved_connections", GucContext.Postmaster, 3, 0, 262143,
            "Connections and Authentication / Connection Settings",
            "Sets the number of connection slots reserved for superusers."),
        Enum("synchronous_commit", GucContext.User, "on",
            [Opt("local"), Opt("remote_write"), Opt("remote_apply"), Opt("on"), Opt("off"), .. Synonyms("on", "off")],
            "Write-Ahead Log / Settings",
            "Sets the current transaction's synchronization level."),
        Text("synchronous_standby_names", GucContext.Sighup, "",
            "Replication / Primary Server",
            "Number of synchronous standbys and list of names of potential synchronous ones."),
        Int("temp_buffers", GucContext.User, 1024, 100, 1073741823, SettingUnit.Blocks8kB,
            "Resource Usage / Memory",
            "Sets the maximum number of temporary buffers used by each session."),
        Int("temp_file_limit", GucContext.Superuser, -1, -1, int.MaxValue, SettingUnit.Kilobytes,
            "Resource Usage / Disk",
            "Limits the total size of all temporary files used by each process."),
        Text("temp_tablespaces", GucContext.User, "",
            "Client Connection Defaults / Statement Behavior",
            "Sets the tablespace(s) to use for temporary tables and sort files.",
            flags: SettingFlags.ListInput | SettingFlags.ListQuote, check: CheckHooks.IdentifierList),
        Text("TimeZone", GucContext.User, "Etc/UTC",
            "Client Connection Defaults / Locale and Formatting",
            "Sets the time zone for displaying and interpreting time stamps.",
            flags: SettingFlags.Report, check: CheckHooks.TimeZone),
        Text("timezone_abbreviations", GucContext.User, "Default",
            "Client Connection Defaults / Locale and Formatting",
            "Selects a file of time zone abbreviations.",
            check: CheckHooks.TimezoneAbbreviations),
        Bool("track_activities", GucContext.Superuser, true,
            "Statistics / Cumulative Query and Index Statistics",
            "Collects information about executing commands."),
        Bool("track_counts", GucContext.Superuser, true,
            "Statistics / Cumulative Query and Index Statistics",
            "Collects statistics on database activity."),
        Enum("track_functions", GucContext.Superuser, "none", [Opt("none"), Opt("pl"), Opt("all")],
            "Statistics / Cumulative Query and Index Statistics",
            "Collects function-level statistics on database activity."),
        Bool("track_io_timing", GucContext.Superuser, false,
            "Statistics / Cumulative Query and Index Statistics",
            "Collects timing statistics for database I/O activity."),
        Bool("transaction_deferrable", GucContext.User, false,
            "Client Connection Defaults / Statement Behavior",
            "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.",
            flags: TransactionFlags, check: CheckHooks.TransactionDeferrable, transactionDefault: "default_transaction_deferrable"),
        Enum("transaction_isolation", GucContext.User, "read committed", IsolationLevels,
            "Client Connection Defaults / Statement Behavior",
            "Sets the current transaction's isolation level.",
            flags: TransactionFlags, check: CheckHooks.TransactionIsolation, transactionDefault: "default_transaction_isolation"),
        Bool("transaction_read_only", GucContext.User, false,
            "Client Connection Defaults / Statement Behavior",
            "Sets the current transaction's read-only status.",
            flags: TransactionFlags, check: CheckHooks.TransactionReadOnly, transactionDefault: "default_transaction_read_only"),
        Bool("transform_null_equals", GucContext.User, false,
            "Version and Platform Compatibility / Other Platforms and Clients",
            "Treats \"expr=NULL\" as \"expr IS NULL\"."),
        Text("unix_socket_directories", GucContext.Postmaster, "/tmp",
            "Connections and Authentication / Connection Settings",
            "Sets the directories where Unix-domain sockets will be created.",
            flags: SettingFlags.SuperuserOnly | SettingFlags.ListInput),
        Int("unix_socket_permissions", GucContext.Postmaster, 511, 0, 511,
            "Connections and Authentication / Connection Settings",
            "Sets the access permissions of the Unix-domain socket.",
            show: CheckHooks.ShowOctal),
        Bool("update_process_title", GucContext.Superuser, true,
            "Reporting and Logging / Process Title",
            "Updates the process title to show the active SQL command."),
        Real("vacuum_cost_delay", GucContext.User, 0.0, 0.0, 100.0, SettingUnit.Milliseconds,
            "Resource Usage / Cost-Based Vacuum Delay",
            "Vacuum cost delay in milliseconds."),
        Int("vacuum_cost_limit", GucContext.User, 200, 1, 10000,
            "Resource Usage / Cost-Based Vacuum Delay",
            "Vacuum cost amount available before napping."),
        Int("wal_block_size", GucContext.Internal, 8192, 8192, 8192,
            "Preset Options",
            "Shows the block size in the write ahead log.",
            flags: SettingFlags.NotInSample),
        Enum("wal_compression", GucContext.Superuser, "off",
            [Opt("pglz"), Opt("lz4"), Opt("zstd"), Alias("on", "pglz", hidden: false), Opt("off"), .. Synonyms("pglz", "off")],
            "Write-Ahead Log / Settings",
            "Compresses full-page writes written in WAL file with specified method."),
        Int("wal_keep_size", GucContext.Sighup, 0, 0, int.MaxValue, SettingUnit.Megabytes,
            "Replication / Sending Servers",
            "Sets the size of WAL files held for standby servers."),
        Enum("wal_level", GucContext.Postmaster, "replica",
            [Opt("minimal"), Opt("replica"), Opt("logical"), Alias("archive", "replica"), Alias("hot_standby", "replica")],
            "Write-Ahead Log / Settings",
            "Sets the level of information written to the WAL."),
        Int("wal_receiver_timeout", GucContext.Sighup, 60000, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Replication / Standby Servers",
            "Sets the maximum wait time to receive data from the sending server."),
        Int("wal_segment_size", GucContext.Internal, 16777216, 1048576, 1073741824, SettingUnit.Bytes,
            "Preset Options",
            "Shows the size of write ahead log segments.",
            flags: SettingFlags.NotInSample),
        Int("wal_sender_timeout", GucContext.User, 60000, 0, int.MaxValue, SettingUnit.Milliseconds,
            "Replication / Sending Servers",
            "Sets the maximum time to wait for WAL replication."),
        Enum("wal_sync_method", GucContext.Sighup, "fdatasync", [Opt("fsync"), Opt("fdatasync"), Opt("open_sync"), Opt("open_datasync")],
            "Write-Ahead Log / Settings",
            "Selects the method used for forcing WAL updates to disk."),
        Int("wal_writer_delay", GucContext.Sighup, 200, 1, 10000, SettingUnit.Milliseconds,
            "Write-Ahead Log / Settings",
            "Time between WAL flushes performed in the WAL writer."),
        Int("wal_writer_flush_after", GucContext.Sighup, 128, 0, int.MaxValue, SettingUnit.Blocks8kB,
            "Write-Ahead Log / Settings",
            "Amount of WAL written out by WAL writer that triggers a flush."),
        Int("work_mem", GucContext.User, 4096, 64, int.MaxValue, SettingUnit.Kilobytes,
            "Resource Usage / Memory",
            "Sets the maximum memory to be used for query workspaces."),
        Enum("xmloption", GucContext.User, "content", [Opt("content"), Opt("document")],
            "Client Connection Defaults / Statement Behavior",
            "Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content " +
            "fragments."),


        // Session identity (PostgreSQL keeps these out of SHOW ALL and RESET ALL).
        Bool("is_superuser", GucContext.Internal, false, "Ungrouped", "Shows whether the current user is a superuser.",
            flags: SettingFlags.Report | IdentityFlags),
        Text("session_authorization", GucContext.User, string.Empty, "Ungrouped", "Sets the session user name.",
            flags: SettingFlags.Report | IdentityFlags,
            check: CheckHooks.SessionAuthorization),
        Text("role", GucContext.User, "none", "Ungrouped", "Sets the current role.",
            flags: IdentityFlags,
            check: CheckHooks.Role),

        // ActorPostmaster extensions: settings of later PostgreSQL releases (16, 17) that the postmaster honours.
        Int("reserved_connections", GucContext.Postmaster, 0, 0, 262143, "Connections and Authentication / Connection Settings",
            "Sets the number of connection slots reserved for roles with privileges of pg_use_reserved_connections.",
            flags: SettingFlags.Extension),
        Bool("send_abort_for_crash", GucContext.Sighup, false, "Developer Options",
            "Send SIGABRT not SIGQUIT to child processes after backend crash.", flags: SettingFlags.Extension | SettingFlags.NotInSample),
        Bool("send_abort_for_kill", GucContext.Sighup, false, "Developer Options",
            "Send SIGABRT not SIGKILL to stuck child processes.", flags: SettingFlags.Extension | SettingFlags.NotInSample),
        Bool("summarize_wal", GucContext.Sighup, false, "Write-Ahead Log / Summarization",
            "Starts the WAL summarizer process to enable incremental backup.", flags: SettingFlags.Extension),

        // ActorPostmaster's own test control (no PostgreSQL release has it).
        Int("ap_recovery_delay", GucContext.Sighup, 0, -1, int.MaxValue, SettingUnit.Milliseconds, "Developer Options",
            "Holds the startup process before redo for this long, at every start and after every crash (-1: until a reload changes it).",
            flags: SettingFlags.Extension),
    ];

    private const SettingFlags TransactionFlags =
        SettingFlags.NotInSample | SettingFlags.NoResetAll | SettingFlags.DisallowInFile | SettingFlags.TransactionScoped;

    private static EnumOption[] ServerMessageLevels =>
    [
        Opt("debug5"), Opt("debug4"), Opt("debug3"), Opt("debug2"), Opt("debug1"), Opt("info"), Opt("notice"), Opt("warning"), Opt("error"),
        Opt("log"), Opt("fatal"), Opt("panic"), Alias("debug", "debug2"),
    ];

    private static EnumOption[] ClientMessageLevels =>
    [
        Opt("debug5"), Opt("debug4"), Opt("debug3"), Opt("debug2"), Opt("debug1"), Opt("log"), Opt("notice"), Opt("warning"), Opt("error"),
        Alias("debug", "debug2"), Alias("info", "info"),
    ];

    private const SettingFlags IdentityFlags =
        SettingFlags.NoShowAll | SettingFlags.NoResetAll | SettingFlags.NotInSample | SettingFlags.DisallowInFile;

    private static EnumOption[] IsolationLevels =>
        [Opt("serializable"), Opt("repeatable read"), Opt("read committed"), Opt("read uncommitted")];

    private static EnumOption Opt(string name) => new(name, name, false);

    /// <summary>The hidden Boolean spellings (true, false, yes, no, 1, 0) of an enum that also accepts on and off.</summary>
    private static EnumOption[] Synonyms(string on, string off) =>
        [Alias("true", on), Alias("false", off), Alias("yes", on), Alias("no", off), Alias("1", on), Alias("0", off)];

    private static EnumOption Alias(string name, string canonical, bool hidden = true) => new(name, canonical, hidden);

    private static SettingDefinition Bool(string name, GucContext context, bool value, string category, string description,
        SettingFlags flags = SettingFlags.None, CheckHook? check = null, ShowHook? show = null, string? transactionDefault = null) =>
        new(name, SettingType.Bool, context, SettingValue.FromBool(value), category, description, flags)
        {
            Check = check,
            ShowHook = show,
            TransactionDefault = transactionDefault,
        };

    private static SettingDefinition Int(string name, GucContext context, int value, int min, int max, string category, string description,
        SettingFlags flags = SettingFlags.None, CheckHook? check = null, ShowHook? show = null) =>
        Int(name, context, value, min, max, SettingUnit.None, category, description, flags, check, show);

    private static SettingDefinition Int(string name, GucContext context, int value, int min, int max, SettingUnit unit, string category,
        string description, SettingFlags flags = SettingFlags.None, CheckHook? check = null, ShowHook? show = null) =>
        new(name, SettingType.Int, context, SettingValue.FromInt(value), category, description, flags, unit, min, max)
        {
            Check = check,
            ShowHook = show,
        };

    private static SettingDefinition Real(string name, GucContext context, double value, double min, double max, string category,
        string description, SettingFlags flags = SettingFlags.None) =>
        Real(name, context, value, min, max, SettingUnit.None, category, description, flags);

    private static SettingDefinition Real(string name, GucContext context, double value, double min, double max, SettingUnit unit,
        string category, string description, SettingFlags flags = SettingFlags.None) =>
        new(name, SettingType.Real, context, SettingValue.FromReal(value), category, description, flags, unit, min, max);

    private static SettingDefinition Text(string name, GucContext context, string value, string category, string description,
        SettingFlags flags = SettingFlags.None, CheckHook? check = null, ShowHook? show = null) =>
        new(name, SettingType.String, context, SettingValue.FromString(value), category, description, flags)
        {
            Check = check,
            ShowHook = show,
        };

    private static SettingDefinition Enum(string name, GucContext context, string value, EnumOption[] options, string category,
        string description, SettingFlags flags = SettingFlags.None, CheckHook? check = null, string? transactionDefault = null) =>
        new(name, SettingType.Enum, context, SettingValue.FromEnum(value), category, description, flags, options: options)
        {
            Check = check,
            TransactionDefault = transactionDefault,
        };

    /// <summary>PostgreSQL's guc_name_compare: ASCII case-insensitive, byte order.</summary>
    private sealed class GucNameComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var n = Math.Min(x.Length, y.Length);
            for (var i = 0; i < n; i++)
            {
                var a = AsciiCaseInsensitiveComparer.Fold(x[i]);
                var b = AsciiCaseInsensitiveComparer.Fold(y[i]);
                if (a != b)
                {
                    return a < b ? -1 : 1;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}

/// <summary>Equality of strings ignoring ASCII case only (PostgreSQL's pg_strcasecmp).</summary>
internal sealed class AsciiCaseInsensitiveComparer : IEqualityComparer<string>
{
    public static AsciiCaseInsensitiveComparer Instance { get; } = new();

    public static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (Fold(x[i]) != Fold(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(string obj)
    {
        var hash = new HashCode();
        foreach (var c in obj)
        {
            hash.Add(Fold(c));
        }

        return hash.ToHashCode();
    }
}
