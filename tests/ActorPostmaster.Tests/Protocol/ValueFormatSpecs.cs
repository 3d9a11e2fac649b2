using System.Text;
using ActorPostmaster.Protocol;
using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Protocol;

/// <summary>Binary send/receive, text input/output and format codes of parameter and result values.</summary>
public sealed class ValueFormatSpecs
{
    public static TheoryData<int, object, string> BinaryLayouts => new()
    {
        { PgTypeOids.Bool, true, "01" },
        { PgTypeOids.Bool, false, "00" },
        { PgTypeOids.Int2, (short)-2, "FFFE" },
        { PgTypeOids.Int4, 42, "0000002A" },
        { PgTypeOids.Int8, -1L, "FFFFFFFFFFFFFFFF" },
        { PgTypeOids.Int8, 1L << 40, "0000010000000000" },
        { PgTypeOids.Float4, 1.5f, "3FC00000" },
        { PgTypeOids.Float8, 1.5, "3FF8000000000000" },
        { PgTypeOids.Float8, double.NegativeInfinity, "FFF0000000000000" },
        { PgTypeOids.Text, "héllo", "68C3A96C6C6F" },
        { PgTypeOids.Varchar, string.Empty, string.Empty },
        { PgTypeOids.Name, "pg_class", "70675F636C617373" },
        { PgTypeOids.Numeric, 0m, "0000000000000000" },
        { PgTypeOids.Numeric, 0.00m, "0000000000000002" },
        { PgTypeOids.Numeric, 1.50m, "0002000000000002" + "00011388" },
        { PgTypeOids.Numeric, -12345678.9m, "0003000140000001" + "04D2162E2328" },
        { PgTypeOids.Numeric, 10000m, "0001000100000000" + "0001" },
        { PgTypeOids.Numeric, 0.0001m, "0001FFFF00000004" + "0001" },
        { PgTypeOids.Numeric, 123456789012345678901234567.8m, "0008000600000001" + "007B11D722C509291A85007B11D71F40" },
        { PgTypeOids.Timestamptz, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), "0000000000000000" },
        { PgTypeOids.Timestamptz, new DateTimeOffset(2000, 1, 1, 1, 0, 1, TimeSpan.FromHours(1)), "00000000000F4240" },
        { PgTypeOids.Timestamptz, DateTimeOffset.MaxValue, "7FFFFFFFFFFFFFFF" },
        { PgTypeOids.Timestamptz, DateTimeOffset.MinValue, "8000000000000000" },
        { PgTypeOids.Timestamp, new DateTime(2000, 1, 2), "000000141DD76000" },
        { PgTypeOids.Timestamp, new DateTime(1999, 12, 31, 23, 59, 59, 999).AddTicks(9990), "FFFFFFFFFFFFFFFF" },
        { PgTypeOids.Date, new DateOnly(2000, 1, 2), "00000001" },
        { PgTypeOids.Date, new DateOnly(1999, 12, 31), "FFFFFFFF" },
        { PgTypeOids.Date, DateOnly.MaxValue, "7FFFFFFF" },
        { PgTypeOids.Date, DateOnly.MinValue, "80000000" },
        { PgTypeOids.Interval, new PgInterval(14, -3, 1_500_000), "000000000016E360" + "FFFFFFFD" + "0000000E" },
        { PgTypeOids.Bytea, new byte[] { 0, 1, 0xFF }, "0001FF" },
        { PgTypeOids.Oid, uint.MaxValue, "FFFFFFFF" },
        { PgTypeOids.Xid, 7u, "00000007" },
        { PgTypeOids.Void, PgVoid.Value, string.Empty },
    };

    [Theory]
    [MemberData(nameof(BinaryLayouts))]
    public void Values_should_have_postgresqls_binary_layout_and_read_back(int oid, object value, string hex)
    {
        var bytes = PgBinary.Encode(value, oid);

        Assert.Equal(hex, Convert.ToHexString(bytes));
        Assert.True(PgBinary.IsSupported(oid));
        var decoded = PgBinary.Decode(bytes, oid, 1);
        switch (value)
        {
            case DateTimeOffset instant when instant != DateTimeOffset.MaxValue && instant != DateTimeOffset.MinValue:
                Assert.Equal(instant.UtcDateTime, Assert.IsType<DateTimeOffset>(decoded).UtcDateTime);
                break;
            case DateTime local when local.Ticks % 10 != 0:
                Assert.Equal(local.Ticks - (local.Ticks % 10) + 10, Assert.IsType<DateTime>(decoded).Ticks);
                break;
            case decimal number:
                Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), ((decimal)decoded).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                Assert.Equal(value, decoded);
                break;
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.000")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("1234.5678")]
    [InlineData("99999999.99999999")]
    [InlineData("100000000")]
    [InlineData("0.1")]
    public void Numeric_values_should_keep_value_and_display_scale_through_binary(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var decoded = (decimal)PgBinary.Decode(PgBinary.Encode(value, PgTypeOids.Numeric), PgTypeOids.Numeric, 1);

        Assert.Equal(value, decoded);
        Assert.Equal(value.Scale, decoded.Scale);
    }

    [Fact]
    public void A_binary_numeric_should_be_truncated_to_its_display_scale()
    {
        // digits 1, 2345 with weight 0 is 1.2345; dscale 2 keeps 1.23 (trunc_var, not rounding).
        var bytes = Convert.FromHexString("0002000000000002" + "00010929");

        var value = (decimal)PgBinary.Decode(bytes, PgTypeOids.Numeric, 1);

        Assert.Equal("1.23", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<int, string, string> BadBinaryValues => new()
    {
        { PgTypeOids.Int4, "000000", "08P01 insufficient data left in message" },
        { PgTypeOids.Int4, "0000000000", "22P03 incorrect binary data format in bind parameter 3" },
        { PgTypeOids.Int8, "00000000", "08P01 insufficient data left in message" },
        { PgTypeOids.Int2, "000000", "22P03 incorrect binary data format in bind parameter 3" },
        { PgTypeOids.Bool, string.Empty, "08P01 no data left in message" },
        { PgTypeOids.Bool, "0101", "22P03 incorrect binary data format in bind parameter 3" },
        { PgTypeOids.Float8, "3FF8", "08P01 insufficient data left in message" },
        { PgTypeOids.Void, "00", "22P03 incorrect binary data format in bind parameter 3" },
        { PgTypeOids.Text, "C328", "22021 invalid byte sequence for encoding \"UTF8\": 0xc3 0x28" },
        { PgTypeOids.Text, "610062", "22021 invalid byte sequence for encoding \"UTF8\": 0x00" },
        { PgTypeOids.Name, new string('6', 128), "42622 identifier too long" },
        { PgTypeOids.Numeric, "000000001234000000", "22P03 invalid sign in external \"numeric\" value" },
        { PgTypeOids.Numeric, "0000000000004000", "22P03 invalid scale in external \"numeric\" value" },
        { PgTypeOids.Numeric, "0001000000000000" + "2710", "22P03 invalid digit in external \"numeric\" value" },
        { PgTypeOids.Numeric, "0001000000000000" + "FFFF", "22P03 invalid digit in external \"numeric\" value" },
        { PgTypeOids.Numeric, "00000000C0000000", "0A000 numeric value \"NaN\" is not supported" },
        { PgTypeOids.Numeric, "00000000F0000000", "0A000 numeric value \"-Infinity\" is not supported" },
        { PgTypeOids.Numeric, "0001000A00000000" + "0001", "22003 value overflows numeric format" },
        { PgTypeOids.Numeric, "00020000000000000001", "08P01 insufficient data left in message" },
        { PgTypeOids.Numeric, "0000000000000000" + "00", "22P03 incorrect binary data format in bind parameter 3" },
        { PgTypeOids.Timestamptz, "FD0F7CC1411F9FFF", "22008 timestamp out of range" },
        { PgTypeOids.Timestamptz, "07E207DA06C5E000", "22008 timestamp out of range" },
        { PgTypeOids.Timestamp, "7FFFFFFFFFFFFFFE", "22008 timestamp out of range" },
        { PgTypeOids.Date, "7FFFFFFE", "22008 date out of range" },
        { PgTypeOids.Interval, "00000000000000000000000000", "08P01 insufficient data left in message" },
    };

    [Theory]
    [MemberData(nameof(BadBinaryValues))]
    public void Bad_binary_values_should_raise_postgresqls_errors(int oid, string hex, string expected)
    {
        var error = Assert.Throws<PgException>(() => PgBinary.Decode(Convert.FromHexString(hex), oid, 3)).Error;

        Assert.Equal(PgSeverity.Error, error.Severity);
        Assert.Equal(expected, $"{error.SqlState} {error.Message}");
    }

    [Fact]
    public void A_too_long_name_should_say_how_long_names_may_be()
    {
        var error = Assert.Throws<PgException>(() => PgBinary.Decode(Encoding.ASCII.GetBytes(new string('a', 64)), PgTypeOids.Name, 1)).Error;

        Assert.Equal("Identifier must be less than 64 characters.", error.Detail);
        Assert.Equal(new string('a', 63), PgBinary.Decode(Encoding.ASCII.GetBytes(new string('a', 63)), PgTypeOids.Name, 1));

        // The encoding check comes first, as pq_getmsgtext does it before namerecv measures.
        Assert.Equal("22021", Assert.Throws<PgException>(() => PgBinary.Decode(new byte[64], PgTypeOids.Name, 1)).Error.SqlState);
    }

    [Fact]
    public void Types_without_a_binary_format_here_should_be_refused()
    {
        Assert.False(PgBinary.IsSupported(869));
        Assert.Equal("0A000", Assert.Throws<PgException>(() => PgBinary.Decode([1], 869, 1)).Error.SqlState);
        Assert.Throws<ArgumentException>(() => PgBinary.Encode("x", 869));
        Assert.Throws<ArgumentException>(() => PgBinary.Encode(42, PgTypeOids.Timestamptz));
    }

    public static TheoryData<string, int, object?> TextParameters => new()
    {
        { "42", PgTypeOids.Int4, 42 },
        { " -7 ", PgTypeOids.Int8, -7L },
        { "t", PgTypeOids.Bool, true },
        { "1.50", PgTypeOids.Numeric, 1.50m },
        { "2.5", PgTypeOids.Float8, 2.5 },
        { "héllo", PgTypeOids.Text, "héllo" },
        { "anything", 0, "anything" },
        { "\\x0a0B", PgTypeOids.Bytea, new byte[] { 0x0A, 0x0B } },
        { "\\x 0a 0b\n", PgTypeOids.Bytea, new byte[] { 0x0A, 0x0B } },
        { "a\\\\b\\001\\377", PgTypeOids.Bytea, new byte[] { 0x61, 0x5C, 0x62, 0x01, 0xFF } },
        { "é", PgTypeOids.Bytea, new byte[] { 0xC3, 0xA9 } },
        { "2026-11-20", PgTypeOids.Date, new DateOnly(2026, 11, 20) },
        { "infinity", PgTypeOids.Date, DateOnly.MaxValue },
        { "2026-01-01 10:00:00+02", PgTypeOids.Date, new DateOnly(2026, 1, 1) },
        { "2026-11-20 23:40:01.5+02", PgTypeOids.Timestamp, new DateTime(2026, 11, 20, 23, 40, 1, 500) },
        { "2026-11-20T01:02", PgTypeOids.Timestamp, new DateTime(2026, 11, 20, 1, 2, 0) },
        { "-infinity", PgTypeOids.Timestamp, DateTime.MinValue },
        { "2000-01-01 01:00:00+01", PgTypeOids.Timestamptz, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        { "4294967295", PgTypeOids.Oid, uint.MaxValue },
        { "", PgTypeOids.Void, PgVoid.Value },
    };

    [Theory]
    [MemberData(nameof(TextParameters))]
    public void Text_parameters_should_go_through_the_types_input_function(string text, int oid, object? expected)
    {
        var value = WireValues.DecodeParameter(Encoding.UTF8.GetBytes(text), WireValues.TextFormat, oid, 1);

        Assert.Equal(expected, value);
    }

    public static TheoryData<byte[], int, string> BadTextParameters => new()
    {
        { "abc"u8.ToArray(), PgTypeOids.Int4, "22P02 invalid input syntax for type integer: \"abc\"" },
        { "99999"u8.ToArray(), PgTypeOids.Int2, "22003 value \"99999\" is out of range for type smallint" },
        { [0x61, 0xFF], PgTypeOids.Text, "22021 invalid byte sequence for encoding \"UTF8\": 0xff" },
        { [0x61, 0x00], PgTypeOids.Text, "22021 invalid byte sequence for encoding \"UTF8\": 0x00" },
        { "\\x0"u8.ToArray(), PgTypeOids.Bytea, "22023 invalid hexadecimal data: odd number of digits" },
        { "\\xzz"u8.ToArray(), PgTypeOids.Bytea, "22023 invalid hexadecimal digit: \"z\"" },
        { "\\x0é"u8.ToArray(), PgTypeOids.Bytea, "22023 invalid hexadecimal digit: \"é\"" },
        { "a\\q"u8.ToArray(), PgTypeOids.Bytea, "22P02 invalid input syntax for type bytea" },
        { "a\\"u8.ToArray(), PgTypeOids.Bytea, "22P02 invalid input syntax for type bytea" },
        { "2026-13-01"u8.ToArray(), PgTypeOids.Date, "22008 date/time field value out of range: \"2026-13-01\"" },
        { "2026-02-30"u8.ToArray(), PgTypeOids.Date, "22008 date/time field value out of range: \"2026-02-30\"" },
        { "garbage"u8.ToArray(), PgTypeOids.Date, "22007 invalid input syntax for type date: \"garbage\"" },
        { "2026-01-01 10:00 !!"u8.ToArray(), PgTypeOids.Date, "22007 invalid input syntax for type date: \"2026-01-01 10:00 !!\"" },
        { "2026-01-01 25:00"u8.ToArray(), PgTypeOids.Timestamp, "22008 date/time field value out of range: \"2026-01-01 25:00\"" },
        { "2026-01-01 10:00 !!"u8.ToArray(), PgTypeOids.Timestamp, "22007 invalid input syntax for type timestamp: \"2026-01-01 10:00 !!\"" },
    };

    [Theory]
    [MemberData(nameof(BadTextParameters))]
    public void Bad_text_parameters_should_raise_the_input_functions_error(byte[] bytes, int oid, string expected)
    {
        var error = Assert.Throws<PgException>(() => WireValues.DecodeParameter(bytes, WireValues.TextFormat, oid, 1)).Error;

        Assert.Equal(expected, $"{error.SqlState} {error.Message}");
    }

    [Fact]
    public void Null_parameters_should_stay_null_but_still_need_a_valid_format_code()
    {
        Assert.Null(WireValues.DecodeParameter(null, WireValues.TextFormat, PgTypeOids.Int4, 1));
        Assert.Null(WireValues.DecodeParameter(null, WireValues.BinaryFormat, PgTypeOids.Int4, 1));

        var error = Assert.Throws<PgException>(() => WireValues.DecodeParameter(null, 2, PgTypeOids.Int4, 1)).Error;

        Assert.Equal(new PgError(PgSeverity.Error, "22023", "unsupported format code: 2"), error);
    }

    [Fact]
    public void Binary_parameters_should_go_through_the_receive_function()
    {
        Assert.Equal(42, WireValues.DecodeParameter([0, 0, 0, 42], WireValues.BinaryFormat, PgTypeOids.Int4, 1));
        Assert.Equal("x", WireValues.DecodeParameter("x"u8.ToArray(), WireValues.BinaryFormat, 0, 1));
        Assert.Equal(
            "incorrect binary data format in bind parameter 2",
            Assert.Throws<PgException>(() => WireValues.DecodeParameter([0, 0, 0, 0, 1], WireValues.BinaryFormat, PgTypeOids.Int4, 2)).Error.Message);
    }

    [Fact]
    public void Parameter_formats_should_follow_the_none_one_or_each_rule()
    {
        Assert.Equal(0, WireValues.ParameterFormat([], 5));
        Assert.Equal(1, WireValues.ParameterFormat([1], 5));
        Assert.Equal(1, WireValues.ParameterFormat([0, 1], 1));
        Assert.Equal(0, WireValues.ParameterFormat([0, 1], 0));
    }

    [Fact]
    public void Column_formats_should_follow_the_none_one_or_each_rule()
    {
        Assert.Equal([0, 0, 0], WireValues.ColumnFormats([], 3));
        Assert.Equal([1, 1], WireValues.ColumnFormats([1], 2));
        Assert.Equal([0, 1], WireValues.ColumnFormats([0, 1], 2));
        Assert.Empty(WireValues.ColumnFormats([1], 0));

        var error = Assert.Throws<PgException>(() => WireValues.ColumnFormats([0, 1], 3)).Error;

        Assert.Equal(new PgError(PgSeverity.Error, "08P01", "bind message has 2 result formats but query has 3 columns"), error);
    }

    public static TheoryData<object?, int, short, string?> Columns => new()
    {
        { 42, PgTypeOids.Int4, 0, "3432" },
        { 42, PgTypeOids.Int4, 1, "0000002A" },
        { null, PgTypeOids.Int4, 1, null },
        { true, PgTypeOids.Bool, 0, "74" },
        { new byte[] { 1, 0xAB }, PgTypeOids.Bytea, 0, Convert.ToHexString("\\x01ab"u8) },
        { new DateOnly(2026, 11, 20), PgTypeOids.Date, 0, Convert.ToHexString("2026-11-20"u8) },
        { new DateTime(2026, 11, 20, 1, 2, 3, 450), PgTypeOids.Timestamp, 0, Convert.ToHexString("2026-11-20 01:02:03.45"u8) },
        { DateTime.MaxValue, PgTypeOids.Timestamp, 0, Convert.ToHexString("infinity"u8) },
        { new DateTimeOffset(2026, 11, 20, 23, 40, 1, TimeSpan.Zero), PgTypeOids.Timestamptz, 0, Convert.ToHexString("2026-11-20 23:40:01+00"u8) },
        { 1.50m, PgTypeOids.Numeric, 0, Convert.ToHexString("1.50"u8) },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Result_columns_should_be_encoded_in_their_format(object? value, int oid, short format, string? hex)
    {
        var bytes = WireValues.EncodeColumn(value, oid, format);

        Assert.Equal(hex, bytes is null ? null : Convert.ToHexString(bytes));
    }

    [Fact]
    public void An_unsupported_result_format_should_be_refused_even_for_null()
    {
        Assert.Equal(
            "unsupported format code: 3",
            Assert.Throws<PgException>(() => WireValues.EncodeColumn(null, PgTypeOids.Int4, 3)).Error.Message);
    }
}
