using System.Globalization;
using System.Text;

namespace ActorPostmaster;

/// <summary>
/// Renders <see cref="ServerLogLine"/>s exactly as PostgreSQL's stderr log does: log_line_prefix, then
/// <c>LEVEL:  message</c>, then DETAIL, HINT, CONTEXT and STATEMENT lines with the same prefix (elog.c's order).
/// </summary>
/// <remarks>
/// log_line_prefix escapes: %m (time with milliseconds), %t (time), %n (epoch with milliseconds), %p (pid), %u (user),
/// %d (database), %a (application), %b (backend type), %q (stop here for non-session processes), %% (a percent). The
/// default is PostgreSQL's <c>%m [%p] </c>; Debian's is <c>%m [%p] %q%u@%d </c>.
/// </remarks>
public static class PostgresLogFormatter
{
    /// <summary>PostgreSQL's default log_line_prefix.</summary>
    public const string DefaultPrefix = "%m [%p] ";

    /// <summary>The lines PostgreSQL would write for <paramref name="line"/>.</summary>
    /// <param name="line">The log line.</param>
    /// <param name="logLinePrefix">log_line_prefix.</param>
    /// <param name="timeZone">log_timezone (UTC by default).</param>
    public static string Format(ServerLogLine line, string logLinePrefix = DefaultPrefix, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(logLinePrefix);
        var prefix = Prefix(line, logLinePrefix, timeZone ?? TimeZoneInfo.Utc);
        var builder = new StringBuilder();
        builder.Append(prefix).Append(Level(line.Severity)).Append(":  ").Append(line.Message);
        if (line.Detail is not null)
        {
            builder.Append('\n').Append(prefix).Append("DETAIL:  ").Append(line.Detail);
        }

        if (line.Hint is not null)
        {
            builder.Append('\n').Append(prefix).Append("HINT:  ").Append(line.Hint);
        }

        if (line.Context is not null)
        {
            builder.Append('\n').Append(prefix).Append("CONTEXT:  ").Append(line.Context);
        }

        if (line.Statement is not null)
        {
            builder.Append('\n').Append(prefix).Append("STATEMENT:  ").Append(line.Statement);
        }

        return builder.ToString();
    }

    /// <summary>The severity word of a log line (LOG, FATAL, DEBUG1 …).</summary>
    /// <param name="severity">The severity.</param>
    public static string Level(PgSeverity severity) => severity switch
    {
        PgSeverity.Debug => "DEBUG1",
        PgSeverity.Log => "LOG",
        _ => severity.ToString().ToUpperInvariant(),
    };

    private static string Prefix(ServerLogLine line, string format, TimeZoneInfo timeZone)
    {
        var builder = new StringBuilder();
        var local = TimeZoneInfo.ConvertTime(line.Timestamp, timeZone);
        var zone = timeZone == TimeZoneInfo.Utc ? "UTC" : timeZone.StandardName;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var escape = format[++i];
            switch (escape)
            {
                case 'm':
                    builder.Append(local.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ').Append(zone);
                    break;
                case 't':
                    builder.Append(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(' ').Append(zone);
                    break;
                case 'n':
                    builder.Append((line.Timestamp.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
                    break;
                case 'p':
                    builder.Append(line.Pid.ToString(CultureInfo.InvariantCulture));
                    break;
                case 'u':
                    builder.Append(line.User);
                    break;
                case 'd':
                    builder.Append(line.Database);
                    break;
                case 'a':
                    builder.Append(line.ApplicationName);
                    break;
                case 'b':
                    builder.Append(line.BackendType?.Description() ?? "postmaster");
                    break;
                case 'q':
                    if (line.User is null)
                    {
                        return builder.ToString();
                    }

                    break;
                case '%':
                    builder.Append('%');
                    break;
                default:
                    builder.Append('%').Append(escape); // unknown escapes are kept, as PostgreSQL ignores them visibly
                    break;
            }
        }

        return builder.ToString();
    }
}
