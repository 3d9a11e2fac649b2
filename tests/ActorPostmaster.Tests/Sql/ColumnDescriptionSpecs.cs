using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// What RowDescription says about each result column — name (FigureColname), type OID, type size, type modifier and,
/// for plain column references, the table OID and attribute number — for a table of target expressions. Each case's
/// comment is PostgreSQL 15's RowDescription for the same query.
/// </summary>
public sealed class ColumnDescriptionSpecs
{
    [Theory]
    // <generated>
    // PG 15: ?column?:23/4/-1
    [InlineData("select 1 from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: ?column?:25/-1/-1
    [InlineData("select 'a' from pg_stat_activity where false", "?column?:25/-1/-1")]
    // PG 15: ?column?:1700/-1/-1
    [InlineData("select 1.5 from pg_stat_activity where false", "?column?:1700/-1/-1")]
    // PG 15: ?column?:25/-1/-1
    [InlineData("select null from pg_stat_activity where false", "?column?:25/-1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select true from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:23/4/-1
    [InlineData("select -1 from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: ?column?:23/4/-1
    [InlineData("select +1 from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: ?column?:23/4/-1
    [InlineData("select (1) from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: ?column?:23/4/-1
    [InlineData("select 1 + 1 from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: ?column?:25/-1/-1
    [InlineData("select 'a'  from pg_stat_activity where false", "?column?:25/-1/-1")]
    // PG 15: 
    [InlineData("select  from pg_stat_activity where false", "")]
    // PG 15: ?column?:25/-1/-1
    [InlineData("select  'b' from pg_stat_activity where false", "?column?:25/-1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select not true from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select 1 is null from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select 1 = 1 from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: pid:23/4/-1@12222.3
    [InlineData("select pid from pg_stat_activity where false", "pid:23/4/-1@12222.3")]
    // PG 15: pid:23/4/-1@12222.3
    [InlineData("select pg_stat_activity.pid from pg_stat_activity where false", "pid:23/4/-1@12222.3")]
    // PG 15: pid:23/4/-1@12222.3
    [InlineData("select pg_catalog.pg_stat_activity.pid from pg_stat_activity where false", "pid:23/4/-1@12222.3")]
    // PG 15: pid:23/4/-1@12222.3
    [InlineData("select (pid) from pg_stat_activity where false", "pid:23/4/-1@12222.3")]
    // PG 15: ?column?:23/4/-1
    [InlineData("select -pid from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: ?column?:23/4/-1
    [InlineData("select pid + 1 from pg_stat_activity where false", "?column?:23/4/-1")]
    // PG 15: pid:25/-1/-1
    [InlineData("select pid::text from pg_stat_activity where false", "pid:25/-1/-1")]
    // PG 15: pid:25/-1/-1
    [InlineData("select pid::int8::text from pg_stat_activity where false", "pid:25/-1/-1")]
    // PG 15: int4:23/4/-1
    [InlineData("select '1'::int from pg_stat_activity where false", "int4:23/4/-1")]
    // PG 15: int4:23/4/-1
    [InlineData("select 1::int from pg_stat_activity where false", "int4:23/4/-1")]
    // PG 15: int8:20/8/-1
    [InlineData("select cast(1 as bigint) from pg_stat_activity where false", "int8:20/8/-1")]
    // PG 15: pid:25/-1/-1
    [InlineData("select cast(pid as text) from pg_stat_activity where false", "pid:25/-1/-1")]
    // PG 15: int4:23/4/-1
    [InlineData("select int '1' from pg_stat_activity where false", "int4:23/4/-1")]
    // PG 15: text:25/-1/-1
    [InlineData("select text 'a' from pg_stat_activity where false", "text:25/-1/-1")]
    // PG 15: varchar:1043/-1/7
    [InlineData("select varchar(3) 'abc' from pg_stat_activity where false", "varchar:1043/-1/7")]
    // PG 15: varchar:1043/-1/14
    [InlineData("select 'a'::varchar(10) from pg_stat_activity where false", "varchar:1043/-1/14")]
    // PG 15: varchar:1043/-1/-1
    [InlineData("select 'a'::character varying from pg_stat_activity where false", "varchar:1043/-1/-1")]
    // PG 15: bpchar:1042/-1/6
    [InlineData("select 'a'::char(2) from pg_stat_activity where false", "bpchar:1042/-1/6")]
    // PG 15: float8:701/8/-1
    [InlineData("select 1::double precision from pg_stat_activity where false", "float8:701/8/-1")]
    // PG 15: float4:700/4/-1
    [InlineData("select 1::float(10) from pg_stat_activity where false", "float4:700/4/-1")]
    // PG 15: interval:1186/16/-1
    [InlineData("select '1 day'::interval from pg_stat_activity where false", "interval:1186/16/-1")]
    // PG 15: numeric:1700/-1/327686
    [InlineData("select '1'::numeric(5,2) from pg_stat_activity where false", "numeric:1700/-1/327686")]
    // PG 15: abs:23/4/-1
    [InlineData("select abs(-1) from pg_stat_activity where false", "abs:23/4/-1")]
    // PG 15: abs:23/4/-1
    [InlineData("select pg_catalog.abs(-1) from pg_stat_activity where false", "abs:23/4/-1")]
    // PG 15: length:23/4/-1
    [InlineData("select length('abc') from pg_stat_activity where false", "length:23/4/-1")]
    // PG 15: upper:25/-1/-1
    [InlineData("select upper(state) from pg_stat_activity where false", "upper:25/-1/-1")]
    // PG 15: now:1184/8/-1
    [InlineData("select now() from pg_stat_activity where false", "now:1184/8/-1")]
    // PG 15: now:25/-1/-1
    [InlineData("select now()::text from pg_stat_activity where false", "now:25/-1/-1")]
    // PG 15: pg_backend_pid:23/4/-1
    [InlineData("select pg_backend_pid() from pg_stat_activity where false", "pg_backend_pid:23/4/-1")]
    // PG 15: current_timestamp:1184/8/-1
    [InlineData("select current_timestamp from pg_stat_activity where false", "current_timestamp:1184/8/-1")]
    // PG 15: current_user:19/64/-1
    [InlineData("select current_user from pg_stat_activity where false", "current_user:19/64/-1")]
    // PG 15: session_user:19/64/-1
    [InlineData("select session_user from pg_stat_activity where false", "session_user:19/64/-1")]
    // PG 15: user:19/64/-1
    [InlineData("select user from pg_stat_activity where false", "user:19/64/-1")]
    // PG 15: current_role:19/64/-1
    [InlineData("select current_role from pg_stat_activity where false", "current_role:19/64/-1")]
    // PG 15: current_catalog:19/64/-1
    [InlineData("select current_catalog from pg_stat_activity where false", "current_catalog:19/64/-1")]
    // PG 15: current_schema:19/64/-1
    [InlineData("select current_schema from pg_stat_activity where false", "current_schema:19/64/-1")]
    // PG 15: coalesce:25/-1/-1
    [InlineData("select coalesce(state, 'x') from pg_stat_activity where false", "coalesce:25/-1/-1")]
    // PG 15: coalesce:23/4/-1
    [InlineData("select coalesce(1, 2) from pg_stat_activity where false", "coalesce:23/4/-1")]
    // PG 15: greatest:23/4/-1
    [InlineData("select greatest(1, 2) from pg_stat_activity where false", "greatest:23/4/-1")]
    // PG 15: least:23/4/-1
    [InlineData("select least(1, 2) from pg_stat_activity where false", "least:23/4/-1")]
    // PG 15: nullif:23/4/-1
    [InlineData("select nullif(1, 2) from pg_stat_activity where false", "nullif:23/4/-1")]
    // PG 15: case:23/4/-1
    [InlineData("select case when true then 1 end from pg_stat_activity where false", "case:23/4/-1")]
    // PG 15: pid:23/4/-1
    [InlineData("select case when true then 1 else pid end from pg_stat_activity where false", "pid:23/4/-1")]
    // PG 15: case:20/8/-1
    [InlineData("select case when true then 1 else 2::int8 end from pg_stat_activity where false", "case:20/8/-1")]
    // PG 15: state:25/-1/-1
    [InlineData("select case pid when 1 then 'a' else state end from pg_stat_activity where false", "state:25/-1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select 1 in (1) from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select 1 between 0 and 2 from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select 'a' like 'b' from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select 1 is distinct from 2 from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select true is true from pg_stat_activity where false", "?column?:16/1/-1")]
    // PG 15: coalesce:25/-1/-1
    [InlineData("select coalesce(pid, 1)::text from pg_stat_activity where false", "coalesce:25/-1/-1")]
    // PG 15: pid:23/4/-1
    [InlineData("select (pid::text)::int from pg_stat_activity where false", "pid:23/4/-1")]
    // PG 15: MiXeD:23/4/-1@12222.3
    [InlineData("select pid as \"MiXeD\" from pg_stat_activity where false", "MiXeD:23/4/-1@12222.3")]
    // PG 15: select:23/4/-1@12222.3
    [InlineData("select pid as select from pg_stat_activity where false", "select:23/4/-1@12222.3")]
    // PG 15: from:23/4/-1@12222.3
    [InlineData("select pid \"from\" from pg_stat_activity where false", "from:23/4/-1@12222.3")]
    // PG 15: x:23/4/-1@12222.3
    [InlineData("select pid as x from pg_stat_activity where false", "x:23/4/-1@12222.3")]
    // PG 15: ?column?:25/-1/-1
    [InlineData("select $$x$$ from pg_stat_activity where false", "?column?:25/-1/-1")]
    // PG 15: ?column?:25/-1/-1
    [InlineData("select E'x' from pg_stat_activity where false", "?column?:25/-1/-1")]
    // PG 15: pid:1043/-1/-1
    [InlineData("select pid::text::varchar from pg_stat_activity where false", "pid:1043/-1/-1")]
    // PG 15: state:19/64/-1
    [InlineData("select state::name from pg_stat_activity where false", "state:19/64/-1")]
    // PG 15: datid:20/8/-1
    [InlineData("select datid::int8 from pg_stat_activity where false", "datid:20/8/-1")]
    // PG 15: ?column?:16/1/-1
    [InlineData("select backend_xid = '1' from pg_stat_activity where false", "?column?:16/1/-1")]
    // </generated>
    public void Describe_should_name_and_type_columns_as_PostgreSQL_does(string sql, string description)
    {
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql)));

        var prepared = SqlExecutor.Describe(select, new SqlTestEnvironment());

        Assert.Equal(description, string.Join(" | ", prepared.Columns.Select(SqlRunner.Describe)));
    }
}
