using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using ActorPostmaster.Bench.Actors;

// Kernel micro-benchmarks: a Stopwatch harness (warm-up runs, then several measured repetitions).
// Usage: dotnet run -c Release --project bench/ActorPostmaster.Bench.Actors -- [name ...] [--reps N] [--warmup N] [--scale X]
// A name selects every benchmark whose name starts with it ("tell" runs tell and tell-pairs); no name runs them all.
var options = Options.Parse(args);
if (options.List)
{
    foreach (var benchmark in Benchmarks.All)
    {
        Console.WriteLine($"{benchmark.Name,-16} {benchmark.Title}");
    }

    return 0;
}

var selected = Benchmarks.All
    .Where(b => options.Names.Count == 0 || options.Names.Exists(n => b.Name.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
    .ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"No benchmark matches {string.Join(", ", options.Names)}; try --list.");
    return 2;
}

Console.WriteLine($"ActorPostmaster kernel benchmarks — {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
Console.WriteLine(
    $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
    $"warm-up {options.Warmup}, repetitions {options.Repetitions}, scale {options.Scale.ToString(CultureInfo.InvariantCulture)}");
Console.WriteLine($"load average at start: {Machine.LoadAverage()}");
Console.WriteLine();

var rows = new List<Row>();
foreach (var benchmark in selected)
{
    Console.Write($"  running {benchmark.Name} ...");
    var clock = Stopwatch.StartNew();
    var values = benchmark.Run(options);
    Console.WriteLine($" {clock.Elapsed.TotalSeconds:F1} s: {string.Join(" ", values.Select(benchmark.Format))}");
    rows.Add(new Row(benchmark, values));
}

Console.WriteLine();
Console.WriteLine($"load average at end: {Machine.LoadAverage()}");
Console.WriteLine();
Report.Print(rows);
return rows.Exists(r => r.Status == "MISS") ? 1 : 0;
