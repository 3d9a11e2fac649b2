using System.Diagnostics;
using ActorPostmaster.Actors;

namespace ActorPostmaster.Bench.Actors;

/// <summary>The benchmarks, in the order they run.</summary>
internal static class Benchmarks
{
    public static IReadOnlyList<Benchmark> All { get; } =
    [
        new TellBenchmark(pairs: 1),
        new TellBenchmark(pairs: 4),
        new PingPongBenchmark(),
        new FanOutBenchmark(),
        new SpawnStopBenchmark(),
        new IdleMemoryBenchmark(Props.Create<IdleUntypedActor>(), "memory-untyped", "idle actor memory (UntypedActor)"),
        new IdleMemoryBenchmark(Props.Create<IdleReceiveActor>(), "memory-receive", "idle actor memory (ReceiveActor, 1 handler)"),
        new IdleMemoryBenchmark(
            Props.Create<IdleUntypedActor>(), "memory-used", "idle actor memory after 1 message (UntypedActor)", messageFirst: true),
        new ShutdownBenchmark(),
    ];

    /// <summary>The settings every benchmark runs with: the thread-pool dispatcher, throughput 30.</summary>
    public static ActorSystemSettings Settings { get; } = new() { Throughput = 30 };

    /// <summary>Waits for a workload to finish; a hung kernel fails the run instead of the machine.</summary>
    public static void Await(Task task, string what)
    {
        if (!task.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"{what} did not finish within 2 minutes.");
        }
    }
}

/// <summary>A benchmark that runs in one actor system, created before the warm-up and terminated after the last run.</summary>
internal abstract class SystemBenchmark : Benchmark
{
    private ActorSystem? _system;

    protected ActorSystem System => _system ?? throw new InvalidOperationException("Not set up.");

    protected override void Setup(Options options) => _system = ActorSystem.Create("bench-" + Name, Benchmarks.Settings);

    protected override void Cleanup()
    {
        _system?.Dispose();
        _system = null;
    }

    /// <summary>
    /// Starts the clock, runs <paramref name="start"/>, waits for <paramref name="done"/>; returns the seconds taken
    /// and records the bytes allocated and the CPU time used meanwhile, per operation.
    /// </summary>
    protected double Time(Action start, Task done, long operations)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        start();
        Benchmarks.Await(done, Name);
        var seconds = clock.Elapsed.TotalSeconds;
        var allocatedNow = GC.GetTotalAllocatedBytes(precise: false);
        process.Refresh();
        RecordCosts(allocatedNow - allocated, process.TotalProcessorTime - cpu, operations);
        return seconds;
    }
}

/// <summary>
/// One-way Tell: a sender actor sends N messages to a receiver actor that counts them. Flow control keeps at most
/// 20,000 messages in flight (the receiver acknowledges every 1,000), so the figure is sustained throughput rather
/// than the speed of filling a huge queue. With several pairs all pairs run at once.
/// </summary>
internal sealed class TellBenchmark(int pairs) : SystemBenchmark
{
    private const int Batch = 1_000;
    private const int Window = 20 * Batch;

    public override string Name => pairs == 1 ? "tell" : "tell-pairs";

    public override string Title => pairs == 1 ? "one-way Tell, 1 sender -> 1 receiver" : $"one-way Tell, {pairs} pairs at once";

    public override string Unit => "msg/s";

    public override Target Target { get; } = new(5_000_000, HigherIsBetter: true);

    protected override double Measure(Options options)
    {
        var perPair = (long)options.Scaled(pairs == 1 ? 2_000_000 : 1_000_000);
        var done = new Countdown(pairs);
        var blasters = new List<IActorRef>();
        var all = new List<IActorRef>();
        for (var i = 0; i < pairs; i++)
        {
            var receiver = System.ActorOf(Props.Create(() => new CountingReceiver(perPair, Batch, done)));
            var blaster = System.ActorOf(Props.Create(() => new Blaster(receiver, perPair, Window, Batch)));
            blasters.Add(blaster);
            all.Add(receiver);
            all.Add(blaster);
        }

        var seconds = Time(() => blasters.ForEach(b => b.Tell(Go.Instance, ActorRefs.NoSender)), done.Task, perPair * pairs);
        all.ForEach(System.Stop);
        return perPair * pairs / seconds;
    }
}

/// <summary>Request-reply: one actor sends a message, the other answers, the next request goes after the answer.</summary>
internal sealed class PingPongBenchmark : SystemBenchmark
{
    public override string Name => "ping-pong";

    public override string Title => "request-reply ping-pong, 1 pair";

    public override string Unit => "round trips/s";

    protected override double Measure(Options options)
    {
        var roundTrips = (long)options.Scaled(200_000);
        var done = new Countdown(1);
        var ponger = System.ActorOf(Props.Create<Ponger>());
        var pinger = System.ActorOf(Props.Create(() => new Pinger(ponger, roundTrips, done)));
        var seconds = Time(() => pinger.Tell(Go.Instance, ActorRefs.NoSender), done.Task, roundTrips);
        System.Stop(pinger);
        System.Stop(ponger);
        return roundTrips / seconds;
    }
}

