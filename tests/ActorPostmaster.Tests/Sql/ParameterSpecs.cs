using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>Positional parameters $n: simple-query refusal, declared types, inferred types, values.</summary>
public sealed class ParameterSpecs
{
    private static SelectStatement Select(string sql) => Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql)));

    [Theory]
    // PG 15: 42P02 there is no parameter $1 P=8 (simple query protocol)
    [InlineData("select $1", "there is no parameter $1", 8)]
    [InlineData("select 1 + $2", "there is no parameter $2", 12)]
    public void Simple_query_should_refuse_parameters(string sql, string message, int position)
    {
        var exception = Assert.Throws<PgException>(() => SqlExecutor.Describe(Select(sql), new SqlTestEnvironment()));

        Assert.Equal(("42P02", message, position), (exception.Error.SqlState, exception.Error.Message, exception.Error.Position));
    }

    [Fact]
    public void Parameter_zero_should_not_exist_even_in_the_extended_protocol()
    {
        var exception = Assert.Throws<PgException>(() => SqlExecutor.Describe(Select("select $0"), new SqlTestEnvironment(), []));

        Assert.Equal("there is no parameter $0", exception.Error.Message);
    }

    [Fact]
    public async Task Declared_parameter_types_should_type_the_expression()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select("select $1 + 1, $2"), environment, [SqlType.Int8, SqlType.Text]);

        Assert.Equal(["?column?:20/8/-1", "?column?:25/-1/-1"], prepared.Columns.Select(SqlRunner.Describe));
        Assert.Equal([SqlType.Int8, SqlType.Text], prepared.ParameterTypes);
        var row = Assert.Single((await prepared.ExecuteToEndAsync(environment, [41L, "x"])).Rows);
        Assert.Equal([42L, "x"], row);
    }

    [Theory]
    [InlineData("select $1 + 1", "int4")]
    [InlineData("select 1.5 * $1", "numeric")]
    [InlineData("select $1 || 'a'", "text")]
    [InlineData("select $1", "text")]
    [InlineData("select $1::int8", "int8")]
    [InlineData("select pid from pg_stat_activity where pid = $1", "int4")]
    [InlineData("select pid from pg_stat_activity where state = $1", "text")]
    [InlineData("select pid from pg_stat_activity where $1", "bool")]
    [InlineData("select pid from pg_stat_activity limit $1", "int8")]
    [InlineData("select pg_sleep($1)", "float8")]
    [InlineData("select abs($1::int2)", "int2")]
    [InlineData("select coalesce($1, 1)", "int4")]
    public void Unspecified_parameter_type_should_be_inferred_from_its_context(string sql, string type)
    {
        var prepared = SqlExecutor.Describe(Select(sql), new SqlTestEnvironment(), [SqlType.Unknown]);

        Assert.Equal(type, Assert.Single(prepared.ParameterTypes).Name);
    }

    [Fact]
    public void Parameters_beyond_the_declared_ones_should_be_inferred_too()
    {
        var prepared = SqlExecutor.Describe(Select("select $3::int8, $1::text, $2 = 1"), new SqlTestEnvironment(), []);

        Assert.Equal(["text", "int4", "int8"], prepared.ParameterTypes.Select(t => t.Name));
    }

    [Fact]
    public void Parameter_whose_type_cannot_be_inferred_should_fail()
    {
        var exception = Assert.Throws<PgException>(() =>
            SqlExecutor.Describe(Select("select 1 where $1 is null"), new SqlTestEnvironment(), [SqlType.Unknown]));

        Assert.Equal(("42P18", "could not determine data type of parameter $1"), (exception.Error.SqlState, exception.Error.Message));
    }

    [Fact]
    public async Task Parameter_values_should_drive_where_and_limit()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(
            Select("select pid from pg_stat_activity where backend_type = $1 order by pid limit $2"),
            environment,
            [SqlType.Unknown, SqlType.Unknown]);

        var result = await prepared.ExecuteToEndAsync(environment, ["client backend", 2L]);

        Assert.Equal([4242, 4243], result.Rows.Select(r => r[0]));
    }

    [Fact]
    public async Task Null_parameter_value_should_be_null()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select("select $1 + 1, $1 is null"), environment, [SqlType.Int4]);

        Assert.Equal([null, true], Assert.Single((await prepared.ExecuteToEndAsync(environment, [null])).Rows));
    }

    [Fact]
    public async Task Parameter_value_text_should_convert_with_the_types_input_function()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select("select $1 * 2"), environment, [SqlType.Unknown]);
        var value = PgTextFormat.Parse("21", prepared.ParameterTypes[0]);

        Assert.Equal(42, Assert.Single((await prepared.ExecuteToEndAsync(environment, [value])).Rows)[0]);
    }

    [Fact]
    public async Task Wrong_number_of_values_should_be_refused()
    {
        var environment = new SqlTestEnvironment();
        var prepared = SqlExecutor.Describe(Select("select $1::int4"), environment, []);

        await Assert.ThrowsAsync<ArgumentException>(() => prepared.ExecuteToEndAsync(environment, []));
    }
}
