using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>INSERT, UPDATE, DELETE and count(*) on kv (k text primary key, v text), against PostgreSQL 15's texts.</summary>
public sealed class ModificationSpecs
{
    private readonly KvTable _kv = new();
    private readonly SqlTestEnvironment _environment = new();

    public ModificationSpecs() => _environment.AddRelation(_kv);

    private async Task<string> RunAsync(string sql, params object?[] parameters)
    {
        var statement = Assert.Single(SqlParser.Parse(sql));
        var prepared = SqlExecutor.DescribeModification(statement, _environment, parameters.Length == 0 ? null : parameters.Select(_ => SqlType.Unknown).ToList());
        return (await prepared.ExecuteAsync(_environment, parameters.Length == 0 ? null : parameters)).CommandTag;
    }

    private async Task<PgError> ErrorAsync(string sql)
    {
        var exception = await Assert.ThrowsAsync<PgException>(async () =>
        {
            var statement = Assert.Single(SqlParser.Parse(sql));
            if (statement is UnsupportedStatement unsupported)
            {
                throw unsupported.ToException();
            }

            if (statement is SelectStatement select)
            {
                await SqlExecutor.Describe(select, _environment).ExecuteToEndAsync(_environment);
                return;
            }

            await SqlExecutor.ExecuteModificationAsync(statement, _environment);
        });
        return exception.Error;
    }

    private Dictionary<string, string?> Contents => new(_kv.Rows);

