using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ActorPostmaster.Sql;

namespace ActorPostmaster.Protocol;

/// <summary>
/// The text wire format of values: the SQL layer's <see cref="PgTextFormat"/> for the types it knows, plus the types
/// only the wire meets (bytea, date, timestamp without time zone), each with PostgreSQL's input errors.
/// </summary>
/// <remarks>
/// bytea is output in hex (<c>\x0a1b</c>, bytea_output = hex) and input in hex or escape format. date and timestamp take
/// the ISO forms (<c>2026-11-20</c>, <c>2026-11-20 23:40:01.5</c>, a trailing zone is ignored for timestamp as
/// timestamp_in does), <c>infinity</c>, <c>-infinity</c> and <c>epoch</c>; years 1 to 9999 only.
/// </remarks>
public static partial class PgWireText
{
    /// <summary>The text form of a value (the type's output function), or null for NULL.</summary>
    /// <param name="value">The value.</param>
    /// <param name="typeOid">Its type.</param>
    /// <param name="timeZone">The session's TimeZone (timestamptz).</param>
    /// <returns>The text.</returns>
    public static string? Format(object? value, int typeOid, TimeZoneInfo? timeZone = null) => value switch
    {
        null => null,
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        DateOnly date when date == DateOnly.MaxValue => "infinity",
        DateOnly date when date == DateOnly.MinValue => "-infinity",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime local => FormatTimestamp(local),
        _ => PgTextFormat.Format(value, SqlType.FromOid(typeOid) ?? SqlType.Text, timeZone),
    };

    /// <summary>The type's input function: text to value, raising PostgreSQL's errors; null stays NULL.</summary>
    /// <param name="text">The text.</param>
    /// <param name="typeOid">The type (0 is unknown).</param>
    /// <param name="timeZone">The session's TimeZone (timestamptz without an explicit zone).</param>
    /// <returns>The value.</returns>
    public static object? Parse(string? text, int typeOid, TimeZoneInfo? timeZone = null)
    {
        if (text is null)
        {
            return null;
        }

        return typeOid switch
        {
            PgTypeOids.Bytea => ParseBytea(text),
            PgTypeOids.Date => ParseDate(text),
            PgTypeOids.Timestamp => ParseTimestamp(text),
            _ => PgTextFormat.Parse(text, SqlType.FromOid(typeOid)
                ?? throw new PgException(ProtocolErrors.FeatureNotSupported, $"type with OID {typeOid} is not supported"), timeZone),
        };
    }

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?\s*(.*)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^(?:z|utc|gmt|[+-]\d{1,2}(?::?\d{2}(?::?\d{2})?)?|[a-z]+(?:/[a-z_]+)*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ZonePattern();

    private static string FormatTimestamp(DateTime value)
    {
        if (value == DateTime.MaxValue)
        {
            return "infinity";
        }

        if (value == DateTime.MinValue)
        {
            return "-infinity";
        }

        var micros = (value.Ticks % TimeSpan.TicksPerSecond) / 10;
        var text = value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return micros == 0 ? text : text + "." + micros.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>byteain: hex after <c>\x</c> (whitespace between digit pairs allowed), else the escape format.</summary>
    private static byte[] ParseBytea(string text)
    {
        if (text.StartsWith("\\x", StringComparison.Ordinal))
        {
            return ParseHex(text, 2);
        }

        var input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length);
        for (var i = 0; i < input.Length;)
        {
            if (input[i] != '\\')
            {
                output.Add(input[i++]);
            }
            else if (i + 3 < input.Length && input[i + 1] is >= (byte)'0' and <= (byte)'3' && input[i + 2] is >= (byte)'0' and <= (byte)'7'
                     && input[i + 3] is >= (byte)'0' and <= (byte)'7')
            {
                output.Add((byte)(((input[i + 1] - '0') << 6) | ((input[i + 2] - '0') << 3) | (input[i + 3] - '0')));
                i += 4;
            }
            else if (i + 1 < input.Length && input[i + 1] == '\\')
            {
                output.Add((byte)'\\');
                i += 2;
            }
            else
            {
                throw new PgException(SqlState.InvalidTextRepresentation, "invalid input syntax for type bytea");
            }
        }

        return output.ToArray();
    }

    /// <summary>hex_decode: pairs of hex digits, whitespace skipped before a pair.</summary>
    private static byte[] ParseHex(string text, int start)
    {
        var output = new List<byte>((text.Length - start) / 2);
        var i = start;
        while (i < text.Length)
        {
            if (text[i] is ' ' or '\n' or '\t' or '\r')
            {
                i++;
                continue;
            }

            var high = HexDigit(text, i++);
            if (i >= text.Length)
            {
                throw new PgException(ProtocolErrors.InvalidParameterValue, "invalid hexadecimal data: odd number of digits");
            }

            var low = HexDigit(text, i++);
            output.Add((byte)((high << 4) | low));
        }

        return output.ToArray();
    }

    private static int HexDigit(string text, int index)
    {
        var c = text[index];
        var value = char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;
        if (value < 0)
        {
            // get_hex quotes the whole (possibly multibyte) character.
            var character = char.IsHighSurrogate(c) && index + 1 < text.Length ? text.Substring(index, 2) : c.ToString();
            throw new PgException(ProtocolErrors.InvalidParameterValue, $"invalid hexadecimal digit: \"{character}\"");
        }

        return value;
    }

    /// <summary>date_in for ISO dates and the special words; a time of day and a zone are checked and dropped.</summary>
    private static DateOnly ParseDate(string text)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "infinity" or "+infinity":
                return DateOnly.MaxValue;
            case "-infinity":
                return DateOnly.MinValue;
            case "epoch":
                return new DateOnly(1970, 1, 1);
        }

