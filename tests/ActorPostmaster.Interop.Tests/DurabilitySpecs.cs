using System.Globalization;
using ActorPostmaster.Interop.Harness;
using Npgsql;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// No acknowledged commit is ever lost: writers commit to kv through several connections while the whole server is
/// SIGKILLed (actorpg is one process) or stopped in immediate mode, then the server starts again and every commit
/// the clients saw acknowledged must be there, and nothing of a rolled-back or unfinished transaction.
/// </summary>
/// <remarks>
/// The kill comes after a seeded random number of acknowledged commits, so its timing against the commits in flight
/// varies without any sleep. <c>ACTORPG_KILL_CYCLES</c> sets the number of kill cycles (default 5),
/// <c>ACTORPG_KILL_SEED</c> the seed.
/// </remarks>
public sealed class DurabilitySpecs(ITestOutputHelper output)
{
    private const int Writers = 4;

    [Theory, ActorPgTarget]
    public async Task Every_acknowledged_commit_should_survive_SIGKILL_of_the_server(string target)
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("ACTORPG_KILL_CYCLES"), CultureInfo.InvariantCulture, out var c) ? c : 5;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ACTORPG_KILL_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        output.WriteLine($"{cycles} cycles, seed {seed}");
        var random = new Random(seed);
        await using var server = await InteropTargets.StartAsync(target);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);

        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var killAfter = random.Next(20, 400);
            var acked = new List<string>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers)
                .Select(w => WriteUntilFailureAsync(server, $"c{cycle}-w{w}", acked, killAfter, stop))
                .ToArray();
            await Task.WhenAll(writers);   // each ends when the server dies under it (after stop has fired)

            Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the SIGKILLed server exits");
            await server.RestartAsync();
            present = await KeysAsync(server);

            lock (acked)
            {
                acknowledged.UnionWith(acked);
            }

            var missing = acknowledged.Where(k => !present.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"cycle {cycle} (seed {seed}): {missing.Count} acknowledged commits lost, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.DoesNotContain(present, k => k.StartsWith("rolled-back", StringComparison.Ordinal));
            output.WriteLine($"cycle {cycle}: killed after {killAfter} commits; {acknowledged.Count} acknowledged in all, {present.Count} rows");
        }

        output.WriteLine($"{present.Count(k => !acknowledged.Contains(k))} rows committed but never acknowledged (in flight at a kill): allowed");
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task An_immediate_shutdown_should_keep_committed_rows_and_abort_the_open_transaction(string target)
    {
        await using var server = await InteropTargets.StartAsync(target);
        await CreateTableAsync(server);
        await using (var dataSource = TestSupport.DataSource(server, pooling: false))
        {
            await using var committed = await dataSource.OpenConnectionAsync();
            await ExecuteAsync(committed, "INSERT INTO kv VALUES ('committed', '1')");
            await using var open = await dataSource.OpenConnectionAsync();
            await ExecuteAsync(open, "BEGIN");
            await ExecuteAsync(open, "INSERT INTO kv VALUES ('in-flight', '2')");
            await ExecuteAsync(open, "UPDATE kv SET v = 'changed' WHERE k = 'committed'");

            await server.RestartAsync(ShutdownMode.Immediate);
        }

        await using var after = TestSupport.DataSource(server, pooling: false);
        await using var connection = await after.OpenConnectionAsync();
        Assert.Equal("1", await TestSupport.ScalarAsync<string>(connection, "SELECT v FROM kv WHERE k = 'committed'"));
        Assert.Equal(0L, await TestSupport.ScalarAsync<long>(connection, "SELECT count(*) FROM kv WHERE k = 'in-flight'"));
    }

    /// <summary>
    /// Autocommit INSERTs (and now and then a rolled-back one) until the server dies; the writer that sees the total
    /// reach <paramref name="killAfter"/> SIGKILLs it.
    /// </summary>
    private static async Task WriteUntilFailureAsync(ITestServer server, string prefix, List<string> acked, int killAfter, CancellationTokenSource stop)
    {
        try
        {
            await using var connection = new NpgsqlConnection(TestSupport.ConnectionString(server, pooling: false));
            await connection.OpenAsync();
            for (var n = 0; ; n++)
            {
                if (n % 10 == 9)
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    await ExecuteAsync(connection, $"INSERT INTO kv VALUES ('rolled-back-{prefix}-{n}', 'x')");
                    await transaction.RollbackAsync();
                    continue;
                }

                var key = $"{prefix}-{n}";
                await ExecuteAsync(connection, $"INSERT INTO kv VALUES ('{key}', '{n}')");
                bool kill;
                lock (acked)
                {
                    acked.Add(key);
                    kill = acked.Count == killAfter;
                }

                if (kill)
                {
                    await stop.CancelAsync();
                    await server.SignalAsync("KILL");
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            if (!stop.IsCancellationRequested)
            {
                // A writer that fails before the kill (say the server refused it) would hide a bug: wait for the kill.
                await stop.Token.WhenCancelledAsync();
            }
        }
    }

    private static async Task<HashSet<string>> KeysAsync(ITestServer server)
    {
        await using var dataSource = TestSupport.DataSource(server, pooling: false);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT k FROM kv", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task CreateTableAsync(ITestServer server)
    {
        if (server.Name == "actorpg")
        {
            return; // kv exists in every actorpg cluster
        }

        await using var dataSource = TestSupport.DataSource(server, pooling: false);
        await using var connection = await dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE kv (k text PRIMARY KEY, v text)");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Waiting for a cancellation token without polling.</summary>
internal static class CancellationTokenWaits
{
    /// <summary>Completes when <paramref name="token"/> is cancelled.</summary>
    public static Task WhenCancelledAsync(this CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }
}
