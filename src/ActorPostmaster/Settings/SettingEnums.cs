using System.Diagnostics.CodeAnalysis;

namespace ActorPostmaster.Settings;

/// <summary>
/// When a setting may be changed: PostgreSQL's <c>GucContext</c>, least permissive first (the order matters: a
/// setting can be changed from a context at or below its own in this list).
/// </summary>
public enum GucContext
{
    /// <summary>internal: never set by anyone; preset by the server (server_version, integer_datetimes …).</summary>
    Internal,

    /// <summary>postmaster: only at server start (configuration file or command line); a reload cannot change it.</summary>
    Postmaster,

    /// <summary>sighup: in the configuration file; a reload (SIGHUP) applies it to every session.</summary>
    Sighup,

    /// <summary>superuser-backend: at connection start, by a superuser (or in the file for later sessions).</summary>
    SuperuserBackend,

    /// <summary>backend: at connection start (startup packet), or in the file for later sessions.</summary>
    Backend,

    /// <summary>superuser: any time, but only by a superuser.</summary>
    Superuser,

    /// <summary>user: any time, by anyone.</summary>
    User,
}

/// <summary>The type of a setting's value (<c>pg_settings.vartype</c>).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "PostgreSQL's vartype names.")]
public enum SettingType
{
    /// <summary>bool: on/off.</summary>
    Bool,

    /// <summary>integer, optionally with a unit.</summary>
    Int,

    /// <summary>real (double precision), optionally with a unit.</summary>
    Real,

    /// <summary>string.</summary>
    String,

    /// <summary>enum: one of a fixed list of words.</summary>
    Enum,
}

/// <summary>
/// The unit a numeric setting is stored in (its "base unit", <c>pg_settings.unit</c>). Values given with another
/// unit of the same kind are converted to it; SHOW picks the largest unit that divides the value exactly.
/// </summary>
public enum SettingUnit
{
    /// <summary>No unit: the value is a plain number.</summary>
    None,

    /// <summary>Bytes (B).</summary>
    Bytes,

    /// <summary>Kilobytes (kB).</summary>
    Kilobytes,

    /// <summary>Blocks of 8 kB (8kB), as shared_buffers.</summary>
    Blocks8kB,

    /// <summary>Megabytes (MB).</summary>
    Megabytes,

    /// <summary>Milliseconds (ms).</summary>
    Milliseconds,

    /// <summary>Seconds (s).</summary>
    Seconds,

    /// <summary>Minutes (min).</summary>
    Minutes,
}

/// <summary>Flags of a setting (PostgreSQL's <c>GUC_*</c> flags, for those this project uses).</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "PostgreSQL's GUC flags.")]
public enum SettingFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>GUC_REPORT: the value is sent to the client in ParameterStatus at start and whenever it changes.</summary>
    Report = 1 << 0,

    /// <summary>GUC_NO_SHOW_ALL: left out of SHOW ALL.</summary>
    NoShowAll = 1 << 1,

    /// <summary>GUC_NO_RESET_ALL: left alone by RESET ALL.</summary>
    NoResetAll = 1 << 2,

    /// <summary>GUC_SUPERUSER_ONLY: only superusers (or pg_read_all_settings) may read it.</summary>
    SuperuserOnly = 1 << 3,

    /// <summary>GUC_LIST_INPUT: SET takes a list of values, joined with ", ".</summary>
    ListInput = 1 << 4,

    /// <summary>GUC_LIST_QUOTE: the list's elements are identifiers, double-quoted where needed.</summary>
    ListQuote = 1 << 5,

    /// <summary>GUC_NOT_IN_SAMPLE: not listed as a setting in the sample configuration file.</summary>
    NotInSample = 1 << 6,

    /// <summary>GUC_DISALLOW_IN_FILE: cannot be set in the configuration file.</summary>
    DisallowInFile = 1 << 7,

    /// <summary>
    /// The setting is transaction-scoped (transaction_isolation, transaction_read_only, transaction_deferrable): it
    /// takes the value of its default_ counterpart when a transaction starts, and SET changes it for that
    /// transaction only.
    /// </summary>
    TransactionScoped = 1 << 8,

    /// <summary>
    /// Not a PostgreSQL 15 setting: an ActorPostmaster extension (taken from a later PostgreSQL release or new).
    /// </summary>
    Extension = 1 << 9,

    /// <summary>A custom placeholder variable (<c>prefix.name</c>), created on first use.</summary>
    CustomPlaceholder = 1 << 10,
}

/// <summary>Where a setting's current value came from (<c>pg_settings.source</c>), lowest priority first.</summary>
public enum SettingSource
{
    /// <summary>default: the built-in default (or a value the host preset).</summary>
    Default,

    /// <summary>configuration file.</summary>
    ConfigurationFile,

    /// <summary>command line (<c>-c name=value</c> when the server started).</summary>
    CommandLine,

    /// <summary>client: the connection's startup packet (including <c>options=-c …</c>).</summary>
    Client,

    /// <summary>session: SET (or SET LOCAL) in this session.</summary>
    Session,
}
