using System.Globalization;
using System.Text.RegularExpressions;
using ActorPostmaster.Bench;
using ActorPostmaster.Bench.Storage;
using ActorPostmaster.Interop.Harness;

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 2;
}

if (BenchSupport.Targets(options.Only) is not { } targets)
{
    return 1;
}

var binaries = PostgresBinaries.Locate();
Console.WriteLine($"{binaries.Version}; .NET {Environment.Version}; {Environment.ProcessorCount} cores; " +
                  $"duration {options.Duration} s per pgbench run; {options.Sessions} sessions; replay load {options.WalMegabytes} MB of WAL; " +
                  $"load average {BenchSupport.LoadAverage()}");

var results = new Dictionary<string, Dictionary<string, double>>();
var problems = new List<string>();
foreach (var target in targets)
{
    Console.WriteLine($"--- {target} ---");
    results[target] = await StorageBench.RunAsync(target, options, problems);
}

double? fsync = null;
if (!options.NoFsync)
{
    Console.WriteLine("--- pg_test_fsync ---");
    fsync = await StorageBench.TestFsyncAsync(binaries);
}

Console.WriteLine($"load average at the end: {BenchSupport.LoadAverage()}");
Console.WriteLine();
Console.WriteLine(StorageBench.Table(results, fsync, options.Sessions));
foreach (var problem in problems)
{
    Console.WriteLine();
    Console.WriteLine("PROBLEM: " + problem);
}

return problems.Count == 0 ? 0 : 1;

namespace ActorPostmaster.Bench.Storage
{
    /// <summary>Command-line options.</summary>
    internal sealed record BenchOptions(int Duration, string? Only, int Sessions, int WalMegabytes, bool NoFsync)
    {
        public const string Usage =
            "usage: dotnet run -c Release --project bench/ActorPostmaster.Bench.Storage -- " +
            "[--duration SECONDS] [--only pg|actorpg] [--sessions N] [--wal-mb MB] [--no-fsync]";

