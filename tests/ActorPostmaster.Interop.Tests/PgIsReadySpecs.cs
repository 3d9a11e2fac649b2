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
}
