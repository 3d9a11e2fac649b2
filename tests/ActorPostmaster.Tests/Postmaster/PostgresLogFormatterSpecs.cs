using Xunit;

namespace ActorPostmaster.Tests;

public sealed class PostgresLogFormatterSpecs
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 23, 40, 1, 123, TimeSpan.Zero);

    [Fact]
    public void The_default_prefix_should_give_postgresqls_stderr_lines()
    {
        var line = new ServerLogLine(At, 4242, PgSeverity.Log, "database system is ready to accept connections");

        Assert.Equal("2026-11-20 23:40:01.123 UTC [4242] LOG:  database system is ready to accept connections", PostgresLogFormatter.Format(line));
    }

    [Fact]
    public void Detail_hint_and_statement_should_follow_on_their_own_prefixed_lines()
    {
        var line = new ServerLogLine(At, 7, PgSeverity.Log, "server process (PID 9) was terminated by signal 9: Killed", Detail: "Failed process was running: SELECT 1");

        Assert.Equal(
            "2026-11-20 23:40:01.123 UTC [7] LOG:  server process (PID 9) was terminated by signal 9: Killed\n" +
            "2026-11-20 23:40:01.123 UTC [7] DETAIL:  Failed process was running: SELECT 1",
            PostgresLogFormatter.Format(line));
    }

    [Fact]
    public void Context_should_come_after_hint_and_before_statement_as_elog_c_orders_them()
    {
        var line = new ServerLogLine(At, 7, PgSeverity.Log, "invalid connection type \"tcp\"", Hint: "h", Statement: "s", Context: "line 2 of configuration file \"/d/pg_hba.conf\"");

        Assert.Equal(
            "[7] LOG:  invalid connection type \"tcp\"\n" +
            "[7] HINT:  h\n" +
            "[7] CONTEXT:  line 2 of configuration file \"/d/pg_hba.conf\"\n" +
            "[7] STATEMENT:  s",
            PostgresLogFormatter.Format(line, "[%p] "));
    }

    [Fact]
    public void Debians_prefix_should_show_user_and_database_for_sessions_and_stop_at_q_for_others()
    {
        const string debian = "%m [%p] %q%u@%d ";
        var session = new ServerLogLine(At, 11, PgSeverity.Fatal, "terminating connection due to administrator command", User: "postgres", Database: "postgres");
        var background = new ServerLogLine(At, 12, PgSeverity.Log, "checkpoint starting: shutdown immediate");

        Assert.Equal("2026-11-20 23:40:01.123 UTC [11] postgres@postgres FATAL:  terminating connection due to administrator command", PostgresLogFormatter.Format(session, debian));
        Assert.Equal("2026-11-20 23:40:01.123 UTC [12] LOG:  checkpoint starting: shutdown immediate", PostgresLogFormatter.Format(background, debian));
    }

    [Theory]
    [InlineData("%t|", "2026-11-20 23:40:01 UTC|")]
    [InlineData("%n|", "1795218001.123|")]
    [InlineData("100%% %a|", "100% psql|")]
    [InlineData("%b|", "client backend|")]
    public void Prefix_escapes_should_render_like_postgresql(string prefix, string expected)
    {
        var line = new ServerLogLine(At, 1, PgSeverity.Log, "x", ApplicationName: "psql", User: "u", BackendType: BackendType.Backend);

        Assert.StartsWith(expected, PostgresLogFormatter.Format(line, prefix), StringComparison.Ordinal);
    }
}
