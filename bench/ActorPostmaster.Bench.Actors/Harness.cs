using System.Globalization;

namespace ActorPostmaster.Bench.Actors;

/// <summary>Command-line options.</summary>
internal sealed class Options
{
    public List<string> Names { get; } = [];

    public int Repetitions { get; private set; } = 5;

    public int Warmup { get; private set; } = 1;

    /// <summary>Multiplies every workload size; below 1 for quick runs while developing.</summary>
    public double Scale { get; private set; } = 1.0;

    public bool List { get; private set; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps":
                    options.Repetitions = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--warmup":
                    options.Warmup = Math.Max(0, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--scale":
                    options.Scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--list":
                    options.List = true;
                    break;
                default:
                    options.Names.Add(args[i]);
                    break;
            }
        }

        return options;
    }

    public int Scaled(int size) => Math.Max(1, (int)(size * Scale));
}

/// <summary>A figure to reach: at least (higher is better) or at most.</summary>
internal sealed record Target(double Value, bool HigherIsBetter)
{
    public bool IsMet(double value) => HigherIsBetter ? value >= Value : value <= Value;
}

/// <summary>One benchmark: a workload timed (or measured) once per call of <see cref="Measure"/>.</summary>
internal abstract class Benchmark
{
    public abstract string Name { get; }

    public abstract string Title { get; }

    public abstract string Unit { get; }

    public virtual Target? Target => null;

    /// <summary>Memory figures are stable: fewer repetitions are enough.</summary>
    public virtual int MaxRepetitions => int.MaxValue;

    public string Format(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:N0}");

    /// <summary>Bytes allocated per operation (message, round trip, actor) in each measured run, where measured.</summary>
    public List<double> AllocationsPerOperation { get; } = [];

    /// <summary>
    /// Process CPU time per operation in nanoseconds, in each measured run, where measured. Less sensitive than
    /// wall-clock figures to other processes on a shared machine, so better for comparing two kernel versions.
    /// </summary>
    public List<double> CpuNanosecondsPerOperation { get; } = [];

    /// <summary>Warm-up runs, then measured runs; returns the measured figures.</summary>
    public IReadOnlyList<double> Run(Options options)
    {
        Setup(options);
        try
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                Settle();
                Measure(options);
            }

            AllocationsPerOperation.Clear();
            CpuNanosecondsPerOperation.Clear();
            var values = new List<double>();
            for (var i = 0; i < Math.Min(options.Repetitions, MaxRepetitions); i++)
            {
                Settle();
                values.Add(Measure(options));
            }

            return values;
        }
        finally
        {
            Cleanup();
        }
    }

    protected virtual void Setup(Options options)
    {
    }

    /// <summary>Runs the workload once and returns its figure in <see cref="Unit"/>.</summary>
    protected abstract double Measure(Options options);

    protected virtual void Cleanup()
    {
    }

    /// <summary>Records what a run allocated and the CPU time it used (all threads) per operation.</summary>
    protected void RecordCosts(long bytes, TimeSpan cpu, long operations)
    {
        AllocationsPerOperation.Add((double)bytes / operations);
        CpuNanosecondsPerOperation.Add(cpu.TotalNanoseconds / operations);
    }

    /// <summary>Starts every run from a collected heap, so one run's garbage is not collected in the next.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(50);
    }
}

/// <summary>The figures of one benchmark.</summary>
internal sealed record Row(Benchmark Benchmark, IReadOnlyList<double> Values)
{
    public double Median
    {
        get
        {
            var sorted = Values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double Best => Benchmark.Target is { HigherIsBetter: false } ? Values.Min() : Values.Max();

    public string AllocationsPerOperation => MedianOf(Benchmark.AllocationsPerOperation, "N1");

    public string CpuPerOperation => MedianOf(Benchmark.CpuNanosecondsPerOperation, "N0");

    private static string MedianOf(List<double> values, string format) =>
        values.Count == 0 ? "-" : values.Order().ElementAt(values.Count / 2).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>PASS or MISS judged on the median, not the best run; "-" when the benchmark has no target.</summary>
    public string Status => Benchmark.Target is { } target ? (target.IsMet(Median) ? "PASS" : "MISS") : "-";
}

/// <summary>Prints the results table.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Row> rows)
    {
        string[] header = ["Benchmark", "Unit", "Median", "Best", "Target", "Status", "Alloc B/op", "CPU ns/op"];
        var lines = rows.Select(r => new[]
        {
            r.Benchmark.Title,
            r.Benchmark.Unit,
            r.Benchmark.Format(r.Median),
            r.Benchmark.Format(r.Best),
            r.Benchmark.Target is { } t ? (t.HigherIsBetter ? ">= " : "<= ") + r.Benchmark.Format(t.Value) : "-",
            r.Status,
            r.AllocationsPerOperation,
            r.CpuPerOperation,
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => lines.Select(l => l[i].Length).Append(header[i].Length).Max()).ToArray();
        Console.WriteLine(Line(header, widths));
        Console.WriteLine(Line(widths.Select(w => new string('-', w)).ToArray(), widths));
        foreach (var line in lines)
        {
            Console.WriteLine(Line(line, widths));
        }
    }

    // Markdown-compatible, so the table can be pasted into bench/README.md as it is.
    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i is 0 or 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
}

/// <summary>What the machine is doing, to put next to the figures.</summary>
internal static class Machine
{
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]}, {parts[1]}, {parts[2]} (1, 5, 15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
