using ActorPostmaster.Interop.Harness;
using Npgsql;
using NpgsqlTypes;

namespace ActorPostmaster.Interop.Tests;

/// <summary>Npgsql 10.0.0 with pooled connections: queries, binary parameters, cancellation, termination.</summary>
public sealed class NpgsqlSpecs(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [Theory]
    [PostgresTarget(true), PostgresTarget(false)]
    [ActorPgTarget(true)] // with type loading Npgsql queries pg_type and friends, which ActorPostmaster does not have
    public async Task A_pooled_connection_should_run_SELECT_1_with_and_without_type_loading(string target, bool noTypeLoading)
    {
        var server = await fixture.ServerAsync(target);
        await using var dataSource = TestSupport.DataSource(server, noTypeLoading);

        for (var round = 0; round < 3; round++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            Assert.Equal(1, await TestSupport.ScalarAsync<int>(connection, "SELECT 1"));
        }
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Parameters_should_round_trip_in_binary_for_int4_int8_text_bool_float8_and_timestamptz(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        await using var connection = await dataSource.OpenConnectionAsync();
        var instant = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1234560);   // microsecond precision
        object[] values = [int.MinValue, long.MaxValue, "héllo, wörld ☃", true, -1.5e300, instant];
        NpgsqlDbType[] types =
            [NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Boolean, NpgsqlDbType.Double, NpgsqlDbType.TimestampTz];

        await using var command = new NpgsqlCommand("SELECT $1, $2, $3, $4, $5, $6", connection);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = types[i], Value = values[i] });
        }

        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(
            ["integer", "bigint", "text", "boolean", "double precision", "timestamp with time zone"],
            Enumerable.Range(0, values.Length).Select(reader.GetDataTypeName));
        Assert.Equal(int.MinValue, reader.GetInt32(0));
        Assert.Equal(long.MaxValue, reader.GetInt64(1));
        Assert.Equal("héllo, wörld ☃", reader.GetString(2));
        Assert.True(reader.GetBoolean(3));
        Assert.Equal(-1.5e300, reader.GetDouble(4));
        var back = reader.GetDateTime(5);
        Assert.Equal(instant, back);
        Assert.Equal(DateTimeKind.Utc, back.Kind);
        Assert.False(await reader.ReadAsync());
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_cancelled_token_should_cancel_pg_sleep_with_57014_and_leave_the_connection_usable(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        await using var connection = await dataSource.OpenConnectionAsync();
        var pid = await TestSupport.ScalarAsync<int>(connection, "SELECT pg_backend_pid()");
        using var cts = new CancellationTokenSource();

        var sleeping = TestSupport.ScalarAsync<object>(connection, "SELECT pg_sleep(30)", cts.Token);
        await TestSupport.WaitUntilActiveAsync(server, pid);
        await cts.CancelAsync();
        var exception = await Assert.ThrowsAsync<OperationCanceledException>(() => sleeping);
        output.WriteLine(NpgsqlShapes.Describe(exception));

        Assert.Equal("Query was cancelled", exception.Message);
        var postgres = Assert.IsType<PostgresException>(exception.InnerException);
        Assert.Equal("57014", postgres.SqlState);
        Assert.Equal("ERROR", postgres.Severity);
        Assert.Equal("canceling statement due to user request", postgres.MessageText);
        Assert.Equal(pid, connection.ProcessID);
        Assert.Equal(pid, await TestSupport.ScalarAsync<int>(connection, "SELECT pg_backend_pid()"));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_pooled_connection_terminated_by_pg_terminate_backend_should_throw_FATAL_57P01_and_the_pool_should_replace_it(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var dataSource = TestSupport.DataSource(server);
        var victim = await dataSource.OpenConnectionAsync();
        var pid = await TestSupport.ScalarAsync<int>(victim, "SELECT pg_backend_pid()");

        await using (var other = await dataSource.OpenConnectionAsync())
        {
            Assert.True(await TestSupport.ScalarAsync<bool>(other, $"SELECT pg_terminate_backend({pid})"));
        }

        var exception = await Assert.ThrowsAsync<PostgresException>(() => TestSupport.ScalarAsync<int>(victim, "SELECT 1"));
        output.WriteLine(NpgsqlShapes.Describe(exception));
        Assert.Equal("57P01", exception.SqlState);
        Assert.Equal("FATAL", exception.Severity);
        Assert.Equal("terminating connection due to administrator command", exception.MessageText);
        Assert.True(exception.IsTransient);
        Assert.Equal(System.Data.ConnectionState.Closed, victim.State);
        await victim.DisposeAsync();

        await using var fresh = await dataSource.OpenConnectionAsync();
        Assert.NotEqual(pid, await TestSupport.ScalarAsync<int>(fresh, "SELECT pg_backend_pid()"));
    }
}
