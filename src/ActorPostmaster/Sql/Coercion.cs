using System.Globalization;
using System.Net;
using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>Where a conversion happens, which decides which casts may be applied (pg_cast.castcontext).</summary>
internal enum CoercionContext
{
    /// <summary>Silently, to make an operator or function call fit.</summary>
    Implicit,

    /// <summary>Assigning to a typed target (LIMIT's bigint, WHERE's boolean …).</summary>
    Assignment,

    /// <summary>An explicit CAST or ::.</summary>
    Explicit,
}

/// <summary>Converts a non-null value of one type to another (the session's time zone at hand).</summary>
internal delegate object ValueConverter(object value, TimeZoneInfo timeZone);

/// <summary>
/// The casts between the supported types, with PostgreSQL 15's contexts (from pg_cast) and semantics: range errors,
/// rounding (numeric half away from zero, float to integer half to even), I/O conversions to and from the string
/// types, and type modifiers (varchar/char length, numeric precision and scale).
/// </summary>
internal static class Coercion
{
    // (source, target) → context: 'i' implicit, 'a' assignment, 'e' explicit (pg_cast for the supported types).
    private static readonly Dictionary<(int From, int To), char> Casts = Build();

    private static Dictionary<(int From, int To), char> Build()
    {
        var casts = new Dictionary<(int, int), char>();
        void Add(SqlType from, SqlType to, char context) => casts[(from.Oid, to.Oid)] = context;
        Add(SqlType.Bool, SqlType.Int4, 'e');
        Add(SqlType.Bool, SqlType.Text, 'a');
        Add(SqlType.Bool, SqlType.Bpchar, 'a');
        Add(SqlType.Bool, SqlType.Varchar, 'a');
        Add(SqlType.NameType, SqlType.Text, 'i');
        Add(SqlType.NameType, SqlType.Bpchar, 'a');
        Add(SqlType.NameType, SqlType.Varchar, 'a');
        foreach (var (from, to, context) in new[]
        {
            (SqlType.Int8, SqlType.Int2, 'a'), (SqlType.Int8, SqlType.Int4, 'a'), (SqlType.Int8, SqlType.OidType, 'i'),
            (SqlType.Int8, SqlType.Float4, 'i'), (SqlType.Int8, SqlType.Float8, 'i'), (SqlType.Int8, SqlType.Numeric, 'i'),
            (SqlType.Int2, SqlType.Int8, 'i'), (SqlType.Int2, SqlType.Int4, 'i'), (SqlType.Int2, SqlType.OidType, 'i'),
            (SqlType.Int2, SqlType.Float4, 'i'), (SqlType.Int2, SqlType.Float8, 'i'), (SqlType.Int2, SqlType.Numeric, 'i'),
            (SqlType.Int4, SqlType.Bool, 'e'), (SqlType.Int4, SqlType.Int8, 'i'), (SqlType.Int4, SqlType.Int2, 'a'),
            (SqlType.Int4, SqlType.OidType, 'i'), (SqlType.Int4, SqlType.Float4, 'i'), (SqlType.Int4, SqlType.Float8, 'i'),
            (SqlType.Int4, SqlType.Numeric, 'i'),
            (SqlType.Text, SqlType.NameType, 'i'), (SqlType.Text, SqlType.Bpchar, 'i'), (SqlType.Text, SqlType.Varchar, 'i'),
            (SqlType.OidType, SqlType.Int8, 'a'), (SqlType.OidType, SqlType.Int4, 'a'),
            (SqlType.Float4, SqlType.Int8, 'a'), (SqlType.Float4, SqlType.Int2, 'a'), (SqlType.Float4, SqlType.Int4, 'a'),
            (SqlType.Float4, SqlType.Float8, 'i'), (SqlType.Float4, SqlType.Numeric, 'a'),
            (SqlType.Float8, SqlType.Int8, 'a'), (SqlType.Float8, SqlType.Int2, 'a'), (SqlType.Float8, SqlType.Int4, 'a'),
            (SqlType.Float8, SqlType.Float4, 'a'), (SqlType.Float8, SqlType.Numeric, 'a'),
            (SqlType.Inet, SqlType.Text, 'a'), (SqlType.Inet, SqlType.Bpchar, 'a'), (SqlType.Inet, SqlType.Varchar, 'a'),
            (SqlType.Bpchar, SqlType.NameType, 'i'), (SqlType.Bpchar, SqlType.Text, 'i'), (SqlType.Bpchar, SqlType.Varchar, 'i'),
            (SqlType.Varchar, SqlType.NameType, 'i'), (SqlType.Varchar, SqlType.Text, 'i'), (SqlType.Varchar, SqlType.Bpchar, 'i'),
            (SqlType.Numeric, SqlType.Int8, 'a'), (SqlType.Numeric, SqlType.Int2, 'a'), (SqlType.Numeric, SqlType.Int4, 'a'),
            (SqlType.Numeric, SqlType.Float4, 'i'), (SqlType.Numeric, SqlType.Float8, 'i'),
        })
        {
            Add(from, to, context);
        }

        return casts;
    }

