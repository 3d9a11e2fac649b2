using System.Globalization;
using System.Text;

namespace ActorPostmaster.Actors.Event;

/// <summary>Severity of a <see cref="LogEvent"/>.</summary>
/// <remarks>Akka.NET: <c>Akka.Event.LogLevel</c>, with the same member names.</remarks>
public enum LogLevel
{
    /// <summary>Diagnostics for developers.</summary>
    DebugLevel = 0,

    /// <summary>Normal operation worth recording.</summary>
    InfoLevel = 1,

    /// <summary>Something unexpected that the system handled.</summary>
    WarningLevel = 2,

    /// <summary>A failure.</summary>
    ErrorLevel = 3,
}

/// <summary>A log entry, published on the <see cref="EventStream"/>.</summary>
/// <remarks>
/// Akka.NET: <c>LogEvent</c>. The message is a template with <c>{Name}</c> or <c>{0}</c> holes filled in order by
/// <see cref="Args"/>, so structured sinks (Microsoft.Extensions.Logging) keep the names.
/// </remarks>
public abstract class LogEvent
{
    private protected LogEvent(DateTimeOffset timestamp, string logSource, Type logClass, string template, IReadOnlyList<object?> args, Exception? cause)
    {
        Timestamp = timestamp;
        LogSource = logSource;
        LogClass = logClass;
        Template = template;
        Args = args;
        Cause = cause;
    }

    /// <summary>When it was logged, on the system's clock (virtual under the deterministic dispatcher).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Who logged it: usually an actor path.</summary>
    public string LogSource { get; }

    /// <summary>The class that logged it; the logging bridge uses its name as the category.</summary>
    public Type LogClass { get; }

    /// <summary>The message template.</summary>
    public string Template { get; }

    /// <summary>The template's arguments, in order.</summary>
    public IReadOnlyList<object?> Args { get; }

    /// <summary>The exception logged with it, if any.</summary>
    public Exception? Cause { get; }

    /// <summary>The message with its holes filled.</summary>
    public string Message => LogMessageFormatter.Format(Template, Args);

    /// <summary>The severity.</summary>
    public abstract LogLevel LogLevel();

    /// <inheritdoc />
    public override string ToString()
    {
        var level = LogLevel() switch
        {
            Event.LogLevel.DebugLevel => "DEBUG",
            Event.LogLevel.InfoLevel => "INFO",
            Event.LogLevel.WarningLevel => "WARNING",
            _ => "ERROR",
        };
        var text = $"[{level}][{Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}][{LogSource}] {Message}";
        return Cause is null ? text : text + Environment.NewLine + Cause;
    }
}

/// <summary>A Debug-level <see cref="LogEvent"/>.</summary>
public sealed class Debug : LogEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="timestamp">When.</param>
    /// <param name="logSource">Who.</param>
    /// <param name="logClass">Which class.</param>
    /// <param name="template">The message template.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="cause">An exception, if any.</param>
    public Debug(DateTimeOffset timestamp, string logSource, Type logClass, string template, IReadOnlyList<object?> args, Exception? cause = null)
        : base(timestamp, logSource, logClass, template, args, cause)
    {
    }

    /// <inheritdoc />
    public override LogLevel LogLevel() => Event.LogLevel.DebugLevel;
}

/// <summary>An Info-level <see cref="LogEvent"/>.</summary>
public sealed class Info : LogEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="timestamp">When.</param>
    /// <param name="logSource">Who.</param>
    /// <param name="logClass">Which class.</param>
    /// <param name="template">The message template.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="cause">An exception, if any.</param>
    public Info(DateTimeOffset timestamp, string logSource, Type logClass, string template, IReadOnlyList<object?> args, Exception? cause = null)
        : base(timestamp, logSource, logClass, template, args, cause)
    {
    }

    /// <inheritdoc />
    public override LogLevel LogLevel() => Event.LogLevel.InfoLevel;
}

/// <summary>A Warning-level <see cref="LogEvent"/>.</summary>
public sealed class Warning : LogEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="timestamp">When.</param>
    /// <param name="logSource">Who.</param>
    /// <param name="logClass">Which class.</param>
    /// <param name="template">The message template.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="cause">An exception, if any.</param>
    public Warning(DateTimeOffset timestamp, string logSource, Type logClass, string template, IReadOnlyList<object?> args, Exception? cause = null)
        : base(timestamp, logSource, logClass, template, args, cause)
    {
    }

    /// <inheritdoc />
    public override LogLevel LogLevel() => Event.LogLevel.WarningLevel;
}

/// <summary>An Error-level <see cref="LogEvent"/>; supervision logs actor failures as these, with the exception as <see cref="LogEvent.Cause"/>.</summary>
public sealed class Error : LogEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="timestamp">When.</param>
    /// <param name="logSource">Who.</param>
    /// <param name="logClass">Which class.</param>
    /// <param name="template">The message template.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="cause">An exception, if any.</param>
    public Error(DateTimeOffset timestamp, string logSource, Type logClass, string template, IReadOnlyList<object?> args, Exception? cause = null)
        : base(timestamp, logSource, logClass, template, args, cause)
    {
    }

    /// <inheritdoc />
    public override LogLevel LogLevel() => Event.LogLevel.ErrorLevel;
}

/// <summary>INTERNAL API. Fills <c>{Name}</c>/<c>{0}</c> holes in order; <c>{{</c> and <c>}}</c> are literal braces.</summary>
internal static class LogMessageFormatter
{
    public static string Format(string template, IReadOnlyList<object?> args)
    {
        if (args.Count == 0 && !template.Contains('{', StringComparison.Ordinal) && !template.Contains('}', StringComparison.Ordinal))
        {
            return template;
        }

        var builder = new StringBuilder(template.Length + (args.Count * 8));
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                builder.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                builder.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close < 0)
                {
                    builder.Append(template, i, template.Length - i);
                    break;
                }

                var hole = template.AsSpan(i + 1, close - i - 1);
                var index = int.TryParse(hole, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : next++;
                builder.Append(index < args.Count ? Convert.ToString(args[index], CultureInfo.InvariantCulture) ?? "null" : "{" + hole.ToString() + "}");
                i = close;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
