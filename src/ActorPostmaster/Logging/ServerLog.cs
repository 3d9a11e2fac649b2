using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;

namespace ActorPostmaster;

/// <summary>One line of the server log, as PostgreSQL writes it (elog.c): who, when, how severe, what.</summary>
/// <param name="Timestamp">When (on the system clock).</param>
/// <param name="Pid">The (virtual) pid of the process that logged it.</param>
/// <param name="Severity">LOG, FATAL, WARNING …</param>
/// <param name="Message">The primary message.</param>
/// <param name="Detail">DETAIL, or null.</param>
/// <param name="Hint">HINT, or null.</param>
/// <param name="Statement">STATEMENT (the query being run), or null.</param>
/// <param name="User">The session's role, or null.</param>
/// <param name="Database">The session's database, or null.</param>
/// <param name="ApplicationName">application_name, or null.</param>
/// <param name="BackendType">The process type (for %b).</param>
/// <param name="Context">CONTEXT (where the error arose, e.g. <c>line 3 of configuration file "…"</c>), or null.</param>
public sealed record ServerLogLine(
    DateTimeOffset Timestamp,
    int Pid,
    PgSeverity Severity,
    string Message,
    string? Detail = null,
    string? Hint = null,
    string? Statement = null,
    string? User = null,
    string? Database = null,
    string? ApplicationName = null,
    BackendType? BackendType = null,
    string? Context = null);

/// <summary>
/// Writes PostgreSQL-shaped log lines: publishes a <see cref="ServerLogLine"/> on the event stream (what the command
/// line renders with log_line_prefix) and the matching kernel log event (what Microsoft.Extensions.Logging and the
/// TestKit's event filters see: LOG is Info, FATAL/ERROR/PANIC are Error).
/// </summary>
public sealed class ServerLog
{
    private readonly ActorSystem _system;
    private readonly ILoggingAdapter _adapter;
    private readonly int _pid;
    private readonly ProcessState? _proc;
    private readonly BackendType? _type;

    /// <summary>Creates the log of one process.</summary>
    /// <param name="system">The system whose event stream carries the lines.</param>
    /// <param name="pid">The process's pid.</param>
    /// <param name="logClass">The class that logs (the Microsoft.Extensions.Logging category).</param>
    /// <param name="proc">Its process entry, for %u/%d/%a; null for the postmaster.</param>
    /// <param name="type">Its type, or null for the postmaster.</param>
    public ServerLog(ActorSystem system, int pid, Type logClass, ProcessState? proc = null, BackendType? type = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _pid = pid;
        _proc = proc;
        _type = type;
        _adapter = Logging.GetLogger(system, type is { } t ? $"{t.Description()} [{pid}]" : $"postmaster [{pid}]", logClass);
    }

    /// <summary>LOG.</summary>
    /// <param name="message">The message.</param>
    /// <param name="detail">DETAIL, or null.</param>
    public void Log(string message, string? detail = null) => Write(PgSeverity.Log, message, detail);

    /// <summary>DEBUG (DEBUG1 … DEBUG5 are one level here).</summary>
    /// <param name="message">The message.</param>
    public void Debug(string message) => Write(PgSeverity.Debug, message);

    /// <summary>WARNING.</summary>
    /// <param name="message">The message.</param>
    public void Warning(string message) => Write(PgSeverity.Warning, message);

    /// <summary>Logs an error as the client saw it (ERROR or FATAL), with its detail and hint, and the statement.</summary>
    /// <param name="error">The error.</param>
    /// <param name="statement">The statement being run, or null.</param>
    /// <param name="cause">An exception behind it, or null.</param>
    public void Report(PgError error, string? statement = null, Exception? cause = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        Write(error.Severity, error.Message, error.Detail, error.Hint, statement, cause);
    }

    /// <summary>Writes a line at <paramref name="severity"/>.</summary>
    /// <param name="severity">The severity.</param>
    /// <param name="message">The message.</param>
    /// <param name="detail">DETAIL, or null.</param>
    /// <param name="hint">HINT, or null.</param>
    /// <param name="statement">STATEMENT, or null.</param>
    /// <param name="cause">An exception, or null.</param>
    /// <param name="context">CONTEXT, or null.</param>
    public void Write(
        PgSeverity severity, string message, string? detail = null, string? hint = null, string? statement = null, Exception? cause = null, string? context = null)
    {
        var level = severity switch
        {
            PgSeverity.Debug => Actors.Event.LogLevel.DebugLevel,
            PgSeverity.Warning => Actors.Event.LogLevel.WarningLevel,
            PgSeverity.Error or PgSeverity.Fatal or PgSeverity.Panic => Actors.Event.LogLevel.ErrorLevel,
            _ => Actors.Event.LogLevel.InfoLevel,
        };
        if (!_adapter.IsEnabled(level))
        {
            return;
        }

        _system.EventStream.Publish(new ServerLogLine(
            _system.Scheduler.Now, _pid, severity, message, detail, hint, statement, _proc?.UserName, _proc?.DatabaseName, _proc?.ApplicationName, _type, context));
        if (detail is null)
        {
            _adapter.Log(level, cause, "{Message}", message);
        }
        else
        {
            _adapter.Log(level, cause, "{Message} (DETAIL: {Detail})", message, detail);
        }
    }
}
