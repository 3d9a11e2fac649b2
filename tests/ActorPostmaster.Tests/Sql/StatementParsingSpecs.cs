using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>The statements SqlParser.Parse produces for every supported form.</summary>
public sealed class StatementParsingSpecs
{
    private static T Single<T>(string sql) where T : Statement => Assert.IsType<T>(Assert.Single(SqlParser.Parse(sql)));

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(";")]
    [InlineData(" ; ;; ")]
    [InlineData("-- only a comment")]
    [InlineData("/* a /* nested */ comment */")]
    [InlineData("/* x */ ; -- y\n ;")]
    public void Parse_should_return_no_statements_when_the_text_holds_only_whitespace_comments_and_semicolons(string sql)
    {
        // PG 15 answers EmptyQueryResponse for each of these.
        Assert.Empty(SqlParser.Parse(sql));
    }

    [Fact]
    public void Parse_should_split_statements_when_separated_by_semicolons()
    {
        var statements = SqlParser.Parse("select 1; ; show timezone;begin;commit");

        Assert.Collection(
            statements,
            s => Assert.IsType<SelectStatement>(s),
            s => Assert.Equal("timezone", Assert.IsType<ShowStatement>(s).Name),
            s => Assert.Equal(TransactionCommand.Begin, Assert.IsType<TransactionStatement>(s).Command),
            s => Assert.Equal(TransactionCommand.Commit, Assert.IsType<TransactionStatement>(s).Command));
    }

    [Fact]
    public void Select_should_carry_targets_aliases_from_where_order_by_limit_and_offset()
    {
        var select = Single<SelectStatement>(
            "SELECT pid AS p, state s, 1 FROM pg_catalog.pg_stat_activity AS a WHERE pid <> 0 ORDER BY 1 DESC NULLS LAST, state LIMIT 5 OFFSET 2");

        Assert.Equal(["p", "s", null], select.Targets.Select(t => t.Alias));
        Assert.Equal(["pid"], Assert.IsType<ColumnReference>(select.Targets[0].Expression).Names);
        Assert.Equal(new RelationReference("pg_catalog", "pg_stat_activity", "a", 34), select.From);
        var where = Assert.IsType<BinaryExpression>(select.Where);
        Assert.Equal("<>", where.Operator);
        Assert.Equal(2, select.OrderBy.Count);
        Assert.Equal(SortDirection.Descending, select.OrderBy[0].Direction);
        Assert.Equal(NullsOrder.Last, select.OrderBy[0].Nulls);
        Assert.Equal(SortDirection.Default, select.OrderBy[1].Direction);
        Assert.Equal(5, Assert.IsType<IntegerLiteral>(select.Limit).Value);
        Assert.Equal(2, Assert.IsType<IntegerLiteral>(select.Offset).Value);
        Assert.Equal("SELECT", select.CommandName);
    }

    [Theory]
    [InlineData("select;", 0)]
    [InlineData("select", 0)]
    [InlineData("select all 1, 2", 2)]
    [InlineData("(select 1)", 1)]
    [InlineData("((select 1, 2))", 2)]
    public void Select_should_parse_target_lists_when_empty_or_parenthesized(string sql, int targets)
    {
        Assert.Equal(targets, Single<SelectStatement>(sql).Targets.Count);
    }

    [Fact]
    public void Select_should_accept_limit_all_and_offset_before_limit()
    {
        var select = Single<SelectStatement>("select 1 offset 3 rows limit all");

        Assert.Null(select.Limit);
        Assert.Equal(3, Assert.IsType<IntegerLiteral>(select.Offset).Value);
    }

    [Fact]
    public void Table_should_be_select_star_from_the_relation()
    {
        var select = Single<SelectStatement>("TABLE pg_stat_activity");

        Assert.IsType<StarExpression>(Assert.Single(select.Targets).Expression);
        Assert.Equal("pg_stat_activity", select.From!.Name);
    }

    [Theory]
    [InlineData("select a.* from t a", new[] { "a" })]
    [InlineData("select * from t", new string[0])]
    [InlineData("select s.t.* from s.t", new[] { "s", "t" })]
    public void Star_should_carry_its_qualifier(string sql, string[] qualifier)
    {
        var star = Assert.IsType<StarExpression>(Single<SelectStatement>(sql).Targets[0].Expression);

        Assert.Equal(qualifier, star.Qualifier);
    }

    [Theory]
    [InlineData("select 1 is", "is")]
    [InlineData("select 1 and from t", "and")]
    [InlineData("select 1 not", "not")]
    [InlineData("select 1 user", "user")]
    [InlineData("select 1 value", "value")]
    [InlineData("select 1 as select", "select")]
    [InlineData("select 1 as \"Mixed Case\"", "Mixed Case")]
    [InlineData("select 1 FooBar", "foobar")]
    public void Target_alias_should_follow_PostgreSQLs_label_rules_when_keywords_are_used_as_names(string sql, string alias)
    {
        // PG 15 names these columns exactly so (a bare keyword label is a label only where no operator can follow).
        Assert.Equal(alias, Single<SelectStatement>(sql).Targets[0].Alias);
    }

    [Theory]
    [InlineData("SHOW TimeZone", "timezone")]
    [InlineData("show \"TimeZone\"", "TimeZone")]
    [InlineData("SHOW TIME ZONE", "timezone")]
    [InlineData("show transaction isolation level", "transaction_isolation")]
    [InlineData("show session authorization", "session_authorization")]
    [InlineData("show all", "all")]
    [InlineData("show my.Custom.setting", "my.custom.setting")]
    [InlineData("show search_path", "search_path")]
    public void Show_should_carry_the_setting_name_as_PostgreSQL_normalises_it(string sql, string name)
    {
        var show = Single<ShowStatement>(sql);

        Assert.Equal(name, show.Name);
        Assert.Equal(name == "all", show.IsAll);
        Assert.Equal("SHOW", show.CommandName);
    }

    [Theory]
    // Each value is what PG 15 stores for a placeholder setting (checked with SET my.x = …; SHOW my.x).
    [InlineData("set my.x = Bb", "bb", SetValueKind.Word)]
    [InlineData("set my.x = \"Q\"", "Q", SetValueKind.Word)]
    [InlineData("set my.x = 1e3", "1e3", SetValueKind.Numeric)]
    [InlineData("set my.x = +3", "3", SetValueKind.WholeNumber)]
    [InlineData("set my.x = -1.5", "-1.5", SetValueKind.Numeric)]
    [InlineData("set my.x = +1.5", "1.5", SetValueKind.Numeric)]
    [InlineData("set my.x = on", "on", SetValueKind.Word)]
    [InlineData("set my.x = TRUE", "true", SetValueKind.Word)]
    [InlineData("set my.x = 'a b'", "a b", SetValueKind.Quoted)]
    [InlineData("set my.x = 1.50", "1.50", SetValueKind.Numeric)]
    [InlineData("set my.x = 007", "7", SetValueKind.WholeNumber)]
    [InlineData("set my.x = interval", "interval", SetValueKind.Word)]
    [InlineData("set my.x = -0", "0", SetValueKind.WholeNumber)]
    [InlineData("set my.x = 99999999999", "99999999999", SetValueKind.Numeric)]
    [InlineData("set my.x to $$d$$", "d", SetValueKind.Quoted)]
    [InlineData("set my.x to E'e\\n'", "e\n", SetValueKind.Quoted)]
    [InlineData("set statement_timeout = 500", "500", SetValueKind.WholeNumber)]
    [InlineData("set statement_timeout = '1s'", "1s", SetValueKind.Quoted)]
    [InlineData("SET DateStyle = German", "german", SetValueKind.Word)]
    public void Set_should_carry_the_value_text_the_setting_receives(string sql, string text, SetValueKind kind)
    {
        var set = Single<SetStatement>(sql);

        Assert.Equal(SetAction.Value, set.Action);
        Assert.Equal(new SetValue(text, kind), Assert.Single(set.Values));
        Assert.Equal(text, set.FlatValue);
        Assert.False(set.IsLocal);
        Assert.Equal("SET", set.CommandName);
    }

    [Fact]
    public void Set_should_carry_every_value_when_given_a_list()
    {
        var set = Single<SetStatement>("set search_path = a, \"B\", 'c d'");

        Assert.Equal("search_path", set.Name);
        Assert.Equal([new SetValue("a", SetValueKind.Word), new SetValue("B", SetValueKind.Word), new SetValue("c d", SetValueKind.Quoted)], set.Values);
        Assert.Equal("a, B, c d", set.FlatValue);
    }

    [Theory]
    [InlineData("set local my.x = 1", "my.x", SetAction.Value, true)]
    [InlineData("set session my.x = 1", "my.x", SetAction.Value, false)]
    [InlineData("set my.x to default", "my.x", SetAction.Default, false)]
    [InlineData("set local my.x = default", "my.x", SetAction.Default, true)]
    [InlineData("set my.x from current", "my.x", SetAction.FromCurrent, false)]
    [InlineData("set \"My\".\"X\" = 1", "My.X", SetAction.Value, false)]
    [InlineData("set a.b.c = 1", "a.b.c", SetAction.Value, false)]
    [InlineData("set time zone default", "timezone", SetAction.Default, false)]
    [InlineData("set time zone local", "timezone", SetAction.Default, false)]
    [InlineData("set names", "client_encoding", SetAction.Default, false)]
    [InlineData("set session authorization default", "session_authorization", SetAction.Default, false)]
    [InlineData("set session session authorization default", "session_authorization", SetAction.Default, false)]
    public void Set_should_carry_name_action_and_scope(string sql, string name, SetAction action, bool isLocal)
    {
        var set = Single<SetStatement>(sql);

        Assert.Equal(name, set.Name);
        Assert.Equal(action, set.Action);
        Assert.Equal(isLocal, set.IsLocal);
    }

    [Theory]
    [InlineData("set time zone 'UTC'", "timezone", "UTC", SetValueKind.Quoted)]
    [InlineData("set time zone utc", "timezone", "utc", SetValueKind.Word)]
    [InlineData("set time zone -7", "timezone", "-7", SetValueKind.WholeNumber)]
    [InlineData("set time zone 5.5", "timezone", "5.5", SetValueKind.Numeric)]
    [InlineData("set names 'UTF8'", "client_encoding", "UTF8", SetValueKind.Quoted)]
    [InlineData("set schema 'public'", "search_path", "public", SetValueKind.Quoted)]
    [InlineData("set role none", "role", "none", SetValueKind.Word)]
    [InlineData("set role 'x'", "role", "x", SetValueKind.Quoted)]
    [InlineData("set session authorization sqlpg", "session_authorization", "sqlpg", SetValueKind.Word)]
    [InlineData("set xml option content", "xmloption", "content", SetValueKind.Word)]
    [InlineData("set transaction snapshot '00000003-0000001B-1'", "transaction_snapshot", "00000003-0000001B-1", SetValueKind.Quoted)]
    public void Set_special_forms_should_map_to_their_settings(string sql, string name, string text, SetValueKind kind)
    {
        var set = Single<SetStatement>(sql);

        Assert.Equal(name, set.Name);
        Assert.Equal(new SetValue(text, kind), Assert.Single(set.Values));
    }

    [Fact]
    public void Set_catalog_should_fail_at_parse_time_as_in_PostgreSQL()
    {
        // PG 15: 0A000 current database cannot be changed P=13
        var error = Assert.Throws<PgException>(() => SqlParser.Parse("set catalog 'x'")).Error;

        Assert.Equal(("0A000", "current database cannot be changed", 13), (error.SqlState, error.Message, error.Position));
    }

    [Theory]
    [InlineData("set transaction isolation level serializable", false, "transaction_isolation=serializable")]
    [InlineData("set local transaction read only, not deferrable", false, "transaction_read_only=on transaction_deferrable=off")]
    [InlineData("set session characteristics as transaction isolation level read committed read write", true,
        "transaction_isolation=read committed transaction_read_only=off")]
    public void Set_transaction_should_carry_the_modes(string sql, bool sessionCharacteristics, string modes)
    {
        var set = Single<SetTransactionStatement>(sql);

        Assert.Equal(sessionCharacteristics, set.SessionCharacteristics);
        Assert.Equal(modes, string.Join(' ', set.Modes.Select(m => $"{m.Setting}={m.Value}")));
    }

    [Theory]
    [InlineData("reset all", null)]
    [InlineData("RESET TimeZone", "timezone")]
    [InlineData("reset time zone", "timezone")]
    [InlineData("reset transaction isolation level", "transaction_isolation")]
    [InlineData("reset session authorization", "session_authorization")]
    [InlineData("reset role", "role")]
    [InlineData("reset my.x", "my.x")]
    public void Reset_should_carry_the_setting_name_or_all(string sql, string? name)
    {
        var reset = Single<ResetStatement>(sql);

        Assert.Equal(name, reset.Name);
        Assert.Equal(name is null, reset.IsAll);
        Assert.Equal("RESET", reset.CommandName);
    }

    [Theory]
    [InlineData("begin", TransactionCommand.Begin, "BEGIN", "")]
    [InlineData("BEGIN WORK", TransactionCommand.Begin, "BEGIN", "")]
    [InlineData("begin transaction isolation level repeatable read", TransactionCommand.Begin, "BEGIN", "transaction_isolation=repeatable read")]
    [InlineData("begin isolation level read committed, read only", TransactionCommand.Begin, "BEGIN",
        "transaction_isolation=read committed transaction_read_only=on")]
    [InlineData("begin read only read write", TransactionCommand.Begin, "BEGIN", "transaction_read_only=on transaction_read_only=off")]
    [InlineData("begin isolation level serializable deferrable", TransactionCommand.Begin, "BEGIN",
        "transaction_isolation=serializable transaction_deferrable=on")]
    [InlineData("begin isolation level read uncommitted", TransactionCommand.Begin, "BEGIN", "transaction_isolation=read uncommitted")]
    [InlineData("start transaction read write", TransactionCommand.StartTransaction, "START TRANSACTION", "transaction_read_only=off")]
    [InlineData("commit", TransactionCommand.Commit, "COMMIT", "")]
    [InlineData("commit work", TransactionCommand.Commit, "COMMIT", "")]
    [InlineData("end transaction", TransactionCommand.Commit, "COMMIT", "")]
    [InlineData("rollback", TransactionCommand.Rollback, "ROLLBACK", "")]
    [InlineData("abort work", TransactionCommand.Rollback, "ROLLBACK", "")]
    public void Transaction_control_should_carry_the_command_and_modes(string sql, TransactionCommand command, string commandName, string modes)
    {
        var statement = Single<TransactionStatement>(sql);

        Assert.Equal(command, statement.Command);
        Assert.Equal(commandName, statement.CommandName);
        Assert.Equal(modes, string.Join(' ', statement.Modes.Select(m => $"{m.Setting}={m.Value}")));
        Assert.False(statement.Chain);
    }

    [Theory]
    [InlineData("commit and chain", true)]
    [InlineData("commit and no chain", false)]
    [InlineData("rollback and chain", true)]
    [InlineData("end and chain", true)]
    public void Commit_and_rollback_should_carry_and_chain(string sql, bool chain)
    {
        Assert.Equal(chain, Single<TransactionStatement>(sql).Chain);
    }

    [Theory]
    [InlineData("savepoint s1", TransactionCommand.Savepoint, "s1", "SAVEPOINT")]
    [InlineData("release savepoint s1", TransactionCommand.Release, "s1", "RELEASE")]
    [InlineData("release s1", TransactionCommand.Release, "s1", "RELEASE")]
    [InlineData("release savepoint", TransactionCommand.Release, "savepoint", "RELEASE")]
    [InlineData("rollback to savepoint s1", TransactionCommand.RollbackToSavepoint, "s1", "ROLLBACK")]
    [InlineData("rollback work to s1", TransactionCommand.RollbackToSavepoint, "s1", "ROLLBACK")]
    public void Savepoint_commands_should_carry_the_savepoint(string sql, TransactionCommand command, string name, string commandName)
    {
        var statement = Single<TransactionStatement>(sql);

        Assert.Equal(command, statement.Command);
        Assert.Equal(name, statement.SavepointName);
        Assert.Equal(commandName, statement.CommandName);
    }

    [Theory]
    [InlineData("discard all", DiscardTarget.All, "DISCARD ALL")]
    [InlineData("DISCARD PLANS", DiscardTarget.Plans, "DISCARD PLANS")]
    [InlineData("discard sequences", DiscardTarget.Sequences, "DISCARD SEQUENCES")]
    [InlineData("discard temp", DiscardTarget.Temp, "DISCARD TEMP")]
    [InlineData("discard temporary", DiscardTarget.Temp, "DISCARD TEMP")]
    public void Discard_should_carry_its_target(string sql, DiscardTarget target, string commandName)
    {
        var discard = Single<DiscardStatement>(sql);

        Assert.Equal(target, discard.Target);
        Assert.Equal(commandName, discard.CommandName);
    }

    [Fact]
    public void Checkpoint_should_parse()
    {
        Assert.Equal("CHECKPOINT", Single<CheckpointStatement>("CHECKPOINT").CommandName);
    }

    [Theory]
    [InlineData("insert into t select 1", "INSERT", "INSERT … SELECT", 15)]
    [InlineData("update t set a = 1 from u", "UPDATE", "UPDATE … FROM", 20)]
    [InlineData("delete from t returning *", "DELETE", "RETURNING", 15)]
    [InlineData("create table t (a int)", "CREATE TABLE", "CREATE TABLE", 1)]
    [InlineData("create or replace function f() returns int as $$ select 1; $$ language sql", "CREATE FUNCTION", "CREATE FUNCTION", 1)]
    [InlineData("drop index i", "DROP INDEX", "DROP INDEX", 1)]
    [InlineData("vacuum", "VACUUM", "VACUUM", 1)]
    [InlineData("prepare transaction 'x'", "PREPARE TRANSACTION", "PREPARE TRANSACTION", 1)]
    [InlineData("commit prepared 'x'", "COMMIT PREPARED", "COMMIT PREPARED", 1)]
    [InlineData("values (1)", "SELECT", "VALUES", 1)]
    [InlineData("with a as (select 1) select * from a", "SELECT", "WITH", 1)]
    [InlineData("select count(distinct pid) from pg_stat_activity", "SELECT", "aggregate function", 14)]
    [InlineData("select pid from pg_stat_activity group by pid", "SELECT", "GROUP BY", 34)]
    [InlineData("select 1 union select 2", "SELECT", "UNION", 10)]
    [InlineData("select distinct 1", "SELECT", "SELECT DISTINCT", 8)]
    [InlineData("select * from a join b on true", "SELECT", "JOIN", 17)]
    [InlineData("select (select 1)", "SELECT", "subquery", 8)]
    public void Unsupported_statement_should_be_deferred_with_a_feature_not_supported_error(string sql, string commandName, string feature, int position)
    {
        var unsupported = Single<UnsupportedStatement>(sql);

        Assert.Equal(commandName, unsupported.CommandName);
        Assert.Equal(feature, unsupported.Feature);
        var error = unsupported.ToException().Error;
        Assert.Equal(("0A000", $"{feature} is not supported", position), (error.SqlState, error.Message, error.Position));
    }

    [Fact]
    public void Unsupported_statement_should_not_stop_the_statements_around_it_from_parsing()
    {
        // PostgreSQL would run select 1, then fail on the INSERT; so parsing must not fail.
        var statements = SqlParser.Parse("select 1; insert into t select 1; select 2");

        Assert.Collection(statements, s => Assert.IsType<SelectStatement>(s), s => Assert.IsType<UnsupportedStatement>(s), s => Assert.IsType<SelectStatement>(s));
    }

    [Theory]
    // PG 15: 42601 syntax error at end of input P=24 / P=15
    [InlineData("insert into t values (1", 24)]
    [InlineData("select count(*", 15)]
    public void Unsupported_statement_should_still_be_a_syntax_error_when_its_parentheses_do_not_balance(string sql, int position)
    {
        var error = Assert.Throws<PgException>(() => SqlParser.Parse(sql)).Error;

        Assert.Equal(("42601", "syntax error at end of input", position), (error.SqlState, error.Message, error.Position));
    }
}