    [Fact]
    public async Task An_insert_should_store_the_rows_and_report_INSERT_0_n()
    {
        Assert.Equal("INSERT 0 2", await RunAsync("INSERT INTO kv VALUES ('a', '1'), ('b', '2')"));
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, Contents);
    }

    [Fact]
    public async Task An_insert_with_a_column_list_should_take_any_order_and_leave_missing_columns_null()
    {
        await RunAsync("INSERT INTO kv (v, k) VALUES ('1', 'a')");
        await RunAsync("INSERT INTO kv (k) VALUES ('b')");
        await RunAsync("INSERT INTO kv VALUES ('c')");
        await RunAsync("INSERT INTO kv VALUES ('d', DEFAULT)");

        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = null, ["c"] = null, ["d"] = null }, Contents);
    }

    [Fact]
    public async Task A_value_of_another_type_should_get_the_assignment_cast_to_text()
    {
        await RunAsync("INSERT INTO kv VALUES (1, 2.50)");

        Assert.Equal("2.50", _kv.Rows["1"]);
    }

    [Fact]
    public async Task An_insert_of_an_existing_key_should_fail_with_23505()
    {
        _kv.With(("a", "1"));

        var error = await ErrorAsync("INSERT INTO kv VALUES ('a', '2')");

        Assert.Equal(new PgError(PgSeverity.Error, "23505", "duplicate key value violates unique constraint \"kv_pkey\"", "Key (k)=(a) already exists."), error);
        Assert.Equal("1", _kv.Rows["a"]);
    }

    [Fact]
    public async Task The_same_key_twice_in_one_insert_should_fail_with_23505()
    {
        var error = await ErrorAsync("INSERT INTO kv VALUES ('b', '1'), ('b', '2')");

        Assert.Equal(("23505", "Key (k)=(b) already exists."), (error.SqlState, error.Detail));
    }

    [Theory]
    [InlineData("INSERT INTO kv VALUES (NULL, 'x')")]
    [InlineData("INSERT INTO kv (v) VALUES ('x')")]
    [InlineData("INSERT INTO kv VALUES (DEFAULT, 'x')")]
    public async Task A_null_key_should_fail_with_23502_and_the_failing_row(string sql)
    {
        var error = await ErrorAsync(sql);

        Assert.Equal(
            new PgError(PgSeverity.Error, "23502", "null value in column \"k\" of relation \"kv\" violates not-null constraint", "Failing row contains (null, x)."),
            error);
    }

    [Fact]
    public async Task On_conflict_do_update_should_update_the_existing_row_with_excluded_and_target_columns()
    {
        _kv.With(("a", "1"));

        Assert.Equal("INSERT 0 2", await RunAsync("INSERT INTO kv VALUES ('a', '2'), ('b', '3') ON CONFLICT (k) DO UPDATE SET v = kv.v || EXCLUDED.v"));
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "12", ["b"] = "3" }, Contents);
    }

    [Fact]
    public async Task On_conflict_do_nothing_should_skip_the_existing_key_and_count_only_inserted_rows()
    {
        _kv.With(("a", "1"));

        Assert.Equal("INSERT 0 1", await RunAsync("INSERT INTO kv VALUES ('a', '2'), ('b', '3') ON CONFLICT DO NOTHING"));
        Assert.Equal("INSERT 0 0", await RunAsync("INSERT INTO kv VALUES ('a', '9') ON CONFLICT (k) DO NOTHING"));
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "3" }, Contents);
    }

    [Fact]
    public async Task On_conflict_on_constraint_should_name_the_primary_key()
    {
        _kv.With(("a", "1"));

        Assert.Equal("INSERT 0 1", await RunAsync("INSERT INTO kv VALUES ('a', '2') ON CONFLICT ON CONSTRAINT kv_pkey DO UPDATE SET v = excluded.v"));
        Assert.Equal("2", _kv.Rows["a"]);
        Assert.Equal(("42704", "constraint \"nope\" for table \"kv\" does not exist"),
            (await ErrorAsync("INSERT INTO kv VALUES ('a', '2') ON CONFLICT ON CONSTRAINT nope DO NOTHING")) is var e ? (e.SqlState, e.Message) : default);
    }

    [Fact]
    public async Task The_same_key_twice_in_one_insert_on_conflict_do_update_should_fail_with_21000()
    {
        var error = await ErrorAsync("insert into kv values ('b','1'),('b','2') on conflict (k) do update set v = excluded.v");

        Assert.Equal(
            new PgError(PgSeverity.Error, "21000", "ON CONFLICT DO UPDATE command cannot affect row a second time",
                Hint: "Ensure that no rows proposed for insertion within the same command have duplicate constrained values."),
            error);
    }

    [Fact]
    public async Task On_conflict_do_update_setting_a_null_key_should_fail_with_23502()
    {
        _kv.With(("a", "1"));

        var error = await ErrorAsync("insert into kv values ('a', null) on conflict (k) do update set k = null");

        Assert.Equal(("23502", "Failing row contains (null, 1)."), (error.SqlState, error.Detail));
    }

    [Theory]
    [InlineData("insert into kv values ('a','1','3')", "42601", "INSERT has more expressions than target columns", 32)]
    [InlineData("insert into kv (k,v) values ('a')", "42601", "INSERT has more target columns than expressions", 19)]
    [InlineData("insert into kv (k) values ('a','b')", "42601", "INSERT has more expressions than target columns", 32)]
    [InlineData("insert into kv (k, zz) values ('a','b')", "42703", "column \"zz\" of relation \"kv\" does not exist", 20)]
    [InlineData("insert into kv (k, k) values ('a','b')", "42701", "column \"k\" specified more than once", 20)]
    [InlineData("insert into zz values (1)", "42P01", "relation \"zz\" does not exist", 13)]
    [InlineData("insert into kv values ('c', 'x') on conflict do update set v = 'y'", "42601", "ON CONFLICT DO UPDATE requires inference specification or constraint name", 34)]
    [InlineData("insert into kv values ('c', 'x') on conflict (v) do nothing", "42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification", null)]
    [InlineData("insert into kv values ('c', 'x') on conflict (k) do update set v = excluded.zz", "42703", "column excluded.zz does not exist", 68)]
    [InlineData("insert into kv values ('c', 'x') on conflict (k) do update set zz = 'a'", "42703", "column \"zz\" of relation \"kv\" does not exist", 64)]
    [InlineData("insert into kv values ('c','x') on conflict (k) do update set v = v", "42702", "column reference \"v\" is ambiguous", 67)]
    [InlineData("insert into kv values ('c', count(*))", "42803", "aggregate functions are not allowed in VALUES", 29)]
    [InlineData("insert into kv values ('a'), ('b', 'c')", "42601", "VALUES lists must all be the same length", 31)]
    [InlineData("update kv set zz = 1", "42703", "column \"zz\" of relation \"kv\" does not exist", 15)]
    [InlineData("update kv set k = 'a', k = 'b'", "42601", "multiple assignments to same column \"k\"", null)]
    [InlineData("update kv set v = count(*)", "42803", "aggregate functions are not allowed in UPDATE", 19)]
    [InlineData("update kv set v = 'q' where 1", "42804", "argument of WHERE must be type boolean, not type integer", 29)]
    [InlineData("delete from kv where zz = 1", "42703", "column \"zz\" does not exist", 22)]
    [InlineData("delete from nope", "42P01", "relation \"nope\" does not exist", 13)]
    [InlineData("select count(*), k from kv", "42803", "column \"kv.k\" must appear in the GROUP BY clause or be used in an aggregate function", 18)]
    [InlineData("select k, count(*) from kv", "42803", "column \"kv.k\" must appear in the GROUP BY clause or be used in an aggregate function", 8)]
    [InlineData("select count(*) from kv order by k", "42803", "column \"kv.k\" must appear in the GROUP BY clause or be used in an aggregate function", 34)]
    [InlineData("select count(*) from kv where count(*) > 1", "42803", "aggregate functions are not allowed in WHERE", 31)]
    [InlineData("insert into kv values ('z', 'z') returning k", "0A000", "RETURNING is not supported", 34)]
    public async Task Malformed_statements_should_fail_like_postgresql(string sql, string sqlState, string message, int? position)
    {
        var error = await ErrorAsync(sql);

        Assert.Equal((sqlState, message, position), (error.SqlState, error.Message, error.Position));
    }

    [Theory]
    [InlineData("insert into pg_stat_activity values (1)", "cannot insert into view \"pg_stat_activity\"", "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO INSTEAD rule.")]
    [InlineData("update pg_stat_activity set pid = 1", "cannot update view \"pg_stat_activity\"", "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO INSTEAD rule.")]
    [InlineData("delete from pg_stat_activity", "cannot delete from view \"pg_stat_activity\"", "To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an unconditional ON DELETE DO INSTEAD rule.")]
    public async Task Changing_a_view_should_fail_with_55000(string sql, string message, string hint)
    {
        var error = await ErrorAsync(sql);

        Assert.Equal(
            new PgError(PgSeverity.Error, "55000", message, "Views that do not select from a single table or view are not automatically updatable.", hint),
            error);
    }

    [Fact]
    public async Task An_update_by_key_should_look_the_row_up_and_report_UPDATE_n()
    {
        _kv.With(("a", "1"), ("b", "2"));

        Assert.Equal("UPDATE 1", await RunAsync("UPDATE kv SET v = v || 'x' WHERE k = 'a'"));
        Assert.Equal("UPDATE 0", await RunAsync("UPDATE kv SET v = 'x' WHERE 'nope' = k"));

        Assert.Equal(0, _kv.Scans);
        Assert.Equal(2, _kv.Lookups);
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1x", ["b"] = "2" }, Contents);
    }

    [Fact]
    public async Task An_update_with_another_condition_should_scan()
    {
        _kv.With(("a", "1"), ("b", "2"), ("c", "1"));

        Assert.Equal("UPDATE 2", await RunAsync("UPDATE kv t SET v = DEFAULT WHERE t.v = '1'"));
        Assert.Equal("UPDATE 3", await RunAsync("UPDATE kv SET v = 'z'"));

        Assert.Equal(2, _kv.Scans);
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "z", ["b"] = "z", ["c"] = "z" }, Contents);
    }

    [Fact]
    public async Task An_update_of_the_key_should_move_the_row_or_fail_with_23505_when_the_key_exists()
    {
        _kv.With(("a", "1"), ("c", "3"));

        Assert.Equal("UPDATE 1", await RunAsync("UPDATE kv SET k = 'b' WHERE k = 'a'"));
        var error = await ErrorAsync("update kv set k = 'c' where k = 'b'");
        var nullKey = await ErrorAsync("update kv set k = null where k = 'b'");

        Assert.Equal(("23505", "Key (k)=(c) already exists."), (error.SqlState, error.Detail));
        Assert.Equal(("23502", "Failing row contains (null, 1)."), (nullKey.SqlState, nullKey.Detail));
        Assert.Equal(new Dictionary<string, string?> { ["b"] = "1", ["c"] = "3" }, Contents);
    }

    [Fact]
    public async Task A_delete_should_remove_the_matching_rows_and_report_DELETE_n()
    {
        _kv.With(("a", "1"), ("b", "2"), ("c", "1"));

        Assert.Equal("DELETE 1", await RunAsync("DELETE FROM kv WHERE k = 'b'"));
        Assert.Equal("DELETE 0", await RunAsync("DELETE FROM kv WHERE k = 'nope'"));
        Assert.Equal("DELETE 1", await RunAsync("DELETE FROM kv AS t WHERE t.v = '1' AND t.k > 'a'"));
        Assert.Equal("DELETE 1", await RunAsync("DELETE FROM kv"));

        Assert.Empty(_kv.Rows);
    }

    [Fact]
    public async Task Count_should_count_rows_and_non_null_values_as_bigint_named_count()
    {
        _kv.With(("a", "1"), ("b", null), ("c", "1"));

        var result = await SqlRunner.QueryAsync("SELECT count(*), count(v), count(*) + 1 AS n FROM kv", _environment);
        var filtered = await SqlRunner.TextRowsAsync("SELECT count(*) FROM kv WHERE v = '1'", _environment);

        Assert.Equal(["count:20/8/-1", "count:20/8/-1", "n:20/8/-1"], result.Columns.Select(SqlRunner.Describe));
        Assert.Equal([3L, 2L, 4L], Assert.Single(result.Rows));
        Assert.Equal("SELECT 1", result.CommandTag);
        Assert.Equal([["2"]], filtered);
    }

    [Fact]
    public async Task Count_of_an_empty_table_should_be_one_row_of_zero_and_LIMIT_0_none()
    {
        Assert.Equal([["0"]], await SqlRunner.TextRowsAsync("SELECT count(*) FROM kv", _environment));
        Assert.Empty(await SqlRunner.TextRowsAsync("SELECT count(*) FROM kv LIMIT 0", _environment));
    }

    [Fact]
    public async Task A_select_should_read_kv_through_its_rows()
    {
        _kv.With(("b", "2"), ("a", "1"));

        Assert.Equal([["a", "1"], ["b", "2"]], await SqlRunner.TextRowsAsync("SELECT k, v FROM kv ORDER BY k", _environment));
        Assert.Equal([["2"]], await SqlRunner.TextRowsAsync("SELECT v FROM kv WHERE k = 'b'", _environment));
    }

    [Fact]
    public void Parameters_should_be_inferred_as_text_from_the_columns_they_meet()
    {
        var insert = SqlExecutor.DescribeModification(
            Assert.Single(SqlParser.Parse("INSERT INTO kv VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v")), _environment, []);
        var update = SqlExecutor.DescribeModification(Assert.Single(SqlParser.Parse("UPDATE kv SET v = $2 WHERE k = $1")), _environment, [SqlType.Unknown]);
        var delete = SqlExecutor.DescribeModification(Assert.Single(SqlParser.Parse("DELETE FROM kv WHERE k = $1")), _environment, []);
        var select = SqlExecutor.Describe(Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse("SELECT count(*) FROM kv WHERE v = $1"))), _environment, []);

        Assert.Equal([25, 25], insert.ParameterTypes.Select(t => t.Oid));
        Assert.Equal([25, 25], update.ParameterTypes.Select(t => t.Oid));
        Assert.Equal([25], delete.ParameterTypes.Select(t => t.Oid));
        Assert.Equal([25], select.ParameterTypes.Select(t => t.Oid));
    }

    [Fact]
    public async Task Parameters_should_carry_the_values_of_an_upsert_and_a_keyed_update()
    {
        Assert.Equal("INSERT 0 1", await RunAsync("INSERT INTO kv VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v", "a", "1"));
        Assert.Equal("INSERT 0 1", await RunAsync("INSERT INTO kv VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v", "a", "2"));
        Assert.Equal("UPDATE 1", await RunAsync("UPDATE kv SET v = $2 WHERE k = $1", "a", "3"));
        Assert.Equal("UPDATE 0", await RunAsync("UPDATE kv SET v = $2 WHERE k = $1", null, "3"));

        Assert.Equal(new Dictionary<string, string?> { ["a"] = "3" }, Contents);
        Assert.Equal(0, _kv.Scans);
    }

    [Fact]
    public async Task Parameters_in_the_simple_protocol_should_fail_with_42P02()
    {
        var error = await ErrorAsync("DELETE FROM kv WHERE k = $1");

        Assert.Equal(("42P02", "there is no parameter $1", 26), (error.SqlState, error.Message, error.Position));
    }
}
