using System.Globalization;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Interop.Tests;

/// <summary>What psql prints against the server: results, and the texts of terminate, cancel and connection errors.</summary>
public sealed class PsqlSpecs(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Psql_should_print_SELECT_1_exactly_as_PostgreSQL_15(string target)
    {
        var server = await fixture.ServerAsync(target);

        var result = await ClientTools.For(server).PsqlAsync(["-X", "-c", "SELECT 1"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(" ?column? \n----------\n        1\n(1 row)\n\n", result.StandardOutput);
        Assert.Equal("", result.StandardError);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Pg_backend_pid_should_be_a_positive_integer_that_differs_between_sessions(string target)
    {
        var server = await fixture.ServerAsync(target);
        var clients = ClientTools.For(server);

        var first = await clients.QueryAsync("SELECT pg_backend_pid()");
        var second = await clients.QueryAsync("SELECT pg_backend_pid()");

        Assert.True(int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a > 0, first);
        Assert.True(int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0, second);
        Assert.NotEqual(a, b);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Server_version_num_should_be_a_PostgreSQL_15_version(string target)
    {
        var server = await fixture.ServerAsync(target);

        var versionNum = await ClientTools.For(server).QueryAsync("SHOW server_version_num");

        Assert.Matches(@"^15\d{4}$", versionNum);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_session_inside_pg_sleep_should_get_FATAL_57P01_and_exit_2_when_another_session_terminates_it(string target)
    {
        var server = await fixture.ServerAsync(target);
        var clients = ClientTools.For(server);
        await using var victim = clients.StartPsql(["-X", "-A", "-t", "-f", "-"], "SELECT pg_backend_pid();\nSELECT pg_sleep(30);\n");
        var pid = int.Parse((await victim.WaitForOutputAsync(o => o.Contains('\n'), Timeout)).Trim(), CultureInfo.InvariantCulture);
        await TestSupport.WaitUntilActiveAsync(server, pid);

        Assert.Equal("t", await clients.QueryAsync($"SELECT pg_terminate_backend({pid})"));
        var result = await victim.WaitForExitAsync(Timeout);

        Assert.False(result.TimedOut, result.ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "psql:<stdin>:2: FATAL:  terminating connection due to administrator command\n" +
            "psql:<stdin>:2: server closed the connection unexpectedly\n" +
            "\tThis probably means the server terminated abnormally\n" +
            "\tbefore or while processing the request.\n" +
            "psql:<stdin>:2: error: connection to server was lost\n",
            TestSupport.Normalize(result.StandardError, server));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_session_inside_pg_sleep_should_get_ERROR_57014_and_keep_its_backend_when_another_session_cancels_it(string target)
    {
        var server = await fixture.ServerAsync(target);
        var clients = ClientTools.For(server);
        await using var victim = clients.StartPsql(
            ["-X", "-A", "-t", "-f", "-"], "SELECT pg_backend_pid();\nSELECT pg_sleep(30);\nSELECT pg_backend_pid();\n");
        var pid = int.Parse((await victim.WaitForOutputAsync(o => o.Contains('\n'), Timeout)).Trim(), CultureInfo.InvariantCulture);
        await TestSupport.WaitUntilActiveAsync(server, pid);

        Assert.Equal("t", await clients.QueryAsync($"SELECT pg_cancel_backend({pid})"));
        var result = await victim.WaitForExitAsync(Timeout);

        Assert.False(result.TimedOut, result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("psql:<stdin>:2: ERROR:  canceling statement due to user request\n", result.StandardError);
        Assert.Equal($"{pid}\n{pid}\n", result.StandardOutput);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Connecting_to_an_unknown_database_should_fail_with_FATAL_database_does_not_exist(string target)
    {
        var server = await fixture.ServerAsync(target);

        var result = await ClientTools.For(server).PsqlAsync(["-X", "-d", "nosuchdb", "-c", "SELECT 1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  database \"nosuchdb\" does not exist\n",
            TestSupport.Normalize(result.StandardError, server));
        Assert.Equal("", result.StandardOutput);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Connecting_as_an_unknown_role_should_fail_with_FATAL_role_does_not_exist(string target)
    {
        var server = await fixture.ServerAsync(target);

        var result = await ClientTools.For(server, user: "nosuchuser").PsqlAsync(["-X", "-c", "SELECT 1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  role \"nosuchuser\" does not exist\n",
            TestSupport.Normalize(result.StandardError, server));
    }
}
