using ActorPostmaster.Actors;
using ActorPostmaster.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>
/// Crash cycles of every kind of child, caused through ap_crash_backend and ap_crash_process, under concurrent committing
/// sessions (the server in this process, on a data directory): every commit a session saw acknowledged is there after
/// recovery, nothing of a rolled-back transaction is, and a transaction whose COMMIT got no answer is all there or not
/// at all.
/// </summary>
public sealed class CrashCycleDurabilitySpecs : IDisposable
{
    private const int Writers = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
        var server = await StartAsync();
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var unanswered = new List<(string, string)>();
        string[] victims =
        [
            "client backend", "checkpointer", "walwriter", "background writer", "autovacuum launcher", "background worker",
            "io worker", "archiver", "walsummarizer",
        ];
        try
        {
            foreach (var (victim, cycle) in victims.Select((v, i) => (v, i)))
            {
                var load = new Load();
                var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, $"c{cycle}-w{w}", load)).ToArray();
                await Within(load.Enough.Task, $"the writers committing before the crash of the {victim}");

                var type = Enum.GetValues<BackendType>().Single(t => t.Description() == victim);
                await Within(RunningAsync(server, type), $"the {victim} running"); // the archiver is relaunched at most every 10 s
                var crasher = await ClientSession.ConnectAsync(server.System, server.Postmaster);
                var reply = await crasher.QueryAsync(victim == "client backend" ? "SELECT ap_crash_backend()" : $"SELECT ap_crash_process('{victim}')");
                Assert.DoesNotContain(reply, m => m is ErrorResponse);
                await Within(Task.WhenAll(writers), $"the crash cycle closing the writers' sessions ({victim})");
                await Within(Eventually.True(() => Count("LOG:  database system is ready to accept connections") == cycle + 2, "ready"), $"recovery from the crash of the {victim}");

