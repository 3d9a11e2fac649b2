using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using ActorPostmaster.Sql;

namespace ActorPostmaster.Protocol;

/// <summary>
/// The binary wire format of values (each type's typsend and typreceive functions) for the types the SQL surface and
/// Npgsql use, converting to and from the CLR values the SQL layer works with (see <see cref="SqlType"/>):
/// bool, short, int, long, float, double, decimal (numeric), string (text, varchar, bpchar, name, unknown),
/// DateTimeOffset (timestamptz), DateTime (timestamp), DateOnly (date), PgInterval, byte[] (bytea), uint (oid, xid)
/// and PgVoid.
/// </summary>
/// <remarks>
/// <para>
/// Timestamps are Int64 microseconds since 2000-01-01 00:00 (UTC for timestamptz), dates Int32 days since 2000-01-01;
/// infinity and -infinity are the extreme Int64/Int32 values and map to the CLR types' MaxValue and MinValue. Values
/// PostgreSQL accepts but the CLR types cannot hold (years before 1 or after 9999, numerics beyond decimal, NaN and
/// infinite numerics) raise the errors the SQL layer raises for the same values in text.
/// </para>
/// <para>
/// Decoding mirrors exec_bind_message: the receive function reads what it needs, raising "insufficient data left in
/// message" (08P01) when the value is too short, and a value with bytes left over is ERROR 22P03 "incorrect binary data
/// format in bind parameter N".
/// </para>
/// </remarks>
public static class PgBinary
{
    /// <summary>POSTGRES_EPOCH_JDATE as a CLR date: 2000-01-01.</summary>
    private static readonly DateTime PostgresEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private const long MinTimestamp = -211813488000000000L; // MIN_TIMESTAMP: 4714-11-24 BC
    private const long EndTimestamp = 9223371331200000000L; // END_TIMESTAMP: 294277-01-01
    private const int MinDate = -2451545; // MIN_DATE (Julian day 0)
    private const int EndDate = 2145031949; // END_DATE
    private const int NumericPositive = 0x0000;
    private const int NumericNegative = 0x4000;
    private const int NumericNaN = 0xC000;
    private const int NumericPositiveInfinity = 0xD000;
    private const int NumericNegativeInfinity = 0xF000;
    private const int NumericDscaleMask = 0x3FFF;
    private const int NBase = 10000;

    /// <summary>Whether this codec has a binary format for <paramref name="typeOid"/>.</summary>
    /// <param name="typeOid">A type OID.</param>
    /// <returns>True when supported.</returns>
    public static bool IsSupported(int typeOid) => typeOid is PgTypeOids.Bool or PgTypeOids.Int2 or PgTypeOids.Int4 or PgTypeOids.Int8
        or PgTypeOids.Float4 or PgTypeOids.Float8 or PgTypeOids.Text or PgTypeOids.Varchar or PgTypeOids.Bpchar or PgTypeOids.Name
        or PgTypeOids.Unknown or PgTypeOids.Numeric or PgTypeOids.Timestamptz or PgTypeOids.Timestamp or PgTypeOids.Date
        or PgTypeOids.Interval or PgTypeOids.Bytea or PgTypeOids.Oid or PgTypeOids.Xid or PgTypeOids.Void;

