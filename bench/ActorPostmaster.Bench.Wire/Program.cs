using System.Globalization;
using System.Text.RegularExpressions;
using ActorPostmaster.Bench;
using ActorPostmaster.Bench.Wire;
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
                  $"duration {options.Duration} s per pgbench run; {options.IdleConnections} idle connections; load average {BenchSupport.LoadAverage()}");

var results = new Dictionary<string, Dictionary<string, double>>();
foreach (var target in targets)
{
    Console.WriteLine($"--- {target} ---");
    results[target] = await WireBench.RunAsync(target, options);
}

Console.WriteLine($"load average at the end: {BenchSupport.LoadAverage()}");
Console.WriteLine();
Console.WriteLine(WireBench.Table(results, options.IdleConnections));
return 0;


namespace ActorPostmaster.Bench.Wire
{
    /// <summary>Command-line options.</summary>
    internal sealed record BenchOptions(int Duration, string? Only, int IdleConnections)
    {
        public const string Usage =
            "usage: dotnet run -c Release --project bench/ActorPostmaster.Bench.Wire -- [--duration SECONDS] [--only pg|actorpg] [--idle N]";

        public static BenchOptions? Parse(string[] args)
        {
            var duration = 10;
            var idle = 1000;
            string? only = null;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--duration" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out duration) && duration > 0:
                        i++;
                        break;
                    case "--idle" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out idle) && idle > 0:
                        i++;
                        break;
                    case "--only" when i + 1 < args.Length && args[i + 1] is "pg" or "actorpg":
                        only = args[++i];
                        break;
                    default:
                        return null;
                }
            }

            return new BenchOptions(duration, only, idle);
        }
    }

    /// <summary>The measurements.</summary>
    internal static partial class WireBench
    {
        /// <summary>Rows of the table: key, label, unit, whether higher is better.</summary>
        private static readonly (string Key, string Label, string Unit, bool HigherIsBetter)[] Rows =
        [
            ("c1.tps", "connect+SELECT 1+disconnect, -c 1 -j 1", "conn/s", true),
            ("c1.conn", "  average connection time, -c 1", "ms", false),
            ("c4.tps", "connect+SELECT 1+disconnect, -c 4 -j 2", "conn/s", true),
            ("c4.conn", "  average connection time, -c 4", "ms", false),
            ("c16.tps", "connect+SELECT 1+disconnect, -c 16 -j 2", "conn/s", true),
            ("c16.conn", "  average connection time, -c 16", "ms", false),
            ("simple.tps", "persistent SELECT 1, -c 8 -j 2 -M simple", "tps", true),
            ("simple.lat", "  latency average, simple", "ms", false),
            ("extended.tps", "persistent SELECT 1, -c 8 -j 2 -M extended", "tps", true),
            ("extended.lat", "  latency average, extended", "ms", false),
            ("mem.base", "server memory, no sessions", "MB", false),
            ("mem.idle", "server memory, N idle sessions", "MB", false),
            ("mem.per", "memory per idle session", "KB", false),
        ];

        public static async Task<Dictionary<string, double>> RunAsync(string target, BenchOptions options)
        {
            var figures = new Dictionary<string, double>();
            var serverOptions = new ServerOptions { MaxConnections = options.IdleConnections + 50 };
            ITestServer server = target == "pg"
                ? await ThrowawayPostgres.StartAsync(serverOptions)
                : await ActorPgServer.StartAsync(serverOptions);
            var script = Path.Combine(Path.GetTempPath(), $"select1-{Guid.NewGuid():N}.sql");
            await File.WriteAllTextAsync(script, "SELECT 1;\n");
            try
            {
                var clients = ClientTools.For(server);
                foreach (var (clientsCount, threads) in new[] { (1, 1), (4, 2), (16, 2) })
                {
                    var output = await BenchSupport.PgbenchAsync(clients, TimeSpan.FromSeconds(options.Duration * 3 + 60),
                        ["-n", "-C", "-f", script, "-c", $"{clientsCount}", "-j", $"{threads}", "-T", $"{options.Duration}"]);
                    figures[$"c{clientsCount}.tps"] = BenchSupport.Figure(TpsLine(), output);
                    figures[$"c{clientsCount}.conn"] = BenchSupport.Figure(ConnectionTimeLine(), output);
                    Console.WriteLine($"  -C -c {clientsCount}: {figures[$"c{clientsCount}.tps"]:F0} conn/s, average connection time {figures[$"c{clientsCount}.conn"]:F3} ms");
                }

                foreach (var mode in new[] { "simple", "extended" })
                {
                    var output = await BenchSupport.PgbenchAsync(clients, TimeSpan.FromSeconds(options.Duration * 3 + 60),
                        ["-n", "-f", script, "-c", "8", "-j", "2", "-M", mode, "-T", $"{options.Duration}"]);
                    figures[$"{mode}.tps"] = BenchSupport.Figure(TpsLine(), output);
                    figures[$"{mode}.lat"] = BenchSupport.Figure(LatencyLine(), output);
                    Console.WriteLine($"  -M {mode} -c 8: {figures[$"{mode}.tps"]:F0} tps, latency {figures[$"{mode}.lat"]:F3} ms");
                }

                var (baseline, loaded) = await IdleMemory.MeasureAsync(server, options.IdleConnections);
                figures["mem.base"] = baseline / 1024.0;
                figures["mem.idle"] = loaded / 1024.0;
                figures["mem.per"] = (loaded - baseline) / (double)options.IdleConnections;
                Console.WriteLine($"  memory: {figures["mem.base"]:F1} MB with no sessions, {figures["mem.idle"]:F1} MB with {options.IdleConnections} idle " +
                                  $"=> {figures["mem.per"]:F0} KB per session");
            }
            finally
            {
                File.Delete(script);
                await server.DisposeAsync();
            }

            return figures;
        }

        public static string Table(Dictionary<string, Dictionary<string, double>> results, int idleConnections) =>
            string.Join('\n', BenchSupport.Table(results, Rows, label => label.Replace("N idle", $"{idleConnections:N0} idle", StringComparison.Ordinal)));

        [GeneratedRegex(@"(?m)^tps = ([0-9.]+) ")]
        private static partial Regex TpsLine();

        [GeneratedRegex(@"(?m)^average connection time = ([0-9.]+) ms$")]
        private static partial Regex ConnectionTimeLine();

        [GeneratedRegex(@"(?m)^latency average = ([0-9.]+) ms$")]
        private static partial Regex LatencyLine();
    }
}
