using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// The function registry and calls: overload resolution, named and default arguments, strictness, volatility,
/// void results, interrupts before calls. Messages are PostgreSQL 15's (checked against the server with equivalent
/// SQL functions; the server's answer is in the comments).
/// </summary>
public sealed class FunctionSpecs
{
    private static SqlTestEnvironment WithOverloads()
    {
        // PG 15 oracle: create function f(a int8) …; create function f(a numeric) …
        var environment = new SqlTestEnvironment();
        environment.Functions.Register("f", [SqlFunctionParameter.Required("a", SqlType.Int8)], SqlType.Int4, (_, _) => ValueTask.FromResult<object?>(1));
        environment.Functions.Register("f", [SqlFunctionParameter.Required("a", SqlType.Numeric)], SqlType.Int4, (_, _) => ValueTask.FromResult<object?>(2));
        return environment;
    }

    [Fact]
    public async Task Named_and_default_arguments_should_fill_the_parameters_in_declaration_order()
    {
        var environment = new SqlTestEnvironment();

        // PG 15: select g(pid => 1), g(1, timeout => 2), g(timeout => 2, pid => 1) runs.
        var rows = await SqlRunner.TextRowsAsync(
            "select pg_terminate_backend(pid => 4242), pg_terminate_backend(7, timeout => 2), pg_terminate_backend(timeout => 3, pid => 8), pg_terminate_backend(9)",
            environment);

        Assert.Equal((IEnumerable<string?>)["t", "f", "f", "f"], Assert.Single(rows));
        Assert.Equal([(4242, 0L), (7, 2L), (8, 3L), (9, 0L)], environment.Terminations);
    }

    [Theory]
    // PG 15: 42883 function g(timeout => integer) does not exist
    [InlineData("select pg_terminate_backend(timeout => 2)", "function pg_terminate_backend(timeout => integer) does not exist")]
    // PG 15: 42883 function g(integer, pid => integer) does not exist
    [InlineData("select pg_terminate_backend(1, pid => 2)", "function pg_terminate_backend(integer, pid => integer) does not exist")]
    // PG 15: 42883 function g(nope => integer) does not exist
    [InlineData("select pg_terminate_backend(nope => 1)", "function pg_terminate_backend(nope => integer) does not exist")]
    // PG 15: 42883 function g() does not exist
    [InlineData("select pg_terminate_backend()", "function pg_terminate_backend() does not exist")]
    // PG 15: 42883 function g(integer, integer, integer) does not exist
    [InlineData("select pg_terminate_backend(1, 2, 3)", "function pg_terminate_backend(integer, integer, integer) does not exist")]
    [InlineData("select pg_terminate_backend('x'::text)", "function pg_terminate_backend(text) does not exist")]
    public async Task Call_should_fail_with_PostgreSQLs_message_when_no_overload_fits(string sql, string message)
    {
        var error = await SqlRunner.ErrorAsync(sql);

        Assert.Equal(("42883", message, 8), (error.SqlState, error.Message, error.Position));
        Assert.Equal("No function matches the given name and argument types. You might need to add explicit type casts.", error.Hint);
    }

    [Theory]
    // PG 15: 42725 function f(integer) is not unique
    [InlineData("select f(1)", "function f(integer) is not unique")]
    // PG 15: 42725 function f(unknown) is not unique
    [InlineData("select f('1')", "function f(unknown) is not unique")]
    [InlineData("select f(null)", "function f(unknown) is not unique")]
    public async Task Call_should_fail_as_ambiguous_when_no_overload_is_best(string sql, string message)
    {
        var error = await SqlRunner.ErrorAsync(sql, WithOverloads());

        Assert.Equal(("42725", message, 8), (error.SqlState, error.Message, error.Position));
        Assert.Equal("Could not choose a best candidate function. You might need to add explicit type casts.", error.Hint);
    }

    [Theory]
    // PG 15: f(1.5) picks f(numeric) → 2
    [InlineData("select f(1.5)", "2")]
    [InlineData("select f(1::int8)", "1")]
    [InlineData("select f(1::int2::int8)", "1")]
    public async Task Call_should_pick_the_exact_overload(string sql, string value)
    {
        Assert.Equal(value, await SqlRunner.ScalarTextAsync(sql, WithOverloads()));
    }