        public static BenchOptions? Parse(string[] args)
        {
            var duration = 10;
            var sessions = 100;
            var walMegabytes = 100;
            var noFsync = false;
            string? only = null;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--duration" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out duration) && duration > 0:
                        i++;
                        break;
                    case "--sessions" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out sessions) && sessions > 1:
                        i++;
                        break;
                    case "--wal-mb" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out walMegabytes) && walMegabytes > 0:
                        i++;
                        break;
                    case "--only" when i + 1 < args.Length && args[i + 1] is "pg" or "actorpg":
                        only = args[++i];
                        break;
                    case "--no-fsync":
                        noFsync = true;
                        break;
                    default:
                        return null;
                }
            }

            return new BenchOptions(duration, only, sessions, walMegabytes, noFsync);
        }
    }

    /// <summary>The measurements.</summary>
    internal static partial class StorageBench
    {
        private const string Upsert = "\\set k random(1, 100000)\nINSERT INTO kv VALUES (:k, 'v') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;\n";

        private static readonly Dictionary<string, string?> AsyncCommit = new() { ["PGOPTIONS"] = "-c synchronous_commit=off" };

        /// <summary>Rows of the table: key, label, unit, whether higher is better.</summary>
        private static readonly (string Key, string Label, string Unit, bool HigherIsBetter)[] Rows =
        [
            ("on.c1", "kv upsert, synchronous_commit on, -c 1", "commits/s", true),
            ("on.c8", "kv upsert, synchronous_commit on, -c 8 -j 2", "commits/s", true),
            ("off.c1", "kv upsert, synchronous_commit off, -c 1", "commits/s", true),
            ("off.c8", "kv upsert, synchronous_commit off, -c 8 -j 2", "commits/s", true),
            ("shutdown", "fast shutdown, N sessions (SIGINT to exit)", "ms", false),
            ("crash", "crash of one backend to ready, N sessions", "ms", false),
            ("replay.mb", "  WAL replayed (redo starts .. redo done)", "MB", false),
            ("replay.tx", "  upsert transactions replayed", "tx", false),
            ("replay.s", "  redo elapsed (server log)", "s", false),
            ("replay.txs", "replay rate", "tx/s", true),
            ("replay.mbs", "replay rate", "MB/s", true),
            ("replay.restart", "immediate stop + restart to ready", "ms", false),
            ("wal.tx", "WAL per upsert transaction (load)", "bytes", false),
        ];


        public static async Task<Dictionary<string, double>> RunAsync(string target, BenchOptions options, List<string> problems)
        {
            var figures = new Dictionary<string, double>();

            // synchronous_commit is a server setting here (-c synchronous_commit=on|off), one server per setting;
            // ClientOptionsAsync checks that PGOPTIONS would set it too.
            // No checkpoint between the load and the crash: both servers' timed and WAL-size checkpoints are pushed away.
            var baseOptions = new ServerOptions { MaxConnections = options.Sessions + 50, StartTimeout = TimeSpan.FromSeconds(300) }
                .With("checkpoint_timeout", "1h")
                .With("max_wal_size", "10GB");
            ITestServer? server = null;
            var script = Path.Combine(Path.GetTempPath(), $"upsert-{Guid.NewGuid():N}.sql");
            await File.WriteAllTextAsync(script, Upsert);
            try
            {
                ClientTools clients = null!;
                foreach (var mode in new[] { "on", "off" })
                {
                    if (server is not null)
                    {
                        await server.DisposeAsync();
                    }

                    var serverOptions = baseOptions.With("synchronous_commit", mode);
                    server = target == "pg" ? await ThrowawayPostgres.StartAsync(serverOptions) : await ActorPgServer.StartAsync(serverOptions);
                    clients = ClientTools.For(server);
                    if (target == "pg")
                    {
                        await clients.QueryAsync("CREATE TABLE kv (k text PRIMARY KEY, v text)");
                    }

                    var shown = await clients.QueryAsync("SHOW synchronous_commit");
                    Console.WriteLine($"  server started with -c synchronous_commit={mode}: SHOW synchronous_commit = '{shown}'");
                    if (shown != mode)
                    {
                        problems.Add($"{target}: started with -c synchronous_commit={mode}, SHOW synchronous_commit gave '{shown}'");
                    }

                    if (mode == "on")
                    {
                        await ClientOptionsAsync(clients, target, problems);
                    }

                    // 1. Upsert commits/s.
                    foreach (var (c, j) in new[] { (1, 1), (8, 2) })
                    {
                        var output = await BenchSupport.PgbenchAsync(clients, TimeSpan.FromSeconds(options.Duration * 3 + 60),
                            ["-n", "-M", "prepared", "-f", script, "-c", $"{c}", "-j", $"{j}", "-T", $"{options.Duration}"]);
                        figures[$"{mode}.c{c}"] = BenchSupport.Figure(TpsLine(), output);
                        Console.WriteLine($"  synchronous_commit {mode}, -c {c} -j {j}: {figures[$"{mode}.c{c}"]:F0} commits/s " +
                                          $"(latency {BenchSupport.Figure(LatencyLine(), output):F3} ms)");
                    }
                }

                // The rest runs on the synchronous_commit=off server.
                ArgumentNullException.ThrowIfNull(server);
                var rows = await clients.QueryAsync("SELECT count(*) FROM kv");
                Console.WriteLine($"  kv rows after the pgbench runs: {rows}");

                // 4. Fast shutdown with N sessions (the shutdown checkpoint included), then start again.
                await using (var sessions = await Sessions.OpenAsync(server, options.Sessions))
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    await server.SignalAsync("INT");
                    if (!await server.WaitForExitAsync(TimeSpan.FromSeconds(120)))
                    {
                        throw new TimeoutException($"{target} did not exit within 120 s of SIGINT.\n{server.ServerLog}");
                    }

                    figures["shutdown"] = watch.Elapsed.TotalMilliseconds;
                    Console.WriteLine($"  fast shutdown with {options.Sessions} sessions: {figures["shutdown"]:F0} ms");
                }

                await server.RestartAsync(ShutdownMode.Fast);
                await CheckRowsAsync(clients, target, "fast shutdown and restart", rows, problems);

                // 2. Crash of one backend with N sessions, until a new session runs SELECT 1.
                await using (var sessions = await Sessions.OpenAsync(server, options.Sessions))
                {
                    var victim = sessions.Connections[0];
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    if (target == "pg")
                    {
                        if (await server.KillBackendAsync(victim.BackendPid) != 0)
                        {
                            throw new InvalidOperationException($"kill -9 {victim.BackendPid} failed");
                        }
                    }
                    else
                    {
                        await victim.SendAsync(FrontendMessages.Query("SELECT ap_crash_backend()"));
                    }

                    // A bystander session ends when the crash cycle has begun; readiness before that would be stale.
                    var cycle = await sessions.Connections[1].ReadUntilEofAsync(TimeSpan.FromSeconds(60));
                    var cycleMs = watch.Elapsed.TotalMilliseconds;
                    await WaitForSelect1Async(server, TimeSpan.FromSeconds(120));
                    figures["crash"] = watch.Elapsed.TotalMilliseconds;
                    Console.WriteLine($"  crash of one backend with {options.Sessions} sessions: other sessions ended after {cycleMs:F0} ms " +
                                      $"({cycle}), SELECT 1 in a new session after {figures["crash"]:F0} ms");
                }

                await CheckRowsAsync(clients, target, "the crash of one backend", rows, problems);

                // 3. Replay: load about WalMegabytes of WAL with asynchronous upserts, stop immediately, restart.
                var (transactions, walBytes) = await LoadWalAsync(server, clients, script, options.WalMegabytes);
                figures["wal.tx"] = walBytes / (double)transactions;
                await Task.Delay(1000); // the walwriter flushes asynchronous commits within 3 × wal_writer_delay
                var loadedRows = await clients.QueryAsync("SELECT count(*) FROM kv");
                var logBefore = server.ServerLog.Length;
                var restart = System.Diagnostics.Stopwatch.StartNew();
                await server.RestartAsync(ShutdownMode.Immediate);
                figures["replay.restart"] = restart.Elapsed.TotalMilliseconds;
                var log = server.ServerLog[logBefore..];
                var starts = RedoStartsLine().Match(log);
                var done = RedoDoneLine().Match(log);
                if (!starts.Success || !done.Success)
                {
                    problems.Add($"{target}: no 'redo starts at' / 'redo done at' lines after the immediate restart:\n{log}");
                }
                else
                {
                    var distance = ParseLsn(done.Groups[1].Value) - ParseLsn(starts.Groups[1].Value);
                    var elapsed = double.Parse(done.Groups[2].Value, CultureInfo.InvariantCulture);
                    figures["replay.mb"] = distance / 1048576.0;
                    figures["replay.tx"] = transactions;
                    figures["replay.s"] = elapsed;
                    if (elapsed > 0)
                    {
                        figures["replay.txs"] = transactions / elapsed;
                        figures["replay.mbs"] = figures["replay.mb"] / elapsed;
                    }

                    Console.WriteLine($"  {starts.Value.Trim()}");
                    Console.WriteLine($"  {done.Value.Trim()}");
                    Console.WriteLine($"  replay: {figures["replay.mb"]:F1} MB, {transactions} transactions in {elapsed:F2} s; " +
                                      $"immediate stop + restart to ready {figures["replay.restart"]:F0} ms");
                }

                await CheckRowsAsync(clients, target, "the immediate shutdown and replay", loadedRows, problems);
            }
            catch (Exception e)
            {
                problems.Add($"{target}: {e.GetType().Name}: {e.Message}\nServer log (last 4000 characters):\n{Tail(server?.ServerLog ?? "", 4000)}");
                Console.WriteLine($"  FAILED: {e.Message}");
            }
            finally
            {
                File.Delete(script);
                if (server is not null)
                {
                    await server.DisposeAsync();
                }
            }

            return figures;
        }

        /// <summary>pg_test_fsync -s 2 on a file in a temporary folder (the disk the data directories are on): fdatasync ops/s of one 8kB write.</summary>
        public static async Task<double?> TestFsyncAsync(PostgresBinaries binaries)
        {
            var dir = Directory.CreateTempSubdirectory("pg_test_fsync-").FullName;
            try
            {
                var result = await ProcessRunner.RunAsync(Path.Combine(binaries.BinDirectory, "pg_test_fsync"),
                    ["-f", Path.Combine(dir, "fsync.test"), "-s", "2"], timeout: TimeSpan.FromSeconds(180));
                var match = FdatasyncLine().Match(result.StandardOutput);
                if (result.ExitCode != 0 || !match.Success)
                {
                    Console.WriteLine("  pg_test_fsync failed:\n" + result);
                    return null;
                }

                var rate = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                Console.WriteLine($"  fdatasync, one 8kB write: {rate:F0} ops/s on {dir}");
                return rate;
            }
            finally
            {
                ThrowawayPostgres.DeleteDirectory(dir);
            }
        }

        public static string Table(Dictionary<string, Dictionary<string, double>> results, double? fsync, int sessions)
        {
            var lines = BenchSupport.Table(results, Rows, label => label.Replace("N sessions", $"{sessions} sessions", StringComparison.Ordinal));
            lines.Add($"| pg_test_fsync fdatasync, one 8kB write (disk's limit) | ops/s | - | {BenchSupport.Format(fsync)} | {BenchSupport.Format(fsync)} | - |");
            return string.Join('\n', lines);
        }

        private static async Task<(long Transactions, long WalBytes)> LoadWalAsync(ITestServer server, ClientTools clients, string script, int megabytes)
        {
            var target = megabytes * 1048576L;
            var start = await WalPositionAsync(server, clients);
            long transactions = 0, written = 0;
            var perClient = 2000;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (written < target * 0.97)
            {
                var output = await BenchSupport.PgbenchAsync(clients, TimeSpan.FromMinutes(30),
                    ["-n", "-M", "prepared", "-f", script, "-c", "8", "-j", "2", "-t", $"{perClient}"]);
                transactions += long.Parse(ProcessedLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
                written = await WalPositionAsync(server, clients) - start;
                // actorpg's figure moves by whole 16 MB segments: until it moves, double the batch instead of extrapolating.
                perClient = written <= 0
                    ? Math.Min(perClient * 2, 200_000)
                    : (int)Math.Clamp((target - written) / (written / (double)transactions) / 8 + 1, 100, 200_000);
            }

            Console.WriteLine($"  load: {transactions} upsert transactions (synchronous_commit off, -c 8 -j 2) wrote {written / 1048576.0:F1} MB of WAL " +
                              $"in {watch.Elapsed.TotalSeconds:F1} s ({written / (double)transactions:F0} bytes per transaction)");
            return (transactions, written);
        }

        /// <summary>
        /// PostgreSQL: pg_current_wal_insert_lsn(). actorpg has no such function and creates segments at their full size, so
        /// there: 16 MB × (segment files − 1), a lower bound (the exact amount replayed comes from the redo LSNs afterwards).
        /// </summary>
        private static async Task<long> WalPositionAsync(ITestServer server, ClientTools clients)
        {
            if (server.Name == "postgres")
            {
                return ParseLsn(await clients.QueryAsync("SELECT pg_current_wal_insert_lsn()"));
            }

            var segments = new DirectoryInfo(Path.Combine(server.DataDirectory, "pg_wal")).EnumerateFiles().ToList();
            return segments.Sum(f => f.Length) - segments.Max(f => f.Length);
        }

        /// <summary>Whether the server honours PGOPTIONS (the startup packet's "options"); reported, not used.</summary>
        private static async Task ClientOptionsAsync(ClientTools clients, string target, List<string> problems)
        {
            var result = await clients.PsqlAsync(["-X", "-A", "-t", "-c", "SHOW synchronous_commit"], environment: AsyncCommit);
            var text = result.ExitCode == 0 ? $"'{result.StandardOutput.Trim()}'" : $"psql exit {result.ExitCode}: {result.StandardError.Trim().Split('\n')[0]}";
            Console.WriteLine($"  with PGOPTIONS='-c synchronous_commit=off': SHOW synchronous_commit -> {text}");
            if (result.ExitCode != 0 || result.StandardOutput.Trim() != "off")
            {
                problems.Add($"{target}: PGOPTIONS='-c synchronous_commit=off' is not honoured (PostgreSQL applies it): {text}");
            }
        }

        private static async Task CheckRowsAsync(ClientTools clients, string target, string after, string expected, List<string> problems)
        {
            var now = await clients.QueryAsync("SELECT count(*) FROM kv");
            Console.WriteLine($"  kv rows after {after}: {now} (before: {expected})");
            if (now != expected)
            {
                problems.Add($"{target}: kv had {expected} rows before {after} and {now} after");
            }
        }

        private static async Task WaitForSelect1Async(ITestServer server, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port, cts.Token);
                    var startup = await connection.StartupAsync("postgres", cancellationToken: cts.Token);
                    if (startup.Count > 0 && startup[^1].Type == 'Z')
                    {
                        await connection.SendAsync(FrontendMessages.Query("SELECT 1"), cts.Token);
                        var reply = await connection.ReadUntilReadyAsync(cts.Token);
                        if (reply.Any(m => m.Type == 'D') && reply[^1].Type == 'Z')
                        {
                            await connection.SendAsync(FrontendMessages.Terminate(), cts.Token);
                            return;
                        }
                    }
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidDataException or OperationCanceledException)
                {
                    // Not listening, or the connection was dropped: the crash cycle is still running.
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"No successful SELECT 1 within {timeout.TotalSeconds} s of the crash.\n{server.ServerLog}");
                }

                await Task.Delay(5);
            }
        }

        private static long ParseLsn(string lsn)
        {
            var parts = lsn.Trim().Split('/');
            return (long.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 32)
                   + long.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

        [GeneratedRegex(@"(?m)^tps = ([0-9.]+) ")]
        private static partial Regex TpsLine();

        [GeneratedRegex(@"(?m)^latency average = ([0-9.]+) ms$")]
        private static partial Regex LatencyLine();

        [GeneratedRegex(@"(?m)^number of transactions actually processed: ([0-9]+)")]
        private static partial Regex ProcessedLine();

        [GeneratedRegex(@"redo starts at ([0-9A-F]+/[0-9A-F]+)")]
        private static partial Regex RedoStartsLine();

        [GeneratedRegex(@"redo done at ([0-9A-F]+/[0-9A-F]+) system usage: .*elapsed: ([0-9.]+) s")]
        private static partial Regex RedoDoneLine();

        [GeneratedRegex(@"(?m)^\s+fdatasync\s+([0-9.]+) ops/sec")]
        private static partial Regex FdatasyncLine();
    }

    /// <summary>N idle sessions over raw sockets (startup completed, one SELECT 1 each), opened 8 at a time.</summary>
    internal sealed class Sessions : IAsyncDisposable
    {
        private Sessions(PgWireConnection[] connections) => Connections = connections;

        public PgWireConnection[] Connections { get; }

        public static async Task<Sessions> OpenAsync(ITestServer server, int count) =>
            new(await BenchSupport.OpenIdleSessionsAsync(server, count));

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in Connections.Where(c => c is not null))
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Reading a session to its end.</summary>
    internal static class SessionExtensions
    {
        /// <summary>Reads until EOF; returns what the server sent last (e.g. WARNING 57P02) or how the read ended.</summary>
        public static async Task<string> ReadUntilEofAsync(this PgWireConnection connection, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            var last = "EOF without a message";
            try
            {
                while (await connection.ReadMessageAsync(cts.Token) is { } message)
                {
                    last = message.IsErrorOrNotice ? $"{message.Severity} {message.SqlState}" : $"'{message.Type}'";
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidDataException)
            {
                last += $", then {e.GetType().Name}";
            }

            return last;
        }
    }
}
