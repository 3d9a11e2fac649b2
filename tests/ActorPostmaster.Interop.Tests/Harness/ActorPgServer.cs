using System.Globalization;

namespace ActorPostmaster.Interop.Harness;

/// <summary>
/// actorpg (src/ActorPostmaster.Server) started as <c>dotnet actorpg.dll</c>: <c>initdb -D DIR -U postgres --auth trust</c>
/// into a temporary folder, then <c>start -D DIR -p PORT -h 127.0.0.1 -c max_connections=N [-c name=value]...</c>,
/// ready when pg_isready exits 0. It runs as the current user (root on CI), in one OS process. Disposing sends SIGINT
/// (fast shutdown), SIGKILLs after 15 s and deletes the folder.
/// </summary>
public sealed class ActorPgServer : ITestServer
{
    /// <summary>Environment variable naming the actorpg.dll to run, overriding the search in the repository's build output.</summary>
    public const string DllVariable = "ACTORPG_DLL";

    private readonly string _dll;
    private readonly ServerOptions _options;
    private readonly string _root;
    private readonly System.Text.StringBuilder _previousLogs = new();
    private RunningProcess? _process;
    private int _disposed;

    private ActorPgServer(string dll, ServerOptions options, string root, int port)
    {
        _dll = dll;
        _options = options;
        _root = root;
        Port = port;
        Clients = new ClientTools(Host, port);
    }

    /// <inheritdoc />
    public string Name => "actorpg";

    /// <inheritdoc />
    public string Host => "127.0.0.1";

    /// <inheritdoc />
    public int Port { get; }

    /// <inheritdoc />
    public string DataDirectory => Path.Combine(_root, "data");

    /// <inheritdoc />
    public int PostmasterPid { get; private set; }

    /// <summary>psql, pgbench and pg_isready pointed at this server as <c>postgres</c>.</summary>
    public ClientTools Clients { get; }

    /// <inheritdoc />
    public string ServerLog => _previousLogs + (_process is null ? "" : _process.StandardError + _process.StandardOutput);

    /// <summary>
    /// The actorpg.dll to run: <c>$ACTORPG_DLL</c> if set; else <c>src/ActorPostmaster.Server/bin/{Release,Debug}/net10.0/actorpg.dll</c>
    /// under the repository root (the folder holding ActorPostmaster.sln above this assembly), Release first. Null when none exists.
    /// </summary>
    public static string? LocateDll()
    {
        var explicitDll = Environment.GetEnvironmentVariable(DllVariable);
        if (!string.IsNullOrEmpty(explicitDll))
        {
            return File.Exists(explicitDll) ? Path.GetFullPath(explicitDll) : null;
        }

        var repo = RepositoryRoot();
        if (repo is null)
        {
            return null;
        }

        // The configuration this assembly was built in first, so that a test never runs a stale build of the other.
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        return new[] { own, own == "Release" ? "Debug" : "Release" }
            .Select(config => Path.Combine(repo, "src", "ActorPostmaster.Server", "bin", config, "net10.0", "actorpg.dll"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The folder holding ActorPostmaster.sln, searched upwards from this assembly; null when not found.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorPostmaster.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Creates a data directory with <c>actorpg initdb</c>, starts the server and waits until pg_isready says accepting.</summary>
    public static async Task<ActorPgServer> StartAsync(ServerOptions? options = null)
    {
        var dll = LocateDll() ?? throw new InvalidOperationException(
            "actorpg.dll not found: build src/ActorPostmaster.Server (dotnet build -c Release) or set " + DllVariable + ".");
        var root = Directory.CreateTempSubdirectory("interop-actorpg-").FullName;
        var server = new ActorPgServer(dll, options ?? ServerOptions.Default, root, FreePort.Next());
        try
        {
            var initdb = await ProcessRunner.RunAsync("dotnet",
                [dll, "initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth", "trust"], timeout: TimeSpan.FromSeconds(120))
                .ConfigureAwait(false);
            if (initdb.ExitCode != 0 || initdb.TimedOut)
            {
                throw new InvalidOperationException("actorpg initdb failed:\n" + initdb);
            }

            await server.StartProcessAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<int> SignalAsync(string signal) => OsProcesses.SignalAsync(PostmasterPid, signal);

    /// <inheritdoc />
    public async Task<bool> WaitForExitAsync(TimeSpan timeout) =>
        _process is null || await _process.TryWaitForExitAsync(timeout).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<int> KillBackendAsync(int backendPid)
    {
        // The asking session is itself ended by the crash cycle it starts (WARNING 57P02, exit 2), so psql's exit
        // status says nothing; only an ERROR (the function refused, e.g. no such backend) counts as failure.
        var result = await Clients.PsqlAsync(
            ["-X", "-A", "-t", "-c", "SELECT ap_kill_backend(" + backendPid.ToString(CultureInfo.InvariantCulture) + ")"])
            .ConfigureAwait(false);
        return result.StandardError.Contains("ERROR:", StringComparison.Ordinal) ? 1 : 0;
    }

    /// <inheritdoc />
    public async Task RestartAsync(ShutdownMode mode = ShutdownMode.Fast)
    {
        if (_process is not null && !_process.HasExited)
        {
            await SignalAsync(mode.Signal()).ConfigureAwait(false);
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false))
            {
                throw new TimeoutException($"actorpg did not finish a {mode} shutdown within 30 s.\n{ServerLog}");
            }
        }

        await StartProcessAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                await OsProcesses.SignalAsync(_process.Pid, "INT").ConfigureAwait(false);
                if (!await _process.TryWaitForExitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false))
                {
                    _process.Kill();
                }
            }

            await _process.DisposeAsync().ConfigureAwait(false);
        }

        ThrowawayPostgres.DeleteDirectory(_root);
    }

    private async Task StartProcessAsync()
    {
        if (_process is not null)
        {
            _previousLogs.Append(_process.StandardError).Append(_process.StandardOutput);
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
        }

        var args = new List<string>
        {
            _dll, "start",
            "-D", DataDirectory,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-h", Host,
            "-c", "max_connections=" + _options.MaxConnections.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in _options.Settings)
        {
            args.Add("-c");
            args.Add($"{name}={value}");
        }

        _process = RunningProcess.Start("dotnet", args, workingDirectory: _root);
        var ready = await Clients.WaitForPgIsReadyAsync(0, _options.StartTimeout, () => _process.HasExited).ConfigureAwait(false);
        if (ready.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"actorpg on port {Port} did not accept connections within {_options.StartTimeout.TotalSeconds} s" +
                (_process.HasExited ? " (process exited)" : "") + $".\nLast pg_isready: {ready}\nServer log:\n{ServerLog}");
        }

        PostmasterPid = OsProcesses.ReadPostmasterPid(DataDirectory) ?? _process.Pid;
    }
}
