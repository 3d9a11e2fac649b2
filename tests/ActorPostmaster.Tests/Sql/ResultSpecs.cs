using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// Column names, types (OID, size, type modifier) and text values of SELECT results, exactly as PostgreSQL 15
/// returns them: each case's comment is the real server's RowDescription and DataRow.
/// </summary>
public sealed class ResultSpecs
{
    [Theory]
    // <generated>
    // PG 15: ?column?:23/4/-1 | ?column?:25/-1/-1 | ?column?:1700/-1/-1 | ?column?:20/8/-1 | ?column?:1700/-1/-1 | ?column?:16/1/-1 | ?column?:25/-1/-1 | ?column?:20/8/-1 | text:25/-1/-1 | float8:701/8/-1 -> '1' | 'a' | '1.5' | '2147483648' | '9223372036854775808' | 't' | NULL | '2' | 'x' | '1'
    [InlineData("select 1, 'a', 1.5, 2147483648, 9223372036854775808, true, null, 1::int8 + 1, 'x'::text, 1.0::float8", new[] { "?column?:23/4/-1", "?column?:25/-1/-1", "?column?:1700/-1/-1", "?column?:20/8/-1", "?column?:1700/-1/-1", "?column?:16/1/-1", "?column?:25/-1/-1", "?column?:20/8/-1", "text:25/-1/-1", "float8:701/8/-1" }, new string?[] { "1", "a", "1.5", "2147483648", "9223372036854775808", "t", null, "2", "x", "1" })]
    // PG 15: ?column?:25/-1/-1 -> 'ab'
    [InlineData("select 'a'\n'b'", new[] { "?column?:25/-1/-1" }, new string?[] { "ab" })]
    // PG 15: ?column?:25/-1/-1 -> 'ab'
    [InlineData("select 'a' -- c\n  'b'", new[] { "?column?:25/-1/-1" }, new string?[] { "ab" })]
    // PG 15: ?column?:25/-1/-1 -> 'AAA\n'
    [InlineData("select E'\\x41\\101\\u0041\\n'", new[] { "?column?:25/-1/-1" }, new string?[] { "AAA\n" })]
    // PG 15: ?column?:25/-1/-1 -> 'xZZ'
    [InlineData("select E'\\xZZ'", new[] { "?column?:25/-1/-1" }, new string?[] { "xZZ" })]
    // PG 15: ?column?:25/-1/-1 -> 'A'
    [InlineData("select U&'\\0041'", new[] { "?column?:25/-1/-1" }, new string?[] { "A" })]
    // PG 15: bpchar:1042/-1/-1 -> 'abc'
    [InlineData("select n'abc'", new[] { "bpchar:1042/-1/-1" }, new string?[] { "abc" })]
    // PG 15: ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:20/8/-1 | ?column?:20/8/-1 -> '-2147483648' | '-2147483648' | '-2147483648' | '-9223372036854775808' | '2147483648'
    [InlineData("select -2147483648, -(2147483648), - 2147483648, -9223372036854775808, -(-2147483648)", new[] { "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:20/8/-1", "?column?:20/8/-1" }, new string?[] { "-2147483648", "-2147483648", "-2147483648", "-9223372036854775808", "2147483648" })]
    // PG 15: ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 -> '3' | '-3' | '1' | '-1' | '1.5' | '-1.5'
    [InlineData("select 7/2, -7/2, 7 % -3, -7%3, 7.5 % 2, -7.5 % 2", new[] { "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1" }, new string?[] { "3", "-3", "1", "-1", "1.5", "-1.5" })]
    // PG 15: ?column?:23/4/-1 -> '0'
    [InlineData("select (-2147483648)::int % -1", new[] { "?column?:23/4/-1" }, new string?[] { "0" })]
    // PG 15: ?column?:21/2/-1 | ?column?:23/4/-1 | ?column?:20/8/-1 | ?column?:1700/-1/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 -> '2' | '2' | '2' | '2.5' | '2.5' | '3' | '2' | '2' | '2.5' | '2'
    [InlineData("select 1::int2+1::int2, 1::int2+1, 1::int8+1::int2, 1+1.5, 1+1.5::float8, 1.5+1.5::float8, 1::float4+1, 1::int8+1::float4, 1::float4+1.5, 1::float4 + 1::float8", new[] { "?column?:21/2/-1", "?column?:23/4/-1", "?column?:20/8/-1", "?column?:1700/-1/-1", "?column?:701/8/-1", "?column?:701/8/-1", "?column?:701/8/-1", "?column?:701/8/-1", "?column?:701/8/-1", "?column?:701/8/-1" }, new string?[] { "2", "2", "2", "2.5", "2.5", "3", "2", "2", "2.5", "2" })]
    // PG 15: ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 -> '1a' | 'a1' | 'ab' | 'ab' | NULL
    [InlineData("select 1 || 'a', 'a' || 1, 'a' || 'b', 'a'::varchar || 'b', null || 'a'", new[] { "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1" }, new string?[] { "1a", "a1", "ab", "ab", null })]
    // PG 15: ?column?:16/1/-1 -> 'f'
    [InlineData("select null is null is null", new[] { "?column?:16/1/-1" }, new string?[] { "f" })]
    // PG 15: int4:23/4/-1 | int8:20/8/-1 | int2:21/2/-1 -> '12' | '1' | '5'
    [InlineData("select '  12  '::int, ' 1'::int8, '+5'::int2", new[] { "int4:23/4/-1", "int8:20/8/-1", "int2:21/2/-1" }, new string?[] { "12", "1", "5" })]
    // PG 15: int4:23/4/-1 | int4:23/4/-1 | ?column?:23/4/-1 | int4:23/4/-1 | int4:23/4/-1 -> '2' | '3' | '-3' | '2' | '2'
    [InlineData("select 1.5::int, 2.5::int, -2.5::int, 1.5::float8::int, 2.5::float8::int", new[] { "int4:23/4/-1", "int4:23/4/-1", "?column?:23/4/-1", "int4:23/4/-1", "int4:23/4/-1" }, new string?[] { "2", "3", "-3", "2", "2" })]
    // PG 15: int4:23/4/-1 | int4:23/4/-1 | int8:20/8/-1 | int2:21/2/-1 | float4:700/4/-1 | float8:701/8/-1 | float4:700/4/-1 | float8:701/8/-1 | float8:701/8/-1 | numeric:1700/-1/-1 | numeric:1700/-1/-1 | numeric:1700/-1/-1 | varchar:1043/-1/-1 | varchar:1043/-1/-1 | bpchar:1042/-1/5 | bpchar:1042/-1/7 | bool:16/1/-1 | bool:16/1/-1 | interval:1186/16/-1 | oid:26/4/-1 | name:19/64/-1 | int4:23/4/-1 | text:25/-1/-1 -> '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | 'a' | 'a' | 'a' | 'a  ' | 't' | 't' | '1 day' | '1' | 'a' | '1' | 'a'
    [InlineData("select 1::int, 1::integer, 1::bigint, 1::smallint, 1::real, 1::float, 1::float(3), 1::float(30), 1::double precision, 1::numeric, 1::decimal, 1::dec, 'a'::varchar, 'a'::character varying, 'a'::char, 'a'::character(3), 't'::boolean, 't'::bool, '1 day'::interval, 1::oid, 'a'::name, 1::pg_catalog.int4, 'a'::\"text\"", new[] { "int4:23/4/-1", "int4:23/4/-1", "int8:20/8/-1", "int2:21/2/-1", "float4:700/4/-1", "float8:701/8/-1", "float4:700/4/-1", "float8:701/8/-1", "float8:701/8/-1", "numeric:1700/-1/-1", "numeric:1700/-1/-1", "numeric:1700/-1/-1", "varchar:1043/-1/-1", "varchar:1043/-1/-1", "bpchar:1042/-1/5", "bpchar:1042/-1/7", "bool:16/1/-1", "bool:16/1/-1", "interval:1186/16/-1", "oid:26/4/-1", "name:19/64/-1", "int4:23/4/-1", "text:25/-1/-1" }, new string?[] { "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "a", "a", "a", "a  ", "t", "t", "1 day", "1", "a", "1", "a" })]
    // PG 15: int8:20/8/-1 | coalesce:23/4/-1 | greatest:23/4/-1 | least:23/4/-1 | nullif:23/4/-1 | case:23/4/-1 | case:23/4/-1 | abs:23/4/-1 | abs:23/4/-1 | x:23/4/-1 | y:23/4/-1 | Y:23/4/-1 | current_user:19/64/-1 | session_user:19/64/-1 | user:19/64/-1 | current_role:19/64/-1 | current_catalog:19/64/-1 | current_schema:19/64/-1 -> '1' | '1' | '2' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | '1' | 'sqlpg' | 'sqlpg' | 'sqlpg' | 'sqlpg' | 'postgres' | 'public'
    [InlineData("select cast(1 as int8), coalesce(1,2), greatest(1,2), least(1,2), nullif(1,2), case when true then 1 end, case when true then 1 else 2 end, abs(-1), pg_catalog.abs(-1), 1 as x, 1 y, 1 as \"Y\", current_user, session_user, user, current_role, current_catalog, current_schema", new[] { "int8:20/8/-1", "coalesce:23/4/-1", "greatest:23/4/-1", "least:23/4/-1", "nullif:23/4/-1", "case:23/4/-1", "case:23/4/-1", "abs:23/4/-1", "abs:23/4/-1", "x:23/4/-1", "y:23/4/-1", "Y:23/4/-1", "current_user:19/64/-1", "session_user:19/64/-1", "user:19/64/-1", "current_role:19/64/-1", "current_catalog:19/64/-1", "current_schema:19/64/-1" }, new string?[] { "1", "1", "2", "1", "1", "1", "1", "1", "1", "1", "1", "1", "sqlpg", "sqlpg", "sqlpg", "sqlpg", "postgres", "public" })]
    // PG 15: ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 | int4:23/4/-1 | interval:1186/16/-1 | timestamptz:1184/8/-1 | bool:16/1/-1 | varchar:1043/-1/-1 | text:25/-1/-1 | text:25/-1/-1 -> '1' | '1' | '-1' | '1' | 'f' | 'f' | 'a' | 'a' | '1' | '1 day' | '2020-01-01 00:00:00+00' | 't' | 'a' | 'a' | 'a'
    [InlineData("select (1), ((1)), -1, +1, 1 is null, not true, $$a$$, E'a', int '1', interval '1 day', timestamptz '2020-01-01', bool 't', varchar 'a', text 'a', pg_catalog.text 'a'", new[] { "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1", "int4:23/4/-1", "interval:1186/16/-1", "timestamptz:1184/8/-1", "bool:16/1/-1", "varchar:1043/-1/-1", "text:25/-1/-1", "text:25/-1/-1" }, new string?[] { "1", "1", "-1", "1", "f", "f", "a", "a", "1", "1 day", "2020-01-01 00:00:00+00", "t", "a", "a", "a" })]
    // PG 15: float8:701/8/-1 | float8:701/8/-1 | ?column?:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | ?column?:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 -> '0.1' | '1e+100' | '-0' | '-0' | 'NaN' | 'Infinity' | '-Infinity' | '1e+15' | '1e+16' | '1.2345678901234568e+17' | '0.0001' | '1e-05' | '1.5e-05' | '0.3333333333333333' | '1e-300' | '5e-324' | '1.7976931348623157e+308' | '100' | '123456789012345' | '1.234567890123456e+15'
    [InlineData("select 0.1::float8, 1e100::float8, -0::float8, '-0'::float8, 'NaN'::float8, 'Infinity'::float8, '-inf'::float8, 1e15::float8, 1e16::float8, 123456789012345678::float8, 0.0001::float8, 0.00001::float8, 1.5e-5::float8, 1/3::float8, 1e-300::float8, 5e-324::float8, 1.7976931348623157e308::float8, 100::float8, 123456789012345::float8, 1234567890123456::float8", new[] { "float8:701/8/-1", "float8:701/8/-1", "?column?:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "?column?:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1" }, new string?[] { "0.1", "1e+100", "-0", "-0", "NaN", "Infinity", "-Infinity", "1e+15", "1e+16", "1.2345678901234568e+17", "0.0001", "1e-05", "1.5e-05", "0.3333333333333333", "1e-300", "5e-324", "1.7976931348623157e+308", "100", "123456789012345", "1.234567890123456e+15" })]
    // PG 15: float4:700/4/-1 | float4:700/4/-1 | float4:700/4/-1 | float4:700/4/-1 | float4:700/4/-1 | float4:700/4/-1 | ?column?:701/8/-1 -> '0.1' | '1e+10' | '1e+06' | '123456' | '1.234567e+06' | '3.4e+38' | '0.3333333333333333'
    [InlineData("select 0.1::float4, 1e10::float4, 1e6::float4, 123456::float4, 1234567::float4, 3.4e38::float4, 1/3::float4", new[] { "float4:700/4/-1", "float4:700/4/-1", "float4:700/4/-1", "float4:700/4/-1", "float4:700/4/-1", "float4:700/4/-1", "?column?:701/8/-1" }, new string?[] { "0.1", "1e+10", "1e+06", "123456", "1.234567e+06", "3.4e+38", "0.3333333333333333" })]
    // PG 15: ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 -> '1.50' | '1500' | '15.0' | '0.001' | '3.000' | '0.33333333333333333333' | '0.33333333333333333333' | '2.5000000000000000' | '333333.333333333333' | '0.666666666666666666666667' | '0.000033333333333333333333' | '0.0'
    [InlineData("select 1.50, 1.5e3, 1.50e1, 1e-3, 1.5 * 2.00, 1/3.0, 1.0/3, 10/4.0, 1000000/3.0, 2/3.000000000000000000000000, 0.0001/3, -0.0", new[] { "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1" }, new string?[] { "1.50", "1500", "15.0", "0.001", "3.000", "0.33333333333333333333", "0.33333333333333333333", "2.5000000000000000", "333333.333333333333", "0.666666666666666666666667", "0.000033333333333333333333", "0.0" })]
    // PG 15: ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:1700/-1/-1 -> '2.75' | '-0.05' | '3.300' | '1.5' | '-1.5' | '1763668414462081127160.5'
    [InlineData("select 1.5 + 1.25, 1.5 - 1.55, 3.0 * 1.10, 7.5 % 2, -7.5 % 2, 12345678901234567890123.5 / 7", new[] { "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1", "?column?:1700/-1/-1" }, new string?[] { "2.75", "-0.05", "3.300", "1.5", "-1.5", "1763668414462081127160.5" })]
    // PG 15: numeric:1700/-1/327686 | numeric:1700/-1/327686 | numeric:1700/-1/196612 -> '1.23' | '1.24' | '124'
    [InlineData("select 1.234::numeric(5,2), 1.235::numeric(5,2), 123.5::numeric(3,0)", new[] { "numeric:1700/-1/327686", "numeric:1700/-1/327686", "numeric:1700/-1/196612" }, new string?[] { "1.23", "1.24", "124" })]
    // PG 15: numeric:1700/-1/-1 | numeric:1700/-1/-1 | numeric:1700/-1/-1 | float8:701/8/-1 | numeric:1700/-1/-1 | ?column?:1700/-1/-1 | ?column?:701/8/-1 -> '1.5' | '0.1' | '100000000000000000000' | '1.5' | '1' | '3.0000000000000000' | '0.3333333333333333'
    [InlineData("select 1.5::float8::numeric, 0.1::float8::numeric, 1e20::float8::numeric, 1.5::numeric::float8, 1::int4::numeric, 12::numeric / 4, 1::float8/3::float8", new[] { "numeric:1700/-1/-1", "numeric:1700/-1/-1", "numeric:1700/-1/-1", "float8:701/8/-1", "numeric:1700/-1/-1", "?column?:1700/-1/-1", "?column?:701/8/-1" }, new string?[] { "1.5", "0.1", "100000000000000000000", "1.5", "1", "3.0000000000000000", "0.3333333333333333" })]
    // PG 15: float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 | float8:701/8/-1 -> '1.5' | '100000' | '0.5' | '5' | 'Infinity' | 'Infinity' | 'NaN' | '-0'
    [InlineData("select ' 1.5 '::float8, '1e5'::float8, '.5'::float8, '5.'::float8, 'infinity'::float8, '+Inf'::float8, 'nan'::float8, '-0.0'::float8", new[] { "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1", "float8:701/8/-1" }, new string?[] { "1.5", "100000", "0.5", "5", "Infinity", "Infinity", "NaN", "-0" })]
    // PG 15: float8:701/8/-1 -> '16'
    [InlineData("select '0x10'::float8", new[] { "float8:701/8/-1" }, new string?[] { "16" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:701/8/-1 -> 't' | 't' | 'NaN'
    [InlineData("select 'NaN'::float8 = 'NaN'::float8, 'NaN'::float8 > 1e300::float8, 'Infinity'::float8 - 'Infinity'::float8", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:701/8/-1" }, new string?[] { "t", "t", "NaN" })]
    // PG 15: ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 -> '8' | '4' | '64' | '4'
    [InlineData("select 2^3, 2::int8 ^ 2, 2 ^ 3 ^ 2, -2 ^ 2", new[] { "?column?:701/8/-1", "?column?:701/8/-1", "?column?:701/8/-1", "?column?:701/8/-1" }, new string?[] { "8", "4", "64", "4" })]
    // PG 15: bool:16/1/-1 | bool:16/1/-1 | bool:16/1/-1 | bool:16/1/-1 | bool:16/1/-1 -> 't' | 't' | 'f' | 't' | 't'
    [InlineData("select 'yes'::bool, ' T '::bool, 'of'::bool, '1'::bool, 'tr'::bool", new[] { "bool:16/1/-1", "bool:16/1/-1", "bool:16/1/-1", "bool:16/1/-1", "bool:16/1/-1" }, new string?[] { "t", "t", "f", "t", "t" })]
    // PG 15: bool:16/1/-1 | bool:16/1/-1 | int4:23/4/-1 -> 't' | 'f' | '1'
    [InlineData("select 1::bool, 0::bool, true::int", new[] { "bool:16/1/-1", "bool:16/1/-1", "int4:23/4/-1" }, new string?[] { "t", "f", "1" })]
    // PG 15: ?column?:25/-1/-1 | bpchar:1042/-1/5 | varchar:1043/-1/7 | length:23/4/-1 | ?column?:16/1/-1 -> 'xy' | 'a' | 'abc' | '2' | 't'
    [InlineData("select 'x'::char(3) || 'y', 'abc'::char, 'abcdef'::varchar(3), length('ab  '::char(4)), 'ab  '::char(4) = 'ab'", new[] { "?column?:25/-1/-1", "bpchar:1042/-1/5", "varchar:1043/-1/7", "length:23/4/-1", "?column?:16/1/-1" }, new string?[] { "xy", "a", "abc", "2", "t" })]
    // PG 15: text:25/-1/-1 | varchar:1043/-1/6 -> 'abc' | 'ab'
    [InlineData("select 'abcdef'::varchar(3)::text, cast('abcdef' as varchar(2))", new[] { "text:25/-1/-1", "varchar:1043/-1/6" }, new string?[] { "abc", "ab" })]
    // PG 15: abs:23/4/-1 -> '1'
    [InlineData("select pg_catalog.abs(1)", new[] { "abs:23/4/-1" }, new string?[] { "1" })]
    // PG 15: a:23/4/-1 | a:23/4/-1 -> '1' | '1'
    [InlineData("select 1 as a, 1 as a order by a", new[] { "a:23/4/-1", "a:23/4/-1" }, new string?[] { "1", "1" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 limit 1.5", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 'f' | 't'
    [InlineData("select 'a_c' like 'a\\_c', 'abc' like 'a\\_c', '%' like '\\%'", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "f", "t" })]
    // PG 15: coalesce:1700/-1/-1 | coalesce:25/-1/-1 | coalesce:25/-1/-1 | coalesce:20/8/-1 | coalesce:20/8/-1 -> '1' | NULL | 'a' | '1' | '1'
    [InlineData("select coalesce(1, 1.5, null), coalesce(null, null), coalesce('a', 'b'), coalesce(1::int8, 2), coalesce(1, 2::int8)", new[] { "coalesce:1700/-1/-1", "coalesce:25/-1/-1", "coalesce:25/-1/-1", "coalesce:20/8/-1", "coalesce:20/8/-1" }, new string?[] { "1", null, "a", "1", "1" })]
    // PG 15: case:25/-1/-1 | case:1700/-1/-1 | case:23/4/-1 -> 'one' | '2' | NULL
    [InlineData("select case 1 when 1 then 'one' when 2 then 'two' end, case when false then 1.5 else 2 end, case when null then 1 end", new[] { "case:25/-1/-1", "case:1700/-1/-1", "case:23/4/-1" }, new string?[] { "one", "2", null })]
    // PG 15: nullif:23/4/-1 | nullif:25/-1/-1 | nullif:23/4/-1 -> NULL | 'a' | NULL
    [InlineData("select nullif(1, 1), nullif('a', 'b'), nullif(1, '1')", new[] { "nullif:23/4/-1", "nullif:25/-1/-1", "nullif:23/4/-1" }, new string?[] { null, "a", null })]
    // PG 15: abs:21/2/-1 | abs:1700/-1/-1 | abs:700/4/-1 | abs:701/8/-1 -> '5' | '5.5' | '5' | '5'
    [InlineData("select abs(-5::int2), abs(-5.5), abs(-5::float4), abs('-5')", new[] { "abs:21/2/-1", "abs:1700/-1/-1", "abs:700/4/-1", "abs:701/8/-1" }, new string?[] { "5", "5.5", "5", "5" })]
    // PG 15: length:23/4/-1 | upper:25/-1/-1 | lower:25/-1/-1 | length:23/4/-1 -> '3' | 'ABC' | 'abc' | NULL
    [InlineData("select length('abc'), upper('abc'), lower('ABC'), length(null)", new[] { "length:23/4/-1", "upper:25/-1/-1", "lower:25/-1/-1", "length:23/4/-1" }, new string?[] { "3", "ABC", "abc", null })]
    // PG 15: abs:701/8/-1 -> NULL
    [InlineData("select abs(null)", new[] { "abs:701/8/-1" }, new string?[] { null })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | NULL | 't' | 't' | 't' | 't' | 't' | 't' | NULL
    [InlineData("select 1 in (1, 2), 1 not in (2, null), 'a' in ('b', 'a'), 1 between 0 and 2, 3 not between 0 and 2, 'abc' like 'a%', 'abc' not like 'b%', 'ABC' ilike 'a_c', null in (1)", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", null, "t", "t", "t", "t", "t", "t", null })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 limit null", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 limit all offset 0", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 where 't'", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: is:23/4/-1 -> '1'
    [InlineData("select 1 is", new[] { "is:23/4/-1" }, new string?[] { "1" })]
    // PG 15: between:23/4/-1 -> '1'
    [InlineData("select 1 between", new[] { "between:23/4/-1" }, new string?[] { "1" })]
    // PG 15: in:23/4/-1 -> '1'
    [InlineData("select 1 in", new[] { "in:23/4/-1" }, new string?[] { "1" })]
    // PG 15: not:23/4/-1 -> '1'
    [InlineData("select 1 not", new[] { "not:23/4/-1" }, new string?[] { "1" })]
    // PG 15: like:23/4/-1 -> '1'
    [InlineData("select 1 like", new[] { "like:23/4/-1" }, new string?[] { "1" })]
    // PG 15: not:23/4/-1 | in:23/4/-1 | between:23/4/-1 | like:23/4/-1 | ilike:23/4/-1 | similar:23/4/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> '1' | '2' | '3' | '4' | '5' | '6' | 'f' | 't'
    [InlineData("select 1 not, 2 in, 3 between, 4 like, 5 ilike, 6 similar, 7 isnull, 8 notnull", new[] { "not:23/4/-1", "in:23/4/-1", "between:23/4/-1", "like:23/4/-1", "ilike:23/4/-1", "similar:23/4/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "1", "2", "3", "4", "5", "6", "f", "t" })]
    // PG 15: at:23/4/-1 | collate:23/4/-1 | escape:23/4/-1 | asc:23/4/-1 | desc:23/4/-1 | value:23/4/-1 | true:23/4/-1 | null:23/4/-1 | user:23/4/-1 -> '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9'
    [InlineData("select 1 at, 2 collate, 3 escape, 4 asc, 5 desc, 6 value, 7 true, 8 null, 9 user", new[] { "at:23/4/-1", "collate:23/4/-1", "escape:23/4/-1", "asc:23/4/-1", "desc:23/4/-1", "value:23/4/-1", "true:23/4/-1", "null:23/4/-1", "user:23/4/-1" }, new string?[] { "1", "2", "3", "4", "5", "6", "7", "8", "9" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select @ 1", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 -> '2' | '2' | '1' | '-1'
    [InlineData("select 1 + + 1, 1 - - 1, - - 1, 1*-1", new[] { "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1" }, new string?[] { "2", "2", "1", "-1" })]
    // PG 15: ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 -> 'abc' | 'a3' | '3a'
    [InlineData("select 'a' || 'b' || 'c', 'a' || 1 + 2, 1 + 2 || 'a'", new[] { "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1" }, new string?[] { "abc", "a3", "3a" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:23/4/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 -> 'f' | 't' | 'f' | '5' | '12' | '4'
    [InlineData("select 1 = 2 is null, not 1 = 2, not null is null, 1 + 2 * 3 - 4 / 2 % 3, 2 ^ 2 * 3, -2 ^ 2", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:23/4/-1", "?column?:701/8/-1", "?column?:701/8/-1" }, new string?[] { "f", "t", "f", "5", "12", "4" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 't' | 'f' | 't'
    [InlineData("select true and false or true, true or false and false, not true and false, not (true and false)", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "t", "f", "t" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 't' | 't' | 't' | 't'
    [InlineData("select 1 <= 2, 2 >= 1, 1 <> 2, 1 != 2, 1 = 1", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "t", "t", "t", "t" })]
    // PG 15: text:25/-1/-1 -> 'a'
    [InlineData("select $$a$$::text", new[] { "text:25/-1/-1" }, new string?[] { "a" })]
    // PG 15: ?column?:25/-1/-1 -> 'ABCC4'
    [InlineData("select E'\\u0041\\U00000042\\x43\\1034'", new[] { "?column?:25/-1/-1" }, new string?[] { "ABCC4" })]
    // PG 15: ?column?:16/1/-1 -> 't'
    [InlineData("select E'\\uD83D\\uDE00' = U&'\\+01F600'", new[] { "?column?:16/1/-1" }, new string?[] { "t" })]
    // PG 15: ?column?:25/-1/-1 -> 'data'
    [InlineData("select U&'d!0061t!+000061' uescape '!'", new[] { "?column?:25/-1/-1" }, new string?[] { "data" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 -- comment", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:23/4/-1 -> '3'
    [InlineData("select 1 /* c */ + /* d */ 2", new[] { "?column?:23/4/-1" }, new string?[] { "3" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 --+ 2", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:16/1/-1 -> 't'
    [InlineData("select 3 <>- 2", new[] { "?column?:16/1/-1" }, new string?[] { "t" })]
    // PG 15: ?column?:16/1/-1 -> 'f'
    [InlineData("select 3 <=- 2", new[] { "?column?:16/1/-1" }, new string?[] { "f" })]
    // PG 15: ?column?:23/4/-1 -> '-2'
    [InlineData("select ~ 1", new[] { "?column?:23/4/-1" }, new string?[] { "-2" })]
    // PG 15: ?column?:23/4/-1 -> '3'
    [InlineData("select 1 # 2", new[] { "?column?:23/4/-1" }, new string?[] { "3" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 'f' | 't'
    [InlineData("select 'abc' ~~ 'a%', 'abc' !~~ 'a%', 'ABC' ~~* 'a%'", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "f", "t" })]
    // PG 15: ?column?:16/1/-1 -> 't'
    [InlineData("select current_timestamp(3) is not null", new[] { "?column?:16/1/-1" }, new string?[] { "t" })]
    // PG 15: ?column?:23/4/-1 | ?column?:1700/-1/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:701/8/-1 | ?column?:701/8/-1 | ?column?:20/8/-1 -> '1' | '1.5' | '-2' | '1' | '7' | '6' | '16' | '64' | '4' | '3.0000000000000004' | '1099511627776'
    [InlineData("select @ -1, @ -1.5, ~ 1, 5 & 3, 5 | 3, 5 # 3, 1 << 4, 256 >> 2, |/ 16, ||/ 27, 1::int8 << 40", new[] { "?column?:23/4/-1", "?column?:1700/-1/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:701/8/-1", "?column?:701/8/-1", "?column?:20/8/-1" }, new string?[] { "1", "1.5", "-2", "1", "7", "6", "16", "64", "4", "3.0000000000000004", "1099511627776" })]
    // PG 15: timestamptz:1184/8/-1 | timestamptz:1184/8/-1 | timestamptz:1184/8/-1 | timestamptz:1184/8/-1 | timestamptz:1184/8/-1 | timestamptz:1184/8/-1 | timestamptz:1184/8/-1 -> '2024-07-01 12:00:00.5+00' | '2024-01-01 12:00:00+00' | '2024-01-01 00:00:00+00' | '2024-01-01 10:00:00+00' | '2024-01-01 04:30:00.123457+00' | '2024-01-01 18:00:00+00' | '2024-01-01 10:00:00+00'
    [InlineData("select '2024-07-01 12:00:00.5+00'::timestamptz, '2024-01-01 12:00:00'::timestamptz, '2024-01-01'::timestamptz, '2024-01-01T10:00:00Z'::timestamptz, '2024-01-01 10:00:00.1234567+05:30'::timestamptz, '2024-01-01 10:00:00-08'::timestamptz, '2024-01-01 10:00:00 UTC'::timestamptz", new[] { "timestamptz:1184/8/-1", "timestamptz:1184/8/-1", "timestamptz:1184/8/-1", "timestamptz:1184/8/-1", "timestamptz:1184/8/-1", "timestamptz:1184/8/-1", "timestamptz:1184/8/-1" }, new string?[] { "2024-07-01 12:00:00.5+00", "2024-01-01 12:00:00+00", "2024-01-01 00:00:00+00", "2024-01-01 10:00:00+00", "2024-01-01 04:30:00.123457+00", "2024-01-01 18:00:00+00", "2024-01-01 10:00:00+00" })]
    // PG 15: timestamptz:1184/8/-1 | timestamptz:1184/8/-1 | timestamptz:1184/8/-1 -> 'infinity' | '-infinity' | '1970-01-01 00:00:00+00'
    [InlineData("select 'infinity'::timestamptz, '-infinity'::timestamptz, 'epoch'::timestamptz", new[] { "timestamptz:1184/8/-1", "timestamptz:1184/8/-1", "timestamptz:1184/8/-1" }, new string?[] { "infinity", "-infinity", "1970-01-01 00:00:00+00" })]
    // PG 15: timestamptz:1184/8/-1 | ?column?:1184/8/-1 | ?column?:1184/8/-1 -> '2024-03-01 00:00:00+00' | '2024-02-29 10:00:00+00' | '2024-02-29 10:00:00+00'
    [InlineData("select '2024-02-29 24:00:00+00'::timestamptz, '2024-01-31 10:00+00'::timestamptz + interval '1 month', '2024-03-31 10:00+00'::timestamptz - interval '1 mon'", new[] { "timestamptz:1184/8/-1", "?column?:1184/8/-1", "?column?:1184/8/-1" }, new string?[] { "2024-03-01 00:00:00+00", "2024-02-29 10:00:00+00", "2024-02-29 10:00:00+00" })]
    // PG 15: interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | interval:1186/16/-1 | ?column?:1186/16/-1 | ?column?:1186/16/-1 | ?column?:1186/16/-1 | ?column?:1186/16/-1 -> '1 day 12:00:00' | '1 mon 15 days' | '-1 days +02:00:00' | '1 day -02:00:00' | '-00:03:00' | '14 days' | '11 mons' | '25:00:00' | '00:00:01.5' | '00:00:00.1' | '08:00:00' | '15 days' | '1 day -01:00:00' | '-1 days'
    [InlineData("select interval '1.5 days', interval '1.5 months', interval '-1 day 2 hours', interval '1 day -2 hours', interval '@ 3 mins ago', interval '2 weeks', interval '1 year -1 month', interval '25:00:00', interval '1.5', interval '100 ms', interval '1 day' / 3, interval '1 mon' * 0.5, interval '1 day' - interval '1 hour', - interval '1 day'", new[] { "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "interval:1186/16/-1", "?column?:1186/16/-1", "?column?:1186/16/-1", "?column?:1186/16/-1", "?column?:1186/16/-1" }, new string?[] { "1 day 12:00:00", "1 mon 15 days", "-1 days +02:00:00", "1 day -02:00:00", "-00:03:00", "14 days", "11 mons", "25:00:00", "00:00:01.5", "00:00:00.1", "08:00:00", "15 days", "1 day -01:00:00", "-1 days" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 't' | 't'
    [InlineData("select interval '1 day' > interval '23 hours', interval '1 mon' = interval '30 days', interval '1 day' < interval '25 hours'", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "t", "t" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 't'
    [InlineData("select '2024-01-01 00:00:00+00'::timestamptz < '2024-01-02 00:00:00+00'::timestamptz, '2024-01-01 00:00:00+00'::timestamptz = '2024-01-01 01:00:00+01'::timestamptz", new[] { "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "t" })]
    // PG 15: timestamptz:1184/8/1 | timestamptz:1184/8/0 | text:25/-1/-1 -> '2024-01-01 12:34:56.8+00' | '2024-01-01 12:34:57+00' | '2024-01-01 12:34:56.789+00'
    [InlineData("select '2024-01-01 12:34:56.789+00'::timestamptz(1), '2024-01-01 12:34:56.789+00'::timestamptz(0), '2024-01-01 12:34:56.789+00'::timestamptz::text", new[] { "timestamptz:1184/8/1", "timestamptz:1184/8/0", "text:25/-1/-1" }, new string?[] { "2024-01-01 12:34:56.8+00", "2024-01-01 12:34:57+00", "2024-01-01 12:34:56.789+00" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 't' | 'f' | 't' | 't' | 'f' | 't' | NULL | NULL
    [InlineData("select 'abc' like 'a%', 'abc' like '_b_', 'abc' like 'ab', 'a%c' like 'a\\%c', 'ABC' ilike '%b%', 'abc' not ilike 'A%', 'é' like '_', null like 'a', 'a' like null", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "t", "f", "t", "t", "f", "t", null, null })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 'f' | 't' | 't' | NULL | 'f'
    [InlineData("select 1 in (1, 2.5), 1.5 in (1, 2), 'a' in ('a', null), 2 not in (1, 3), null not in (1), 1 not in (1, null)", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "f", "t", "t", null, "f" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 'f' | 't' | 't' | NULL
    [InlineData("select 1 between 1 and 1, 2 between 3 and 1, 'b' between 'a' and 'c', 1 not between 2 and 3, null between 1 and 2", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "f", "t", "t", null })]
    // PG 15: greatest:23/4/-1 | least:23/4/-1 | greatest:25/-1/-1 | greatest:1700/-1/-1 | least:23/4/-1 | greatest:25/-1/-1 -> '3' | '1' | 'b' | '2' | '1' | NULL
    [InlineData("select greatest(1, 2, 3), least(3, 1, 2), greatest('a', 'b'), greatest(1.5, 2), least(null, 1), greatest(null, null)", new[] { "greatest:23/4/-1", "least:23/4/-1", "greatest:25/-1/-1", "greatest:1700/-1/-1", "least:23/4/-1", "greatest:25/-1/-1" }, new string?[] { "3", "1", "b", "2", "1", null })]
    // PG 15: case:25/-1/-1 | case:25/-1/-1 | case:23/4/-1 -> 'b' | NULL | '1'
    [InlineData("select case 1 when 2 then 'a' when 1 then 'b' else 'c' end, case when 1 > 2 then 'x' end, case 'a' when 'a' then 1 end", new[] { "case:25/-1/-1", "case:25/-1/-1", "case:23/4/-1" }, new string?[] { "b", null, "1" })]
    // PG 15: case:23/4/-1 | case:23/4/-1 -> '1' | '1'
    [InlineData("select case when true then 1 else 1/0 end, case when false then 1/0 else 1 end", new[] { "case:23/4/-1", "case:23/4/-1" }, new string?[] { "1", "1" })]
    // PG 15: coalesce:23/4/-1 -> '1'
    [InlineData("select coalesce(null, 1, 1/0)", new[] { "coalesce:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> NULL | 'f' | 't' | NULL | NULL | 'f'
    [InlineData("select true and null, false and null, true or null, false or null, not null::bool, null and false", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { null, "f", "t", null, null, "f" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 'f' | 't' | 't'
    [InlineData("select 1 is distinct from null, null is distinct from null, 1 is not distinct from 1, 'a' is distinct from 'b'", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "f", "t", "t" })]
    // PG 15: nullif:1700/-1/-1 | nullif:1700/-1/-1 | nullif:25/-1/-1 | nullif:23/4/-1 -> NULL | '1.5' | NULL | NULL
    [InlineData("select nullif(1, 1.0), nullif(1.5, 1), nullif('a'::text, 'a'), nullif(null, 1)", new[] { "nullif:1700/-1/-1", "nullif:1700/-1/-1", "nullif:25/-1/-1", "nullif:23/4/-1" }, new string?[] { null, "1.5", null, null })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 't' | 't' | 't' | 't' | 'f' | 't'
    [InlineData("select true is true, false is not true, null is unknown, true is not unknown, null is false, null is not false", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "t", "t", "t", "t", "f", "t" })]
    // PG 15: text:25/-1/-1 | text:25/-1/-1 | text:25/-1/-1 | text:25/-1/-1 | text:25/-1/-1 | ?column?:23/4/-1 | ?column?:25/-1/-1 -> '1' | '1.50' | 'true' | 'a' | '1' | '2' | '12'
    [InlineData("select 1::text, 1.50::text, true::text, 'a'::name::text, 1::float8::text, '1'::text::int + 1, 1::text || 2::text", new[] { "text:25/-1/-1", "text:25/-1/-1", "text:25/-1/-1", "text:25/-1/-1", "text:25/-1/-1", "?column?:23/4/-1", "?column?:25/-1/-1" }, new string?[] { "1", "1.50", "true", "a", "1", "2", "12" })]
    // PG 15: ?column?:1700/-1/-1 | ?column?:701/8/-1 | ?column?:23/4/-1 | ?column?:23/4/-1 | ?column?:1700/-1/-1 | ?column?:20/8/-1 -> '2.5000000000000000' | '2.5' | '2' | '-2' | '0.5' | '3'
    [InlineData("select 5 / 2.0, 5::float8 / 2, 5 % 3, -5 % 3, 5.5 % 2.5, 10::int8 / 3::int2", new[] { "?column?:1700/-1/-1", "?column?:701/8/-1", "?column?:23/4/-1", "?column?:23/4/-1", "?column?:1700/-1/-1", "?column?:20/8/-1" }, new string?[] { "2.5000000000000000", "2.5", "2", "-2", "0.5", "3" })]
    // PG 15: numeric:1700/-1/327686 | numeric:1700/-1/65540 | ?column?:1700/-1/-1 | numeric:1700/-1/131077 -> '100.00' | '1' | '-1' | '0.1'
    [InlineData("select 99.995::numeric(5,2), 0.5::numeric(1,0), -0.5::numeric(1,0), 0.05::numeric(2,1)", new[] { "numeric:1700/-1/327686", "numeric:1700/-1/65540", "?column?:1700/-1/-1", "numeric:1700/-1/131077" }, new string?[] { "100.00", "1", "-1", "0.1" })]
    // PG 15: float4:700/4/-1 | float8:701/8/-1 | float4:700/4/-1 | ?column?:700/4/-1 | ?column?:1700/-1/-1 | ?column?:701/8/-1 -> '1.1' | '1.100000023841858' | '1.6777216e+07' | '0.3' | '0.3' | '0.30000000000000004'
    [InlineData("select 1.1::float4, 1.1::float4::float8, 16777217::float4, 0.1::float4 + 0.2::float4, 0.1 + 0.2, 0.1::float8 + 0.2::float8", new[] { "float4:700/4/-1", "float8:701/8/-1", "float4:700/4/-1", "?column?:700/4/-1", "?column?:1700/-1/-1", "?column?:701/8/-1" }, new string?[] { "1.1", "1.100000023841858", "1.6777216e+07", "0.3", "0.3", "0.30000000000000004" })]
    // PG 15: length:23/4/-1 | octet_length:23/4/-1 | char_length:23/4/-1 | upper:25/-1/-1 | lower:25/-1/-1 -> '5' | '6' | '3' | 'HÉLLO' | 'àb'
    [InlineData("select length('héllo'), octet_length('héllo'), char_length('abc'), upper('héllo'), lower('ÀB')", new[] { "length:23/4/-1", "octet_length:23/4/-1", "char_length:23/4/-1", "upper:25/-1/-1", "lower:25/-1/-1" }, new string?[] { "5", "6", "3", "HÉLLO", "àb" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 -> 'f' | 't' | 't' | 't' | 't' | 't'
    [InlineData("select 'a' < 'B', 'a' < 'b', 'Z' < 'a', 'é' > 'z', '' < 'a', 'ab' > 'a'", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1" }, new string?[] { "f", "t", "t", "t", "t", "t" })]
    // PG 15: ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:16/1/-1 | ?column?:25/-1/-1 | length:23/4/-1 -> 't' | 't' | 't' | 'abc' | '2'
    [InlineData("select 'a'::name = 'a', 'a'::varchar = 'a'::text, 'ab '::char(3) = 'ab', 'ab'::char(3) || 'c', length('ab'::char(5))", new[] { "?column?:16/1/-1", "?column?:16/1/-1", "?column?:16/1/-1", "?column?:25/-1/-1", "length:23/4/-1" }, new string?[] { "t", "t", "t", "abc", "2" })]
    // PG 15: ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 | ?column?:25/-1/-1 -> 'truea' | 'truea' | '1.5x' | '1 dayx' | 'x12.5'
    [InlineData("select true::text || 'a', true || 'a', 1.5 || 'x', interval '1 day' || 'x', 'x' || 1::int8 || 2.5", new[] { "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1", "?column?:25/-1/-1" }, new string?[] { "truea", "truea", "1.5x", "1 dayx", "x12.5" })]
    // PG 15: select:23/4/-1 | from:23/4/-1 | "x":23/4/-1 -> '1' | '2' | '3'
    [InlineData("select 1 as \"select\", 2 as from, 3 as \"\"\"x\"\"\"", new[] { "select:23/4/-1", "from:23/4/-1", "\"x\":23/4/-1" }, new string?[] { "1", "2", "3" })]
    // PG 15: text:25/-1/-1 | ?column?:25/-1/-1 -> '2024-06-01 12:00:00+00' | '1a'
    [InlineData("select '2024-06-01 12:00:00+00'::timestamptz::text, 1::oid || 'a'", new[] { "text:25/-1/-1", "?column?:25/-1/-1" }, new string?[] { "2024-06-01 12:00:00+00", "1a" })]
    // PG 15: is:23/4/-1 | ?column?:23/4/-1 -> '1' | '2'
    [InlineData("select 1 is, (2)", new[] { "is:23/4/-1", "?column?:23/4/-1" }, new string?[] { "1", "2" })]
    // PG 15: ×:23/4/-1 -> '1'
    [InlineData("select 1 ×", new[] { "×:23/4/-1" }, new string?[] { "1" })]
    // PG 15: int4:23/4/-1 -> '1'
    [InlineData("select 1 :: int", new[] { "int4:23/4/-1" }, new string?[] { "1" })]
    // PG 15: ?column?:23/4/-1 -> '1'
    [InlineData("select 1 -- trailing", new[] { "?column?:23/4/-1" }, new string?[] { "1" })]
    // </generated>
    public async Task Select_should_describe_and_return_what_PostgreSQL_does(string sql, string[] columns, string?[] values)
    {
        var environment = new SqlTestEnvironment();
        var result = await SqlRunner.QueryAsync(sql, environment);

        Assert.Equal(columns, result.Columns.Select(SqlRunner.Describe));
        var row = Assert.Single(result.Rows);
        Assert.Equal(values, row.Select((v, i) => result.Columns[i].Format(v, environment.TimeZone)));
        Assert.Equal("SELECT 1", result.CommandTag);
    }
}
