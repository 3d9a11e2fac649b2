using System.Net;
using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>PgTextFormat: PostgreSQL 15's output and input functions (values in comments were read from the server).</summary>
public sealed class TextFormatSpecs
{
    [Theory]
    // PG 15 float8 output (extra_float_digits = 1: shortest exact).
    [InlineData(0.1, "0.1")]
    [InlineData(1e100, "1e+100")]
    [InlineData(-0.0, "-0")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1e15, "1e+15")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(1234567890123456.0, "1.234567890123456e+15")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1e-300, "1e-300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(100.0, "100")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Float8_should_print_the_shortest_exact_form(double value, string text)
    {
        Assert.Equal(text, PgTextFormat.Format(value, SqlType.Float8));
    }

    [Theory]
    // PG 15 float4 output: 0.1, 1e+10, 1e+06, 123456, 1.234567e+06, 3.4e+38
    [InlineData(0.1f, "0.1")]
    [InlineData(1e10f, "1e+10")]
    [InlineData(1e6f, "1e+06")]
    [InlineData(123456f, "123456")]
    [InlineData(1234567f, "1.234567e+06")]
    [InlineData(3.4e38f, "3.4e+38")]
    [InlineData(float.NaN, "NaN")]
    public void Float4_should_print_the_shortest_exact_form(float value, string text)
    {
        Assert.Equal(text, PgTextFormat.Format(value, SqlType.Float4));
    }

    public static TheoryData<decimal, string> Numerics => new()
    {
        { 1.50m, "1.50" },
        { 0.0m, "0.0" },
        { -0.00m, "0.00" },
        { 1500m, "1500" },
        { 0.001m, "0.001" },
        { -1.5m, "-1.5" },
        { 9223372036854775808m, "9223372036854775808" },
    };

    [Theory]
    [MemberData(nameof(Numerics))]
    public void Numeric_should_print_its_display_scale(decimal value, string text)
    {
        Assert.Equal(text, PgTextFormat.Format(value, SqlType.Numeric));
    }

