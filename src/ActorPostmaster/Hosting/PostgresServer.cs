using System.Net;
using System.Net.Sockets;
using ActorPostmaster.Actors;
using ActorPostmaster.Authentication;
using ActorPostmaster.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorPostmaster.Hosting;

/// <summary>
/// A PostgreSQL server in this process: an actor system, the <see cref="ActorPostmaster.Postmaster"/>, its TCP listen
/// sockets and, with a data directory, the data-directory lock <c>postmaster.pid</c>. What <c>postgres -D DIR</c> is
/// to PostgreSQL.
/// </summary>
/// <remarks>
/// <para>
/// Start-up follows PostmasterMain: the configuration is loaded (errors are FATAL), the data directory is checked and
/// locked (a second server on the same directory gets FATAL F0001 <c>lock file "postmaster.pid" already exists</c>),
/// the postmaster logs <c>starting PostgreSQL …</c>, the listen sockets are created (<c>listening on IPv4 address
/// "127.0.0.1", port 5432</c>), pg_hba.conf is loaded, and the startup process runs. postmaster.pid's status line
/// follows the postmaster (<c>starting</c>, <c>ready</c>, <c>stopping</c>) and the file is removed when it exits.
/// </para>
/// <para>
/// Every accepted socket becomes a <see cref="ClientConnection"/> the postmaster receives as a
/// <see cref="ConnectionRequest"/>: it decides, as PostgreSQL does, whether a backend or a dead-end backend takes it.
/// </para>
/// </remarks>
public sealed partial class PostgresServer : IAsyncDisposable
{
    /// <summary>The PostgreSQL major version this server is (PG_MAJORVERSION), as PG_VERSION holds it.</summary>
    public const string MajorVersion = "15";

    private readonly PostgresServerOptions _options;
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ServerLog _log;
    private readonly IActorRef _sink;
    private readonly List<Socket> _listeners = [];
    private readonly List<IPEndPoint> _endpoints = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _pid;
    private DataDirectoryLock? _lock;
    private Timer? _recheck;
    private volatile HbaRules _hba = HbaRules.TrustAll;
    private string? _hbaPath;
    private PgError? _fatal;
    private IActorRef _postmaster = ActorRefs.Nobody;
    private ServerLog? _postmasterLog;
    private int _port;

