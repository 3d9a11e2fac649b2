using ActorPostmaster.Actors;
using ActorPostmaster.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

/// <summary>Stress on the thread-pool dispatcher, on both cores: ordering and liveness, never timing.</summary>
public sealed class ConcurrencySpecs : TestKit.TestKit
{
    private static readonly ActorSystemSettings ThreadPool = ActorSystemSettings.Default with { Throughput = 5 };

    public ConcurrencySpecs(ITestOutputHelper output)
        : base(ThreadPool, output, new TestKitSettings { SingleExpectDefault = TimeSpan.FromSeconds(30) })
    {
    }

    [Fact]
    public async Task Messages_from_one_sender_should_arrive_in_order_under_concurrent_load()
    {
        const int Senders = 16;
        const int Receivers = 8;
        const int PerSender = 5_000;
        var receivers = Enumerable.Range(0, Receivers).Select(i => ActorOf(Props.Create(() => new OrderChecker()), $"receiver-{i}")).ToList();
        var senders = Enumerable.Range(0, Senders).Select(i => ActorOf(Props.Create(() => new Blaster(receivers, PerSender)), $"sender-{i}")).ToList();

        senders.ForEach(s => s.Tell("go"));
        ReceiveN(Senders, TimeSpan.FromSeconds(60));

        var results = await Task.WhenAll(receivers.Select(r => r.Ask<(long Received, long Violations)>("report", TimeSpan.FromSeconds(30))));
        Assert.Equal((long)Senders * PerSender * Receivers, results.Sum(r => r.Received));
        Assert.Equal(0, results.Sum(r => r.Violations));
    }

    [Fact]
    public async Task Many_concurrent_Asks_should_all_be_answered()
    {
        var echo = ActorOf(Props.Create(() => new Echo()));

        var replies = await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i => echo.Ask<int>(i, TimeSpan.FromSeconds(30))));

        Assert.Equal(Enumerable.Range(0, 5_000), replies);
    }

    [Fact]
    public void Spawning_and_stopping_many_actors_concurrently_should_leave_no_child_behind()
    {
        var parent = ActorOf(Props.Create(() => new Spawner()));

        for (var round = 0; round < 20; round++)
        {
            parent.Tell(500);
        }

        AwaitCondition(
            () =>
            {
                parent.Tell("children?");
                return ExpectMsg<int>() == 0;
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
        parent.Tell("created?");
        ExpectMsg(10_000);
    }

    [Fact]
    public void A_child_that_keeps_failing_under_load_should_keep_being_restarted_without_losing_other_messages()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Restart) { LoggingEnabled = false }));
        supervisor.Tell(new Supervisor.Spawn(Props.Create(() => new Flaky())));
        var flaky = ExpectMsg<IActorRef>();

        for (var i = 0; i < 2_000; i++)
        {
            flaky.Tell(i % 10 == 0 ? "fail" : "count");
        }

        flaky.Tell("total?");
        // Restart resets the count; what counts is that every non-failing message after the last failure arrives.
        ExpectMsg(9);
    }

    private sealed class Blaster : ReceiveActor
    {
        public Blaster(IReadOnlyList<IActorRef> receivers, int count) => Receive<string>(_ =>
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var receiver in receivers)
                {
                    receiver.Tell(i);
                }
            }

            Sender.Tell("done");
        });
    }

    private sealed class OrderChecker : ReceiveActor
    {
        private readonly Dictionary<IActorRef, int> _last = [];
        private long _received;
        private long _violations;

        public OrderChecker()
        {
            Receive<int>(i =>
            {
                _received++;
                if (_last.TryGetValue(Sender, out var previous) && i != previous + 1)
                {
                    _violations++;
                }

                _last[Sender] = i;
            });
            Receive<string>(_ => Sender.Tell((_received, _violations)));
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Spawner : ReceiveActor
    {
        private int _created;

        public Spawner()
        {
            Receive<int>(n =>
            {
                for (var i = 0; i < n; i++)
                {
                    var child = Context.ActorOf(Props.Create(() => new Echo()));
                    _created++;
                    child.Tell(PoisonPill.Instance);
                }
            });
            Receive<string>(s => s == "children?", _ => Sender.Tell(Context.GetChildren().Count()));
            Receive<string>(s => s == "created?", _ => Sender.Tell(_created));
        }
    }

    private sealed class Flaky : ReceiveActor
    {
        private int _count;

        public Flaky()
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("flaky"));
            Receive<string>(s => s == "count", _ => _count++);
            Receive<string>(s => s == "total?", _ => Sender.Tell(_count));
        }
    }
}
