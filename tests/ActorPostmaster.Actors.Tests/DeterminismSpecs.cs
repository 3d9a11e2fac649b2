using System.Collections.Concurrent;
using ActorPostmaster.Actors;
using Xunit;

namespace ActorPostmaster.Actors.Tests;

/// <summary>Same seed and same inputs give the same message trace; another seed gives another interleaving.</summary>
public sealed class DeterminismSpecs
{
    [Fact]
    public void The_same_seed_should_give_exactly_the_same_trace()
    {
        var first = Run(seed: 12345);
        var second = Run(seed: 12345);

        Assert.True(first.Count > 1000, $"the scenario should be busy, but produced only {first.Count} deliveries");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_should_visibly_change_the_interleaving()
    {
        var reference = Run(seed: 1);

        var others = Enumerable.Range(2, 4).Select(seed => Run(seed)).ToList();

        Assert.All(others, trace => Assert.Equal(reference.Order(StringComparer.Ordinal), trace.Order(StringComparer.Ordinal))); // same deliveries...
        Assert.Contains(others, trace => !trace.SequenceEqual(reference)); // ...in another order
    }

    [Fact]
    public void Virtual_time_should_be_part_of_the_replay()
    {
        var first = Run(seed: 7, withTimers: true);
        var second = Run(seed: 7, withTimers: true);

        Assert.Contains(first, line => line.Contains("tick@", StringComparison.Ordinal));
        Assert.Equal(first, second);
    }

    /// <summary>Ten workers gossip numbers to each other for a while, with receive timeouts and timers when asked.</summary>
    private static List<string> Run(long seed, bool withTimers = false)
    {
        var trace = new Tracer();
        var settings = ActorSystemSettings.Default with { DispatcherType = DispatcherType.Deterministic, Throughput = 1, DeterministicSeed = seed };
        using var system = ActorSystem.Create("replay", settings, new ActorSystemSetup { Tracer = trace });
        var workers = Enumerable.Range(0, 10).Select(i => system.ActorOf(Props.Create(() => new Gossip(i, withTimers)), $"w{i}")).ToArray();
        foreach (var worker in workers)
        {
            worker.Tell(workers, ActorRefs.NoSender);
        }

        foreach (var worker in workers)
        {
            worker.Tell(8, ActorRefs.NoSender); // each hop fans out to two peers: about 5,000 deliveries in all
        }

        system.DeterministicDispatcher!.Advance(TimeSpan.FromMinutes(1));
        system.Terminate();
        return [.. trace.Lines];
    }

    private sealed class Tracer : IMessageTracer
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public void OnReceive(IActorRef receiver, object message, IActorRef sender) =>
            Lines.Enqueue($"{receiver.Path.Name} <- {sender.Path.Name}: {message}");
    }

    private sealed class Gossip : ReceiveActor, IWithTimers
    {
        private IActorRef[] _peers = [];

        public Gossip(int index, bool withTimers)
        {
            Receive<IActorRef[]>(peers =>
            {
                _peers = peers;
                if (withTimers)
                {
                    Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(7 + index));
                }
            });
            Receive<int>(hops =>
            {
                if (hops > 0)
                {
                    _peers[(index + hops) % _peers.Length].Tell(hops - 1);
                    _peers[(index * 3 + hops) % _peers.Length].Tell(hops - 1);
                }
            });
            Receive<string>(s => s == "tick", _ => _peers[index % _peers.Length].Tell($"tick@{Context.System.Scheduler.Now:mm:ss}"));
            Receive<string>(_ => { });
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}
