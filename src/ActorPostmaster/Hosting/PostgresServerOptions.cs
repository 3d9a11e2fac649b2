using ActorPostmaster.Authentication;
using ActorPostmaster.Settings;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Hosting;

/// <summary>
/// How to start a <see cref="PostgresServer"/>: what <c>postgres -D DIR -p PORT -h ADDRESSES -c name=value</c> takes,
/// plus the objects an embedding application supplies (logger factory, catalog, pg_hba rules).
/// </summary>
/// <remarks>
/// With a <see cref="DataDirectory"/>, everything not given here is read from it as PostgreSQL does:
/// <c>postgresql.conf</c>, <c>pg_hba.conf</c> and <c>global/catalog.conf</c> (see <see cref="InitDb"/> for the
/// layout), and the directory is locked with <c>postmaster.pid</c>. Without one the server runs purely in memory:
/// no lock file, PostgreSQL's default configuration, trust for everyone and the default catalog.
/// The simple properties bind from <c>IConfiguration</c> (see <see cref="PostgresServiceCollectionExtensions"/>).
/// </remarks>
public sealed class PostgresServerOptions
{
    /// <summary>The data directory (<c>-D</c>), or null for an in-memory server.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// The configuration file (a HOCON file with a <c>postgresql { }</c> section); re-read on reload. Default:
    /// <c>postgresql.conf</c> in the data directory, when it exists.
    /// </summary>
    public string? ConfigurationPath { get; set; }

    /// <summary>An in-memory configuration file, used instead of <see cref="ConfigurationPath"/> (reloads keep it).</summary>
    public ConfigFile? Configuration { get; set; }

    /// <summary>
    /// Command-line settings (<c>-c name=value</c>): above the configuration file, fixed until restart. Names are
    /// case-insensitive.
    /// </summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The port (<c>-p</c>): the <c>port</c> setting on the command line.</summary>
    public int? Port { get; set; }

    /// <summary>The listen addresses (<c>-h</c>): the <c>listen_addresses</c> setting on the command line.</summary>
    public string? ListenAddresses { get; set; }

    /// <summary>pg_hba.conf's path; default <c>pg_hba.conf</c> in the data directory. Re-read on reload.</summary>
    public string? HbaPath { get; set; }

    /// <summary>In-memory pg_hba rules, used instead of <see cref="HbaPath"/>.</summary>
    public HbaRules? Hba { get; set; }

    /// <summary>The roles and databases; default <c>global/catalog.conf</c> in the data directory, else <see cref="ActorPostmaster.Catalog.Default"/>.</summary>
    public Catalog? Catalog { get; set; }

    /// <summary>
    /// Where the server log (category <see cref="ServerLogSink.Category"/>), the actor kernel's own events and transport
    /// problems are written; null writes nothing (the lines stay on the event stream as <see cref="ServerLogLine"/>s).
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The postmaster's pid in postmaster.pid and in log lines; default this process's OS pid.</summary>
    public int? ProcessId { get; set; }

    /// <summary>
    /// The line written to <c>postmaster.opts</c> in the data directory once it is locked (the program and its
    /// arguments, each quoted, as pg_ctl status shows them); null writes none.
    /// </summary>
    public string? OptionsFileLine { get; set; }

    /// <summary>The actor system's name.</summary>
    public string ActorSystemName { get; set; } = "postgres";

    /// <summary>
    /// The base of the postmaster's options, for test controls (startup duration, fault injection, io workers). Its
    /// pid, configuration, command line, catalog, data directory and host are replaced by this object's.
    /// </summary>
    public PostmasterOptions Postmaster { get; set; } = PostmasterOptions.Default;

    /// <summary>Every command-line setting, in order: <see cref="Settings"/>, then <see cref="Port"/> and <see cref="ListenAddresses"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CommandLine()
    {
        var list = Settings.ToList();
        if (Port is { } port)
        {
            list.Add(new("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (ListenAddresses is { } addresses)
        {
            list.Add(new("listen_addresses", addresses));
        }

        return list;
    }
}