    [Theory]
    // PG 15 with the given TimeZone setting (DateStyle ISO).
    [InlineData("UTC", "2024-07-01T12:00:00.5Z", "2024-07-01 12:00:00.5+00")]
    [InlineData("Europe/Paris", "2024-07-01T12:00:00.5Z", "2024-07-01 14:00:00.5+02")]
    [InlineData("Europe/Paris", "2024-01-01T11:00:00Z", "2024-01-01 12:00:00+01")]
    [InlineData("Asia/Kolkata", "2024-07-01T12:00:00Z", "2024-07-01 17:30:00+05:30")]
    [InlineData("America/St_Johns", "2024-07-01T12:00:00Z", "2024-07-01 09:30:00-02:30")]
    [InlineData("America/New_York", "2024-01-01T12:00:00Z", "2024-01-01 07:00:00-05")]
    [InlineData("UTC", "2026-11-20T23:40:01.1234560Z", "2026-11-20 23:40:01.123456+00")]
    [InlineData("UTC", "2026-11-20T23:40:01.0000004Z", "2026-11-20 23:40:01+00")]
    [InlineData("UTC", "0001-01-02T00:00:00Z", "0001-01-02 00:00:00+00")]
    public void Timestamptz_should_print_in_the_session_time_zone(string zone, string instant, string text)
    {
        var value = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(text, PgTextFormat.Format(value, SqlType.Timestamptz, TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    [Fact]
    public void Timestamptz_infinities_should_print_as_words()
    {
        Assert.Equal("infinity", PgTextFormat.Format(DateTimeOffset.MaxValue, SqlType.Timestamptz));
        Assert.Equal("-infinity", PgTextFormat.Format(DateTimeOffset.MinValue, SqlType.Timestamptz));
    }

    [Theory]
    // PG 15 interval output (IntervalStyle postgres).
    [InlineData(0, 1, 3_601_500_000L, "1 day 01:00:01.5")]
    [InlineData(0, -1, 0L, "-1 days")]
    [InlineData(0, 0, 5_400_000_000L, "01:30:00")]
    [InlineData(1, 3, 1_500_000L, "1 mon 3 days 00:00:01.5")]
    [InlineData(0, 0, -1_000_000L, "-00:00:01")]
    [InlineData(14, 0, 0L, "1 year 2 mons")]
    [InlineData(0, 0, 0L, "00:00:00")]
    [InlineData(0, -1, 7_200_000_000L, "-1 days +02:00:00")]
    [InlineData(0, 1, -7_200_000_000L, "1 day -02:00:00")]
    [InlineData(11, 0, 0L, "11 mons")]
    [InlineData(0, 0, 90_000_000_000L, "25:00:00")]
    [InlineData(-13, 0, 0L, "-1 years -1 mons")]
    public void Interval_should_print_in_postgres_style(int months, int days, long micros, string text)
    {
        Assert.Equal(text, PgTextFormat.Format(new PgInterval(months, days, micros), SqlType.Interval));
        Assert.Equal(text, new PgInterval(months, days, micros).ToString());
    }

    [Fact]
    public void Other_types_should_print_as_PostgreSQL_does()
    {
        Assert.Equal("t", PgTextFormat.Format(true, SqlType.Bool));
        Assert.Equal("f", PgTextFormat.Format(false, SqlType.Bool));
        Assert.Equal("-32768", PgTextFormat.Format(short.MinValue, SqlType.Int2));
        Assert.Equal("9223372036854775807", PgTextFormat.Format(long.MaxValue, SqlType.Int8));
        Assert.Equal("4294967295", PgTextFormat.Format(uint.MaxValue, SqlType.OidType));
        Assert.Equal(string.Empty, PgTextFormat.Format(PgVoid.Value, SqlType.Void));
        Assert.Equal("127.0.0.1", PgTextFormat.Format(IPAddress.Loopback, SqlType.Inet));
        Assert.Equal("::1", PgTextFormat.Format(IPAddress.IPv6Loopback, SqlType.Inet));
        Assert.Null(PgTextFormat.Format(null, SqlType.Text));
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("1", true)]
    [InlineData("tr", true)]
    [InlineData("f", false)]
    [InlineData("of", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void Bool_input_should_accept_PostgreSQLs_spellings(string text, bool value)
    {
        Assert.Equal(value, PgTextFormat.Parse(text, SqlType.Bool));
    }

    [Theory]
    // PG 15: 22P02 invalid input syntax for type … / 22003 value "…" is out of range for type …
    [InlineData("o", "bool", "22P02", "invalid input syntax for type boolean: \"o\"")]
    [InlineData("abc", "int4", "22P02", "invalid input syntax for type integer: \"abc\"")]
    [InlineData("1.5", "int4", "22P02", "invalid input syntax for type integer: \"1.5\"")]
    [InlineData("", "int4", "22P02", "invalid input syntax for type integer: \"\"")]
    [InlineData("99999999999", "int4", "22003", "value \"99999999999\" is out of range for type integer")]
    [InlineData("32768", "int2", "22003", "value \"32768\" is out of range for type smallint")]
    [InlineData("9223372036854775808", "int8", "22003", "value \"9223372036854775808\" is out of range for type bigint")]
    [InlineData("abc", "float8", "22P02", "invalid input syntax for type double precision: \"abc\"")]
    [InlineData("1e", "float8", "22P02", "invalid input syntax for type double precision: \"1e\"")]
    [InlineData("1e400", "float8", "22003", "\"1e400\" is out of range for type double precision")]
    [InlineData("1e-400", "float8", "22003", "\"1e-400\" is out of range for type double precision")]
    [InlineData("3.4e39", "float4", "22003", "\"3.4e39\" is out of range for type real")]
    [InlineData("x", "numeric", "22P02", "invalid input syntax for type numeric: \"x\"")]
    [InlineData("abc", "timestamptz", "22007", "invalid input syntax for type timestamp with time zone: \"abc\"")]
    [InlineData("2024-02-30", "timestamptz", "22008", "date/time field value out of range: \"2024-02-30\"")]
    [InlineData("abc", "interval", "22007", "invalid input syntax for type interval: \"abc\"")]
    [InlineData("x", "inet", "22P02", "invalid input syntax for type inet: \"x\"")]
    public void Input_should_fail_with_PostgreSQLs_error(string text, string typeName, string sqlState, string message)
    {
        var type = SqlType.All.Single(t => t.Name == typeName);

        var exception = Assert.Throws<PgException>(() => PgTextFormat.Parse(text, type));

        Assert.Equal((sqlState, message), (exception.Error.SqlState, exception.Error.Message));
    }

    [Theory]
    [InlineData("  12  ", "int4", "12")]
    [InlineData("+5", "int2", "5")]
    [InlineData("-9223372036854775808", "int8", "-9223372036854775808")]
    [InlineData(" 1.5 ", "float8", "1.5")]
    [InlineData("0x10", "float8", "16")]
    [InlineData("-inf", "float8", "-Infinity")]
    [InlineData("nan", "float8", "NaN")]
    [InlineData("1.50", "numeric", "1.50")]
    [InlineData("1.50e1", "numeric", "15.0")]
    [InlineData("1e-3", "numeric", "0.001")]
    [InlineData(" -0.5 ", "numeric", "-0.5")]
    [InlineData("2024-01-01 10:00:00.1234567+05:30", "timestamptz", "2024-01-01 04:30:00.123457+00")]
    [InlineData("2024-01-01T10:00:00Z", "timestamptz", "2024-01-01 10:00:00+00")]
    [InlineData("2024-01-01", "timestamptz", "2024-01-01 00:00:00+00")]
    [InlineData("epoch", "timestamptz", "1970-01-01 00:00:00+00")]
    [InlineData("infinity", "timestamptz", "infinity")]
    [InlineData("1 day 2 hours", "interval", "1 day 02:00:00")]
    [InlineData("1.5 days", "interval", "1 day 12:00:00")]
    [InlineData("@ 3 mins ago", "interval", "-00:03:00")]
    [InlineData("-00:00:01.5", "interval", "-00:00:01.5")]
    [InlineData("4294967295", "oid", "4294967295")]
    [InlineData("-1", "oid", "4294967295")]
    [InlineData("10.0.0.1/8", "inet", "10.0.0.1/8")]
    public void Input_should_round_trip_through_output(string text, string typeName, string output)
    {
        var type = SqlType.All.Single(t => t.Name == typeName);

        Assert.Equal(output, PgTextFormat.Format(PgTextFormat.Parse(text, type), type));
    }

    [Fact]
    public void Timestamptz_input_without_a_zone_should_use_the_session_time_zone()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        var value = (DateTimeOffset)PgTextFormat.Parse("2024-01-01 12:00:00", SqlType.Timestamptz, paris)!;

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 11, 0, 0, TimeSpan.Zero), value);
        Assert.Equal("2024-01-01 12:00:00+01", PgTextFormat.Format(value, SqlType.Timestamptz, paris));
    }

    [Fact]
    public void Type_modifier_should_apply_on_input()
    {
        Assert.Equal("1.24", PgTextFormat.Format(PgTextFormat.Parse("1.235", SqlType.Numeric, typeModifier: (5 << 16 | 2) + 4), SqlType.Numeric));
        var exception = Assert.Throws<PgException>(() => PgTextFormat.Parse("abcd", SqlType.Varchar, typeModifier: 3 + 4));
        Assert.Equal(("22001", "value too long for type character varying(3)"), (exception.Error.SqlState, exception.Error.Message));
    }

    [Fact]
    public void Types_should_have_PostgreSQLs_oids_sizes_and_names()
    {
        // PG 15 pg_type: oid, typname, typlen, format_type
        Assert.Equal(
            [
                "16 bool 1 boolean", "21 int2 2 smallint", "23 int4 4 integer", "20 int8 8 bigint", "700 float4 4 real",
                "701 float8 8 double precision", "1700 numeric -1 numeric", "25 text -1 text", "1043 varchar -1 character varying",
                "1042 bpchar -1 character", "19 name 64 name", "705 unknown -2 unknown", "1184 timestamptz 8 timestamp with time zone",
                "1186 interval 16 interval", "2278 void 4 void", "26 oid 4 oid", "28 xid 4 xid", "869 inet -1 inet",
            ],
            SqlType.All.Select(t => $"{t.Oid} {t.Name} {t.Size} {t.DisplayName}"));
        Assert.Same(SqlType.Int4, SqlType.FromOid(23));
        Assert.Same(SqlType.Unknown, SqlType.FromOid(0));
        Assert.Null(SqlType.FromOid(1082));
    }
}
