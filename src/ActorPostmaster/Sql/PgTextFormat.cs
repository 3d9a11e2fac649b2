using System.Globalization;
using System.Net;
using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>
/// PostgreSQL's text format of values (what a DataRow carries in text format, and what parameter values arrive as):
/// the types' output and input functions, with DateStyle ISO, IntervalStyle postgres and extra_float_digits 1.
/// </summary>
public static class PgTextFormat
{
    /// <summary>
    /// The text form of <paramref name="value"/> of type <paramref name="type"/>, or null for SQL NULL: bool
    /// <c>t</c>/<c>f</c>; floats in the shortest exact form (<c>0.1</c>, <c>1e+100</c>, <c>-0</c>, <c>NaN</c>,
    /// <c>Infinity</c>); numeric with its display scale; timestamptz as <c>2026-11-20 23:40:01.123456+00</c> in
    /// <paramref name="timeZone"/>; interval as <c>1 day 02:00:00</c>; void as the empty string.
    /// </summary>
    /// <param name="value">The value (of the CLR type <see cref="SqlType"/> documents for the type), or null.</param>
    /// <param name="type">Its SQL type.</param>
    /// <param name="timeZone">The session's TimeZone (timestamptz only; UTC when null).</param>
    /// <returns>The text, or null for NULL.</returns>
    public static string? Format(object? value, SqlType type, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return value switch
        {
            null => null,
            bool b => b ? "t" : "f",
            double d => FloatText.Format(d),
            float f => FloatText.Format(f),
            decimal m => NumericMath.Format(m),
            string s => s,
            DateTimeOffset t => DateTimeText.FormatTimestamptz(t, timeZone ?? TimeZoneInfo.Utc),
            PgInterval i => DateTimeText.FormatInterval(i),
            PgVoid => string.Empty,
            IPAddress address => address.ToString(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>The interval's text form (IntervalStyle postgres).</summary>
    /// <param name="value">The interval.</param>
    /// <returns>The text.</returns>
    internal static string FormatInterval(PgInterval value) => DateTimeText.FormatInterval(value);

    /// <summary>
    /// The input function of <paramref name="type"/>: converts text to a value, raising PostgreSQL's errors (22P02
    /// "invalid input syntax for type integer: "abc"", 22003 "value "…" is out of range for type integer" …) without
    /// a position. A null text is NULL.
    /// </summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="type">The target type.</param>
    /// <param name="timeZone">The session's TimeZone (for a timestamptz without an explicit zone; UTC when null).</param>
    /// <param name="typeModifier">A type modifier to apply (varchar length, numeric precision and scale), or -1.</param>
    /// <returns>The value.</returns>
    public static object? Parse(string? text, SqlType type, TimeZoneInfo? timeZone = null, int typeModifier = -1)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (text is null)
        {
            return null;
        }

        object value = type.Oid switch
        {
            16 => ParseBool(text),
            21 => (short)ParseInteger(text, short.MinValue, short.MaxValue, type),
            23 => (int)ParseInteger(text, int.MinValue, int.MaxValue, type),
            20 => ParseInteger(text, long.MinValue, long.MaxValue, type),
            700 => ParseFloat4(text),
            701 => ParseFloat8(text),
            1700 => ParseNumeric(text),
            25 or 705 => text,
            1043 or 1042 or 19 => text,
            1184 => DateTimeText.ParseTimestamptz(text, timeZone ?? TimeZoneInfo.Utc),
            1186 => DateTimeText.ParseInterval(text),
            26 => ParseUnsigned(text, "oid"),
            28 => ParseUnsigned(text, "xid"),
            869 => ParseInet(text),
            2278 => PgVoid.Value,
            _ => throw new PgException(SqlState.FeatureNotSupported, $"type {type.DisplayName} is not supported"),
        };
        return typeModifier >= 0 ? Coercion.ApplyTypmod(value, type, typeModifier, explicitCast: false) : value;
    }

    internal static PgException InvalidSyntax(SqlType type, string text) =>
        new(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {type.DisplayName}: \"{text}\"");

    private static bool ParseBool(string text)
    {
        var s = text.Trim(' ', '\t', '\n', '\r', '\f', '\v').ToLowerInvariant();
        if (s.Length > 0)
        {
            // Any unique prefix of true/false/yes/no; on and off need two and three letters.
            if ("true".StartsWith(s, StringComparison.Ordinal) || "yes".StartsWith(s, StringComparison.Ordinal) || s == "1"
                || (s.Length >= 2 && "on".StartsWith(s, StringComparison.Ordinal)))
            {
                return true;
            }

            if ("false".StartsWith(s, StringComparison.Ordinal) || "no".StartsWith(s, StringComparison.Ordinal) || s == "0"
                || (s.Length >= 2 && "off".StartsWith(s, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        throw InvalidSyntax(SqlType.Bool, text);
    }

    private static long ParseInteger(string text, long min, long max, SqlType type)
    {
        var s = text.AsSpan().Trim(" \t\n\r\f\v");
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        if (i >= s.Length)
        {
            throw InvalidSyntax(type, text);
        }

        var magnitude = 0UL;
        var overflow = false;
        for (; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                throw InvalidSyntax(type, text);
            }

            if (magnitude > (ulong.MaxValue - 9) / 10)
            {
                overflow = true;
            }
            else
            {
                magnitude = (magnitude * 10) + (ulong)(s[i] - '0');
            }
        }

        var limit = negative ? (ulong)(-(min + 1)) + 1 : (ulong)max;
        if (overflow || magnitude > limit)
        {
            throw new PgException(SqlState.NumericValueOutOfRange, $"value \"{text}\" is out of range for type {type.DisplayName}");
        }

        return negative ? (long)(0 - magnitude) : (long)magnitude;
    }

    private static double ParseFloat8(string text)
    {
        if (!FloatText.TryParse(text, out var value, out var outOfRange))
        {
            throw InvalidSyntax(SqlType.Float8, text);
        }

        return outOfRange
            ? throw new PgException(SqlState.NumericValueOutOfRange, $"\"{text}\" is out of range for type double precision")
            : value;
    }

    private static float ParseFloat4(string text)
    {
        if (!FloatText.TryParse(text, out var value, out var outOfRange))
        {
            throw InvalidSyntax(SqlType.Float4, text);
        }

        var single = (float)value;
        if (outOfRange || (float.IsInfinity(single) && !double.IsInfinity(value)) || (single == 0 && value != 0))
        {
            throw new PgException(SqlState.NumericValueOutOfRange, $"\"{text}\" is out of range for type real");
        }

        return single;
    }

    private static decimal ParseNumeric(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("nan", StringComparison.OrdinalIgnoreCase) || trimmed.TrimStart('+', '-').Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || trimmed.TrimStart('+', '-').Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            throw new PgException(SqlState.FeatureNotSupported, $"numeric value \"{trimmed}\" is not supported");
        }

        return NumericMath.TryParse(text, out var value) ? value : throw InvalidSyntax(SqlType.Numeric, text);
    }

    private static uint ParseUnsigned(string text, string typeName)
    {
        var s = text.Trim();
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value is >= int.MinValue and <= uint.MaxValue)
            {
                return unchecked((uint)value);
            }

            throw new PgException(SqlState.NumericValueOutOfRange, $"value \"{text}\" is out of range for type {typeName}");
        }

        throw new PgException(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {typeName}: \"{text}\"");
    }

    private static string ParseInet(string text)
    {
        var s = text.Trim();
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash >= 0 ? s[..slash] : s;
        if (!IPAddress.TryParse(addressText, out var address) || (addressText.Contains(':', StringComparison.Ordinal) == false && addressText.Count(c => c == '.') != 3))
        {
            throw new PgException(SqlState.InvalidTextRepresentation, $"invalid input syntax for type inet: \"{text}\"");
        }

        var maxBits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var bits = maxBits;
        if (slash >= 0 && (!int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > maxBits))
        {
            throw new PgException(SqlState.InvalidTextRepresentation, $"invalid input syntax for type inet: \"{text}\"");
        }

        var builder = new StringBuilder(address.ToString());
        if (bits != maxBits)
        {
            builder.Append('/').Append(bits.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