    private static CoercionContext ContextOf(char letter) => letter switch
    {
        'i' => CoercionContext.Implicit,
        'a' => CoercionContext.Assignment,
        _ => CoercionContext.Explicit,
    };

    /// <summary>True when a value of <paramref name="from"/> may become <paramref name="to"/> in <paramref name="context"/>.</summary>
    public static bool CanCoerce(SqlType from, SqlType to, CoercionContext context)
    {
        if (from == to || from == SqlType.Unknown || to == SqlType.AnyNonArray)
        {
            return true;
        }

        if (to == SqlType.Unknown || to == SqlType.Void || from == SqlType.Void)
        {
            return false;
        }

        if (Casts.TryGetValue((from.Oid, to.Oid), out var letter))
        {
            return ContextOf(letter) <= context;
        }

        // Automatic I/O conversions: to a string type in assignment, from a string type only explicitly.
        if (to.IsString)
        {
            return context != CoercionContext.Implicit;
        }

        return from.IsString && context == CoercionContext.Explicit;
    }

    /// <summary>The conversion from <paramref name="from"/> to <paramref name="to"/> (assumed allowed).</summary>
    public static ValueConverter Converter(SqlType from, SqlType to)
    {
        if (from == to || to == SqlType.AnyNonArray)
        {
            return static (v, _) => v;
        }

        if (from == SqlType.Unknown)
        {
            return (v, tz) => PgTextFormat.Parse((string)v, to, tz)!;
        }

        if (to.IsString)
        {
            if (from.IsString)
            {
                return from == SqlType.Bpchar && to != SqlType.Bpchar
                    ? static (v, _) => ((string)v).TrimEnd(' ')
                    : to == SqlType.NameType ? static (v, _) => SqlLexer.Truncate((string)v) : static (v, _) => v;
            }

            if (from == SqlType.Bool)
            {
                return static (v, _) => (bool)v ? "true" : "false";
            }

            if (from == SqlType.Inet)
            {
                return static (v, _) => InetWithMask(v);
            }

            return to == SqlType.NameType
                ? (v, tz) => SqlLexer.Truncate(PgTextFormat.Format(v, from, tz)!)
                : (v, tz) => PgTextFormat.Format(v, from, tz)!;
        }

        if (from.IsString)
        {
            return (v, tz) => PgTextFormat.Parse((string)v, to, tz)!;
        }

        return (from.Oid, to.Oid) switch
        {
            (16, 23) => static (v, _) => (bool)v ? 1 : 0,
            (23, 16) => static (v, _) => (int)v != 0,
            (26, 23) => static (v, _) => unchecked((int)(uint)v),
            (26, 20) => static (v, _) => (long)(uint)v,
            (_, 26) => static (v, _) => ToOid(ToLong(v)),
            (_, 21) => (v, _) => (short)ToInteger(v, short.MinValue, short.MaxValue, "smallint"),
            (_, 23) => (v, _) => (int)ToInteger(v, int.MinValue, int.MaxValue, "integer"),
            (_, 20) => (v, _) => ToInteger(v, long.MinValue, long.MaxValue, "bigint"),
            (_, 701) => static (v, _) => ToDouble(v),
            (_, 700) => static (v, _) => ToFloat4(v),
            (_, 1700) => static (v, _) => ToNumeric(v),
            _ => throw new InvalidOperationException($"no conversion from {from} to {to}"),
        };
    }