/// <summary>Fan-out: one actor sends M rounds of one message to each of 1,000 actors; the figure counts deliveries.</summary>
internal sealed class FanOutBenchmark : SystemBenchmark
{
    private const int Targets = 1_000;
    private IActorRef[] _targets = [];

    public override string Name => "fan-out";

    public override string Title => $"fan-out, 1 sender -> {Targets:N0} actors";

    public override string Unit => "msg/s";

    protected override void Setup(Options options)
    {
        base.Setup(options);
        _targets = [.. Enumerable.Range(0, Targets).Select(_ => System.ActorOf(Props.Create<FanOutTarget>()))];
    }

    protected override double Measure(Options options)
    {
        var rounds = options.Scaled(1_000);
        var done = new Countdown(Targets);
        var source = System.ActorOf(Props.Create(() => new FanOutSource(_targets, rounds, done)));
        var seconds = Time(() => source.Tell(Go.Instance, ActorRefs.NoSender), done.Task, (long)Targets * rounds);
        System.Stop(source);
        return (double)Targets * rounds / seconds;
    }
}

/// <summary>
/// Spawn and stop: a parent creates a child, watches it and stops it, keeping 1,000 such children in flight; a
/// child counts when its Terminated reaches the parent (so creation, start, stop and death watch are all included).
/// </summary>
internal sealed class SpawnStopBenchmark : SystemBenchmark
{
    private const int Window = 1_000;

    public override string Name => "spawn-stop";

    public override string Title => "spawn + watch + stop, until Terminated";

    public override string Unit => "actors/s";

    public override Target Target { get; } = new(200_000, HigherIsBetter: true);

    protected override double Measure(Options options)
    {
        var total = options.Scaled(200_000);
        var done = new Countdown(1);
        var spawner = System.ActorOf(Props.Create(() => new Spawner(total, Window, done)));
        var seconds = Time(() => spawner.Tell(Go.Instance, ActorRefs.NoSender), done.Task, total);
        System.Stop(spawner);
        return total / seconds;
    }
}

/// <summary>
/// Memory per idle actor: create N top-level actors, wait until every one has started, and divide the growth of the
/// collected heap by N. Everything an actor costs is counted: cell, mailbox, reference, path, name, the entry in its
/// parent's children, and the actor instance. With <c>messageFirst</c> every actor first processes one message and
/// then goes idle: its user queue, created by the first message, is then counted too (no target; for information).
/// </summary>
internal sealed class IdleMemoryBenchmark(Props props, string name, string title, bool messageFirst = false) : Benchmark
{
    public override string Name => name;

    public override string Title => title;

    public override string Unit => "bytes/actor";

    public override Target? Target { get; } = messageFirst ? null : new(1_024, HigherIsBetter: false);

    public override int MaxRepetitions => 3;

    protected override double Measure(Options options)
    {
        var count = options.Scaled(100_000);
        using var system = ActorSystem.Create("bench-memory", Benchmarks.Settings);

        // A few actors first, so that code paths, statics and the thread pool are warm and not counted.
        StartProbe.Started = new Countdown(100);
        for (var i = 0; i < 100; i++)
        {
            system.ActorOf(props);
        }

        Benchmarks.Await(StartProbe.Started.Task, Name);
        var refs = new IActorRef[count];
        var started = new Countdown(count);
        Thread.Sleep(100);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        StartProbe.Started = started;
        for (var i = 0; i < count; i++)
        {
            refs[i] = system.ActorOf(props);
        }

        Benchmarks.Await(started.Task, Name);
        if (messageFirst)
        {
            var received = new Countdown(count);
            StartProbe.Received = received;
            foreach (var actor in refs)
            {
                actor.Tell(Payload.Instance, ActorRefs.NoSender);
            }

            Benchmarks.Await(received.Task, Name);
            StartProbe.Received = null;
        }

        Thread.Sleep(200); // the last mailboxes finish their run
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(refs);
        StartProbe.Started = null;
        return (double)(after - before) / count;
    }
}

/// <summary>
/// Shutdown: terminate a system holding 100,000 idle top-level actors and wait for <see cref="ActorSystem.WhenTerminated"/>.
/// Measures how stopping scales with the number of siblings (every child's end is handled by the same parent).
/// </summary>
internal sealed class ShutdownBenchmark : Benchmark
{
    public override string Name => "shutdown";

    public override string Title => "system shutdown with 100,000 idle actors";

    public override string Unit => "actors/s";

    public override int MaxRepetitions => 3;

    protected override double Measure(Options options)
    {
        var count = options.Scaled(100_000);
        var system = ActorSystem.Create("bench-shutdown", Benchmarks.Settings);
        var started = new Countdown(count);
        StartProbe.Started = started;
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(Props.Create<IdleUntypedActor>());
        }

        Benchmarks.Await(started.Task, Name);
        StartProbe.Started = null;
        var clock = Stopwatch.StartNew();
        Benchmarks.Await(system.Terminate(), Name);
        var seconds = clock.Elapsed.TotalSeconds;
        system.Dispose();
        return count / seconds;
    }
}