    [Theory]
    [InlineData("select current_setting('server_version')", "15.18")]
    [InlineData("select current_setting('nope', true)", null)]
    [InlineData("select current_setting(setting_name => 'server_version')", "15.18")]
    [InlineData("select current_setting('server_version'::varchar)", "15.18")]
    [InlineData("select pg_catalog.current_setting('server_version')", "15.18")]
    public async Task Call_should_resolve_overloads_by_arity_names_and_implicit_casts(string sql, string? value)
    {
        Assert.Equal(value, await SqlRunner.ScalarTextAsync(sql));
    }

    [Fact]
    public async Task Host_function_errors_should_reach_the_client_unchanged()
    {
        var error = await SqlRunner.ErrorAsync("select current_setting('nope')");

        Assert.Equal(("42704", "unrecognized configuration parameter \"nope\""), (error.SqlState, error.Message));
    }

    [Fact]
    public async Task Strict_function_should_return_null_without_being_called_when_an_argument_is_null()
    {
        var environment = new SqlTestEnvironment();

        // PG 15: select pg_sleep(null) → NULL; s(null) of a STRICT function → NULL.
        var rows = await SqlRunner.TextRowsAsync("select pg_sleep(null), pg_terminate_backend(null), pg_terminate_backend(1, null::int8)", environment);

        Assert.Equal((IEnumerable<string?>)[null, null, null], Assert.Single(rows));
        Assert.Empty(environment.Sleeps);
        Assert.Empty(environment.Terminations);
    }

    [Fact]
    public async Task Non_strict_function_should_be_called_with_null_arguments()
    {
        var environment = new SqlTestEnvironment();
        object?[]? seen = null;
        environment.Functions.Register(
            "describe_args",
            [SqlFunctionParameter.Required("a", SqlType.Int4), SqlFunctionParameter.Optional("b", SqlType.Text, null)],
            SqlType.Text,
            (_, args) =>
            {
                seen = args;
                return ValueTask.FromResult<object?>(args[0] is null ? "a is null" : "a is set");
            },
            isStrict: false);

        Assert.Equal("a is null", await SqlRunner.ScalarTextAsync("select describe_args(null)", environment));
        Assert.Equal([null, null], seen);
    }

    [Fact]
    public async Task Void_function_should_return_the_void_value_not_null()
    {
        var environment = new SqlTestEnvironment();

        // PG 15: ROWDESC pg_sleep:2278/4/-1 | pg_sleep:2278/4/-1; ROW '' | NULL
        var result = await SqlRunner.QueryAsync("select pg_sleep(0.5), pg_sleep(0.5) is null", environment);

        Assert.Equal("pg_sleep:2278/4/-1", SqlRunner.Describe(result.Columns[0]));
        var row = Assert.Single(result.Rows);
        Assert.Same(PgVoid.Value, row[0]);
        Assert.Equal(string.Empty, result.Columns[0].Format(row[0]));
        Assert.Equal(false, row[1]);
        Assert.Equal([0.5, 0.5], environment.Sleeps);
    }

    [Fact]
    public async Task Check_for_interrupts_should_run_before_each_function_call()
    {
        var environment = new SqlTestEnvironment();

        await SqlRunner.QueryAsync("select pg_sleep(1), pg_sleep(2), pg_sleep(3)", environment);

        // One check for the row, one before each of the three calls.
        Assert.Equal(4, environment.InterruptChecks);
    }

    [Fact]
    public async Task Pending_interrupt_should_stop_the_statement_before_the_function_runs()
    {
        var environment = new SqlTestEnvironment
        {
            PendingInterrupt = (3, new PgException("57014", "canceling statement due to user request")),
        };

        var error = await SqlRunner.ErrorAsync("select pg_sleep(1), pg_sleep(2), pg_sleep(3)", environment);

        Assert.Equal(("57014", "canceling statement due to user request"), (error.SqlState, error.Message));
        Assert.Equal([1.0], environment.Sleeps);
    }

