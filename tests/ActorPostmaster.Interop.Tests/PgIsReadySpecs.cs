using ActorPostmaster.Interop.Harness;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>pg_isready's three answers: accepting (0), rejecting (1, during a smart shutdown), no response (2).</summary>
public sealed class PgIsReadySpecs(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Pg_isready_should_exit_0_when_the_server_accepts_connections(string target)
    {
        var server = await fixture.ServerAsync(target);

        var result = await ClientTools.For(server).PgIsReadyAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("127.0.0.1:PORT - accepting connections\n", TestSupport.Normalize(result.StandardOutput, server));
    }

    [Fact]
    public async Task Pg_isready_should_exit_2_when_nothing_listens_on_the_port()
    {
        var port = FreePort.Next();

        var result = await new ClientTools("127.0.0.1", port).PgIsReadyAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"127.0.0.1:{port} - no response\n", result.StandardOutput);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Pg_isready_should_exit_1_during_a_smart_shutdown_while_a_session_is_still_open(string target)
    {
        await using var server = await InteropTargets.StartAsync(target);
        var clients = ClientTools.For(server);
        await using var session = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
        await session.OpenAsync();

        Assert.Equal(0, await server.SignalAsync("TERM"));
        var rejecting = await clients.WaitForPgIsReadyAsync(1, TimeSpan.FromSeconds(20));

        Assert.Equal(1, rejecting.ExitCode);
        Assert.Equal("127.0.0.1:PORT - rejecting connections\n", TestSupport.Normalize(rejecting.StandardOutput, server));
        var refused = await clients.PsqlAsync(["-X", "-c", "SELECT 1"]);
        for (var attempt = 0; refused.StandardError.Contains("in recovery mode", StringComparison.Ordinal) && attempt < 200; attempt++)
        {
            refused = await clients.PsqlAsync(["-X", "-c", "SELECT 1"]); // before redo, a moment of "in recovery mode" (FatalError still set)
        }

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(
            "psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  the database system is shutting down\n",
            TestSupport.Normalize(refused.StandardError, server));
        Assert.Equal(1, await TestSupport.ScalarAsync<int>(session, "SELECT 1"));   // the open session still works

        await session.CloseAsync();
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the server should exit once the last session has left");
        var gone = await clients.PgIsReadyAsync();
        Assert.Equal(2, gone.ExitCode);
        Assert.Equal("127.0.0.1:PORT - no response\n", TestSupport.Normalize(gone.StandardOutput, server));
    }

    [Fact]
    public async Task Ap_recovery_delay_minus_one_should_hold_crash_recovery_with_57P03_until_a_reload_releases_it()
    {
        if (ActorPgServer.LocateDll() is null)
        {
            return; // the harness reports a missing build through every ActorPgTarget test
        }

        await using var server = await ActorPgServer.StartAsync();
        var clients = ClientTools.For(server);
        var conf = Path.Combine(server.DataDirectory, "postgresql.conf");
        var original = await File.ReadAllTextAsync(conf);
        await File.WriteAllTextAsync(conf, original + "\npostgresql { ap_recovery_delay = -1 }\n");
        Assert.Equal(0, await server.SignalAsync("HUP"));
        await TestSupport.EventuallyAsync(() => server.ServerLog.Contains("parameter \"ap_recovery_delay\" changed to \"-1\"", StringComparison.Ordinal), "the reload");
        await using (var victim = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false)))
        {
            await victim.OpenAsync();
            await using var crash = new NpgsqlCommand("SELECT ap_crash_backend()", victim);
            Assert.False((await Assert.ThrowsAnyAsync<NpgsqlException>(() => crash.ExecuteNonQueryAsync())) is PostgresException); // the connection is lost
        }

        var rejecting = await clients.WaitForPgIsReadyAsync(1, TimeSpan.FromSeconds(20));
        Assert.Equal("127.0.0.1:PORT - rejecting connections\n", TestSupport.Normalize(rejecting.StandardOutput, server));
        var refused = await clients.PsqlAsync(["-X", "-c", "SELECT 1"]);
        for (var attempt = 0; refused.StandardError.Contains("in recovery mode", StringComparison.Ordinal) && attempt < 200; attempt++)
        {
            refused = await clients.PsqlAsync(["-X", "-c", "SELECT 1"]); // before redo, a moment of "in recovery mode" (FatalError still set)
        }

        Assert.Equal(
            "psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  the database system is not yet accepting connections\n" +
            "DETAIL:  Consistent recovery state has not been yet reached.\n",
            TestSupport.Normalize(refused.StandardError, server));
        await using (var refusedSession = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false, extra: "Include Error Detail=true")))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => refusedSession.OpenAsync());
            Assert.Equal(("57P03", "FATAL", "the database system is not yet accepting connections", "Consistent recovery state has not been yet reached."),
                (error.SqlState, error.Severity, error.MessageText, error.Detail));
            Assert.True(error.IsTransient);
        }

        await File.WriteAllTextAsync(conf, original);
        Assert.Equal(0, await server.SignalAsync("HUP"));
        var accepting = await clients.WaitForPgIsReadyAsync(0, TimeSpan.FromSeconds(60));
        Assert.Equal("127.0.0.1:PORT - accepting connections\n", TestSupport.Normalize(accepting.StandardOutput, server));
    }
}
