namespace ActorPostmaster.Interop.Harness;

/// <summary>The three shutdown modes of a postmaster and the signal that requests each.</summary>
public enum ShutdownMode
{
    /// <summary>SIGTERM: refuse new connections, wait for sessions to end.</summary>
    Smart,

    /// <summary>SIGINT: terminate sessions (FATAL 57P01), checkpoint, exit.</summary>
    Fast,

    /// <summary>SIGQUIT: WARNING 57P01 to sessions, exit without checkpoint (crash recovery at next start).</summary>
    Immediate,
}

/// <summary>Helpers for <see cref="ShutdownMode"/>.</summary>
public static class ShutdownModes
{
    /// <summary>The signal name (for <c>kill -s</c>) that requests this mode.</summary>
    public static string Signal(this ShutdownMode mode) => mode switch
    {
        ShutdownMode.Smart => "TERM",
        ShutdownMode.Fast => "INT",
        ShutdownMode.Immediate => "QUIT",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}

/// <summary>How a test server is started. Both targets accept the same options.</summary>
public sealed record ServerOptions
{
    /// <summary>Defaults: max_connections 100, no other settings.</summary>
    public static ServerOptions Default { get; } = new();

    /// <summary><c>max_connections</c>.</summary>
    public int MaxConnections { get; init; } = 100;

    /// <summary>More <c>-c name=value</c> settings, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>How long the server may take to accept connections (pg_isready exit 0).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Returns a copy with one more setting.</summary>
    public ServerOptions With(string name, string value) => this with { Settings = [.. Settings, new(name, value)] };
}

/// <summary>
/// A server under test, PostgreSQL 15 (<see cref="ThrowawayPostgres"/>) or actorpg (<see cref="ActorPgServer"/>),
/// listening on 127.0.0.1 only. Disposing it stops it and removes its data directory.
/// </summary>
public interface ITestServer : IAsyncDisposable
{
    /// <summary><c>postgres</c> or <c>actorpg</c>.</summary>
    string Name { get; }

    /// <summary>Always 127.0.0.1.</summary>
    string Host { get; }

    /// <summary>The TCP port.</summary>
    int Port { get; }

    /// <summary>The data directory (holds <c>postmaster.pid</c>).</summary>
    string DataDirectory { get; }

    /// <summary>The postmaster's OS pid (line 1 of <c>postmaster.pid</c>).</summary>
    int PostmasterPid { get; }

    /// <summary>Everything the server has logged (its stderr and stdout) since it was first started.</summary>
    string ServerLog { get; }

    /// <summary><c>kill -s SIGNAL</c> the postmaster (TERM = smart, INT = fast, QUIT = immediate shutdown, HUP = reload); returns kill's status.</summary>
    Task<int> SignalAsync(string signal);

    /// <summary>Waits until the postmaster has exited; false at the deadline.</summary>
    Task<bool> WaitForExitAsync(TimeSpan timeout);

    /// <summary>
    /// The SIGKILL of one backend, which makes the postmaster run its crash cycle: <c>kill -9 pid</c> for PostgreSQL,
    /// <c>SELECT ap_kill_backend(pid)</c> for actorpg (one process, so no OS signal can do it). Returns 0 when sent.
    /// </summary>
    Task<int> KillBackendAsync(int backendPid);

    /// <summary>Shuts down in <paramref name="mode"/>, waits for the exit, then starts again on the same port and data directory.</summary>
    Task RestartAsync(ShutdownMode mode = ShutdownMode.Fast);
}