    /// <summary>The type's send function: the binary form of a (non-null) value.</summary>
    /// <param name="value">The value, of the CLR type the type uses (numbers of other CLR types are converted).</param>
    /// <param name="typeOid">The type OID.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentException">The type has no binary format here, or the value does not fit it.</exception>
    public static byte[] Encode(object value, int typeOid)
    {
        ArgumentNullException.ThrowIfNull(value);
        var invariant = CultureInfo.InvariantCulture;
        return typeOid switch
        {
            PgTypeOids.Bool => [Convert.ToBoolean(value, invariant) ? (byte)1 : (byte)0],
            PgTypeOids.Int2 => BigEndian16(Convert.ToInt16(value, invariant)),
            PgTypeOids.Int4 => BigEndian32(Convert.ToInt32(value, invariant)),
            PgTypeOids.Int8 => BigEndian64(Convert.ToInt64(value, invariant)),
            PgTypeOids.Float4 => BigEndian32(BitConverter.SingleToInt32Bits(Convert.ToSingle(value, invariant))),
            PgTypeOids.Float8 => BigEndian64(BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, invariant))),
            PgTypeOids.Text or PgTypeOids.Varchar or PgTypeOids.Bpchar or PgTypeOids.Name or PgTypeOids.Unknown =>
                Encoding.UTF8.GetBytes(Convert.ToString(value, invariant) ?? string.Empty),
            PgTypeOids.Numeric => EncodeNumeric(Convert.ToDecimal(value, invariant)),
            PgTypeOids.Timestamptz => BigEndian64(TimestamptzMicroseconds(value)),
            PgTypeOids.Timestamp => BigEndian64(TimestampMicroseconds(value)),
            PgTypeOids.Date => BigEndian32(DateDays(value)),
            PgTypeOids.Interval when value is PgInterval interval => EncodeInterval(interval),
            PgTypeOids.Bytea when value is byte[] bytes => (byte[])bytes.Clone(),
            PgTypeOids.Oid or PgTypeOids.Xid => BigEndian32(unchecked((int)Convert.ToUInt32(value, invariant))),
            PgTypeOids.Void => [],
            _ => throw new ArgumentException($"no binary format for type {typeOid} and a {value.GetType().Name}", nameof(value)),
        };
    }

    /// <summary>
    /// The type's receive function, then exec_bind_message's check that it consumed the whole value. Throws
    /// <see cref="PgException"/> with PostgreSQL's error.
    /// </summary>
    /// <param name="data">The value's bytes (not null: a NULL parameter never reaches a receive function).</param>
    /// <param name="typeOid">The type OID.</param>
    /// <param name="parameterNumber">The 1-based parameter number, for "incorrect binary data format in bind parameter N".</param>
    /// <returns>The value.</returns>
    public static object Decode(ReadOnlySpan<byte> data, int typeOid, int parameterNumber)
    {
        var reader = new PqMessageReader(data);
        object value = typeOid switch
        {
            PgTypeOids.Bool => reader.GetByte() != 0,
            PgTypeOids.Int2 => reader.GetInt16(),
            PgTypeOids.Int4 => reader.GetInt32(),
            PgTypeOids.Int8 => reader.GetInt64(),
            PgTypeOids.Float4 => BitConverter.Int32BitsToSingle(reader.GetInt32()),
            PgTypeOids.Float8 => BitConverter.Int64BitsToDouble(reader.GetInt64()),
            PgTypeOids.Text or PgTypeOids.Varchar or PgTypeOids.Bpchar or PgTypeOids.Unknown => ReceiveText(ref reader),
            PgTypeOids.Name => ReceiveName(ref reader),
            PgTypeOids.Numeric => ReceiveNumeric(ref reader),
            PgTypeOids.Timestamptz => ReceiveTimestamptz(reader.GetInt64()),
            PgTypeOids.Timestamp => ReceiveTimestamp(reader.GetInt64()),
            PgTypeOids.Date => ReceiveDate(reader.GetInt32()),
            PgTypeOids.Interval => ReceiveInterval(ref reader),
            PgTypeOids.Bytea => reader.GetRest().ToArray(),
            PgTypeOids.Oid or PgTypeOids.Xid => unchecked((uint)reader.GetInt32()),
            PgTypeOids.Void => PgVoid.Value, // void_recv reads nothing, so any byte is left over
            _ => throw new PgException(ProtocolErrors.FeatureNotSupported, string.Create(
                CultureInfo.InvariantCulture, $"binary format is not supported for type {SqlType.FromOid(typeOid)?.DisplayName ?? typeOid.ToString(CultureInfo.InvariantCulture)}")),
        };
        if (reader.Remaining != 0)
        {
            throw new PgException(ProtocolErrors.IncorrectBinaryFormat(parameterNumber));
        }

        return value;
    }

    /// <summary>Microseconds since 2000-01-01 00:00 UTC, rounded as the text output rounds; ±infinity as Int64 extremes.</summary>
    internal static long TimestamptzMicroseconds(object value)
    {
        if (value is not DateTimeOffset instant)
        {
            throw new ArgumentException("timestamptz values are DateTimeOffset", nameof(value));
        }

        return instant == DateTimeOffset.MaxValue ? long.MaxValue
            : instant == DateTimeOffset.MinValue ? long.MinValue
            : Microseconds(instant.UtcDateTime.Ticks);
    }

    private static long TimestampMicroseconds(object value)
    {
        if (value is not DateTime local)
        {
            throw new ArgumentException("timestamp values are DateTime", nameof(value));
        }

        return local == DateTime.MaxValue ? long.MaxValue : local == DateTime.MinValue ? long.MinValue : Microseconds(local.Ticks);
    }

    private static long Microseconds(long ticks)
    {
        var rounded = (ticks / 10) + (ticks % 10 >= 5 ? 1 : 0);
        return rounded - (PostgresEpoch.Ticks / 10);
    }

    private static int DateDays(object value)
    {
        if (value is not DateOnly date)
        {
            throw new ArgumentException("date values are DateOnly", nameof(value));
        }

        return date == DateOnly.MaxValue ? int.MaxValue
            : date == DateOnly.MinValue ? int.MinValue
            : date.DayNumber - DateOnly.FromDateTime(PostgresEpoch).DayNumber;
    }

    private static byte[] EncodeInterval(PgInterval interval)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, interval.Microseconds);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), interval.Days);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), interval.Months);
        return bytes;
    }

    /// <summary>numeric_send: ndigits, weight, sign, dscale, then base-10000 digits, leading and trailing zero digits stripped.</summary>
    private static byte[] EncodeNumeric(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);

        // Align the fraction to whole base-10000 digits, then split from the least significant end.
        var fractionDigits = (scale + 3) / 4;
        magnitude *= BigInteger.Pow(10, (fractionDigits * 4) - scale);
        var digits = new List<short>();
        while (!magnitude.IsZero)
        {
            magnitude = BigInteger.DivRem(magnitude, NBase, out var digit);
            digits.Add((short)digit);
        }

        digits.Reverse();
        var weight = digits.Count - 1 - fractionDigits;
        var trailing = digits.Count;
        while (trailing > 0 && digits[trailing - 1] == 0)
        {
            trailing--;
        }

        digits.RemoveRange(trailing, digits.Count - trailing);
        var negative = value < 0 && digits.Count > 0;
        if (digits.Count == 0)
        {
            weight = 0;
        }

        var bytes = new byte[8 + (2 * digits.Count)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, (short)digits.Count);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)(negative ? NumericNegative : NumericPositive));
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), (short)scale);
        for (var i = 0; i < digits.Count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + (2 * i)), digits[i]);
        }

        return bytes;
    }

    /// <summary>numeric_recv: checks the sign, the scale and each digit, then truncates to the display scale (trunc_var).</summary>
    private static decimal ReceiveNumeric(ref PqMessageReader reader)
    {
        var count = reader.GetUInt16();
        var weight = (int)reader.GetInt16();
        var sign = reader.GetUInt16();
        if (sign is not (NumericPositive or NumericNegative or NumericNaN or NumericPositiveInfinity or NumericNegativeInfinity))
        {
            throw new PgException(ProtocolErrors.InvalidBinaryRepresentation, "invalid sign in external \"numeric\" value");
        }

        var scale = reader.GetUInt16();
        if ((scale & NumericDscaleMask) != scale)
        {
            throw new PgException(ProtocolErrors.InvalidBinaryRepresentation, "invalid scale in external \"numeric\" value");
        }

        var mantissa = BigInteger.Zero;
        for (var i = 0; i < count; i++)
        {
            var digit = reader.GetInt16();
            if (digit is < 0 or >= NBase)
            {
                throw new PgException(ProtocolErrors.InvalidBinaryRepresentation, "invalid digit in external \"numeric\" value");
            }

            mantissa = (mantissa * NBase) + digit;
        }

        if (sign is NumericNaN or NumericPositiveInfinity or NumericNegativeInfinity)
        {
            var text = sign == NumericNaN ? "NaN" : sign == NumericPositiveInfinity ? "Infinity" : "-Infinity";
            throw new PgException(ProtocolErrors.FeatureNotSupported, $"numeric value \"{text}\" is not supported");
        }

        // value = mantissa × 10^exponent; keep `scale` fraction digits, truncating the rest.
        var exponent = 4 * (weight - count + 1);
        var shift = exponent + scale;
        BigInteger scaled;
        if (mantissa.IsZero)
        {
            scaled = BigInteger.Zero;
        }
        else if (shift >= 0)
        {
            if (shift > 64)
            {
                throw NumericMath.Overflow();
            }

            scaled = mantissa * BigInteger.Pow(10, shift);
        }
        else
        {
            scaled = -shift > 4 * (count + 1) ? BigInteger.Zero : BigInteger.Divide(mantissa, BigInteger.Pow(10, -shift));
        }

        return NumericMath.FromScaled(sign == NumericNegative ? -scaled : scaled, scale);
    }

    /// <summary>textrecv / varcharrecv / bpcharrecv / unknownrecv: pq_getmsgtext, i.e. the rest, verified as UTF8.</summary>
    private static string ReceiveText(ref PqMessageReader reader)
    {
        var bytes = reader.GetRest();
        PgUtf8.Verify(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>namerecv: as text, but at most NAMEDATALEN - 1 bytes.</summary>
    private static string ReceiveName(ref PqMessageReader reader)
    {
        var bytes = reader.GetRest();
        PgUtf8.Verify(bytes);
        if (bytes.Length >= FrontendDecoder.NameDataLength)
        {
            throw new PgException(SqlState.NameTooLong, "identifier too long", detail: "Identifier must be less than 64 characters.");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// timestamptz_recv: infinity, -infinity, or a value in PostgreSQL's range and then the CLR's (whose first instant,
    /// 0001-01-01 00:00, stands for -infinity and is refused too).
    /// </summary>
    private static DateTimeOffset ReceiveTimestamptz(long micros) => micros switch
    {
        long.MaxValue => DateTimeOffset.MaxValue,
        long.MinValue => DateTimeOffset.MinValue,
        _ => new DateTimeOffset(TicksOf(micros), TimeSpan.Zero),
    };

    /// <summary>timestamp_recv.</summary>
    private static DateTime ReceiveTimestamp(long micros) => micros switch
    {
        long.MaxValue => DateTime.MaxValue,
        long.MinValue => DateTime.MinValue,
        _ => new DateTime(TicksOf(micros), DateTimeKind.Unspecified),
    };

    private static long TicksOf(long micros)
    {
        var minimum = (DateTime.MinValue.Ticks - PostgresEpoch.Ticks) / 10;
        var maximum = (DateTime.MaxValue.Ticks - PostgresEpoch.Ticks) / 10;
        if (micros is < MinTimestamp or >= EndTimestamp || micros <= minimum || micros > maximum)
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, "timestamp out of range");
        }

        return PostgresEpoch.Ticks + (micros * 10);
    }

    /// <summary>date_recv.</summary>
    private static DateOnly ReceiveDate(int days)
    {
        switch (days)
        {
            case int.MaxValue:
                return DateOnly.MaxValue;
            case int.MinValue:
                return DateOnly.MinValue;
        }

        var dayNumber = (long)DateOnly.FromDateTime(PostgresEpoch).DayNumber + days;
        if (days is < MinDate or >= EndDate || dayNumber <= DateOnly.MinValue.DayNumber || dayNumber >= DateOnly.MaxValue.DayNumber)
        {
            throw new PgException(SqlState.DatetimeFieldOverflow, "date out of range");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    /// <summary>interval_recv: time (Int64 microseconds), day, month.</summary>
    private static PgInterval ReceiveInterval(ref PqMessageReader reader)
    {
        var micros = reader.GetInt64();
        var days = reader.GetInt32();
        var months = reader.GetInt32();
        return new PgInterval(months, days, micros);
    }

    private static byte[] BigEndian16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
