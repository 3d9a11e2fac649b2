using System.Globalization;

namespace ActorPostmaster.Interop.Harness;

/// <summary>
/// A real PostgreSQL (15) in a temporary directory, listening on 127.0.0.1 and on a private Unix socket directory only.
/// initdb refuses to run as root, so as root the cluster belongs to an unprivileged OS user
/// (<see cref="OsUser"/>, created once with <c>useradd --system -M -s /usr/sbin/nologin</c>) and initdb/postgres run
/// through <c>runuser -u USER --</c>; otherwise they run as the current user. Disposing sends SIGQUIT (immediate
/// shutdown), waits for the postmaster to exit (SIGKILL after 15 s) and deletes the directory.
/// </summary>
public sealed class ThrowawayPostgres : ITestServer
{
    /// <summary>The unprivileged OS user that owns clusters when the tests run as root.</summary>
    public const string OsUser = "actorpg_oracle";

    private static readonly SemaphoreSlim UserGate = new(1, 1);
    private static bool s_userReady;

    private readonly PostgresBinaries _binaries;
    private readonly ServerOptions _options;
    private readonly string _root;
    private readonly string? _runAs;
    private readonly System.Text.StringBuilder _previousLogs = new();
    private RunningProcess? _postmaster;
    private int _disposed;

    private ThrowawayPostgres(PostgresBinaries binaries, ServerOptions options, string root, string? runAs, int port)
    {
        _binaries = binaries;
        _options = options;
        _root = root;
        _runAs = runAs;
        Port = port;
        Clients = new ClientTools(Host, port, binaries: binaries);
    }

    /// <inheritdoc />
    public string Name => "postgres";

    /// <inheritdoc />
    public string Host => "127.0.0.1";

    /// <inheritdoc />
    public int Port { get; }

    /// <summary>The temporary folder holding <c>data/</c> and <c>sock/</c>.</summary>
    public string RootDirectory => _root;

    /// <inheritdoc />
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The Unix socket directory (<c>unix_socket_directories</c>).</summary>
    public string SocketDirectory => Path.Combine(_root, "sock");

    /// <inheritdoc />
    public int PostmasterPid { get; private set; }

    /// <summary>psql, pgbench and pg_isready pointed at this server as <c>postgres</c>.</summary>
    public ClientTools Clients { get; }

    /// <inheritdoc />
    public string ServerLog => _previousLogs + (_postmaster is null ? "" : _postmaster.StandardError + _postmaster.StandardOutput);

