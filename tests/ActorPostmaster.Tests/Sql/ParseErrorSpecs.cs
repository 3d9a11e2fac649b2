using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// Malformed query text fails in SqlParser.Parse with PostgreSQL 15's SQLSTATE, message and 1-based character
/// position. Every case was run against a real PostgreSQL 15 server; its answer is the comment above the case.
/// </summary>
public sealed class ParseErrorSpecs
{
    [Theory]
    // <generated>
    // PG 15: 42601 syntax error at or near "selec" P=1
    [InlineData("selec 1", "42601", "syntax error at or near \"selec\"", null, null, 1)]
    // PG 15: 42601 unterminated quoted string at or near "'abc" P=8
    [InlineData("select 'abc", "42601", "unterminated quoted string at or near \"'abc\"", null, null, 8)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("select 1 +", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 trailing junk after numeric literal at or near "1e" P=8
    [InlineData("select 1e", "42601", "trailing junk after numeric literal at or near \"1e\"", null, null, 8)]
    // PG 15: 42601 trailing junk after numeric literal at or near "1e+" P=8
    [InlineData("select 1e+", "42601", "trailing junk after numeric literal at or near \"1e+\"", null, null, 8)]
    // PG 15: 42601 trailing junk after numeric literal at or near "1abc" P=8
    [InlineData("select 1abc", "42601", "trailing junk after numeric literal at or near \"1abc\"", null, null, 8)]
    // PG 15: 42601 trailing junk after numeric literal at or near "1.5x" P=8
    [InlineData("select 1.5x", "42601", "trailing junk after numeric literal at or near \"1.5x\"", null, null, 8)]
    // PG 15: 42601 trailing junk after numeric literal at or near "0x1f" P=8
    [InlineData("select 0x1f", "42601", "trailing junk after numeric literal at or near \"0x1f\"", null, null, 8)]
    // PG 15: 42601 trailing junk after parameter at or near "$1abc" P=8
    [InlineData("select $1abc", "42601", "trailing junk after parameter at or near \"$1abc\"", null, null, 8)]
    // PG 15: 42601 syntax error at or near ".." P=9
    [InlineData("select 1..2", "42601", "syntax error at or near \"..\"", null, null, 9)]
    // PG 15: 42601 syntax error at or near "'b'" P=12
    [InlineData("select 'a' 'b'", "42601", "syntax error at or near \"'b'\"", null, null, 12)]
    // PG 15: 42601 zero-length delimited identifier at or near """" P=8
    [InlineData("select \"\"", "42601", "zero-length delimited identifier at or near \"\"\"\"", null, null, 8)]
    // PG 15: 42601 unterminated quoted identifier at or near ""abc" P=8
    [InlineData("select \"abc", "42601", "unterminated quoted identifier at or near \"\"abc\"", null, null, 8)]
    // PG 15: 42601 unterminated /* comment at or near "/* abc" P=8
    [InlineData("select /* abc", "42601", "unterminated /* comment at or near \"/* abc\"", null, null, 8)]
    // PG 15: 42601 unterminated /* comment at or near "/* a /* b */ c" P=8
    [InlineData("select /* a /* b */ c", "42601", "unterminated /* comment at or near \"/* a /* b */ c\"", null, null, 8)]
    // PG 15: 42601 syntax error at end of input P=14
    [InlineData("select 1 +   ", "42601", "syntax error at end of input", null, null, 14)]
    // PG 15: 42601 unterminated dollar-quoted string at or near "$$abc" P=8
    [InlineData("select $$abc", "42601", "unterminated dollar-quoted string at or near \"$$abc\"", null, null, 8)]
    // PG 15: 42601 unterminated dollar-quoted string at or near "$a$abc$b$" P=8
    [InlineData("select $a$abc$b$", "42601", "unterminated dollar-quoted string at or near \"$a$abc$b$\"", null, null, 8)]
    // PG 15: 42601 syntax error at or near "$" P=8
    [InlineData("select $abc", "42601", "syntax error at or near \"$\"", null, null, 8)]
    // PG 15: 22025 invalid Unicode escape HINT: Unicode escapes must be \uXXXX or \UXXXXXXXX. P=10
    [InlineData("select E'\\u00'", "22025", "invalid Unicode escape", "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.", null, 10)]
    // PG 15: 22021 invalid byte sequence for encoding "UTF8": 0x00
    [InlineData("select E'\\0'", "22021", "invalid byte sequence for encoding \"UTF8\": 0x00", null, null, null)]
    // PG 15: 22021 invalid byte sequence for encoding "UTF8": 0x80
    [InlineData("select E'\\200'", "22021", "invalid byte sequence for encoding \"UTF8\": 0x80", null, null, null)]
    // PG 15: 42601 syntax error at end of input P=15
    [InlineData("select 'éé' + ", "42601", "syntax error at end of input", null, null, 15)]
    // PG 15: 42601 unterminated quoted string at or near "e'abc" P=8
    [InlineData("select e'abc", "42601", "unterminated quoted string at or near \"e'abc\"", null, null, 8)]
    // PG 15: 42601 syntax error at or near "$$b$$" P=13
    [InlineData("select $$a$$$$b$$", "42601", "syntax error at or near \"$$b$$\"", null, null, 13)]
    // PG 15: 42601 syntax error at or near "<" P=14
    [InlineData("select 1 < 2 < 3", "42601", "syntax error at or near \"<\"", null, null, 14)]
    // PG 15: 42601 syntax error at or near "=" P=14
    [InlineData("select 1 = 1 = true", "42601", "syntax error at or near \"=\"", null, null, 14)]
    // PG 15: 22023 precision for type float must be at least 1 bit P=17
    [InlineData("select 1::float(0)", "22023", "precision for type float must be at least 1 bit", null, null, 17)]
    // PG 15: 22023 precision for type float must be less than 54 bits P=17
    [InlineData("select 1::float(54)", "22023", "precision for type float must be less than 54 bits", null, null, 17)]
    // PG 15: 42601 syntax error at or near "(" P=14
    [InlineData("select 1::int(3)", "42601", "syntax error at or near \"(\"", null, null, 14)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("select from", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at or near "select" P=8
    [InlineData("select select", "42601", "syntax error at or near \"select\"", null, null, 8)]
    // PG 15: 42601 syntax error at end of input P=13
    [InlineData("select where", "42601", "syntax error at end of input", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=14
    [InlineData("select 1 from", "42601", "syntax error at end of input", null, null, 14)]
    // PG 15: 42601 syntax error at end of input P=15
    [InlineData("select 1 where", "42601", "syntax error at end of input", null, null, 15)]
    // PG 15: 42601 syntax error at end of input P=15
    [InlineData("select 1 order", "42601", "syntax error at end of input", null, null, 15)]
    // PG 15: 42601 syntax error at end of input P=18
    [InlineData("select 1 order by", "42601", "syntax error at end of input", null, null, 18)]
    // PG 15: 42601 syntax error at end of input P=15
    [InlineData("select 1 limit", "42601", "syntax error at end of input", null, null, 15)]
    // PG 15: 42601 syntax error at end of input P=16
    [InlineData("select 1 offset", "42601", "syntax error at end of input", null, null, 16)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("select (1", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at or near ")" P=9
    [InlineData("select 1)", "42601", "syntax error at or near \")\"", null, null, 9)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("select (1,", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("select f(", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("select f(1", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("select f(1,", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at or near "2" P=12
    [InlineData("select f(1 2)", "42601", "syntax error at or near \"2\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "2" P=10
    [InlineData("select 1 2", "42601", "syntax error at or near \"2\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "," P=8
    [InlineData("select ,1", "42601", "syntax error at or near \",\"", null, null, 8)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("select 1,", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at or near "," P=10
    [InlineData("select 1,,2", "42601", "syntax error at or near \",\"", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=14
    [InlineData("select * from", "42601", "syntax error at end of input", null, null, 14)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("select a.", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("select a.b.", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("select 1::", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 syntax error at end of input P=16
    [InlineData("select 1::int::", "42601", "syntax error at end of input", null, null, 16)]
    // PG 15: 42601 syntax error at or near ")" P=17
    [InlineData("select cast(1 as)", "42601", "syntax error at or near \")\"", null, null, 17)]
    // PG 15: 42601 syntax error at or near ")" P=14
    [InlineData("select cast(1)", "42601", "syntax error at or near \")\"", null, null, 14)]
    // PG 15: 42601 syntax error at or near "1" P=13
    [InlineData("select cast 1", "42601", "syntax error at or near \"1\"", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("select case", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at end of input P=17
    [InlineData("select case when", "42601", "syntax error at end of input", null, null, 17)]
    // PG 15: 42601 syntax error at end of input P=22
    [InlineData("select case when true", "42601", "syntax error at end of input", null, null, 22)]
    // PG 15: 42601 syntax error at end of input P=27
    [InlineData("select case when true then", "42601", "syntax error at end of input", null, null, 27)]
    // PG 15: 42601 syntax error at end of input P=29
    [InlineData("select case when true then 1", "42601", "syntax error at end of input", null, null, 29)]
    // PG 15: 42601 syntax error at end of input P=34
    [InlineData("select case when true then 1 else", "42601", "syntax error at end of input", null, null, 34)]
    // PG 15: 42601 syntax error at or near "end" P=13
    [InlineData("select case end", "42601", "syntax error at or near \"end\"", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=16
    [InlineData("select 1 is not", "42601", "syntax error at end of input", null, null, 16)]
    // PG 15: 42601 syntax error at or near "foo" P=13
    [InlineData("select 1 is foo", "42601", "syntax error at or near \"foo\"", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=19
    [InlineData("select 1 between 2", "42601", "syntax error at end of input", null, null, 19)]
    // PG 15: 42601 syntax error at end of input P=23
    [InlineData("select 1 between 2 and", "42601", "syntax error at end of input", null, null, 23)]
    // PG 15: 42601 syntax error at end of input P=14
    [InlineData("select 1 in (", "42601", "syntax error at end of input", null, null, 14)]
    // PG 15: 42601 syntax error at or near ")" P=14
    [InlineData("select 1 in ()", "42601", "syntax error at or near \")\"", null, null, 14)]
    // PG 15: 42601 syntax error at or near ")" P=17
    [InlineData("select coalesce()", "42601", "syntax error at or near \")\"", null, null, 17)]
    // PG 15: 42601 syntax error at end of input P=17
    [InlineData("select coalesce(", "42601", "syntax error at end of input", null, null, 17)]
    // PG 15: 42601 syntax error at or near ")" P=16
    [InlineData("select nullif(1)", "42601", "syntax error at or near \")\"", null, null, 16)]
    // PG 15: 42601 syntax error at or near "1" P=10
    [InlineData("select * 1", "42601", "syntax error at or near \"1\"", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("select 1 as", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at or near "2" P=13
    [InlineData("select 1 as 2", "42601", "syntax error at or near \"2\"", null, null, 13)]
    // PG 15: 42601 syntax error at or near "1" P=15
    [InlineData("select 1 from 1", "42601", "syntax error at or near \"1\"", null, null, 15)]
    // PG 15: 42601 syntax error at end of input P=37
    [InlineData("select 1 from pg_stat_activity where", "42601", "syntax error at end of input", null, null, 37)]
    // PG 15: 42601 syntax error at or near "b" P=34
    [InlineData("select 1 from pg_stat_activity a b", "42601", "syntax error at or near \"b\"", null, null, 34)]
    // PG 15: 42601 syntax error at or near "limit" P=18
    [InlineData("select 1 limit 1 limit 2", "42601", "syntax error at or near \"limit\"", null, null, 18)]
    // PG 15: 42601 LIMIT #,# syntax is not supported HINT: Use separate LIMIT and OFFSET clauses. P=10
    [InlineData("select 1 limit 1, 2", "42601", "LIMIT #,# syntax is not supported", "Use separate LIMIT and OFFSET clauses.", null, 10)]
    // PG 15: 42601 syntax error at or near "year" P=10
    [InlineData("select 1 year", "42601", "syntax error at or near \"year\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "overlaps" P=10
    [InlineData("select 1 overlaps", "42601", "syntax error at or near \"overlaps\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "precision" P=10
    [InlineData("select 1 precision", "42601", "syntax error at or near \"precision\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "day" P=10
    [InlineData("select 1 day", "42601", "syntax error at or near \"day\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "(" P=11
    [InlineData("select int(1)", "42601", "syntax error at or near \"(\"", null, null, 11)]
    // PG 15: 42601 syntax error at or near "1" P=12
    [InlineData("select int 1", "42601", "syntax error at or near \"1\"", null, null, 12)]
    // PG 15: 42601 syntax error at end of input P=24
    [InlineData("select double precision", "42601", "syntax error at end of input", null, null, 24)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("select 1 !", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 syntax error at or near "=" P=14
    [InlineData("select 1 < 2 = true", "42601", "syntax error at or near \"=\"", null, null, 14)]
    // PG 15: 42601 invalid Unicode surrogate pair at or near "'" P=16
    [InlineData("select E'\\uD83D'", "42601", "invalid Unicode surrogate pair at or near \"'\"", null, null, 16)]
    // PG 15: 42601 invalid Unicode escape HINT: Unicode escapes must be \XXXX or \+XXXXXX. P=11
    [InlineData("select U&'\\00'", "42601", "invalid Unicode escape", "Unicode escapes must be \\XXXX or \\+XXXXXX.", null, 11)]
    // PG 15: 42601 invalid Unicode escape character at or near "'a'" P=28
    [InlineData("select U&'d\\0061t' uescape 'a'", "42601", "invalid Unicode escape character at or near \"'a'\"", null, null, 28)]
    // PG 15: 42601 syntax error at or near "'bar'" P=18
    [InlineData("select 'foo'     'bar'", "42601", "syntax error at or near \"'bar'\"", null, null, 18)]
    // PG 15: 42601 syntax error at or near "2" P=16
    [InlineData("select 1 /*+*/ 2", "42601", "syntax error at or near \"2\"", null, null, 16)]
    // PG 15: 42601 invalid Unicode surrogate pair at or near "a" P=16
    [InlineData("select E'\\uD83Dabc'", "42601", "invalid Unicode surrogate pair at or near \"a\"", null, null, 16)]
    // PG 15: 42601 invalid Unicode surrogate pair at or near "\uDE00" P=10
    [InlineData("select E'\\uDE00'", "42601", "invalid Unicode surrogate pair at or near \"\\uDE00\"", null, null, 10)]
    // PG 15: 42601 invalid Unicode surrogate pair at or near "\u0041" P=16
    [InlineData("select E'\\uD83D\\u0041'", "42601", "invalid Unicode surrogate pair at or near \"\\u0041\"", null, null, 16)]
    // PG 15: 42601 invalid Unicode surrogate pair P=16
    [InlineData("select U&'\\D83D'", "42601", "invalid Unicode surrogate pair", null, null, 16)]
    // PG 15: 42601 invalid Unicode surrogate pair P=16
    [InlineData("select U&'\\D83Dx'", "42601", "invalid Unicode surrogate pair", null, null, 16)]
    // PG 15: 42601 invalid Unicode surrogate pair P=11
    [InlineData("select U&'\\DE00'", "42601", "invalid Unicode surrogate pair", null, null, 11)]
    // PG 15: 42601 invalid Unicode surrogate pair P=16
    [InlineData("select U&'\\D83D\\0041'", "42601", "invalid Unicode surrogate pair", null, null, 16)]
    // PG 15: 42601 invalid Unicode escape value P=11
    [InlineData("select U&'\\+110000'", "42601", "invalid Unicode escape value", null, null, 11)]
    // PG 15: 42601 invalid Unicode escape value P=11
    [InlineData("select U&'\\0000'", "42601", "invalid Unicode escape value", null, null, 11)]
    // PG 15: 42601 invalid Unicode escape value at or near "\U00110000" P=10
    [InlineData("select E'\\U00110000'", "42601", "invalid Unicode escape value at or near \"\\U00110000\"", null, null, 10)]
    // PG 15: 42601 invalid Unicode escape value at or near "\u0000" P=10
    [InlineData("select E'\\u0000'", "42601", "invalid Unicode escape value at or near \"\\u0000\"", null, null, 10)]
    // PG 15: 42601 invalid Unicode escape value P=11
    [InlineData("select U&\"\\0000\"", "42601", "invalid Unicode escape value", null, null, 11)]
    // PG 15: 42601 UESCAPE must be followed by a simple string literal at end of input P=21
    [InlineData("select U&'a' uescape", "42601", "UESCAPE must be followed by a simple string literal at end of input", null, null, 21)]
    // PG 15: 42601 invalid Unicode escape character at or near "'ab'" P=22
    [InlineData("select U&'a' uescape 'ab'", "42601", "invalid Unicode escape character at or near \"'ab'\"", null, null, 22)]
    // PG 15: 42601 invalid Unicode escape character at or near "'+'" P=22
    [InlineData("select U&'a' uescape '+'", "42601", "invalid Unicode escape character at or near \"'+'\"", null, null, 22)]
    // PG 15: 42601 UESCAPE must be followed by a simple string literal at or near "1" P=22
    [InlineData("select U&'a' uescape 1", "42601", "UESCAPE must be followed by a simple string literal at or near \"1\"", null, null, 22)]
    // PG 15: 42601 syntax error at or near "'!'" P=20
    [InlineData("select 'a' uescape '!'", "42601", "syntax error at or near \"'!'\"", null, null, 20)]
    // PG 15: 42601 syntax error at end of input P=13
    [InlineData("select (1, 2", "42601", "syntax error at end of input", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=17
    [InlineData("select (select 1", "42601", "syntax error at end of input", null, null, 17)]
    // PG 15: 42601 syntax error at end of input P=23
    [InlineData("select 1 = any(array[1", "42601", "syntax error at end of input", null, null, 23)]
    // PG 15: 42601 syntax error at end of input P=15
    [InlineData("select count(*", "42601", "syntax error at end of input", null, null, 15)]
    // PG 15: 42601 syntax error at end of input P=19
    [InlineData("select f(1) over (", "42601", "syntax error at end of input", null, null, 19)]
    // PG 15: 42601 syntax error at end of input P=21
    [InlineData("select 1; select (1,", "42601", "syntax error at end of input", null, null, 21)]
    // PG 15: 42601 syntax error at end of input P=24
    [InlineData("insert into t values (1", "42601", "syntax error at end of input", null, null, 24)]
    // PG 15: 42601 syntax error at end of input P=22
    [InlineData("create table t (a int", "42601", "syntax error at end of input", null, null, 22)]
    // PG 15: 42601 syntax error at end of input P=54
    [InlineData("select 1 from pg_stat_activity a join b on (a.x = b.y", "42601", "syntax error at end of input", null, null, 54)]
    // PG 15: 42601 syntax error at end of input P=9
    [InlineData("set my.x", "42601", "syntax error at end of input", null, null, 9)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("set my.x = ", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at or near "=" P=5
    [InlineData("set = 1", "42601", "syntax error at or near \"=\"", null, null, 5)]
    // PG 15: 42601 syntax error at end of input P=13
    [InlineData("set my.x = -", "42601", "syntax error at end of input", null, null, 13)]
    // PG 15: 42601 syntax error at or near "'a'" P=14
    [InlineData("set my.x = - 'a'", "42601", "syntax error at or near \"'a'\"", null, null, 14)]
    // PG 15: 42601 syntax error at or near "null" P=12
    [InlineData("set my.x = null", "42601", "syntax error at or near \"null\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "+" P=14
    [InlineData("set my.x = 1 + 1", "42601", "syntax error at or near \"+\"", null, null, 14)]
    // PG 15: 42601 syntax error at or near "." P=13
    [InlineData("set my.x = a.b", "42601", "syntax error at or near \".\"", null, null, 13)]
    // PG 15: 42601 syntax error at or near "select" P=12
    [InlineData("set my.x = select", "42601", "syntax error at or near \"select\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "from" P=12
    [InlineData("set my.x = from", "42601", "syntax error at or near \"from\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "user" P=12
    [InlineData("set my.x = user", "42601", "syntax error at or near \"user\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "on" P=15
    [InlineData("set time zone on", "42601", "syntax error at or near \"on\"", null, null, 15)]
    // PG 15: 42601 syntax error at end of input P=14
    [InlineData("set time zone", "42601", "syntax error at end of input", null, null, 14)]
    // PG 15: 42601 syntax error at or near "utf8" P=11
    [InlineData("set names utf8", "42601", "syntax error at or near \"utf8\"", null, null, 11)]
    // PG 15: 42601 syntax error at or near "public" P=12
    [InlineData("set schema public", "42601", "syntax error at or near \"public\"", null, null, 12)]
    // PG 15: 42601 syntax error at end of input P=21
    [InlineData("set transaction read", "42601", "syntax error at end of input", null, null, 21)]
    // PG 15: 42601 syntax error at end of input P=16
    [InlineData("set transaction", "42601", "syntax error at end of input", null, null, 16)]
    // PG 15: 42601 syntax error at end of input P=43
    [InlineData("set session characteristics as transaction", "42601", "syntax error at end of input", null, null, 43)]
    // PG 15: 42601 syntax error at or near "foo" P=16
    [InlineData("set xml option foo", "42601", "syntax error at or near \"foo\"", null, null, 16)]
    // PG 15: 0A000 current database cannot be changed P=13
    [InlineData("set catalog 'x'", "0A000", "current database cannot be changed", null, null, 13)]
    // PG 15: 42601 syntax error at or near "x" P=13
    [InlineData("set catalog x", "42601", "syntax error at or near \"x\"", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=21
    [InlineData("set search_path = a,", "42601", "syntax error at end of input", null, null, 21)]
    // PG 15: 42601 syntax error at end of input P=4
    [InlineData("set", "42601", "syntax error at end of input", null, null, 4)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("set local", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("set session", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at or near "1" P=5
    [InlineData("set 1 = 1", "42601", "syntax error at or near \"1\"", null, null, 5)]
    // PG 15: 42601 syntax error at end of input P=6
    [InlineData("reset", "42601", "syntax error at end of input", null, null, 6)]
    // PG 15: 42601 syntax error at or near "," P=11
    [InlineData("reset my.x, my.y", "42601", "syntax error at or near \",\"", null, null, 11)]
    // PG 15: 42601 syntax error at end of input P=5
    [InlineData("show", "42601", "syntax error at end of input", null, null, 5)]
    // PG 15: 42601 syntax error at or near "1" P=6
    [InlineData("show 1", "42601", "syntax error at or near \"1\"", null, null, 6)]
    // PG 15: 42601 syntax error at or near "x" P=15
    [InlineData("show timezone x", "42601", "syntax error at or near \"x\"", null, null, 15)]
    // PG 15: 42601 syntax error at or near "x" P=10
    [InlineData("show all x", "42601", "syntax error at or near \"x\"", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=27
    [InlineData("begin work isolation level", "42601", "syntax error at end of input", null, null, 27)]
    // PG 15: 42601 syntax error at or near "foo" P=35
    [InlineData("begin transaction isolation level foo", "42601", "syntax error at or near \"foo\"", null, null, 35)]
    // PG 15: 42601 syntax error at end of input P=27
    [InlineData("begin isolation level read", "42601", "syntax error at end of input", null, null, 27)]
    // PG 15: 42601 syntax error at end of input P=33
    [InlineData("begin isolation level repeatable", "42601", "syntax error at end of input", null, null, 33)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("begin not", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=6
    [InlineData("start", "42601", "syntax error at end of input", null, null, 6)]
    // PG 15: 42601 syntax error at or near "work" P=7
    [InlineData("start work", "42601", "syntax error at or near \"work\"", null, null, 7)]
    // PG 15: 42601 syntax error at or near "work" P=12
    [InlineData("begin work work", "42601", "syntax error at or near \"work\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "transaction" P=13
    [InlineData("commit work transaction", "42601", "syntax error at or near \"transaction\"", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("commit and", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 syntax error at end of input P=14
    [InlineData("commit and no", "42601", "syntax error at end of input", null, null, 14)]
    // PG 15: 42601 syntax error at end of input P=12
    [InlineData("rollback to", "42601", "syntax error at end of input", null, null, 12)]
    // PG 15: 42601 syntax error at end of input P=10
    [InlineData("savepoint", "42601", "syntax error at end of input", null, null, 10)]
    // PG 15: 42601 syntax error at end of input P=8
    [InlineData("release", "42601", "syntax error at end of input", null, null, 8)]
    // PG 15: 42601 syntax error at or near "now" P=12
    [InlineData("checkpoint now", "42601", "syntax error at or near \"now\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "foo" P=9
    [InlineData("discard foo", "42601", "syntax error at or near \"foo\"", null, null, 9)]
    // PG 15: 42601 syntax error at end of input P=8
    [InlineData("discard", "42601", "syntax error at end of input", null, null, 8)]
    // PG 15: 42601 syntax error at or near "foo" P=1
    [InlineData("foo bar", "42601", "syntax error at or near \"foo\"", null, null, 1)]
    // PG 15: 42601 syntax error at or near "foo" P=5
    [InlineData("end foo", "42601", "syntax error at or near \"foo\"", null, null, 5)]
    // PG 15: 42601 syntax error at end of input P=20
    [InlineData("select 1 where 1 is", "42601", "syntax error at end of input", null, null, 20)]
    // PG 15: 42601 syntax error at or near ")" P=16
    [InlineData("select abs(1 is)", "42601", "syntax error at or near \")\"", null, null, 16)]
    // PG 15: 42601 syntax error at end of input P=23
    [InlineData("select 1 order by 1 is", "42601", "syntax error at end of input", null, null, 23)]
    // PG 15: 42601 syntax error at or near ")" P=13
    [InlineData("select (1 is)", "42601", "syntax error at or near \")\"", null, null, 13)]
    // PG 15: 42601 syntax error at end of input P=44
    [InlineData("select 1 from pg_stat_activity where pid in", "42601", "syntax error at end of input", null, null, 44)]
    // PG 15: 42601 syntax error at end of input P=21
    [InlineData("select 1 limit 1 and", "42601", "syntax error at end of input", null, null, 21)]
    // PG 15: 42601 syntax error at or near "end" P=23
    [InlineData("select case when 1 is end", "42601", "syntax error at or near \"end\"", null, null, 23)]
    // PG 15: 42601 syntax error at or near "" P=9
    [InlineData("select 1\u000b", "42601", "syntax error at or near \"\u000b\"", null, null, 9)]
    // PG 15: 42601 syntax error at end of input P=11
    [InlineData("select 1 ?", "42601", "syntax error at end of input", null, null, 11)]
    // PG 15: 42601 syntax error at or near "{" P=8
    [InlineData("select {", "42601", "syntax error at or near \"{\"", null, null, 8)]
    // PG 15: 42601 syntax error at or near "\" P=10
    [InlineData("select 1 \\\\ 2", "42601", "syntax error at or near \"\\\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "2" P=12
    [InlineData("select 1 × 2", "42601", "syntax error at or near \"2\"", null, null, 12)]
    // PG 15: 42601 syntax error at or near "$" P=10
    [InlineData("select $1$", "42601", "syntax error at or near \"$\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "$" P=9
    [InlineData("select 1$", "42601", "syntax error at or near \"$\"", null, null, 9)]
    // PG 15: 42601 syntax error at end of input P=9
    [InlineData("select `", "42601", "syntax error at end of input", null, null, 9)]
    // PG 15: 42601 syntax error at or near ":" P=10
    [InlineData("select 1 : 2", "42601", "syntax error at or near \":\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near ":" P=10
    [InlineData("select 1 :", "42601", "syntax error at or near \":\"", null, null, 10)]
    // PG 15: 42601 syntax error at or near "[" P=8
    [InlineData("select [1]", "42601", "syntax error at or near \"[\"", null, null, 8)]
    // PG 15: 42601 syntax error at or near "]" P=10
    [InlineData("select 1 ]", "42601", "syntax error at or near \"]\"", null, null, 10)]
    // PG 15: 42601 unterminated /* comment at or near "/* unterminated" P=10
    [InlineData("select 1 /* unterminated", "42601", "unterminated /* comment at or near \"/* unterminated\"", null, null, 10)]
    // PG 15: 42601 unterminated quoted string at or near "e'\'" P=8
    [InlineData("select e'\\'", "42601", "unterminated quoted string at or near \"e'\\'\"", null, null, 8)]
    // </generated>
    public void Parse_should_raise_PostgreSQLs_error_when_the_text_is_malformed(string sql, string sqlState, string message, string? hint, string? detail, int? position)
    {
        var error = Assert.Throws<PgException>(() => SqlParser.Parse(sql)).Error;

        Assert.Equal(PgSeverity.Error, error.Severity);
        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(message, error.Message);
        Assert.Equal(hint, error.Hint);
        Assert.Equal(detail, error.Detail);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Parse_should_fail_the_whole_string_when_a_later_statement_is_malformed()
    {
        // PG 15: nothing runs; 42601 syntax error at or near "selec" P=11
        var error = Assert.Throws<PgException>(() => SqlParser.Parse("select 1; selec 2")).Error;

        Assert.Equal("syntax error at or near \"selec\"", error.Message);
        Assert.Equal(11, error.Position);
    }

    [Fact]
    public void Parse_should_count_positions_in_characters_when_the_text_has_multibyte_and_astral_characters()
    {
        // 'éé' is 4 characters; the end of input of "select 'éé' + " is position 15 (PG 15: P=15).
        Assert.Equal(15, Assert.Throws<PgException>(() => SqlParser.Parse("select 'éé' + ")).Error.Position);

        // An astral character (two UTF-16 units) counts once.
        Assert.Equal(15, Assert.Throws<PgException>(() => SqlParser.Parse("select '😀😀' + ")).Error.Position);
    }
}
