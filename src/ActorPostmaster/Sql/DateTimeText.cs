using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorPostmaster.Sql;

/// <summary>
/// timestamptz and interval text (DateStyle ISO, IntervalStyle postgres) and their arithmetic. A timestamptz is a
/// <see cref="DateTimeOffset"/> instant with microsecond precision; PostgreSQL's infinity and -infinity are
/// <see cref="DateTimeOffset.MaxValue"/> and <see cref="DateTimeOffset.MinValue"/>.
/// </summary>
internal static partial class DateTimeText
{
    private const long TicksPerMicrosecond = 10;
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerMinute = 60 * MicrosPerSecond;
    private const long MicrosPerHour = 60 * MicrosPerMinute;

    public static string FormatTimestamptz(DateTimeOffset value, TimeZoneInfo timeZone)
    {
        if (value == DateTimeOffset.MaxValue)
        {
            return "infinity";
        }

        if (value == DateTimeOffset.MinValue)
        {
            return "-infinity";
        }

        var utc = RoundToMicroseconds(value.UtcDateTime);
        var offset = timeZone.GetUtcOffset(utc);
        var local = utc + offset;
        var builder = new StringBuilder(40);
        builder.Append(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        AppendFraction(builder, (local.Ticks % TimeSpan.TicksPerSecond) / TicksPerMicrosecond);
        builder.Append(offset < TimeSpan.Zero ? '-' : '+');
        var abs = offset.Duration();
        builder.Append(((int)abs.TotalHours).ToString("00", CultureInfo.InvariantCulture));
        if (abs.Minutes != 0 || abs.Seconds != 0)
        {
            builder.Append(':').Append(abs.Minutes.ToString("00", CultureInfo.InvariantCulture));
        }

        if (abs.Seconds != 0)
        {
            builder.Append(':').Append(abs.Seconds.ToString("00", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static DateTime RoundToMicroseconds(DateTime utc)
    {
        var remainder = utc.Ticks % TicksPerMicrosecond;
        var ticks = utc.Ticks - remainder + (remainder >= 5 ? TicksPerMicrosecond : 0);
        return new DateTime(Math.Min(ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
    }

    /// <summary>.ffffff with trailing zeros removed (nothing for a whole second).</summary>
    private static void AppendFraction(StringBuilder builder, long micros)
    {
        if (micros == 0)
        {
            return;
        }

        builder.Append('.').Append(micros.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
    }

    [GeneratedRegex(@"^(\d{4,})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?\s*(.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    public static DateTimeOffset ParseTimestamptz(string input, TimeZoneInfo timeZone)
    {
        var s = input.Trim();
        switch (s.ToLowerInvariant())
        {
            case "infinity":
            case "+infinity":
                return DateTimeOffset.MaxValue;
            case "-infinity":
                return DateTimeOffset.MinValue;
            case "epoch":
                return DateTimeOffset.UnixEpoch;
            case "now":
            case "today":
            case "tomorrow":
            case "yesterday":
                throw new PgException(SqlState.FeatureNotSupported, $"timestamp input \"{s}\" is not supported");
        }

        var match = TimestampPattern().Match(s);
        if (!match.Success)
        {
            throw InvalidTimestamp(input);
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        var hour = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups[5].Success ? int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups[6].Success ? int.Parse(match.Groups[6].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = match.Groups[7].Success ? match.Groups[7].Value : string.Empty;
        if (month is < 1 or > 12)
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{input}\"",
                hint: month <= 31 ? "Perhaps you need a different \"datestyle\" setting." : null);
        }

        if (year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 24 || minute > 59 || second > 60
            || (hour == 24 && (minute != 0 || second != 0 || fraction.Trim('0').Length != 0)))
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{input}\"");
        }

        var micros = 0L;
        if (fraction.Length > 0)
        {
            var padded = (fraction + "0000000").Substring(0, 7);
            micros = (long)Math.Round(long.Parse(padded, CultureInfo.InvariantCulture) / 10.0, MidpointRounding.ToEven);
        }

        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
            .AddTicks(((hour * MicrosPerHour) + (minute * MicrosPerMinute) + (second * MicrosPerSecond) + micros) * TicksPerMicrosecond);

        var zone = match.Groups[8].Value.Trim();
        TimeSpan offset;
        if (zone.Length == 0)
        {
            offset = timeZone.GetUtcOffset(local);
        }
        else if (zone.Equals("z", StringComparison.OrdinalIgnoreCase) || zone.Equals("utc", StringComparison.OrdinalIgnoreCase)
                 || zone.Equals("gmt", StringComparison.OrdinalIgnoreCase))
        {
            offset = TimeSpan.Zero;
        }
        else if (OffsetPattern().Match(zone) is { Success: true } offsetMatch)
        {
            var hours = int.Parse(offsetMatch.Groups[2].Value, CultureInfo.InvariantCulture);
            var minutes = offsetMatch.Groups[3].Success ? int.Parse(offsetMatch.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            var seconds = offsetMatch.Groups[4].Success ? int.Parse(offsetMatch.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 15 || minutes > 59 || seconds > 59)
            {
                throw new PgException(SqlState.DatetimeFieldOverflow, $"time zone displacement out of range: \"{input}\"");
            }

            offset = new TimeSpan(hours, minutes, seconds);
            if (offsetMatch.Groups[1].Value == "-")
            {
                offset = -offset;
            }
        }
        else if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var named))
        {
            offset = named.GetUtcOffset(local);
        }
        else if (zone.All(c => char.IsLetter(c) || c is '/' or '_' or '-' or '+'))
        {
            throw new PgException(SqlState.InvalidParameterValue, $"time zone \"{zone}\" not recognized");
        }
        else
        {
            throw InvalidTimestamp(input);
        }

        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, $"timestamp out of range: \"{input}\"");
        }

        return new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }

    private static PgException InvalidTimestamp(string input) =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type timestamp with time zone: \"{input}\"");

    // ---- interval -------------------------------------------------------------------------------------------------

    /// <summary>IntervalStyle postgres: <c>1 year 2 mons 3 days 04:05:06.5</c>, each field with its own sign.</summary>
    public static string FormatInterval(PgInterval value)
    {
        var builder = new StringBuilder(40);
        var isBefore = false;
        var isZero = true;
        void AppendField(long amount, string unit)
        {
            if (amount == 0)
            {
                return;
            }

            if (!isZero)
            {
                builder.Append(' ');
            }

            if (isBefore && amount > 0)
            {
                builder.Append('+');
            }

            builder.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
            if (amount != 1)
            {
                builder.Append('s');
            }

            isBefore = amount < 0;
            isZero = false;
        }

        AppendField(value.Months / 12, "year");
        AppendField(value.Months % 12, "mon");
        AppendField(value.Days, "day");

        var time = value.Microseconds;
        if (isZero || time != 0)
        {
            var negative = time < 0;
            var magnitude = negative ? -(decimal)time : time;
            var hours = (long)(magnitude / MicrosPerHour);
            var rest = (long)(magnitude - ((decimal)hours * MicrosPerHour));
            var minutes = rest / MicrosPerMinute;
            rest %= MicrosPerMinute;
            if (!isZero)
            {
                builder.Append(' ');
            }

            builder.Append(negative ? "-" : isBefore ? "+" : string.Empty);
            builder.Append(hours.ToString("00", CultureInfo.InvariantCulture)).Append(':');
            builder.Append(minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':');
            builder.Append((rest / MicrosPerSecond).ToString("00", CultureInfo.InvariantCulture));
            AppendFraction(builder, rest % MicrosPerSecond);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\G\s*(?:(?<time>[+-]?\d+:\d{1,2}(?::\d{1,2}(?:\.\d*)?)?)|(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?<unit>[a-z]+)?|(?<ago>ago))", RegexOptions.CultureInvariant)]
    private static partial Regex IntervalTokenPattern();

    /// <summary>interval_in for the common forms: <c>1 day 2 hours</c>, <c>-00:00:01.5</c>, <c>1.5 days</c>, <c>@ 3 mins ago</c>.</summary>
    public static PgInterval ParseInterval(string input)
    {
        var s = input.Trim().ToLowerInvariant();
        if (s.StartsWith('@'))
        {
            s = s[1..];
        }

        s = s.Trim();
        if (s.Length == 0)
        {
            throw InvalidInterval(input);
        }

        decimal months = 0, days = 0, micros = 0;
        var ago = false;
        var position = 0;
        var sawField = false;
        while (position < s.Length)
        {
            var match = IntervalTokenPattern().Match(s, position);
            if (!match.Success || match.Length == 0)
            {
                if (s[position..].Trim().Length == 0)
                {
                    break;
                }

                throw InvalidInterval(input);
            }

            position += match.Length;
            if (match.Groups["ago"].Success)
            {
                if (ago)
                {
                    throw InvalidInterval(input);
                }

                ago = true;
                continue;
            }

            sawField = true;
            if (match.Groups["time"].Success)
            {
                micros += ParseClock(match.Groups["time"].Value, input);
                continue;
            }

            var amount = decimal.Parse(match.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value : "second";
            switch (unit)
            {
                case "microsecond" or "microseconds" or "usec" or "usecs" or "us" or "microsecon":
                    micros += amount;
                    break;
                case "millisecond" or "milliseconds" or "msec" or "msecs" or "ms" or "millisecon":
                    micros += amount * 1000;
                    break;
                case "second" or "seconds" or "sec" or "secs" or "s":
                    micros += amount * MicrosPerSecond;
                    break;
                case "minute" or "minutes" or "min" or "mins" or "m":
                    micros += amount * MicrosPerMinute;
                    break;
                case "hour" or "hours" or "hr" or "hrs" or "h":
                    micros += amount * MicrosPerHour;
                    break;
                case "day" or "days" or "d":
                    days += amount;
                    break;
                case "week" or "weeks" or "w":
                    days += amount * 7;
                    break;
                case "month" or "months" or "mon" or "mons":
                    months += amount;
                    break;
                case "year" or "years" or "yr" or "yrs" or "y":
                    months += amount * 12;
                    break;
                case "decade" or "decades" or "dec" or "decs":
                    months += amount * 120;
                    break;
                case "century" or "centuries" or "cent" or "c":
                    months += amount * 1200;
                    break;
                case "millennium" or "millennia" or "mil" or "mils":
                    months += amount * 12000;
                    break;
                default:
                    throw InvalidInterval(input);
            }
        }

        if (!sawField)
        {
            throw InvalidInterval(input);
        }

        // Fractions cascade down: a month is 30 days, a day 24 hours.
        var wholeMonths = Math.Truncate(months);
        days += (months - wholeMonths) * 30;
        var wholeDays = Math.Truncate(days);
        micros += (days - wholeDays) * 24 * MicrosPerHour;
        if (ago)
        {
            wholeMonths = -wholeMonths;
            wholeDays = -wholeDays;
            micros = -micros;
        }

        try
        {
            return new PgInterval(
                decimal.ToInt32(wholeMonths),
                decimal.ToInt32(wholeDays),
                decimal.ToInt64(Math.Round(micros, MidpointRounding.ToEven)));
        }
        catch (OverflowException)
        {
            throw new PgException(SqlState.IntervalFieldOverflow, $"interval field value out of range: \"{input}\"");
        }
    }

    private static decimal ParseClock(string text, string input)
    {
        var negative = text.StartsWith('-');
        var parts = text.TrimStart('+', '-').Split(':');
        var hours = decimal.Parse(parts[0], CultureInfo.InvariantCulture);
        var minutes = decimal.Parse(parts[1], CultureInfo.InvariantCulture);
        var seconds = parts.Length > 2 ? decimal.Parse(parts[2].Length == 0 ? "0" : parts[2], NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        if (minutes > 59 || seconds >= 60)
        {
            throw new PgException(SqlState.IntervalFieldOverflow, $"interval field value out of range: \"{input}\"");
        }

        var total = (hours * MicrosPerHour) + (minutes * MicrosPerMinute) + (seconds * MicrosPerSecond);
        return negative ? -total : total;
    }

    private static PgException InvalidInterval(string input) =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type interval: \"{input}\"");

    private static PgException IntervalOutOfRange() => new(SqlState.DatetimeFieldOverflow, "interval out of range");

    private static PgException TimestampOutOfRange() => new(SqlState.DatetimeFieldOverflow, "timestamp out of range");

    public static PgInterval Add(PgInterval a, PgInterval b)
    {
        try
        {
            return new PgInterval(checked(a.Months + b.Months), checked(a.Days + b.Days), checked(a.Microseconds + b.Microseconds));
        }
        catch (OverflowException)
        {
            throw IntervalOutOfRange();
        }
    }

    public static PgInterval Negate(PgInterval a)
    {
        if (a.Months == int.MinValue || a.Days == int.MinValue || a.Microseconds == long.MinValue)
        {
            throw IntervalOutOfRange();
        }

        return new PgInterval(-a.Months, -a.Days, -a.Microseconds);
    }

    public static PgInterval Subtract(PgInterval a, PgInterval b) => Add(a, Negate(b));

    /// <summary>interval_mul: fractional months spill into days (30 per month), fractional days into time.</summary>
    public static PgInterval Multiply(PgInterval span, double factor)
    {
        if (double.IsNaN(factor) || double.IsInfinity(factor))
        {
            throw IntervalOutOfRange();
        }

        var monthsExact = span.Months * factor;
        var daysExact = span.Days * factor;
        if (Math.Abs(monthsExact) > int.MaxValue || Math.Abs(daysExact) > int.MaxValue)
        {
            throw IntervalOutOfRange();
        }

        var months = (int)monthsExact;
        var days = (int)daysExact;
        var monthRemainderDays = RoundMicro((monthsExact - months) * 30);
        var secondRemainder = RoundMicro((daysExact - days + monthRemainderDays - (int)monthRemainderDays) * 86400);
        if (Math.Abs(secondRemainder) >= 86400)
        {
            days += (int)(secondRemainder / 86400);
            secondRemainder -= (int)(secondRemainder / 86400) * 86400.0;
        }

        days += (int)monthRemainderDays;
        var time = Math.Round((span.Microseconds * factor) + (secondRemainder * MicrosPerSecond), MidpointRounding.ToEven);
        if (Math.Abs(time) >= long.MaxValue)
        {
            throw IntervalOutOfRange();
        }

        return new PgInterval(months, days, (long)time);
    }

    private static double RoundMicro(double seconds) => Math.Round(seconds * MicrosPerSecond, MidpointRounding.ToEven) / MicrosPerSecond;

    public static PgInterval Divide(PgInterval span, double divisor)
    {
        if (divisor == 0)
        {
            throw new PgException(SqlState.DivisionByZero, "division by zero");
        }

        return Multiply(span, 1.0 / divisor);
    }

    /// <summary>timestamptz - timestamptz: the microseconds between them, whole days split off (justify_hours).</summary>
    public static PgInterval Difference(DateTimeOffset a, DateTimeOffset b)
    {
        if (IsInfinite(a) || IsInfinite(b))
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, "cannot subtract infinite timestamps");
        }

        var micros = (a.UtcTicks - b.UtcTicks) / TicksPerMicrosecond;
        return new PgInterval(0, (int)(micros / PgInterval.MicrosecondsPerDay), micros % PgInterval.MicrosecondsPerDay);
    }

    private static bool IsInfinite(DateTimeOffset value) => value == DateTimeOffset.MaxValue || value == DateTimeOffset.MinValue;

    /// <summary>timestamptz + interval: months and days in local calendar time of the session zone, then the time.</summary>
    public static DateTimeOffset AddInterval(DateTimeOffset value, PgInterval span, TimeZoneInfo timeZone)
    {
        if (IsInfinite(value))
        {
            return value;
        }

        try
        {
            var utc = value.UtcDateTime;
            if (span.Months != 0 || span.Days != 0)
            {
                var local = TimeZoneInfo.ConvertTimeFromUtc(utc, timeZone);
                if (span.Months != 0)
                {
                    local = local.AddMonths(span.Months);
                }

                if (span.Days != 0)
                {
                    local = local.AddDays(span.Days);
                }

                var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
                utc = new DateTime(unspecified.Ticks - timeZone.GetUtcOffset(unspecified).Ticks, DateTimeKind.Utc);
            }

            utc = utc.AddTicks(span.Microseconds * TicksPerMicrosecond);
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw TimestampOutOfRange();
        }
    }
}
