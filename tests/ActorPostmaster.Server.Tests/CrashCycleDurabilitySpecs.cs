using ActorPostmaster.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>
/// Crash cycles of every kind of child under concurrent committing sessions (the server in this process): every
/// commit a session saw acknowledged is there after recovery, and nothing of a transaction that was rolled back.
/// </summary>
public sealed class CrashCycleDurabilitySpecs : IDisposable
{
    private const int Writers = 3;

    private readonly TempDirectory _temp = new();
    private readonly CapturedLog _log = new();
    private readonly ILoggerFactory _factory;

    public CrashCycleDurabilitySpecs() => _factory = _log.CreateFactory();

    public void Dispose()
    {
        _factory.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Every_acknowledged_commit_should_survive_the_crash_of_any_child()
    {
        var dir = _temp.Combine("data");
        InitDb.Run(new InitDbOptions { DataDirectory = dir }, TextWriter.Null, TextWriter.Null);
        var options = new PostgresServerOptions { DataDirectory = dir, Port = Eventually.FreePort(), LoggerFactory = _factory };
        options.Settings["log_line_prefix"] = string.Empty;
        await using var server = await PostgresServer.StartAsync(options);
        await server.Ready;
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        BackendType[] victims = [BackendType.Backend, BackendType.Checkpointer, BackendType.WalWriter, BackendType.BackgroundWriter, BackendType.AutovacuumLauncher];

        foreach (var (victim, cycle) in victims.Select((v, i) => (v, i)))
        {
            var readyBefore = ReadyCount();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var acked = new List<string>();
            var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, $"c{cycle}-w{w}", acked, enough)).ToArray();
            await enough.Task;

            server.Postmaster.Tell(new CrashProcess(victim), Actors.ActorRefs.NoSender);
            await Task.WhenAll(writers); // each ends when the crash cycle closes its session
            await Eventually.True(() => ReadyCount() > readyBefore, $"the cluster recovers from the crash of the {victim.Description()}");

            acknowledged.UnionWith(acked);
            var keys = await KeysAsync(server);
            var missing = acknowledged.Where(k => !keys.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"after the crash of the {victim.Description()}: {missing.Count} acknowledged commits lost ({string.Join(", ", missing.Take(5))})");
            Assert.DoesNotContain(keys, k => k.StartsWith("rolled-back", StringComparison.Ordinal));
        }

        Assert.Equal(victims.Length, _log.ServerLog.Count(l => l == "LOG:  all server processes terminated; reinitializing"));
    }

    private int ReadyCount() => _log.ServerLog.Count(l => l == "LOG:  database system is ready to accept connections");

    /// <summary>Autocommit INSERTs and, every fifth, a rolled-back one, until the crash cycle ends the session.</summary>
    private static async Task WriteAsync(PostgresServer server, string prefix, List<string> acked, TaskCompletionSource enough)
    {
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        for (var n = 0; ; n++)
        {
            IReadOnlyList<BackendMessage> reply;
            if (n % 5 == 4)
            {
                reply = await session.QueryAsync($"BEGIN; INSERT INTO kv VALUES ('rolled-back-{prefix}-{n}', 'x'); ROLLBACK");
            }
            else
            {
                var key = $"{prefix}-{n}";
                reply = await session.QueryAsync($"INSERT INTO kv VALUES ('{key}', '{n}')");
                if (reply.Contains(new CommandComplete("INSERT 0 1")) && reply[^1] is ReadyForQuery)
                {
                    lock (acked)
                    {
                        acked.Add(key);
                        if (acked.Count >= 30)
                        {
                            enough.TrySetResult();
                        }
                    }

                    continue;
                }
            }

            if (reply.Count == 0 || reply[^1] is not ReadyForQuery)
            {
                return; // the session is gone (WARNING 57P02 or a closed connection)
            }
        }
    }

    private static async Task<HashSet<string>> KeysAsync(PostgresServer server)
    {
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        var reply = await session.QueryAsync("SELECT k FROM kv");
        session.Terminate();
        return [.. reply.OfType<DataRow>().Select(row => row.Values[0]!)];
    }
}