    private static string InetWithMask(object value)
    {
        var text = value is IPAddress address ? address.ToString() : (string)value;
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return text;
        }

        return text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
    }

    private static uint ToOid(long value) =>
        value is < int.MinValue or > uint.MaxValue
            ? throw new PgException(SqlState.NumericValueOutOfRange, "OID out of range")
            : unchecked((uint)value);

    internal static long ToLong(object value) => value switch
    {
        short s => s,
        int i => i,
        long l => l,
        uint u => u,
        _ => throw new InvalidOperationException($"not an integer: {value.GetType()}"),
    };

    private static long ToInteger(object value, long min, long max, string typeName)
    {
        PgException OutOfRange() => new(SqlState.NumericValueOutOfRange, $"{typeName} out of range");
        switch (value)
        {
            case short or int or long or uint:
            {
                var l = ToLong(value);
                return l < min || l > max ? throw OutOfRange() : l;
            }

            case double or float:
            {
                var d = value is float f ? f : (double)value;
                var rounded = Math.Round(d, MidpointRounding.ToEven);
                if (double.IsNaN(rounded) || rounded < min || rounded >= -(double)min)
                {
                    throw OutOfRange();
                }

                var l = (long)rounded;
                return l < min || l > max ? throw OutOfRange() : l;
            }

            case decimal m:
            {
                var rounded = NumericMath.RoundToInteger(m);
                return rounded < min || rounded > max ? throw OutOfRange() : (long)rounded;
            }

            default:
                throw new InvalidOperationException($"not a number: {value.GetType()}");
        }
    }

    internal static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => NumericMath.ToDouble(m),
        _ => ToLong(value),
    };

    private static float ToFloat4(object value)
    {
        switch (value)
        {
            case double d:
            {
                var f = (float)d;
                if (float.IsInfinity(f) && !double.IsInfinity(d))
                {
                    throw new PgException(SqlState.NumericValueOutOfRange, "value out of range: overflow");
                }

                if (f == 0 && d != 0)
                {
                    throw new PgException(SqlState.NumericValueOutOfRange, "value out of range: underflow");
                }

                return f;
            }

            case decimal m:
                return float.Parse(NumericMath.Format(m), CultureInfo.InvariantCulture);
            case float f:
                return f;
            default:
                return ToLong(value);
        }
    }

    private static decimal ToNumeric(object value) => value switch
    {
        double d => NumericMath.FromDouble(d),
        float f => NumericMath.FromDouble(f, 6),
        decimal m => m,
        _ => ToLong(value),
    };

    /// <summary>Applies a type modifier: varchar/char length (explicit casts truncate), numeric precision and scale.</summary>
    public static object ApplyTypmod(object value, SqlType type, int typmod, bool explicitCast)
    {
        if (typmod < 0)
        {
            return value;
        }

        switch (type.Oid)
        {
            case 1043:
            case 1042:
            {
                var text = (string)value;
                var length = typmod - 4;
                var count = CodePointLength(text);
                if (count > length)
                {
                    var cut = CodePointPrefix(text, length);
                    if (!explicitCast && text[cut.Length..].Any(c => c != ' '))
                    {
                        var typeName = type == SqlType.Varchar ? "character varying" : "character";
                        throw new PgException(SqlState.StringDataRightTruncation, $"value too long for type {typeName}({length})");
                    }

                    text = cut;
                    count = length;
                }

                return type == SqlType.Bpchar && count < length ? text + new string(' ', length - count) : text;
            }

            case 1700:
                return NumericMath.ApplyTypmod((decimal)value, typmod);
            case 1184:
            {
                var timestamp = (DateTimeOffset)value;
                if (timestamp == DateTimeOffset.MaxValue || timestamp == DateTimeOffset.MinValue || typmod >= 6)
                {
                    return timestamp;
                }

                var unit = (long)Math.Pow(10, 7 - typmod);
                var ticks = timestamp.UtcTicks;
                var rounded = (ticks / unit * unit) + ((ticks % unit) * 2 >= unit ? unit : 0);
                return new DateTimeOffset(rounded, TimeSpan.Zero);
            }

            default:
                return value;
        }
    }

    internal static int CodePointLength(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string CodePointPrefix(string text, int count)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (count-- == 0)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
