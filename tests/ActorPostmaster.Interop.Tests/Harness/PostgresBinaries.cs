using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorPostmaster.Interop.Harness;

/// <summary>
/// The PostgreSQL server and client binaries of one installation, found through <c>pg_config --bindir</c>
/// (<c>$PG_CONFIG</c> if set, else <c>pg_config</c> on PATH). Client tools are taken from the same directory, so the
/// psql/pgbench/pg_isready under test always match the server (Debian's /usr/bin wrappers may pick another version).
/// </summary>
public sealed partial class PostgresBinaries
{
    private static readonly Lazy<(PostgresBinaries? Binaries, string? Problem)> Located = new(LocateCore);

    private PostgresBinaries(string binDirectory, string version)
    {
        BinDirectory = binDirectory;
        Version = version;
        var match = VersionPattern().Match(version);
        MajorVersion = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The installation's bin directory, e.g. <c>/usr/lib/postgresql/15/bin</c>.</summary>
    public string BinDirectory { get; }

    /// <summary><c>pg_config --version</c>, e.g. <c>PostgreSQL 15.18 (Debian 15.18-0+deb12u1)</c>.</summary>
    public string Version { get; }

    /// <summary>The major version (15), or 0 when the version text was not understood.</summary>
    public int MajorVersion { get; }

    /// <summary>Path of <c>postgres</c>.</summary>
    public string Postgres => Tool("postgres");

    /// <summary>Path of <c>initdb</c>.</summary>
    public string Initdb => Tool("initdb");

    /// <summary>Path of <c>pg_ctl</c>.</summary>
    public string PgCtl => Tool("pg_ctl");

    /// <summary>Path of <c>psql</c>.</summary>
    public string Psql => Tool("psql");

    /// <summary>Path of <c>pgbench</c>.</summary>
    public string Pgbench => Tool("pgbench");

    /// <summary>Path of <c>pg_isready</c>.</summary>
    public string PgIsReady => Tool("pg_isready");

    /// <summary>Whether an installation was found (without throwing).</summary>
    public static bool IsAvailable => Located.Value.Binaries is not null;

    /// <summary>Why no installation was found, or null.</summary>
    public static string? Problem => Located.Value.Problem;

    /// <summary>The installation, or an <see cref="InvalidOperationException"/> that says what is missing and how to install it.</summary>
    public static PostgresBinaries Locate() =>
        Located.Value.Binaries ?? throw new InvalidOperationException(Located.Value.Problem);

    /// <summary>Throws unless this is the given major version (the oracle texts are PostgreSQL 15's).</summary>
    public PostgresBinaries RequireMajorVersion(int major) =>
        MajorVersion == major
            ? this
            : throw new InvalidOperationException(
                $"These tests need PostgreSQL {major}, but pg_config reports '{Version}' ({BinDirectory}). " +
                $"Install postgresql-{major} or point PG_CONFIG at its pg_config.");

    private string Tool(string name) => Path.Combine(BinDirectory, name);

    private static (PostgresBinaries?, string?) LocateCore()
    {
        const string Install = "Install PostgreSQL 15 with `apt-get update && apt-get install -y postgresql` (as .ci/run does), " +
                               "or set PG_CONFIG to the pg_config of a PostgreSQL 15 installation.";
        var pgConfig = Environment.GetEnvironmentVariable("PG_CONFIG");
        if (string.IsNullOrEmpty(pgConfig))
        {
            pgConfig = FindOnPath("pg_config");
            if (pgConfig is null)
            {
                return (null, "PostgreSQL not found: pg_config is not on PATH. " + Install);
            }
        }
        else if (!File.Exists(pgConfig))
        {
            return (null, $"PostgreSQL not found: PG_CONFIG={pgConfig} does not exist. " + Install);
        }

        string binDir, version;
        try
        {
            binDir = RunPgConfig(pgConfig, "--bindir");
            version = RunPgConfig(pgConfig, "--version");
        }
        catch (InvalidOperationException e)
        {
            return (null, $"PostgreSQL not found: {e.Message} " + Install);
        }

        if (!File.Exists(Path.Combine(binDir, "postgres")))
        {
            return (null, $"PostgreSQL server not installed: {pgConfig} --bindir is {binDir}, which has no 'postgres' " +
                          "(only the client package is installed?). " + Install);
        }

        return (new PostgresBinaries(binDir, version), null);
    }

    private static string RunPgConfig(string pgConfig, string option)
    {
        var result = ProcessRunner.RunAsync(pgConfig, [option], timeout: TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{pgConfig} {option}' failed: {result.StandardError.Trim()}");
        }

        return result.StandardOutput.Trim();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"PostgreSQL (\d+)")]
    private static partial Regex VersionPattern();
}
