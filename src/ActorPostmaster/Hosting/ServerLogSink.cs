using ActorPostmaster.Actors;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Hosting;

/// <summary>
/// The server log's destination: every <see cref="ServerLogLine"/> on the event stream, rendered as PostgreSQL's stderr
/// log renders it (log_line_prefix, <c>LEVEL:  message</c>, then DETAIL/HINT/CONTEXT/STATEMENT lines) and written as
/// one event of the <see cref="Category"/> logger, whose message is exactly those lines.
/// </summary>
/// <remarks>
/// With Serilog's console sink and the output template <c>{Message:lj}{NewLine}</c> on stderr, the output is
/// byte-for-byte what <c>postgres</c> writes to stderr. LOG lines are Information, WARNING is Warning, ERROR is Error,
/// FATAL and PANIC are Critical, DEBUG is Debug.
/// </remarks>
public static partial class ServerLogSink
{
    /// <summary>The logger category of the server log.</summary>
    public const string Category = "ActorPostmaster.ServerLog";

    /// <summary>The level a line is logged at.</summary>
    /// <param name="severity">The PostgreSQL severity.</param>
    public static LogLevel LevelOf(PgSeverity severity) => severity switch
    {
        PgSeverity.Debug => LogLevel.Debug,
        PgSeverity.Warning => LogLevel.Warning,
        PgSeverity.Error => LogLevel.Error,
        PgSeverity.Fatal or PgSeverity.Panic => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    /// <summary>Renders and writes one line.</summary>
    /// <param name="logger">The server log's logger.</param>
    /// <param name="line">The line.</param>
    /// <param name="format">log_line_prefix and log_timezone.</param>
    public static void Write(ILogger logger, ServerLogLine line, ServerLogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(format);
        var level = LevelOf(line.Severity);
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var text = PostgresLogFormatter.Format(line, format.LogLinePrefix, format.TimeZone);
        WriteLine(logger, level, text);
    }

    [LoggerMessage(EventId = 1, EventName = "ServerLogLine", Message = "{Line}")]
    private static partial void WriteLine(ILogger logger, LogLevel level, string line);
}

/// <summary>How server log lines are rendered: log_line_prefix and log_timezone.</summary>
/// <param name="LogLinePrefix">log_line_prefix.</param>
/// <param name="TimeZone">log_timezone.</param>
public sealed record ServerLogFormat(string LogLinePrefix, TimeZoneInfo TimeZone)
{
    /// <summary>PostgreSQL's defaults: <c>%m [%p] </c> in UTC.</summary>
    public static ServerLogFormat Default { get; } = new(PostgresLogFormatter.DefaultPrefix, TimeZoneInfo.Utc);

    /// <summary>log_line_prefix and log_timezone of the server's settings.</summary>
    /// <param name="settings">The settings.</param>
    public static ServerLogFormat From(Settings.SettingsSnapshot settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ServerLogFormat(settings.GetString("log_line_prefix"), ResolveTimeZone(settings.GetString("log_timezone")));
    }

    /// <summary>A log_timezone value as a .NET zone; UTC for UTC-like zones (so %m prints <c>UTC</c>) and for unknown ones.</summary>
    /// <param name="name">The zone name.</param>
    internal static TimeZoneInfo ResolveTimeZone(string name)
    {
        if (name is "UTC" or "Etc/UTC" or "GMT" or "Etc/GMT" or "UCT" or "Etc/UCT" or "Universal" or "Zulu" or "Etc/Universal" or "Etc/Zulu")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}

/// <summary>
/// INTERNAL API. The actor behind the sink: subscribed to <see cref="ServerLogLine"/> and <see cref="PostmasterExited"/>,
/// it writes lines in the order they were published and reports the exit after every line published before it.
/// </summary>
internal sealed class ServerLogSinkActor : ReceiveActor
{
    private ServerLogFormat _format = ServerLogFormat.Default;

    /// <remarks>
    /// A new <see cref="ServerLogFormat"/> is a message too, told from the thread that changed the settings, so the
    /// lines published before it keep the old prefix and those after it get the new one.
    /// </remarks>
    public ServerLogSinkActor(ILogger logger, Action<int> exited)
    {
        Receive<ServerLogLine>(line => ServerLogSink.Write(logger, line, _format));
        Receive<ServerLogFormat>(format => _format = format);
        Receive<PostmasterExited>(exit => exited(exit.Code));
        Receive<Flush>(_ => Sender.Tell(Flush.Instance));
    }

    /// <summary>Answered once every line received before it has been written.</summary>
    internal sealed record Flush
    {
        public static readonly Flush Instance = new();
    }
}