                Assert.Equal(cycle + 1, Count("LOG:  all server processes terminated; reinitializing"));
                acknowledged.UnionWith(load.Acknowledged);
                unanswered.AddRange(load.Unanswered);
                await AssertDurableAsync(server, acknowledged, unanswered, $"after the crash of the {victim}");
            }

            Assert.Contains("LOG:  redo starts at", _log.Text, StringComparison.Ordinal);
            // PerformRecoveryXLogAction: the checkpointer writes the end-of-recovery checkpoint while the startup process waits.
            Assert.Contains("[checkpointer] LOG:  checkpoint starting: end-of-recovery immediate wait", _log.ServerLog);
        }
        finally
        {
            await Within(server.DisposeAsync().AsTask(), "the server's shutdown");
        }
    }

    [Fact]
    public async Task A_startup_process_crashing_during_redo_should_stop_the_server_and_a_restart_should_recover_every_commit()
    {
        var gate = new RecoveryGate();
        var server = await StartAsync(gate);
        var load = new Load();
        var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, $"s-w{w}", load)).ToArray();
        await Within(load.Enough.Task, "the writers committing");
        var hold = gate.Hold();
        var crasher = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        await crasher.QueryAsync("SELECT ap_crash_process('walwriter')");
        await Within(Task.WhenAll(writers), "the crash cycle closing the sessions");
        await Within(hold.Waiting, "the startup process waiting before redo");

        server.Postmaster.Tell(new CrashProcess(BackendType.Startup), ActorRefs.NoSender);

        Assert.Equal(1, await Within(server.Completion, "the postmaster's exit"));
        Assert.Contains("[postmaster] LOG:  shutting down due to startup process failure", _log.ServerLog);
        await server.DisposeAsync();
        hold.Release();
        var restarted = await StartAsync();
        try
        {
            await AssertDurableAsync(restarted, load.Acknowledged.ToHashSet(StringComparer.Ordinal), load.Unanswered, "after the restart");
        }
        finally
        {
            await Within(restarted.DisposeAsync().AsTask(), "the server's shutdown");
        }
    }

    [Fact]
    public async Task A_hold_on_the_servers_recovery_gate_should_keep_clients_refused_with_57P03_until_it_is_released()
    {
        var server = await StartAsync();
        try
        {
            var load = new Load();
            var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, $"h-w{w}", load)).ToArray();
            await Within(load.Enough.Task, "the writers committing");
            using var hold = server.RecoveryGate.Hold();
            var crasher = await ClientSession.ConnectAsync(server.System, server.Postmaster);
            await crasher.QueryAsync("SELECT ap_crash_backend()");
            await Within(Task.WhenAll(writers), "the crash cycle closing the sessions");
            await Within(hold.Waiting, "the startup process waiting before redo");

            var refused = await ClientSession.Open(server.System, server.Postmaster).ReadUntilReadyAsync();

            Assert.Equal(
                [new ErrorResponse(new PgError(PgSeverity.Fatal, "57P03", "the database system is not yet accepting connections", "Consistent recovery state has not been yet reached.")), ConnectionClosed.Instance],
                refused);
            Assert.DoesNotContain("[startup] LOG:  redo starts at", _log.ServerLog.SkipWhile(l => !l.EndsWith("reinitializing", StringComparison.Ordinal)));
            hold.Release();
            await Within(Eventually.True(() => Count("LOG:  database system is ready to accept connections") == 2, "ready"), "recovery after the release");
            await AssertDurableAsync(server, load.Acknowledged.ToHashSet(StringComparer.Ordinal), load.Unanswered, "after the held recovery");
        }
        finally
        {
            await Within(server.DisposeAsync().AsTask(), "the server's shutdown");
        }
    }

    private async Task<PostgresServer> StartAsync(RecoveryGate? gate = null)
    {
        var dir = _temp.Combine("data");
        if (!Directory.Exists(dir))
        {
            InitDb.Run(new InitDbOptions { DataDirectory = dir }, TextWriter.Null, TextWriter.Null);
        }

        var options = new PostgresServerOptions
        {
            DataDirectory = dir,
            Port = Eventually.FreePort(),
            LoggerFactory = _factory,
            Postmaster = PostmasterOptions.Default with { RecoveryGate = gate },
        };
        options.Settings["log_line_prefix"] = "[%b] ";
        options.Settings["archive_mode"] = "on";
        options.Settings["archive_command"] = "true";
        options.Settings["summarize_wal"] = "on";
        var readyBefore = Count("LOG:  database system is ready to accept connections");
        var server = await PostgresServer.StartAsync(options);
        await Within(server.Ready, "the server ready");
        await Within(Eventually.True(() => Count("LOG:  database system is ready to accept connections") > readyBefore, "ready logged"), "the ready line");
        return server;
    }

    private static async Task RunningAsync(PostgresServer server, BackendType type)
    {
        while (!(await server.Postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(10))).Children.Any(c => c.Type == type))
        {
            await Task.Delay(50);
        }
    }

    private int Count(string line) => _log.ServerLog.Count(l => l.EndsWith("] " + line, StringComparison.Ordinal));

    private static async Task AssertDurableAsync(PostgresServer server, HashSet<string> acknowledged, IReadOnlyList<(string, string)> unanswered, string when)
    {
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        var reply = await session.QueryAsync("SELECT k FROM kv");
        session.Terminate();
        Assert.IsType<ReadyForQuery>(reply[^1]);
        var keys = reply.OfType<DataRow>().Select(row => row.Values[0]!).ToHashSet(StringComparer.Ordinal);
        var missing = acknowledged.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"{when}: {missing.Count} of {acknowledged.Count} acknowledged commits lost ({string.Join(", ", missing.Take(5))})");
        Assert.DoesNotContain(keys, k => k.StartsWith("rolled-back", StringComparison.Ordinal));
        foreach (var (first, second) in unanswered)
        {
            Assert.True(keys.Contains(first) == keys.Contains(second), $"{when}: half of an unanswered two-row transaction is there ({first}, {second})");
        }
    }

    /// <summary>
    /// Until the crash cycle ends the session: autocommit INSERTs; every fifth a transaction that is rolled back; every
    /// seventh a two-row transaction, whose two keys must survive together.
    /// </summary>
    private static async Task WriteAsync(PostgresServer server, string prefix, Load load)
    {
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        for (var n = 0; ; n++)
        {
            var key = $"{prefix}-{n}";
            IReadOnlyList<BackendMessage> reply;
            if (n % 5 == 4)
            {
                reply = await session.QueryAsync($"BEGIN; INSERT INTO kv VALUES ('rolled-back-{key}', 'x'); ROLLBACK");
            }
            else if (n % 7 == 6)
            {
                reply = await session.QueryAsync($"BEGIN; INSERT INTO kv VALUES ('{key}a', 'x'); INSERT INTO kv VALUES ('{key}b', 'y'); COMMIT");
                if (reply.Contains(new CommandComplete("COMMIT")) && reply[^1] is ReadyForQuery)
                {
                    load.Acknowledge($"{key}a", $"{key}b");
                    continue;
                }

                load.Unanswer($"{key}a", $"{key}b");
            }
            else
            {
                reply = await session.QueryAsync($"INSERT INTO kv VALUES ('{key}', '{n}')");
                if (reply.Contains(new CommandComplete("INSERT 0 1")) && reply[^1] is ReadyForQuery)
                {
                    load.Acknowledge(key);
                    continue;
                }
            }

            if (reply.Count == 0 || reply[^1] is not ReadyForQuery)
            {
                return; // the session is gone (WARNING 57P02 and a closed connection)
            }
        }
    }

    private async Task Within(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"gave up waiting for {what}; the server log ends with:\n{string.Join("\n", _log.ServerLog.TakeLast(25))}", e);
        }
    }

    private async Task<T> Within<T>(Task<T> task, string what)
    {
        await Within((Task)task, what);
        return await task;
    }

    /// <summary>What the writers of one crash cycle saw.</summary>
    private sealed class Load
    {
        private readonly List<string> _acknowledged = [];
        private readonly List<(string, string)> _unanswered = [];

        public TaskCompletionSource Enough { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<(string, string)> Unanswered
        {
            get
            {
                lock (_acknowledged)
                {
                    return [.. _unanswered];
                }
            }
        }

        public void Unanswer(string first, string second)
        {
            lock (_acknowledged)
            {
                _unanswered.Add((first, second));
            }
        }

        public IReadOnlyList<string> Acknowledged
        {
            get
            {
                lock (_acknowledged)
                {
                    return [.. _acknowledged];
                }
            }
        }

        public void Acknowledge(params string[] keys)
        {
            lock (_acknowledged)
            {
                _acknowledged.AddRange(keys);
                if (_acknowledged.Count >= 30)
                {
                    Enough.TrySetResult();
                }
            }
        }
    }
}