        return DateOnly.FromDateTime(ParseIsoDateTime(text, "date"));
    }

    /// <summary>timestamp_in for ISO timestamps and the special words; a time zone is parsed and ignored.</summary>
    private static DateTime ParseTimestamp(string text)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "infinity" or "+infinity":
                return DateTime.MaxValue;
            case "-infinity":
                return DateTime.MinValue;
            case "epoch":
                return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        }

        return ParseIsoDateTime(text, "timestamp");
    }

    private static DateTime ParseIsoDateTime(string text, string typeName)
    {
        var match = TimestampPattern().Match(text.Trim());
        var zone = match.Success ? match.Groups[8].Value.Trim() : string.Empty;
        if (!match.Success || (zone.Length > 0 && !ZonePattern().IsMatch(zone)))
        {
            throw new PgException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
        }

        var (year, month, day) = DateFields(match, text);
        var hour = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups[5].Success ? int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups[6].Success ? int.Parse(match.Groups[6].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = match.Groups[7].Success ? match.Groups[7].Value : string.Empty;
        if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0 || fraction.Trim('0').Length != 0)))
        {
            throw FieldOutOfRange(text);
        }

        var micros = 0L;
        if (fraction.Length > 0)
        {
            var padded = (fraction + "0000000")[..7];
            micros = (long)Math.Round(long.Parse(padded, CultureInfo.InvariantCulture) / 10.0, MidpointRounding.ToEven);
        }

        var ticks = new DateTime(year, month, day).Ticks
            + ((((hour * 3600L) + (minute * 60L) + second) * 1_000_000L) + micros) * 10;
        if (ticks > DateTime.MaxValue.Ticks)
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, $"{typeName} out of range: \"{text}\"");
        }

        return new DateTime(ticks, DateTimeKind.Unspecified);
    }

    private static (int Year, int Month, int Day) DateFields(Match match, string text)
    {
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw FieldOutOfRange(text);
        }

        return (year, month, day);
    }

    private static PgException FieldOutOfRange(string text) =>
        new(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{text}\"");
}
