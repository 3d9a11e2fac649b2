using System.Globalization;

namespace ActorPostmaster.Interop.Harness;

/// <summary>
/// Runs PostgreSQL's own clients (psql, pgbench, pg_isready, from the same installation as the server) against one
/// server, configured only through the environment: PGHOST, PGPORT, PGUSER, PGDATABASE and PGCONNECT_TIMEOUT are set
/// here; anything else (PGPASSWORD, PGAPPNAME, PGOPTIONS...) is passed per call. A null value removes a variable.
/// </summary>
public sealed class ClientTools
{
    private readonly PostgresBinaries _binaries;

    /// <summary>Clients for <paramref name="host"/>:<paramref name="port"/> as <paramref name="user"/>.</summary>
    public ClientTools(string host, int port, string user = "postgres", string database = "postgres", PostgresBinaries? binaries = null)
    {
        Host = host;
        Port = port;
        User = user;
        Database = database;
        _binaries = binaries ?? PostgresBinaries.Locate();
    }

    /// <summary>The server's host.</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>PGUSER.</summary>
    public string User { get; }

    /// <summary>PGDATABASE.</summary>
    public string Database { get; }

    /// <summary>Clients for a test server.</summary>
    public static ClientTools For(ITestServer server, string user = "postgres") => new(server.Host, server.Port, user);

    /// <summary>The environment every client gets, plus <paramref name="extra"/>.</summary>
    public IReadOnlyDictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["PGHOST"] = Host,
            ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = User,
            ["PGDATABASE"] = Database,
            ["PGCONNECT_TIMEOUT"] = "10",
        };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                env[key] = value;
            }
        }

        return env;
    }

    /// <summary>Runs psql to completion.</summary>
    public Task<ProcessResult> PsqlAsync(
        IEnumerable<string> arguments,
        string? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(_binaries.Psql, arguments, Environment(environment), standardInput, timeout);

    /// <summary>Starts psql and returns at once (for sessions that must be running while something else happens).</summary>
    public RunningProcess StartPsql(
        IEnumerable<string> arguments,
        string? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        RunningProcess.Start(_binaries.Psql, arguments, Environment(environment), standardInput);

    /// <summary>
    /// <c>psql -X -A -t -q -v ON_ERROR_STOP=1 -c SQL</c>: the unaligned, tuples-only output without the final newline.
    /// Throws with everything psql printed unless it exits with status 0.
    /// </summary>
    public async Task<string> QueryAsync(string sql, TimeSpan? timeout = null)
    {
        var result = await PsqlAsync(["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], timeout: timeout).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new InvalidOperationException("psql failed:\n" + result);
        }

        return result.StandardOutput.TrimEnd('\n');
    }

    /// <summary>Runs pgbench to completion.</summary>
    public Task<ProcessResult> PgbenchAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(_binaries.Pgbench, arguments, Environment(environment), timeout: timeout);

    /// <summary>
    /// Runs <c>pg_isready</c> (host, port and user from the environment, plus <paramref name="arguments"/>):
    /// exit 0 accepting, 1 rejecting, 2 no response, 3 no attempt.
    /// </summary>
    public Task<ProcessResult> PgIsReadyAsync(
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(_binaries.PgIsReady, arguments ?? [], Environment(environment), timeout: timeout);

    /// <summary>
    /// Polls pg_isready (every 20 ms) until it exits with <paramref name="expectedStatus"/>; returns the last result, which
    /// has another status only when the deadline passed or <paramref name="giveUp"/> returned true.
    /// </summary>
    public async Task<ProcessResult> WaitForPgIsReadyAsync(int expectedStatus, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await PgIsReadyAsync(["-t", "5"], timeout: TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            if (result.ExitCode == expectedStatus || DateTime.UtcNow >= deadline || (giveUp?.Invoke() ?? false))
            {
                return result;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
