using System.Runtime.InteropServices;
using System.Text;
using ActorPostmaster.Authentication;
using ActorPostmaster.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Server;

/// <summary>
/// <c>actorpg start</c>: the server in the foreground, as <c>postgres -D DIR</c>. SIGTERM is a smart shutdown, SIGINT
/// fast, SIGQUIT immediate, SIGHUP a reload. The exit code is the postmaster's: 0 after a clean shutdown, 1 otherwise.
/// </summary>
internal static class ServerRunner
{
    /// <summary>The bootstrap superuser of a directory initialised by <c>start</c>.</summary>
    public const string BootstrapSuperuser = "postgres";

    public static async Task<int> RunAsync(string? dataDirectory, int? port, string? listenAddresses, string[] settings, string? config)
    {
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory ?? Environment.GetEnvironmentVariable("PGDATA") ?? "data"));
        var options = new PostgresServerOptions
        {
            DataDirectory = dir,
            ConfigurationPath = config,
            Port = port,
            ListenAddresses = listenAddresses,
            OptionsFileLine = OptionsFileLine(),
        };
        foreach (var setting in settings)
        {
            if (!TryParseSetting(setting, out var name, out var value))
            {
                await Console.Error.WriteLineAsync($"{Cli.ProgramName}: error: -c {setting} requires a value").ConfigureAwait(false);
                return 1;
            }

            options.Settings[name] = value;
        }

        using var loggerFactory = ServerLogging.Create();
        options.LoggerFactory = loggerFactory;
        if (InitDb.IsMissingOrEmpty(dir))
        {
            LogLine(loggerFactory, $"data directory \"{dir}\" is missing or empty: initializing it (superuser \"{BootstrapSuperuser}\", trust authentication)");
            try
            {
                InitDb.Run(
                    new InitDbOptions { DataDirectory = dir, SuperuserName = BootstrapSuperuser, AuthMethod = HbaMethod.Trust },
                    TextWriter.Null,
                    TextWriter.Null);
            }
            catch (InitDbException e)
            {
                await Console.Error.WriteLineAsync($"{Cli.ProgramName}: error: could not initialize data directory \"{dir}\": {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }
        else if (!Directory.Exists(dir) || !InitDb.IsCluster(dir))
        {
            await Console.Error.WriteLineAsync(
                $"{Cli.ProgramName}: error: \"{dir}\" is not a database cluster directory (no PG_VERSION) and not empty; "
                + $"give an empty directory or one made by \"{Cli.ProgramName} initdb\"").ConfigureAwait(false);
            return 1;
        }

        using var signals = new SignalForwarder();
        PostgresServer server;
        try
        {
            server = await PostgresServer.StartAsync(options).ConfigureAwait(false);
        }
        catch (PgException)
        {
            return 1; // the FATAL is in the log
        }

        await using (server.ConfigureAwait(false))
        {
            signals.Attach(server);
            _ = server.Ready.ContinueWith(_ => JitWarmup.Start(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default); // not during redo
            return await server.Completion.ConfigureAwait(false);
        }
    }

    /// <summary>ParseLongOption: <c>name=value</c>, with <c>-</c> in the name read as <c>_</c>.</summary>
    internal static bool TryParseSetting(string text, out string name, out string value)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            name = value = string.Empty;
            return false;
        }

        name = text[..equals].Replace('-', '_');
        value = text[(equals + 1)..];
        return true;
    }

    /// <summary>postmaster.opts: the program, then every argument in double quotes (CreateOptsFile).</summary>
    private static string OptionsFileLine()
    {
        var builder = new StringBuilder(Environment.ProcessPath ?? Cli.ProgramName);
        foreach (var arg in Environment.GetCommandLineArgs().Skip(1))
        {
            builder.Append(" \"").Append(arg).Append('"');
        }

        return builder.ToString();
    }

    private static void LogLine(ILoggerFactory factory, string message) => ServerLogSink.Write(
        factory.CreateLogger(ServerLogSink.Category),
        new ServerLogLine(DateTimeOffset.UtcNow, Environment.ProcessId, PgSeverity.Log, message),
        ServerLogFormat.Default);

    /// <summary>SIGTERM, SIGINT, SIGQUIT and SIGHUP to the server; signals that arrive before it runs wait for it.</summary>
    private sealed class SignalForwarder : IDisposable
    {
        private readonly object _lock = new();
        private readonly List<PosixSignalRegistration> _registrations = [];
        private PostgresServer? _server;
        private ShutdownLevel _pendingShutdown;
        private bool _pendingReload;

        public SignalForwarder()
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, ShutdownLevel.Smart)));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, ShutdownLevel.Fast)));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => Handle(c, ShutdownLevel.Immediate)));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Handle(c, ShutdownLevel.NoShutdown)));
        }

        public void Attach(PostgresServer server)
        {
            lock (_lock)
            {
                _server = server;
                if (_pendingReload)
                {
                    server.Reload();
                }

                server.RequestShutdown(_pendingShutdown);
            }
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }

        /// <summary>NoShutdown stands for SIGHUP.</summary>
        private void Handle(PosixSignalContext context, ShutdownLevel level)
        {
            context.Cancel = true; // the postmaster decides when the process ends
            lock (_lock)
            {
                if (_server is { } server)
                {
                    if (level == ShutdownLevel.NoShutdown)
                    {
                        server.Reload();
                    }
                    else
                    {
                        server.RequestShutdown(level);
                    }
                }
                else if (level == ShutdownLevel.NoShutdown)
                {
                    _pendingReload = true;
                }
                else if (level > _pendingShutdown)
                {
                    _pendingShutdown = level;
                }
            }
        }
    }
}
