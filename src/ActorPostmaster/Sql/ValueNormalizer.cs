using System.Globalization;
using System.Net;

namespace ActorPostmaster.Sql;

/// <summary>
/// Brings values from the host (relation rows, function results, parameters) to the CLR type a SQL type uses:
/// any integer for int2/int4/int8/oid/xid, <see cref="DateTime"/> for timestamptz, <see cref="TimeSpan"/> for interval…
/// </summary>
internal static class ValueNormalizer
{
    public static object? Normalize(object? value, SqlType type)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return type.Oid switch
            {
                16 => value is bool ? value : Convert.ToBoolean(value, CultureInfo.InvariantCulture),
                21 => value is short ? value : Convert.ToInt16(value, CultureInfo.InvariantCulture),
                23 => value is int ? value : Convert.ToInt32(value, CultureInfo.InvariantCulture),
                20 => value is long ? value : Convert.ToInt64(value, CultureInfo.InvariantCulture),
                700 => value is float ? value : Convert.ToSingle(value, CultureInfo.InvariantCulture),
                701 => value is double ? value : Convert.ToDouble(value, CultureInfo.InvariantCulture),
                1700 => value is decimal ? value : Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                26 or 28 => value switch
                {
                    uint => value,
                    int i => unchecked((uint)i),
                    long l => unchecked((uint)l),
                    _ => Convert.ToUInt32(value, CultureInfo.InvariantCulture),
                },
                1184 => value switch
                {
                    DateTimeOffset => value,
                    DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
                    DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc), TimeSpan.Zero),
                    _ => value,
                },
                1186 => value is TimeSpan span ? PgInterval.FromTimeSpan(span) : value,
                25 or 1043 or 1042 or 19 or 705 => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!,
                869 => value is IPAddress or string ? value : value.ToString()!,
                2278 => PgVoid.Value,
                _ => value,
            };
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new PgException($"value of type {value.GetType().Name} does not fit type {type.DisplayName}", e);
        }
    }
}