    private PostgresServer(PostgresServerOptions options)
    {
        _options = options;
        _pid = options.ProcessId ?? Environment.ProcessId;
        DataDirectory = options.DataDirectory is { } dir ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) : null;
        RecoveryGate = options.Postmaster.RecoveryGate ?? new RecoveryGate();
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        System = ActorSystem.Create(
            options.ActorSystemName,
            ActorSystemSettings.Default,
            new ActorSystemSetup { LoggerFactory = options.LoggerFactory is { } factory ? new KernelLoggerFactory(factory) : null });
        var serverLogger = _loggerFactory.CreateLogger(ServerLogSink.Category);
        _sink = System.ActorOf(Props.Create(() => new ServerLogSinkActor(serverLogger, OnPostmasterExited)), "server-log");
        System.EventStream.Subscribe(_sink, typeof(ServerLogLine));
        System.EventStream.Subscribe(_sink, typeof(PostmasterExited));
        _log = new ServerLog(System, _pid, typeof(PostgresServer));
    }

    /// <summary>The actor system the server runs in.</summary>
    public ActorSystem System { get; }

    /// <summary>The postmaster actor: send it <see cref="ShutdownRequest"/>, <see cref="GetPostmasterStatus"/>, fault injection.</summary>
    public IActorRef Postmaster => _postmaster;

    /// <summary>The data directory's absolute path, or null for an in-memory server.</summary>
    public string? DataDirectory { get; }

    /// <summary>The addresses the server listens on.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints
    {
        get
        {
            lock (_endpoints)
            {
                return [.. _endpoints];
            }
        }
    }

    /// <summary>The TCP port (the <c>port</c> setting).</summary>
    public int Port => _port;

    /// <summary>The pg_hba rules in force (replaced by a reload that reads a valid file).</summary>
    public HbaRules Hba => _hba;

    /// <summary>
    /// Completes when postmaster.pid says <c>ready</c> (or <c>standby</c>): connections are accepted normally. Faults
    /// when the postmaster exits first.
    /// </summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Where the startup process waits before redo, at every start and in every crash cycle, while a hold is active:
    /// <c>using var hold = server.RecoveryGate.Hold();</c> keeps the server refusing new connections with 57P03 until
    /// the hold is released (<see cref="RecoveryHold.Waiting"/> tells when it has started to). Give
    /// <see cref="PostmasterOptions.RecoveryGate"/> in the options to hold the first start too.
    /// </summary>
    public RecoveryGate RecoveryGate { get; }

    /// <summary>The postmaster's exit code once it has exited and the actor system is gone: 0 after a clean shutdown, 1 otherwise.</summary>
    public Task<int> Completion => _completion.Task;

    /// <summary>
    /// Starts a server and returns once the postmaster listens (its startup process may still be running; await
    /// <see cref="Ready"/> for the moment it accepts connections, as <c>pg_ctl -w</c> does).
    /// </summary>
    /// <param name="options">What to start.</param>
    /// <param name="cancellationToken">Cancels the start: the server is shut down (immediate) and the task cancelled.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="PgException">The server could not start; the FATAL has been logged.</exception>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new PostgresServer(options);
        try
        {
            await server.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks for a shutdown: smart (SIGTERM), fast (SIGINT) or immediate (SIGQUIT). The strongest request wins.</summary>
    /// <param name="level">The mode.</param>
    public void RequestShutdown(ShutdownLevel level)
    {
        if (level > ShutdownLevel.NoShutdown && !_completion.Task.IsCompleted)
        {
            _postmaster.Tell(new ShutdownRequest(level), ActorRefs.NoSender);
        }
    }

    /// <summary>Reloads the configuration files (SIGHUP): postgresql.conf, then pg_hba.conf.</summary>
    public void Reload()
    {
        if (!_completion.Task.IsCompleted)
        {
            _postmaster.Tell(ReloadRequest.Instance, ActorRefs.NoSender);
        }
    }

    /// <summary>Fast shutdown, then waits until the server has exited.</summary>
    public async ValueTask DisposeAsync()
    {
        RequestShutdown(ShutdownLevel.Fast);
        await _completion.Task.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var (configuration, configurationPath) = await LoadConfigurationAsync().ConfigureAwait(false);
        var commandLine = _options.CommandLine();
        var settings = new ServerSettings();
        var loaded = settings.Start(configuration, commandLine);
        if (loaded.Failed)
        {
            foreach (var message in loaded.Messages)
            {
                _log.Report(message);
            }

            await FailAsync(loaded.Messages.LastOrDefault(m => m.Severity == PgSeverity.Fatal)
                ?? new PgError(PgSeverity.Fatal, "F0000", "configuration file contains errors")).ConfigureAwait(false);
        }

        _sink.Tell(ServerLogFormat.From(loaded.Snapshot), ActorRefs.NoSender);
        _port = loaded.Snapshot.GetInt("port");
        var catalog = await LoadCatalogAsync().ConfigureAwait(false);
        LoadHbaAtStart();
        await LockDataDirectoryAsync().ConfigureAwait(false);

        var postmasterOptions = _options.Postmaster with
        {
            PostmasterPid = _pid,
            Configuration = configuration,
            ConfigurationPath = configurationPath,
            CommandLine = commandLine,
            Catalog = catalog,
            DataDirectory = DataDirectory,
            Host = new Host(this),
            RecoveryGate = RecoveryGate,
        };
        _postmaster = System.ActorOf(ActorPostmaster.Postmaster.Props(postmasterOptions), "postmaster");

        using var registration = cancellationToken.Register(() => RequestShutdown(ShutdownLevel.Immediate));
        await Task.WhenAny(_listening.Task, _completion.Task).ConfigureAwait(false);
        if (!_listening.Task.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new PgException(_fatal ?? new PgError(PgSeverity.Fatal, "XX000", "the postmaster exited during startup"));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            await _completion.Task.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The configuration file: in memory, the given path, or the data directory's postgresql.conf.</summary>
    private async Task<(ConfigFile? File, string? Path)> LoadConfigurationAsync()
    {
        if (_options.Configuration is { } inMemory)
        {
            return (inMemory, null);
        }

        var path = _options.ConfigurationPath is { } given ? Path.GetFullPath(given)
            : DataDirectory is { } dir && File.Exists(Path.Combine(dir, "postgresql.conf")) ? Path.Combine(dir, "postgresql.conf")
            : null;
        if (path is null)
        {
            return (null, null);
        }

        try
        {
            return (ConfigFile.Load(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var error = new PgError(PgSeverity.Fatal, "F0000", $"could not open configuration file \"{path}\": {Strerror(e)}");
            _log.Report(error);
            await FailAsync(error).ConfigureAwait(false);
            throw; // not reached: FailAsync throws
        }
    }

    private async Task<Catalog> LoadCatalogAsync()
    {
        if (_options.Catalog is { } catalog)
        {
            return catalog;
        }

        if (DataDirectory is not { } dir || !File.Exists(Path.Combine(dir, CatalogFile.RelativePath)))
        {
            return Catalog.Default;
        }

        try
        {
            return CatalogFile.Load(Path.Combine(dir, CatalogFile.RelativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            var error = new PgError(PgSeverity.Fatal, "XX000", $"could not load catalog file \"{CatalogFile.RelativePath}\": {e.Message}");
            _log.Report(error);
            await FailAsync(error).ConfigureAwait(false);
            throw; // not reached
        }
    }

    /// <summary>Reads pg_hba.conf now; its errors are reported where PostgreSQL loads it, after the sockets.</summary>
    private void LoadHbaAtStart()
    {
        if (_options.Hba is { } rules)
        {
            _hba = rules;
            return;
        }

        _hbaPath = _options.HbaPath is { } given ? Path.GetFullPath(given)
            : DataDirectory is { } dir && File.Exists(Path.Combine(dir, HbaRules.DefaultFileName)) ? Path.Combine(dir, HbaRules.DefaultFileName)
            : null;
        _hba = _hbaPath is null ? HbaRules.TrustAll : LoadHbaFile(_hbaPath);
    }

    private static HbaRules LoadHbaFile(string path)
    {
        try
        {
            return HbaRules.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HbaRules.Unreadable(path, $"could not open configuration file \"{path}\": {Strerror(e)}");
        }
    }

    /// <summary>checkDataDir, ValidatePgVersion and CreateDataDirLockFile.</summary>
    private async Task LockDataDirectoryAsync()
    {
        if (DataDirectory is not { } dir)
        {
            return;
        }

        PgError? error = null;
        var versionFile = Path.Combine(dir, "PG_VERSION");
        if (!Directory.Exists(dir))
        {
            error = new PgError(PgSeverity.Fatal, "58P01", $"data directory \"{dir}\" does not exist");
        }
        else if (!File.Exists(versionFile))
        {
            error = new PgError(PgSeverity.Fatal, "55000", $"\"{dir}\" is not a valid data directory", $"File \"{versionFile}\" is missing.");
        }
        else if (File.ReadAllText(versionFile).Trim() is var version && version != MajorVersion)
        {
            error = new PgError(
                PgSeverity.Fatal,
                "55000",
                "database files are incompatible with server",
                $"The data directory was initialized by PostgreSQL version {version}, which is not compatible with this version {MajorVersion}.");
        }

        if (error is null)
        {
            try
            {
                _lock = DataDirectoryLock.Create(dir, _pid, System.Scheduler.Now, _port);
            }
            catch (PgException e)
            {
                error = e.Error;
            }
        }

        if (error is not null)
        {
            _log.Report(error);
            await FailAsync(error).ConfigureAwait(false);
        }

        if (_options.OptionsFileLine is { } line)
        {
            var opts = Path.Combine(dir, "postmaster.opts");
            try
            {
                File.WriteAllText(opts, line + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var failure = new PgError(PgSeverity.Fatal, "58030", $"could not create file \"{opts}\": {Strerror(e)}");
                _log.Report(failure);
                _lock?.Remove();
                await FailAsync(failure).ConfigureAwait(false);
            }
        }

        // RecheckDataDirLockFile, once a minute.
        _recheck = new Timer(_ => RecheckLockFile(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private void RecheckLockFile()
    {
        if (_lock is { } fileLock && !_completion.Task.IsCompleted && !fileLock.Recheck())
        {
            (_postmasterLog ?? _log).Log("performing immediate shutdown because data directory lock file is invalid");
            RequestShutdown(ShutdownLevel.Immediate);
        }
    }

    /// <summary>Writes what was logged, then fails the start with <paramref name="error"/>.</summary>
    private async Task FailAsync(PgError error)
    {
        _fatal = error;
        await FlushLogAsync().ConfigureAwait(false);
        throw new PgException(error);
    }

    private async Task FlushLogAsync()
    {
        try
        {
            await _sink.Ask<ServerLogSinkActor.Flush>(ServerLogSinkActor.Flush.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException or OperationCanceledException)
        {
            // The log could not be flushed; the start fails anyway.
        }
    }

    /// <summary>After a failed start: stop whatever runs and release the lock.</summary>
    private async Task AbandonAsync()
    {
        if (!_postmaster.Equals(ActorRefs.Nobody) && !_completion.Task.IsCompleted)
        {
            RequestShutdown(ShutdownLevel.Immediate);
            await _completion.Task.ConfigureAwait(false);
            return;
        }

        CloseListeners();
        _lock?.Remove();
        if (_recheck is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await System.Terminate().ConfigureAwait(false);
        _completion.TrySetResult(1);
        _ready.TrySetException(new PgException(_fatal ?? new PgError(PgSeverity.Fatal, "XX000", "the server did not start")));
        _ready.Task.Exception?.Handle(_ => true);
    }

    /// <summary>The sink has written every line up to the postmaster's exit: the server is done.</summary>
    private void OnPostmasterExited(int code) => _ = Task.Run(async () =>
    {
        CloseListeners();
        _lock?.Remove();
        if (_recheck is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await System.Terminate().ConfigureAwait(false);
        if (_ready.TrySetException(new PgException(_fatal ?? new PgError(PgSeverity.Fatal, "XX000", $"the postmaster exited with code {code} before it was ready"))))
        {
            _ready.Task.Exception?.Handle(_ => true);
        }

        _completion.TrySetResult(code);
    });

    private static string Strerror(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };
}
