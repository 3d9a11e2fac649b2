using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>SELECT over a relation: describe-then-execute, WHERE, ORDER BY, LIMIT/OFFSET, interrupts, errors mid-stream.</summary>
public sealed class SelectExecutionSpecs
{
    private static SelectStatement Select(string sql) => Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql)));

    [Fact]
    public async Task Star_should_expand_to_the_relations_columns_with_table_oid_and_attribute_numbers()
    {
        // PG 15: datid:26/4/-1@12222.1 | datname:19/64/-1@12222.2 | pid:23/4/-1@12222.3 … backend_type:25/-1/-1@12222.22
        var result = await SqlRunner.QueryAsync("select * from pg_stat_activity");

        Assert.Equal(22, result.Columns.Count);
        Assert.Equal("datid:26/4/-1@12222.1", SqlRunner.Describe(result.Columns[0]));
        Assert.Equal("pid:23/4/-1@12222.3", SqlRunner.Describe(result.Columns[2]));
        Assert.Equal("client_addr:869/-1/-1@12222.8", SqlRunner.Describe(result.Columns[7]));
        Assert.Equal("backend_xid:28/4/-1@12222.18", SqlRunner.Describe(result.Columns[17]));
        Assert.Equal("backend_type:25/-1/-1@12222.22", SqlRunner.Describe(result.Columns[21]));
        Assert.Equal(ActivityView.SampleRows.Count, result.Rows.Count);
        Assert.Equal("SELECT 4", result.CommandTag);
    }

    [Fact]
    public async Task Column_references_should_carry_their_origin_and_expressions_should_not()
    {
        // PG 15: pid:23/4/-1@12222.3 | pid:23/4/-1@12222.3 | p:23/4/-1@12222.3 | pid:25/-1/-1 | ?column?:23/4/-1
        var result = await SqlRunner.QueryAsync("select pid, (a.pid), pid p, pid::text, pid + 1 from pg_catalog.pg_stat_activity a where false");

        Assert.Equal(
            ["pid:23/4/-1@12222.3", "pid:23/4/-1@12222.3", "p:23/4/-1@12222.3", "pid:25/-1/-1", "?column?:23/4/-1"],
            result.Columns.Select(SqlRunner.Describe));
        Assert.Equal("SELECT 0", result.CommandTag);
    }

    [Theory]
    [InlineData("select pid from pg_stat_activity where backend_type = 'client backend' order by pid desc", "4244,4243,4242")]
    [InlineData("select pid from pg_stat_activity order by pid", "100,4242,4243,4244")]
    [InlineData("select pid from pg_stat_activity order by 1 desc limit 2", "4244,4243")]
    [InlineData("select pid as p from pg_stat_activity order by p limit 2 offset 1", "4242,4243")]
    [InlineData("select pid from pg_stat_activity order by state, pid", "4242,4243,4244,100")]
    [InlineData("select pid from pg_stat_activity order by state desc", "100,4244,4243,4242")]
    [InlineData("select pid from pg_stat_activity order by state nulls first", "100,4242,4243,4244")]
    [InlineData("select pid from pg_stat_activity order by state desc nulls last", "4244,4243,4242,100")]
    [InlineData("select pid from pg_stat_activity order by application_name, pid desc", "100,4244,4243,4242")]
    [InlineData("select pid from pg_stat_activity order by query_start - backend_start desc nulls last", "4242,4243,4244,100")]
    [InlineData("select pid from pg_stat_activity where state like 'idle%' order by length(state)", "4243,4244")]
    [InlineData("select pid from pg_stat_activity where pid in (4242, 100) and state is not null", "4242")]
    [InlineData("select pid from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend' order by pid", "4243,4244")]
    [InlineData("select pid from pg_stat_activity where client_addr = '127.0.0.1' and datid = 5 order by pid limit 1", "4242")]
    [InlineData("select pid from pg_stat_activity where now() - query_start > interval '5 minutes' order by 1", "4243,4244")]
    [InlineData("select pid from pg_stat_activity limit 0", "")]
    [InlineData("select pid from pg_stat_activity order by pid offset 3", "4244")]
    [InlineData("select pid from pg_stat_activity where null order by pid", "")]
    [InlineData("select pid from pg_stat_activity order by pid limit null offset null", "100,4242,4243,4244")]
    public async Task Select_should_filter_sort_and_limit_the_relations_rows(string sql, string pids)
    {
        var rows = await SqlRunner.TextRowsAsync(sql);

        Assert.Equal(pids, string.Join(',', rows.Select(r => r[0])));
    }

    [Fact]
    public async Task Interval_arithmetic_on_timestamps_should_render_as_PostgreSQL_does()
    {
        var rows = await SqlRunner.TextRowsAsync(
            "select now() - query_start, query_start + interval '1 day 1 second' from pg_stat_activity where pid = 4244");

        Assert.Equal((IEnumerable<string?>)["01:40:01.123456", "2026-11-21 22:00:01+00"], Assert.Single(rows));
    }

    [Fact]
    public async Task Describe_should_give_the_columns_before_anything_runs()
    {
        var environment = new SqlTestEnvironment();

        var prepared = SqlExecutor.Describe(Select("select pg_sleep(30)"), environment);

        Assert.Equal("pg_sleep:2278/4/-1", SqlRunner.Describe(Assert.Single(prepared.Columns)));
        Assert.Empty(environment.Sleeps);
        Assert.Equal(0, environment.InterruptChecks);
        await prepared.ExecuteToEndAsync(environment);
        Assert.Equal([30.0], environment.Sleeps);
    }

    [Fact]
    public async Task Check_for_interrupts_should_run_once_per_row()
    {
        var environment = new SqlTestEnvironment();

        var result = await SqlRunner.QueryAsync("select pid, state from pg_stat_activity", environment);

        Assert.Equal(4, result.Rows.Count);
        Assert.Equal(4, environment.InterruptChecks);
    }

    [Fact]
    public async Task Check_for_interrupts_should_run_for_the_single_row_of_a_select_without_from()
    {
        var environment = new SqlTestEnvironment();

        await SqlRunner.QueryAsync("select 1", environment);

        Assert.Equal(1, environment.InterruptChecks);
    }

    [Fact]
    public async Task Interrupt_should_stop_execution_after_the_rows_already_produced()
    {
        var environment = new SqlTestEnvironment
        {
            PendingInterrupt = (3, new PgException(new PgError(PgSeverity.Fatal, "57P01", "terminating connection due to administrator command"))),
        };
        var prepared = SqlExecutor.Describe(Select("select pid from pg_stat_activity"), environment);
        var produced = new List<object?>();

        var exception = await Assert.ThrowsAsync<PgException>(async () =>
        {
            await foreach (var row in prepared.ExecuteAsync(environment))
            {
                produced.Add(row[0]);
            }
        });

        Assert.Equal([4242, 100], produced);
        Assert.Equal(PgSeverity.Fatal, exception.Error.Severity);
        Assert.Equal("57P01", exception.Error.SqlState);
    }

    [Fact]
    public async Task Interrupt_should_stop_a_sorting_select_before_any_row()
    {
        var environment = new SqlTestEnvironment { PendingInterrupt = (2, new PgException("57014", "canceling statement due to user request")) };

        var error = await SqlRunner.ErrorAsync("select pid from pg_stat_activity order by pid", environment);

        Assert.Equal("57014", error.SqlState);
        Assert.Equal(2, environment.InterruptChecks);
    }

    [Fact]
    public async Task Runtime_error_should_come_after_the_rows_before_it()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select("select 10 / (pid - 100) from pg_stat_activity"), environment);
        var produced = new List<object?>();

        var exception = await Assert.ThrowsAsync<PgException>(async () =>
        {
            await foreach (var row in prepared.ExecuteAsync(environment))
            {
                produced.Add(row[0]);
            }
        });

        Assert.Equal([0], produced);
        Assert.Equal(("22012", "division by zero"), (exception.Error.SqlState, exception.Error.Message));
    }

    [Theory]
    // PG 15 raises these while planning, before RowDescription: constant subexpressions are folded.
    [InlineData("select 1/0 from pg_stat_activity")]
    [InlineData("select 1/0 from pg_stat_activity where false")]
    [InlineData("select case when pid > 0 then 1/0 else 1 end from pg_stat_activity")]
    [InlineData("select pid from pg_stat_activity where pid > 2147483647 + 1")]
    public void Describe_should_raise_errors_of_constant_subexpressions(string sql)
    {
        var exception = Assert.Throws<PgException>(() => SqlExecutor.Describe(Select(sql), new SqlTestEnvironment()));

        Assert.Contains(exception.Error.SqlState, new[] { "22012", "22003" });
    }

    [Theory]
    // PG 15: case when true then 1 else 1/0 end → 1; case when false then 1/0 else 1 end → 1; coalesce(1, 1/0) → 1
    [InlineData("select case when true then 1 else 1/0 end", "1")]
    [InlineData("select case when false then 1/0 else 1 end", "1")]
    [InlineData("select case 2 when 1 then 1/0 when 2 then 3 end", "3")]
    [InlineData("select coalesce(1, 1/0)", "1")]
    [InlineData("select false and 1/0 = 1", "f")]
    [InlineData("select true or 1/0 = 1", "t")]
    public async Task Folding_should_drop_branches_that_cannot_be_taken(string sql, string value)
    {
        Assert.Equal(value, await SqlRunner.ScalarTextAsync(sql));
    }

    [Fact]
    public void Describe_should_not_raise_errors_of_expressions_over_columns()
    {
        var prepared = SqlExecutor.Describe(Select("select pid / 0 from pg_stat_activity"), new SqlTestEnvironment());

        Assert.Equal("?column?:23/4/-1", SqlRunner.Describe(Assert.Single(prepared.Columns)));
    }

    [Theory]
    // PG 15 (after RowDescription): 2201W LIMIT must not be negative / 2201X OFFSET must not be negative
    [InlineData("select pid from pg_stat_activity limit -1", "2201W", "LIMIT must not be negative")]
    [InlineData("select 1 offset -1", "2201X", "OFFSET must not be negative")]
    public async Task Negative_limit_should_fail_at_execution_after_describe(string sql, string sqlState, string message)
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select(sql), environment);

        var exception = await Assert.ThrowsAsync<PgException>(() => prepared.ExecuteToEndAsync(environment));

        Assert.Single(prepared.Columns);
        Assert.Equal((sqlState, message, null), (exception.Error.SqlState, exception.Error.Message, exception.Error.Position));
    }

    [Fact]
    public async Task Limit_should_stop_evaluating_rows_once_reached()
    {
        var environment = new SqlTestEnvironment();

        await SqlRunner.QueryAsync("select pg_sleep(1) from pg_stat_activity limit 2", environment);

        Assert.Equal(2, environment.Sleeps.Count);
    }

    [Fact]
    public async Task Sorting_with_limit_should_evaluate_volatile_targets_only_for_returned_rows()
    {
        var environment = new SqlTestEnvironment();

        var rows = await SqlRunner.TextRowsAsync("select pid, pg_sleep(pid) from pg_stat_activity order by pid desc limit 1", environment);

        Assert.Equal("4244", Assert.Single(rows)[0]);
        Assert.Equal([4244.0], environment.Sleeps);
    }

    [Fact]
    public async Task Prepared_select_should_take_a_new_snapshot_on_each_execution()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select("select pid from pg_stat_activity"), environment);
        var relation = Assert.IsType<TestRelation>(environment.FindRelation("pg_catalog", "pg_stat_activity"));

        var first = await prepared.ExecuteToEndAsync(environment);
        var second = await prepared.ExecuteToEndAsync(environment);

        Assert.Equal(first.Rows.Count, second.Rows.Count);
        Assert.Equal(2, relation.Snapshots);
    }

    [Fact]
    public async Task Select_without_from_should_return_one_row_even_with_no_columns()
    {
        // PG 15: select; → RowDescription with no fields, one empty DataRow, SELECT 1
        var result = await SqlExecutor.ExecuteSelectAsync(Select("select"), new SqlTestEnvironment());

        Assert.Empty(result.Columns);
        Assert.Empty(Assert.Single(result.Rows));
        Assert.Equal("SELECT 1", result.CommandTag);
    }

    [Fact]
    public async Task Host_relation_values_should_be_normalised_to_the_column_types()
    {
        var environment = new SqlTestEnvironment();
        environment.AddRelation(new TestRelation(
            "pg_catalog",
            "loose",
            0,
            [new RelationColumn("n", SqlType.Int8), new RelationColumn("o", SqlType.OidType), new RelationColumn("at", SqlType.Timestamptz)],
            [[5, 7, new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc)]]));

        var result = await SqlRunner.QueryAsync("select n + 1, o, at from loose", environment);

        Assert.Equal([6L, 7u, new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero)], Assert.Single(result.Rows));
    }

    [Fact]
    public async Task Unknown_schema_or_relation_should_be_reported_with_its_qualified_name()
    {
        // PG 15: 42P01 relation "public.pg_stat_activity" does not exist P=15
        var error = await SqlRunner.ErrorAsync("select 1 from public.pg_stat_activity");

        Assert.Equal(("42P01", "relation \"public.pg_stat_activity\" does not exist", 15), (error.SqlState, error.Message, error.Position));
    }

    [Fact]
    public async Task Order_by_should_resolve_an_output_name_before_an_input_column()
    {
        // "state" is both an output alias (of pid) and an input column: SQL92 says the output column wins.
        var rows = await SqlRunner.TextRowsAsync("select pid as state from pg_stat_activity order by state desc");

        Assert.Equal("4244,4243,4242,100", string.Join(',', rows.Select(r => r[0])));
    }
}