    /// <summary>Creates a cluster (<c>initdb -E UTF8 --locale=C.UTF-8 -U postgres --auth=trust</c>), starts it and waits until pg_isready says accepting.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(ServerOptions? options = null)
    {
        var binaries = PostgresBinaries.Locate();
        string? runAs = null;
        if (OsProcesses.IsRoot)
        {
            await EnsureOsUserAsync().ConfigureAwait(false);
            runAs = OsUser;
        }

        var root = Directory.CreateTempSubdirectory("interop-pg15-").FullName;
        var server = new ThrowawayPostgres(binaries, options ?? ServerOptions.Default, root, runAs, FreePort.Next());
        try
        {
            Directory.CreateDirectory(server.SocketDirectory);
            if (runAs is not null)
            {
                await ProcessRunner.RunCheckedAsync("chown", ["-R", $"{runAs}:", root]).ConfigureAwait(false);
            }

            await server.RunAsServerUserCheckedAsync(binaries.Initdb,
                ["-D", server.DataDirectory, "-E", "UTF8", "--locale=C.UTF-8", "-U", "postgres", "--auth=trust", "--no-sync"])
                .ConfigureAwait(false);
            await server.StartPostmasterAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs SQL as the superuser through psql (ON_ERROR_STOP); returns its unaligned tuples-only output.</summary>
    public Task<string> ExecuteSqlAsync(string sql) => Clients.QueryAsync(sql);

    /// <summary>
    /// The oracle's authentication setup: role <c>pwuser</c> with password <c>secret</c> (scram-sha-256), role
    /// <c>rejectme</c> rejected by pg_hba.conf, trust for everyone else on 127.0.0.1; reloads the configuration.
    /// </summary>
    public async Task ConfigureOracleRolesAsync()
    {
        await ExecuteSqlAsync(
            "SET password_encryption = 'scram-sha-256'; CREATE ROLE pwuser LOGIN PASSWORD 'secret'; CREATE ROLE rejectme LOGIN;")
            .ConfigureAwait(false);
        var hba = string.Join('\n',
            "local   all       all                     trust",
            "host    all       pwuser  127.0.0.1/32    scram-sha-256",
            "host    all       rejectme 127.0.0.1/32   reject",
            "host    all       all     127.0.0.1/32    trust",
            "");
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"), hba).ConfigureAwait(false);
        var reloaded = await ExecuteSqlAsync("SELECT pg_reload_conf()").ConfigureAwait(false);
        if (reloaded != "t")
        {
            throw new InvalidOperationException("pg_reload_conf() returned " + reloaded);
        }
    }

    /// <inheritdoc />
    public Task<int> SignalAsync(string signal) => OsProcesses.SignalAsync(PostmasterPid, signal);

    /// <inheritdoc />
    public async Task<bool> WaitForExitAsync(TimeSpan timeout) =>
        _postmaster is null || await _postmaster.TryWaitForExitAsync(timeout).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<int> KillBackendAsync(int backendPid) => OsProcesses.SignalAsync(backendPid, "KILL");

    /// <inheritdoc />
    public async Task RestartAsync(ShutdownMode mode = ShutdownMode.Fast)
    {
        await StopAsync(mode, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await StartPostmasterAsync().ConfigureAwait(false);
    }

    /// <summary>Signals the postmaster for <paramref name="mode"/> and waits for it to exit; throws at the deadline.</summary>
    public async Task StopAsync(ShutdownMode mode, TimeSpan timeout)
    {
        if (_postmaster is null || _postmaster.HasExited)
        {
            return;
        }

        await SignalAsync(mode.Signal()).ConfigureAwait(false);
        if (!await WaitForExitAsync(timeout).ConfigureAwait(false))
        {
            throw new TimeoutException($"PostgreSQL did not finish a {mode} shutdown within {timeout.TotalSeconds} s.\n{ServerLog}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_postmaster is not null)
        {
            if (!_postmaster.HasExited)
            {
                var pid = OsProcesses.ReadPostmasterPid(DataDirectory) ?? PostmasterPid;
                if (pid > 0)
                {
                    await OsProcesses.SignalAsync(pid, "QUIT").ConfigureAwait(false);
                }

                if (!await _postmaster.TryWaitForExitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false) && pid > 0)
                {
                    await OsProcesses.SignalAsync(pid, "KILL").ConfigureAwait(false);
                    await OsProcesses.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
            }

            await _postmaster.DisposeAsync().ConfigureAwait(false);
        }

        DeleteDirectory(_root);
    }

    private async Task StartPostmasterAsync()
    {
        if (_postmaster is not null)
        {
            _previousLogs.Append(_postmaster.StandardError).Append(_postmaster.StandardOutput);
            await _postmaster.DisposeAsync().ConfigureAwait(false);
            _postmaster = null;
        }

        var args = new List<string>
        {
            "-D", DataDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "unix_socket_directories=" + SocketDirectory,
            "-c", "max_connections=" + _options.MaxConnections.ToString(CultureInfo.InvariantCulture),
            "-c", "log_line_prefix=%m [%p] %q%u@%d ",
        };
        foreach (var (name, value) in _options.Settings)
        {
            args.Add("-c");
            args.Add($"{name}={value}");
        }

        _postmaster = StartAsServerUser(_binaries.Postgres, args);
        var ready = await Clients.WaitForPgIsReadyAsync(0, _options.StartTimeout, () => _postmaster.HasExited).ConfigureAwait(false);
        if (ready.ExitCode != 0)
        {
            var exited = _postmaster.HasExited;
            throw new InvalidOperationException(
                $"PostgreSQL on port {Port} did not accept connections within {_options.StartTimeout.TotalSeconds} s" +
                (exited ? " (postmaster exited)" : "") + $".\nLast pg_isready: {ready}\nServer log:\n{ServerLog}");
        }

        PostmasterPid = OsProcesses.ReadPostmasterPid(DataDirectory)
                        ?? throw new InvalidOperationException("postmaster.pid is missing or unreadable in " + DataDirectory);
    }

    private RunningProcess StartAsServerUser(string program, IEnumerable<string> args) =>
        _runAs is null
            ? RunningProcess.Start(program, args, workingDirectory: _root)
            : RunningProcess.Start("runuser", ["-u", _runAs, "--", program, .. args], workingDirectory: _root);

    private async Task RunAsServerUserCheckedAsync(string program, IEnumerable<string> args)
    {
        await using var process = StartAsServerUser(program, args);
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new InvalidOperationException("Command failed:\n" + result);
        }
    }

    private static async Task EnsureOsUserAsync()
    {
        await UserGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_userReady)
            {
                return;
            }

            if ((await ProcessRunner.RunAsync("id", ["-u", OsUser]).ConfigureAwait(false)).ExitCode != 0)
            {
                var added = await ProcessRunner.RunAsync("useradd",
                    ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", OsUser])
                    .ConfigureAwait(false);

                // Another process may have created it at the same moment (useradd exits 9 then); only its absence is an error.
                if (added.ExitCode != 0 && (await ProcessRunner.RunAsync("id", ["-u", OsUser]).ConfigureAwait(false)).ExitCode != 0)
                {
                    throw new InvalidOperationException($"Cannot create the OS user {OsUser} that owns test clusters:\n{added}");
                }
            }

            s_userReady = true;
        }
        finally
        {
            UserGate.Release();
        }
    }

    internal static void DeleteDirectory(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A file appeared while deleting (a late log write); try again.
            }
            catch (UnauthorizedAccessException) when (attempt < 5)
            {
            }
        }
    }
}