    [Fact]
    public async Task Cancellation_token_should_reach_the_function()
    {
        var environment = new SqlTestEnvironment();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SqlRunner.QueryAsync("select pg_sleep(30)", environment, cancellation.Token));
    }

    [Fact]
    public async Task Immutable_function_should_be_computed_once_at_plan_time_when_its_arguments_are_constant()
    {
        var environment = new SqlTestEnvironment();
        var calls = 0;
        environment.Functions.Register("twice", [SqlFunctionParameter.Required(null, SqlType.Int4)], SqlType.Int4,
            (_, args) => ValueTask.FromResult<object?>(++calls * 0 + ((int)args[0]! * 2)), volatility: SqlVolatility.Immutable);
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse("select twice(21), pid from pg_stat_activity")));

        var prepared = SqlExecutor.Describe(select, environment);
        Assert.Equal(1, calls);
        var result = await prepared.ExecuteToEndAsync(environment);

        Assert.Equal(1, calls);
        Assert.All(result.Rows, row => Assert.Equal(42, row[0]));
    }

    [Fact]
    public async Task Volatile_function_should_be_called_per_row()
    {
        var environment = new SqlTestEnvironment();

        await SqlRunner.QueryAsync("select pg_sleep(0.1) from pg_stat_activity", environment);

        Assert.Equal(ActivityView.SampleRows.Count, environment.Sleeps.Count);
    }

    [Fact]
    public async Task Function_result_should_be_normalised_to_the_declared_type()
    {
        var environment = new SqlTestEnvironment();
        environment.Functions.Register("big", [], SqlType.Int8, (_, _) => ValueTask.FromResult<object?>(7));
        environment.Functions.Register("span", [], SqlType.Interval, (_, _) => ValueTask.FromResult<object?>(TimeSpan.FromMinutes(90)));

        var row = Assert.Single((await SqlRunner.QueryAsync("select big(), span()", environment)).Rows);

        Assert.Equal(7L, row[0]);
        Assert.Equal(new PgInterval(0, 0, 5_400_000_000), row[1]);
    }

    [Fact]
    public async Task Builtins_should_keep_the_argument_type_as_PostgreSQL_does()
    {
        // PG 15: ROWDESC abs:21/2/-1 | abs:20/8/-1 | abs:1700/-1/-1 | abs:700/4/-1 | abs:701/8/-1 (abs('-5') picks float8)
        var result = await SqlRunner.QueryAsync("select abs(-1::int2), abs(-1::int8), abs(-5.5), abs(-5::float4), abs('-5')");

        Assert.Equal(
            ["abs:21/2/-1", "abs:20/8/-1", "abs:1700/-1/-1", "abs:700/4/-1", "abs:701/8/-1"],
            result.Columns.Select(SqlRunner.Describe));
        Assert.Equal([(short)1, 1L, 5.5m, 5f, 5d], Assert.Single(result.Rows));
    }

    [Fact]
    public void Registry_should_refuse_a_second_function_with_the_same_signature()
    {
        var registry = new SqlFunctionRegistry();
        registry.Register("f", [SqlFunctionParameter.Required(null, SqlType.Int4)], SqlType.Int4, (_, _) => ValueTask.FromResult<object?>(1));

        Assert.Throws<ArgumentException>(() =>
            registry.Register("f", [SqlFunctionParameter.Required("x", SqlType.Int4)], SqlType.Text, (_, _) => ValueTask.FromResult<object?>("x")));
        Assert.Single(registry.Lookup("f"));
        Assert.Empty(registry.Lookup("g"));
    }

    [Fact]
    public void Function_should_refuse_a_parameter_without_default_after_one_with_a_default()
    {
        Assert.Throws<ArgumentException>(() => new SqlFunction(
            "f",
            [SqlFunctionParameter.Optional("a", SqlType.Int4, 1), SqlFunctionParameter.Required("b", SqlType.Int4)],
            SqlType.Int4,
            (_, _) => ValueTask.FromResult<object?>(1)));
    }

    [Fact]
    public void Function_should_print_its_signature_as_PostgreSQL_does()
    {
        var environment = new SqlTestEnvironment();

        Assert.Equal("pg_terminate_backend(integer, bigint)", Assert.Single(environment.Functions.Lookup("pg_terminate_backend")).ToString());
    }

    [Fact]
    public async Task Sql_keyword_functions_should_call_the_host_functions_and_keep_their_keyword_as_column_name()
    {
        // PG 15: current_timestamp:1184/8/-1 | current_user:19/64/-1 | user:19/64/-1 | current_catalog:19/64/-1
        var result = await SqlRunner.QueryAsync("select current_timestamp, current_user, user, current_catalog, current_timestamp(0)");

        Assert.Equal(
            ["current_timestamp:1184/8/-1", "current_user:19/64/-1", "user:19/64/-1", "current_catalog:19/64/-1", "current_timestamp:1184/8/0"],
            result.Columns.Select(SqlRunner.Describe));
        Assert.Equal(
            ["2026-11-20 23:40:01.123456+00", "sqlpg", "sqlpg", "postgres", "2026-11-20 23:40:01+00"],
            Assert.Single(result.Rows).Select((v, i) => result.Columns[i].Format(v)));
    }
}
