using ActorPostmaster.Interop.Harness;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// max_connections = 5, superuser_reserved_connections = 2: once five superuser sessions hold every slot, the next
/// client is refused before authentication with FATAL 53300 "sorry, too many clients already".
/// </summary>
public sealed class TooManyClientsSpecs(FiveConnectionsFixture fixture, ITestOutputHelper output) : IClassFixture<FiveConnectionsFixture>
{
    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Psql_should_print_sorry_too_many_clients_already_when_every_slot_is_taken(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var slots = await HoldEverySlotAsync(server);

        var result = await ClientTools.For(server).PsqlAsync(["-X", "-c", "SELECT 1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "psql: error: connection to server at \"127.0.0.1\", port PORT failed: FATAL:  sorry, too many clients already\n",
            TestSupport.Normalize(result.StandardError, server));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Npgsql_should_throw_FATAL_53300_when_every_slot_is_taken_and_connect_again_once_one_is_free(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        await using (var slots = await HoldEverySlotAsync(server))
        {
            var exception = await Assert.ThrowsAsync<PostgresException>(async () => await dataSource.OpenConnectionAsync());
            output.WriteLine(NpgsqlShapes.Describe(exception));

            Assert.Equal("53300", exception.SqlState);
            Assert.Equal("FATAL", exception.Severity);
            Assert.Equal("sorry, too many clients already", exception.MessageText);
            Assert.True(exception.IsTransient);
        }

        // Backends leave asynchronously after their clients close; a new connection succeeds once a slot is free.
        await TestSupport.WaitForClientBackendsAsync(server, 1);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await TestSupport.ScalarAsync<int>(connection, "SELECT 1"));
    }

    /// <summary>Opens non-pooled superuser connections until max_connections (5) are in use.</summary>
    private static async Task<HeldConnections> HoldEverySlotAsync(ITestServer server)
    {
        await TestSupport.WaitForClientBackendsAsync(server, 1);
        var held = new HeldConnections();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var connection = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
                held.Add(connection);
                await connection.OpenAsync();
            }
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }

        return held;
    }

    private sealed class HeldConnections : List<NpgsqlConnection>, IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var connection in this)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
