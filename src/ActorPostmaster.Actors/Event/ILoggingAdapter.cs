namespace ActorPostmaster.Actors.Event;

/// <summary>Writes log events to the system's <see cref="EventStream"/>.</summary>
/// <remarks>
/// Akka.NET: <c>ILoggingAdapter</c>. Obtain one with <c>Context.GetLogger()</c> inside an actor or
/// <see cref="Logging.GetLogger(ActorSystem, string)"/> elsewhere. Events below the system's <c>loglevel</c> are
/// dropped before any formatting. Thread-safe.
/// </remarks>
public interface ILoggingAdapter
{
    /// <summary>True when Debug events are published.</summary>
    bool IsDebugEnabled { get; }

    /// <summary>True when Info events are published.</summary>
    bool IsInfoEnabled { get; }

    /// <summary>True when Warning events are published.</summary>
    bool IsWarningEnabled { get; }

    /// <summary>True when Error events are published.</summary>
    bool IsErrorEnabled { get; }

    /// <summary>True when events of <paramref name="level"/> are published.</summary>
    /// <param name="level">The level.</param>
    bool IsEnabled(LogLevel level);

    /// <summary>Publishes an event of <paramref name="level"/>.</summary>
    /// <param name="level">The level.</param>
    /// <param name="cause">An exception, or null.</param>
    /// <param name="template">A message template with <c>{Name}</c> holes.</param>
    /// <param name="args">The holes' values, in order.</param>
    void Log(LogLevel level, Exception? cause, string template, params object?[] args);
}

/// <summary>The level-named forms of <see cref="ILoggingAdapter.Log"/>.</summary>
/// <remarks>Akka.NET: <c>LoggingAdapterExtensions</c>.</remarks>
public static class LoggingAdapterExtensions
{
    /// <summary>Logs at Debug.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Debug(this ILoggingAdapter log, string template, params object?[] args) =>
        Write(log, LogLevel.DebugLevel, null, template, args);

    /// <summary>Logs at Debug with an exception.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="cause">The exception.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Debug(this ILoggingAdapter log, Exception? cause, string template, params object?[] args) =>
        Write(log, LogLevel.DebugLevel, cause, template, args);

    /// <summary>Logs at Info.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Info(this ILoggingAdapter log, string template, params object?[] args) =>
        Write(log, LogLevel.InfoLevel, null, template, args);

    /// <summary>Logs at Info with an exception.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="cause">The exception.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Info(this ILoggingAdapter log, Exception? cause, string template, params object?[] args) =>
        Write(log, LogLevel.InfoLevel, cause, template, args);

    /// <summary>Logs at Warning.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Warning(this ILoggingAdapter log, string template, params object?[] args) =>
        Write(log, LogLevel.WarningLevel, null, template, args);

    /// <summary>Logs at Warning with an exception.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="cause">The exception.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Warning(this ILoggingAdapter log, Exception? cause, string template, params object?[] args) =>
        Write(log, LogLevel.WarningLevel, cause, template, args);

    /// <summary>Logs at Error.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Error(this ILoggingAdapter log, string template, params object?[] args) =>
        Write(log, LogLevel.ErrorLevel, null, template, args);

    /// <summary>Logs at Error with an exception.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="cause">The exception.</param>
    /// <param name="template">A message template.</param>
    /// <param name="args">Its arguments.</param>
    public static void Error(this ILoggingAdapter log, Exception? cause, string template, params object?[] args) =>
        Write(log, LogLevel.ErrorLevel, cause, template, args);

    private static void Write(ILoggingAdapter log, LogLevel level, Exception? cause, string template, object?[] args)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.IsEnabled(level))
        {
            log.Log(level, cause, template, args);
        }
    }
}

/// <summary>Factories for <see cref="ILoggingAdapter"/>s.</summary>
/// <remarks>Akka.NET: <c>Logging.GetLogger</c> and the <c>Context.GetLogger()</c> extension.</remarks>
public static class Logging
{
    /// <summary>A logger whose source is the current actor's path and whose class is the actor's type.</summary>
    /// <param name="context">The actor's context.</param>
    public static ILoggingAdapter GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cell = (ActorCell)context;
        return new BusLogging(cell.System, cell.Self.Path.ToString(), cell.Props.ActorType);
    }

    /// <summary>A logger with an explicit source.</summary>
    /// <param name="system">The system whose event stream receives the events.</param>
    /// <param name="source">The source shown with each event.</param>
    public static ILoggingAdapter GetLogger(ActorSystem system, string source)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new BusLogging(system, source, typeof(ActorSystem));
    }

    /// <summary>A logger with an explicit source and class.</summary>
    /// <param name="system">The system whose event stream receives the events.</param>
    /// <param name="source">The source shown with each event.</param>
    /// <param name="logClass">The class, used as the category by the logging bridge.</param>
    public static ILoggingAdapter GetLogger(ActorSystem system, string source, Type logClass)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new BusLogging(system, source, logClass);
    }
}

/// <summary>INTERNAL API. Publishes log events on the system's event stream.</summary>
internal sealed class BusLogging : ILoggingAdapter
{
    private readonly ActorSystem _system;
    private readonly string _source;
    private readonly Type _logClass;

    public BusLogging(ActorSystem system, string source, Type logClass)
    {
        _system = system;
        _source = source;
        _logClass = logClass;
    }

    public bool IsDebugEnabled => IsEnabled(LogLevel.DebugLevel);

    public bool IsInfoEnabled => IsEnabled(LogLevel.InfoLevel);

    public bool IsWarningEnabled => IsEnabled(LogLevel.WarningLevel);

    public bool IsErrorEnabled => IsEnabled(LogLevel.ErrorLevel);

    public bool IsEnabled(LogLevel level) => level >= _system.Settings.LogLevel;

    public void Log(LogLevel level, Exception? cause, string template, params object?[] args)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var now = _system.Scheduler.Now;
        LogEvent logEvent = level switch
        {
            LogLevel.DebugLevel => new Debug(now, _source, _logClass, template, args, cause),
            LogLevel.InfoLevel => new Info(now, _source, _logClass, template, args, cause),
            LogLevel.WarningLevel => new Warning(now, _source, _logClass, template, args, cause),
            _ => new Error(now, _source, _logClass, template, args, cause),
        };
        _system.EventStream.Publish(logEvent);
    }
}
