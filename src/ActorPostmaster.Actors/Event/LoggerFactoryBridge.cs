using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorPostmaster.Actors.Event;

/// <summary>
/// INTERNAL API. Forwards log events, dead letters and unhandled messages from the event stream to
/// Microsoft.Extensions.Logging, synchronously on the publishing thread. The category is the logging class's full
/// name; the actor path travels as the <c>ActorPath</c> scope value.
/// </summary>
internal sealed class LoggerFactoryBridge
{
    private readonly ILoggerFactory _factory;
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private readonly int _maxDeadLetters;
    private int _deadLetters;

    public LoggerFactoryBridge(ILoggerFactory factory, int maxDeadLetters)
    {
        _factory = factory;
        _maxDeadLetters = maxDeadLetters;
    }

    public void OnEvent(object @event)
    {
        switch (@event)
        {
            case LogEvent logEvent:
                Write(logEvent);
                break;
            case DeadLetter deadLetter:
                WriteDeadLetter(deadLetter);
                break;
            case UnhandledMessage unhandled:
                var unhandledLogger = Logger("ActorPostmaster.Actors.UnhandledMessage");
                if (unhandledLogger.IsEnabled(MsLogLevel.Debug))
                {
                    unhandledLogger.LogDebug(
                        "Unhandled message from {Sender} to {Recipient}: {Message}", unhandled.Sender, unhandled.Recipient, unhandled.Message);
                }

                break;
        }
    }

    private void Write(LogEvent logEvent)
    {
        var logger = Logger(logEvent.LogClass.FullName ?? logEvent.LogClass.Name);
        var level = logEvent.LogLevel() switch
        {
            LogLevel.DebugLevel => MsLogLevel.Debug,
            LogLevel.InfoLevel => MsLogLevel.Information,
            LogLevel.WarningLevel => MsLogLevel.Warning,
            _ => MsLogLevel.Error,
        };
        if (!logger.IsEnabled(level))
        {
            return;
        }

        using (logger.BeginScope(new Dictionary<string, object> { ["ActorPath"] = logEvent.LogSource }))
        {
#pragma warning disable CA2254 // The template is the log event's own, already a message template.
            logger.Log(level, default, logEvent.Cause, logEvent.Template, [.. logEvent.Args]);
#pragma warning restore CA2254
        }
    }

    private void WriteDeadLetter(DeadLetter deadLetter)
    {
        if (_maxDeadLetters <= 0)
        {
            return;
        }

        var count = Interlocked.Increment(ref _deadLetters);
        if (count > _maxDeadLetters)
        {
            return;
        }

        var logger = Logger("ActorPostmaster.Actors.DeadLetter");
        if (!logger.IsEnabled(MsLogLevel.Information))
        {
            return;
        }

        logger.LogInformation(
            "Message [{MessageType}] from {Sender} to {Recipient} was not delivered. [{Count}] dead letters encountered{Suffix}.",
            deadLetter.Message.GetType().Name,
            deadLetter.Sender,
            deadLetter.Recipient,
            count,
            count == _maxDeadLetters ? ", no more dead letters will be logged" : string.Empty);
    }

    private ILogger Logger(string category) => _loggers.GetOrAdd(category, static (c, f) => f.CreateLogger(c), _factory);
}
