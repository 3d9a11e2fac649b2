using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// Well-formed statements that PostgreSQL rejects during analysis, planning or execution: unknown columns,
/// functions and operators, type errors, range errors, division by zero … with SQLSTATE, message, hint, detail and
/// position as PostgreSQL 15 reports them (each case's comment is the real server's answer).
/// </summary>
public sealed class AnalysisErrorSpecs
{
    [Theory]
    // <generated>
    // PG 15: 42P02 there is no parameter $1 P=8
    [InlineData("select $1", "42P02", "there is no parameter $1", null, null, 8)]
    // PG 15: 42703 column "x" does not exist P=15
    [InlineData("select 'é' || x", "42703", "column \"x\" does not exist", null, null, 15)]
    // PG 15: 22003 integer out of range
    [InlineData("select 2147483647 + 1", "22003", "integer out of range", null, null, null)]
    // PG 15: 22003 bigint out of range
    [InlineData("select 9223372036854775807 + 1", "22003", "bigint out of range", null, null, null)]
    // PG 15: 22003 smallint out of range
    [InlineData("select 32767::int2 + 1::int2", "22003", "smallint out of range", null, null, null)]
    // PG 15: 22012 division by zero
    [InlineData("select 1/0", "22012", "division by zero", null, null, null)]
    // PG 15: 22012 division by zero
    [InlineData("select 1.0/0", "22012", "division by zero", null, null, null)]
    // PG 15: 22012 division by zero
    [InlineData("select 1.0::float8/0", "22012", "division by zero", null, null, null)]
    // PG 15: 22012 division by zero
    [InlineData("select 5 % 0", "22012", "division by zero", null, null, null)]
    // PG 15: 22003 integer out of range
    [InlineData("select (-2147483648)::int / -1", "22003", "integer out of range", null, null, null)]
    // PG 15: 42883 operator does not exist: integer + text HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 + 'a'::text", "42883", "operator does not exist: integer + text", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 22P02 invalid input syntax for type integer: "a" P=12
    [InlineData("select 1 + 'a'", "22P02", "invalid input syntax for type integer: \"a\"", null, null, 12)]
    // PG 15: 42725 operator is not unique: unknown + unknown HINT: Could not choose a best candidate operator. You might need to add explicit type casts. P=12
    [InlineData("select 'a' + 'b'", "42725", "operator is not unique: unknown + unknown", "Could not choose a best candidate operator. You might need to add explicit type casts.", null, 12)]
    // PG 15: 42883 operator does not exist: integer || integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 || 2", "42883", "operator does not exist: integer || integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 function foo(integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select foo(1)", "42883", "function foo(integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42883 function foo() does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select foo()", "42883", "function foo() does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42883 function foo(integer, unknown, numeric, unknown, boolean, bigint, double precision, text, character varying, smallint, real) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select foo(1, 'a', 1.5, null, true, 1::int8, 1::float8, 'x'::text, 'x'::varchar, 1::int2, 1::float4)", "42883", "function foo(integer, unknown, numeric, unknown, boolean, bigint, double precision, text, character varying, smallint, real) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42883 function foo(a => integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select foo(a => 1)", "42883", "function foo(a => integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 22P02 invalid input syntax for type double precision: "a" P=12
    [InlineData("select abs('a')", "22P02", "invalid input syntax for type double precision: \"a\"", null, null, 12)]
    // PG 15: 42883 function abs(integer, integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select abs(1, 2)", "42883", "function abs(integer, integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42804 argument of NOT must be type boolean, not type integer P=12
    [InlineData("select not 1", "42804", "argument of NOT must be type boolean, not type integer", null, null, 12)]
    // PG 15: 42725 operator is not unique: - unknown HINT: Could not choose a best candidate operator. You might need to add explicit type casts. P=8
    [InlineData("select -'a'", "42725", "operator is not unique: - unknown", "Could not choose a best candidate operator. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42883 operator does not exist: - boolean HINT: No operator matches the given name and argument type. You might need to add an explicit type cast. P=8
    [InlineData("select - true", "42883", "operator does not exist: - boolean", "No operator matches the given name and argument type. You might need to add an explicit type cast.", null, 8)]
    // PG 15: 22P02 invalid input syntax for type integer: "abc" P=8
    [InlineData("select 'abc'::int", "22P02", "invalid input syntax for type integer: \"abc\"", null, null, 8)]
    // PG 15: 22003 value "99999999999" is out of range for type integer P=8
    [InlineData("select '99999999999'::int", "22003", "value \"99999999999\" is out of range for type integer", null, null, 8)]
    // PG 15: 22003 integer out of range
    [InlineData("select 99999999999::int", "22003", "integer out of range", null, null, null)]
    // PG 15: 22003 smallint out of range
    [InlineData("select 70000::int2", "22003", "smallint out of range", null, null, null)]
    // PG 15: 22P02 invalid input syntax for type integer: "1.5" P=8
    [InlineData("select '1.5'::int", "22P02", "invalid input syntax for type integer: \"1.5\"", null, null, 8)]
    // PG 15: 22003 value out of range: overflow
    [InlineData("select 1e308::float8 * 10", "22003", "value out of range: overflow", null, null, null)]
    // PG 15: 22003 value out of range: underflow
    [InlineData("select 1e-300::float8 * 1e-300::float8", "22003", "value out of range: underflow", null, null, null)]
    // PG 15: 22003 "1e400" is out of range for type double precision P=8
    [InlineData("select '1e400'::float8", "22003", "\"1e400\" is out of range for type double precision", null, null, 8)]
    // PG 15: 22P02 invalid input syntax for type double precision: "abc" P=8
    [InlineData("select 'abc'::float8", "22P02", "invalid input syntax for type double precision: \"abc\"", null, null, 8)]
    // PG 15: 22003 numeric field overflow DETAIL: A field with precision 5, scale 2 must round to an absolute value less than 10^3.
    [InlineData("select 12345.6::numeric(5,2)", "22003", "numeric field overflow", null, "A field with precision 5, scale 2 must round to an absolute value less than 10^3.", null)]
    // PG 15: 22003 numeric field overflow DETAIL: A field with precision 5, scale 6 must round to an absolute value less than 10^-1.
    [InlineData("select 1.5::numeric(5,6)", "22003", "numeric field overflow", null, "A field with precision 5, scale 6 must round to an absolute value less than 10^-1.", null)]
    // PG 15: 22P02 invalid input syntax for type double precision: "1e" P=8
    [InlineData("select '1e'::float8", "22P02", "invalid input syntax for type double precision: \"1e\"", null, null, 8)]
    // PG 15: 42883 operator does not exist: double precision % integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=18
    [InlineData("select 1::float8 % 2", "42883", "operator does not exist: double precision % integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 18)]
    // PG 15: 22P02 invalid input syntax for type boolean: "abc" P=8
    [InlineData("select 'abc'::bool", "22P02", "invalid input syntax for type boolean: \"abc\"", null, null, 8)]
    // PG 15: 22P02 invalid input syntax for type boolean: "o" P=8
    [InlineData("select 'o'::bool", "22P02", "invalid input syntax for type boolean: \"o\"", null, null, 8)]
    // PG 15: 42846 cannot cast type bigint to boolean P=15
    [InlineData("select 1::int8::bool", "42846", "cannot cast type bigint to boolean", null, null, 15)]
    // PG 15: 42704 type "foo" does not exist P=11
    [InlineData("select 1::foo", "42704", "type \"foo\" does not exist", null, null, 11)]
    // PG 15: 42704 type "pg_catalog.foo" does not exist P=11
    [InlineData("select 1::pg_catalog.foo", "42704", "type \"pg_catalog.foo\" does not exist", null, null, 11)]
    // PG 15: 42704 type "integer" does not exist P=11
    [InlineData("select 1::\"integer\"", "42704", "type \"integer\" does not exist", null, null, 11)]
    // PG 15: 22023 length for type varchar must be at least 1 P=13
    [InlineData("select 'a'::varchar(0)", "22023", "length for type varchar must be at least 1", null, null, 13)]
    // PG 15: 22023 NUMERIC precision 1001 must be between 1 and 1000 P=13
    [InlineData("select 1.5::numeric(1001)", "22023", "NUMERIC precision 1001 must be between 1 and 1000", null, null, 13)]
    // PG 15: 42883 function public.abs(integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select public.abs(1)", "42883", "function public.abs(integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 3F000 schema "foo" does not exist P=8
    [InlineData("select foo.abs(1)", "3F000", "schema \"foo\" does not exist", null, null, 8)]
    // PG 15: 42601 non-integer constant in ORDER BY P=19
    [InlineData("select 1 order by 1.5", "42601", "non-integer constant in ORDER BY", null, null, 19)]
    // PG 15: 42601 non-integer constant in ORDER BY P=19
    [InlineData("select 1 order by 'a'", "42601", "non-integer constant in ORDER BY", null, null, 19)]
    // PG 15: 42P10 ORDER BY position 2 is not in select list P=19
    [InlineData("select 1 order by 2", "42P10", "ORDER BY position 2 is not in select list", null, null, 19)]
    // PG 15: 42702 ORDER BY "a" is ambiguous P=32
    [InlineData("select 1 as a, 2 as a order by a", "42702", "ORDER BY \"a\" is ambiguous", null, null, 32)]
    // PG 15: 42883 could not identify an ordering operator for type xid HINT: Use an explicit ordering operator or modify the query. P=27
    [InlineData("select null::xid order by 1", "42883", "could not identify an ordering operator for type xid", "Use an explicit ordering operator or modify the query.", null, 27)]
    // PG 15: 42804 argument of WHERE must be type boolean, not type integer P=16
    [InlineData("select 1 where null::int", "42804", "argument of WHERE must be type boolean, not type integer", null, null, 16)]
    // PG 15: 42804 argument of LIMIT must be type bigint, not type text P=16
    [InlineData("select 1 limit 'a'::text", "42804", "argument of LIMIT must be type bigint, not type text", null, null, 16)]
    // PG 15: 42703 column "x" does not exist P=24
    [InlineData("select 1 as x order by x + 1", "42703", "column \"x\" does not exist", null, null, 24)]
    // PG 15: 2201F a negative number raised to a non-integer power yields a complex result
    [InlineData("select -1::float8 ^ 0.5", "2201F", "a negative number raised to a non-integer power yields a complex result", null, null, null)]
    // PG 15: 2201F zero raised to a negative power is undefined
    [InlineData("select 0::float8 ^ -1", "2201F", "zero raised to a negative power is undefined", null, null, null)]
    // PG 15: 22025 LIKE pattern must not end with escape character
    [InlineData("select 'abc' like 'a\\'", "22025", "LIKE pattern must not end with escape character", null, null, null)]
    // PG 15: 42P02 there is no parameter $0 P=8
    [InlineData("select $0", "42P02", "there is no parameter $0", null, null, 8)]
    // PG 15: 22P02 invalid input syntax for type integer: "a" P=20
    [InlineData("select coalesce(1, 'a')", "22P02", "invalid input syntax for type integer: \"a\"", null, null, 20)]
    // PG 15: 42804 COALESCE types integer and text cannot be matched P=20
    [InlineData("select coalesce(1, 'a'::text)", "42804", "COALESCE types integer and text cannot be matched", null, null, 20)]
    // PG 15: 42804 argument of CASE/WHEN must be type boolean, not type integer P=18
    [InlineData("select case when 1 then 1 end", "42804", "argument of CASE/WHEN must be type boolean, not type integer", null, null, 18)]
    // PG 15: 42804 CASE types text and integer cannot be matched P=28
    [InlineData("select case when true then 1 else 'a'::text end", "42804", "CASE types text and integer cannot be matched", null, null, 28)]
    // PG 15: 42883 operator does not exist: text = integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=17
    [InlineData("select case 'a' when 1 then 2 end", "42883", "operator does not exist: text = integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 17)]
    // PG 15: 22P02 invalid input syntax for type integer: "x" P=61
    [InlineData("select greatest(1, 2.5, null), least('b', 'a'), greatest(1, 'x')", "22P02", "invalid input syntax for type integer: \"x\"", null, null, 61)]
    // PG 15: 42601 positional argument cannot follow named argument P=18
    [InlineData("select f(a => 1, 2)", "42601", "positional argument cannot follow named argument", null, null, 18)]
    // PG 15: 42601 argument name "a" used more than once P=18
    [InlineData("select f(a => 1, a => 2)", "42601", "argument name \"a\" used more than once", null, null, 18)]
    // PG 15: 42883 function abs(x => integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select abs(x => 1)", "42883", "function abs(x => integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42883 function length(integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select length(1)", "42883", "function length(integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 22P02 invalid input syntax for type integer: "a" P=17
    [InlineData("select 1 in (1, 'a')", "22P02", "invalid input syntax for type integer: \"a\"", null, null, 17)]
    // PG 15: 42883 operator does not exist: integer = text HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 in ('1'::text)", "42883", "operator does not exist: integer = text", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 operator does not exist: unknown ~~ integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=12
    [InlineData("select 'a' like 1", "42883", "operator does not exist: unknown ~~ integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 12)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "pg_stat_activity" HINT: Perhaps you meant to reference the table alias "a". P=15
    [InlineData("select a.pid, pg_stat_activity.pid from pg_stat_activity a", "42P01", "invalid reference to FROM-clause entry for table \"pg_stat_activity\"", "Perhaps you meant to reference the table alias \"a\".", null, 15)]
    // PG 15: 42P01 missing FROM-clause entry for table "x" P=8
    [InlineData("select x.pid from pg_stat_activity a", "42P01", "missing FROM-clause entry for table \"x\"", null, null, 8)]
    // PG 15: 42P01 relation "foo" does not exist P=17
    [InlineData("select pid from foo", "42P01", "relation \"foo\" does not exist", null, null, 17)]
    // PG 15: 42P01 relation "foo.bar" does not exist P=17
    [InlineData("select pid from foo.bar", "42P01", "relation \"foo.bar\" does not exist", null, null, 17)]
    // PG 15: 42P01 relation "public.bar" does not exist P=17
    [InlineData("select pid from public.bar", "42P01", "relation \"public.bar\" does not exist", null, null, 17)]
    // PG 15: 42703 column "nosuch" does not exist P=8
    [InlineData("select nosuch from pg_stat_activity", "42703", "column \"nosuch\" does not exist", null, null, 8)]
    // PG 15: 42703 column a.nosuch does not exist P=8
    [InlineData("select a.nosuch from pg_stat_activity a", "42703", "column a.nosuch does not exist", null, null, 8)]
    // PG 15: 42601 SELECT * with no tables specified is not valid P=8
    [InlineData("select *", "42601", "SELECT * with no tables specified is not valid", null, null, 8)]
    // PG 15: 42703 column "pidd" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.pid". P=8
    [InlineData("select pidd from pg_stat_activity", "42703", "column \"pidd\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.pid\".", null, 8)]
    // PG 15: 42703 column a.pidd does not exist HINT: Perhaps you meant to reference the column "a.pid". P=8
    [InlineData("select a.pidd from pg_stat_activity a", "42703", "column a.pidd does not exist", "Perhaps you meant to reference the column \"a.pid\".", null, 8)]
    // PG 15: 42703 column "PID" does not exist P=8
    [InlineData("select \"PID\" from pg_stat_activity", "42703", "column \"PID\" does not exist", null, null, 8)]
    // PG 15: 42703 column "stat" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.state". P=8
    [InlineData("select stat from pg_stat_activity", "42703", "column \"stat\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.state\".", null, 8)]
    // PG 15: 42703 column "xyzzy" does not exist P=8
    [InlineData("select xyzzy from pg_stat_activity", "42703", "column \"xyzzy\" does not exist", null, null, 8)]
    // PG 15: 42703 column "qury" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.query". P=8
    [InlineData("select qury from pg_stat_activity", "42703", "column \"qury\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.query\".", null, 8)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "pg_stat_activity" HINT: There is an entry for table "pg_stat_activity", but it cannot be referenced from this part of the query. P=8
    [InlineData("select public.pg_stat_activity.pid from pg_stat_activity", "42P01", "invalid reference to FROM-clause entry for table \"pg_stat_activity\"", "There is an entry for table \"pg_stat_activity\", but it cannot be referenced from this part of the query.", null, 8)]
    // PG 15: 42703 column "backend_xmid" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.backend_xid" or the column "pg_stat_activity.backend_xmin". P=8
    [InlineData("select backend_xmid from pg_stat_activity", "42703", "column \"backend_xmid\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.backend_xid\" or the column \"pg_stat_activity.backend_xmin\".", null, 8)]
    // PG 15: 42703 column "backend_xmin2" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.backend_xmin". P=8
    [InlineData("select backend_xmin2 from pg_stat_activity", "42703", "column \"backend_xmin2\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.backend_xmin\".", null, 8)]
    // PG 15: 42703 column "pi" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.pid". P=8
    [InlineData("select pi from pg_stat_activity", "42703", "column \"pi\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.pid\".", null, 8)]
    // PG 15: 42703 column "p" does not exist P=8
    [InlineData("select p from pg_stat_activity", "42703", "column \"p\" does not exist", null, null, 8)]
    // PG 15: 42703 column "dat" does not exist P=8
    [InlineData("select dat from pg_stat_activity", "42703", "column \"dat\" does not exist", null, null, 8)]
    // PG 15: 42703 column "datd" does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.datid". P=8
    [InlineData("select datd from pg_stat_activity", "42703", "column \"datd\" does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.datid\".", null, 8)]
    // PG 15: 42703 column a.pi does not exist HINT: Perhaps you meant to reference the column "a.pid". P=8
    [InlineData("select a.pi from pg_stat_activity a", "42703", "column a.pi does not exist", "Perhaps you meant to reference the column \"a.pid\".", null, 8)]
    // PG 15: 42703 column pg_stat_activity.pidd does not exist HINT: Perhaps you meant to reference the column "pg_stat_activity.pid". P=8
    [InlineData("select pg_stat_activity.pidd from pg_stat_activity", "42703", "column pg_stat_activity.pidd does not exist", "Perhaps you meant to reference the column \"pg_stat_activity.pid\".", null, 8)]
    // PG 15: 42P01 missing FROM-clause entry for table "xx" P=8
    [InlineData("select xx.pidd from pg_stat_activity", "42P01", "missing FROM-clause entry for table \"xx\"", null, null, 8)]
    // PG 15: 42703 column "pidd" does not exist P=8
    [InlineData("select pidd", "42703", "column \"pidd\" does not exist", null, null, 8)]
    // PG 15: 0A000 cross-database references are not implemented: a.b.c.d P=8
    [InlineData("select a.b.c.d from pg_stat_activity", "0A000", "cross-database references are not implemented: a.b.c.d", null, null, 8)]
    // PG 15: 42601 improper qualified name (too many dotted names): a.b.c.d.e P=8
    [InlineData("select a.b.c.d.e from pg_stat_activity", "42601", "improper qualified name (too many dotted names): a.b.c.d.e", null, null, 8)]
    // PG 15: 42P10 ORDER BY position 5 is not in select list P=43
    [InlineData("select pid from pg_stat_activity order by 5", "42P10", "ORDER BY position 5 is not in select list", null, null, 43)]
    // PG 15: 42703 column "p" does not exist P=73
    [InlineData("select pid as p from pg_stat_activity order by p, pid desc nulls first, p + 1 limit 0", "42703", "column \"p\" does not exist", null, null, 73)]
    // PG 15: 22P02 invalid input syntax for type bigint: "a" P=40
    [InlineData("select pid from pg_stat_activity limit 'a'", "22P02", "invalid input syntax for type bigint: \"a\"", null, null, 40)]
    // PG 15: 42804 argument of WHERE must be type boolean, not type integer P=16
    [InlineData("select 1 where 1", "42804", "argument of WHERE must be type boolean, not type integer", null, null, 16)]
    // PG 15: 22P02 invalid input syntax for type boolean: "a" P=16
    [InlineData("select 1 where 'a'", "22P02", "invalid input syntax for type boolean: \"a\"", null, null, 16)]
    // PG 15: 22P02 invalid input syntax for type integer: "abc" P=46
    [InlineData("select pid from pg_stat_activity where pid = 'abc'", "22P02", "invalid input syntax for type integer: \"abc\"", null, null, 46)]
    // PG 15: 42883 operator does not exist: text = integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=46
    [InlineData("select pid from pg_stat_activity where state = 1", "42883", "operator does not exist: text = integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 46)]
    // PG 15: 42804 argument of WHERE must be type boolean, not type integer P=40
    [InlineData("select pid from pg_stat_activity where pid limit 1", "42804", "argument of WHERE must be type boolean, not type integer", null, null, 40)]
    // PG 15: 42P10 argument of LIMIT must not contain variables P=40
    [InlineData("select pid from pg_stat_activity limit pid", "42P10", "argument of LIMIT must not contain variables", null, null, 40)]
    // PG 15: 42883 could not identify an ordering operator for type xid HINT: Use an explicit ordering operator or modify the query. P=51
    [InlineData("select backend_xid from pg_stat_activity order by backend_xid", "42883", "could not identify an ordering operator for type xid", "Use an explicit ordering operator or modify the query.", null, 51)]
    // PG 15: 42703 column "int" does not exist P=8
    [InlineData("select int", "42703", "column \"int\" does not exist", null, null, 8)]
    // PG 15: 42703 column "interval" does not exist P=8
    [InlineData("select interval", "42703", "column \"interval\" does not exist", null, null, 8)]
    // PG 15: 42703 column "double" does not exist P=8
    [InlineData("select double", "42703", "column \"double\" does not exist", null, null, 8)]
    // PG 15: 42703 column "timestamp" does not exist P=8
    [InlineData("select timestamp", "42703", "column \"timestamp\" does not exist", null, null, 8)]
    // PG 15: 42883 operator does not exist: integer @@ integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 @@ 2", "42883", "operator does not exist: integer @@ integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 operator does not exist: integer ! integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 ! 2", "42883", "operator does not exist: integer ! integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 operator does not exist: integer @- integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=32
    [InlineData("select 1+-2, 1 +- 2, 1 -+ 2, 1 @- 2", "42883", "operator does not exist: integer @- integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 32)]
    // PG 15: 42883 operator does not exist: integer !=- integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 3 !=- 2", "42883", "operator does not exist: integer !=- integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 operator does not exist: integer ~ integer HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 ~ 2", "42883", "operator does not exist: integer ~ integer", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 function f(x => integer) does not exist HINT: No function matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select f(x := 1), g(y => 2)", "42883", "function f(x => integer) does not exist", "No function matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 42703 column "select" does not exist P=8
    [InlineData("select \"select\", \"SELECT\", \"a\"\"b\" from pg_stat_activity", "42703", "column \"select\" does not exist", null, null, 8)]
    // PG 15: 2201F cannot take square root of a negative number
    [InlineData("select |/ -1", "2201F", "cannot take square root of a negative number", null, null, null)]
    // PG 15: 22007 invalid input syntax for type timestamp with time zone: "abc" P=8
    [InlineData("select 'abc'::timestamptz", "22007", "invalid input syntax for type timestamp with time zone: \"abc\"", null, null, 8)]
    // PG 15: 22008 date/time field value out of range: "2024-13-01" HINT: Perhaps you need a different "datestyle" setting. P=8
    [InlineData("select '2024-13-01'::timestamptz", "22008", "date/time field value out of range: \"2024-13-01\"", "Perhaps you need a different \"datestyle\" setting.", null, 8)]
    // PG 15: 22008 date/time field value out of range: "2024-02-30" P=8
    [InlineData("select '2024-02-30'::timestamptz", "22008", "date/time field value out of range: \"2024-02-30\"", null, null, 8)]
    // PG 15: 22007 invalid input syntax for type interval: "abc" P=17
    [InlineData("select interval 'abc'", "22007", "invalid input syntax for type interval: \"abc\"", null, null, 17)]
    // PG 15: 42804 GREATEST types integer and text cannot be matched P=20
    [InlineData("select greatest(1, 'a'::text)", "42804", "GREATEST types integer and text cannot be matched", null, null, 20)]
    // PG 15: 22012 division by zero
    [InlineData("select coalesce(1/0, 1)", "22012", "division by zero", null, null, null)]
    // PG 15: 42883 operator does not exist: integer = text HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=10
    [InlineData("select 1 is distinct from 'a'::text", "42883", "operator does not exist: integer = text", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 10)]
    // PG 15: 42883 operator does not exist: integer = text HINT: No operator matches the given name and argument types. You might need to add explicit type casts. P=8
    [InlineData("select nullif(1, 'a'::text)", "42883", "operator does not exist: integer = text", "No operator matches the given name and argument types. You might need to add explicit type casts.", null, 8)]
    // PG 15: 22P02 invalid input syntax for type boolean: "a" P=8
    [InlineData("select 'a' is true", "22P02", "invalid input syntax for type boolean: \"a\"", null, null, 8)]
    // PG 15: 22P02 invalid input syntax for type boolean: "x" P=8
    [InlineData("select 'x' is true", "22P02", "invalid input syntax for type boolean: \"x\"", null, null, 8)]
    // PG 15: 22003 OID out of range
    [InlineData("select 1::oid, (-1)::oid, 4294967295::oid, 4294967296::oid", "22003", "OID out of range", null, null, null)]
    // PG 15: 22003 value "32768" is out of range for type smallint P=29
    [InlineData("select 1::int2::text::int8, '32768'::int2", "22003", "value \"32768\" is out of range for type smallint", null, null, 29)]
    // PG 15: 22003 smallint out of range
    [InlineData("select 100::int2 * 400::int2", "22003", "smallint out of range", null, null, null)]
    // PG 15: 22003 smallint out of range
    [InlineData("select -32768::int2, (-32768)::int2, -(-32768)::int2", "22003", "smallint out of range", null, null, null)]
    // PG 15: 22003 bigint out of range
    [InlineData("select 9223372036854775807::int8 * 2", "22003", "bigint out of range", null, null, null)]
    // PG 15: 22003 bigint out of range
    [InlineData("select (-9223372036854775808)::int8 / -1", "22003", "bigint out of range", null, null, null)]
    // PG 15: 22003 integer out of range
    [InlineData("select abs(-2147483648)", "22003", "integer out of range", null, null, null)]
    // PG 15: 22003 numeric field overflow DETAIL: A field with precision 4, scale 2 must round to an absolute value less than 10^2.
    [InlineData("select 1e15::numeric, 123.4560::numeric, 0.000::numeric, -0.00, 100::numeric(10,2), 99.995::numeric(4,2)", "22003", "numeric field overflow", null, "A field with precision 4, scale 2 must round to an absolute value less than 10^2.", null)]
    // PG 15: 22003 "3400000000000000000000000000000000000000" is out of range for type real
    [InlineData("select 3.4e39::float4", "22003", "\"3400000000000000000000000000000000000000\" is out of range for type real", null, null, null)]
    // PG 15: 22003 "3.4e39" is out of range for type real P=8
    [InlineData("select '3.4e39'::float4", "22003", "\"3.4e39\" is out of range for type real", null, null, 8)]
    // PG 15: 22003 "0.00000000000000000000000000000000000000000000000001" is out of range for type real
    [InlineData("select 1e-50::float4", "22003", "\"0.00000000000000000000000000000000000000000000000001\" is out of range for type real", null, null, null)]
    // PG 15: 42703 column "a$$" does not exist P=8
    [InlineData("select a$$ from pg_stat_activity", "42703", "column \"a$$\" does not exist", null, null, 8)]
    // PG 15: 42703 column "a\n" does not exist P=8
    [InlineData("select \"a\n\"", "42703", "column \"a\n\" does not exist", null, null, 8)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "pg_stat_activity" HINT: Perhaps you meant to reference the table alias "a". P=8
    [InlineData("select pg_catalog.pg_stat_activity.pid from pg_stat_activity a", "42P01", "invalid reference to FROM-clause entry for table \"pg_stat_activity\"", "Perhaps you meant to reference the table alias \"a\".", null, 8)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "a" HINT: There is an entry for table "a", but it cannot be referenced from this part of the query. P=8
    [InlineData("select public.a.pid from pg_stat_activity a", "42P01", "invalid reference to FROM-clause entry for table \"a\"", "There is an entry for table \"a\", but it cannot be referenced from this part of the query.", null, 8)]
    // PG 15: 42P01 missing FROM-clause entry for table "a" P=8
    [InlineData("select a.pid from pg_stat_activity", "42P01", "missing FROM-clause entry for table \"a\"", null, null, 8)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "a" HINT: There is an entry for table "a", but it cannot be referenced from this part of the query. P=8
    [InlineData("select pg_catalog.a.pid from pg_stat_activity a", "42P01", "invalid reference to FROM-clause entry for table \"a\"", "There is an entry for table \"a\", but it cannot be referenced from this part of the query.", null, 8)]
    // PG 15: 42P01 missing FROM-clause entry for table "y" P=8
    [InlineData("select x.y.pid from pg_stat_activity", "42P01", "missing FROM-clause entry for table \"y\"", null, null, 8)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "pg_stat_activity" HINT: There is an entry for table "pg_stat_activity", but it cannot be referenced from this part of the query. P=8
    [InlineData("select public.pg_stat_activity.* from pg_stat_activity", "42P01", "invalid reference to FROM-clause entry for table \"pg_stat_activity\"", "There is an entry for table \"pg_stat_activity\", but it cannot be referenced from this part of the query.", null, 8)]
    // PG 15: 42P01 missing FROM-clause entry for table "b" P=8
    [InlineData("select b.* from pg_stat_activity a", "42P01", "missing FROM-clause entry for table \"b\"", null, null, 8)]
    // PG 15: 42P01 invalid reference to FROM-clause entry for table "pg_stat_activity" HINT: Perhaps you meant to reference the table alias "a". P=8
    [InlineData("select pg_stat_activity.* from pg_stat_activity a", "42P01", "invalid reference to FROM-clause entry for table \"pg_stat_activity\"", "Perhaps you meant to reference the table alias \"a\".", null, 8)]
    // PG 15: 42P01 missing FROM-clause entry for table "pg_stat_activity" P=8
    [InlineData("select public.pg_stat_activity.pid from pg_stat_activity a", "42P01", "missing FROM-clause entry for table \"pg_stat_activity\"", null, null, 8)]
    // </generated>
    public async Task Statement_should_raise_PostgreSQLs_error_when_it_cannot_run(string sql, string sqlState, string message, string? hint, string? detail, int? position)
    {
        var error = await SqlRunner.ErrorAsync(sql);

        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(message, error.Message);
        Assert.Equal(hint, error.Hint);
        Assert.Equal(detail, error.Detail);
        Assert.Equal(position, error.Position);
    }
}
