using System.Globalization;
using ActorPostmaster.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Sinks.SystemConsole.Themes;

namespace ActorPostmaster.Server;

/// <summary>
/// The server's stderr, as postgres writes it: the server log's lines verbatim (Serilog's console sink with the output
/// template <c>{Message:lj}{NewLine}</c>, no colours), plus the actor kernel's own warnings and errors.
/// </summary>
internal static class ServerLogging
{
    public static Microsoft.Extensions.Logging.ILoggerFactory Create()
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Filter.ByIncludingOnly(e => IsServerLog(e) || e.Level >= LogEventLevel.Warning)
            .WriteTo.Console(
                outputTemplate: "{Message:lj}{NewLine}",
                formatProvider: CultureInfo.InvariantCulture,
                standardErrorFromLevel: LogEventLevel.Verbose,
                theme: ConsoleTheme.None)
            .CreateLogger();
        return new SerilogLoggerFactory(logger, dispose: true);
    }

    private static bool IsServerLog(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: string category }
        && category == ServerLogSink.Category;
}
