using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

/// <summary>
/// The extension point the postmaster's crash cycle is built on: a strategy that sees the failing child, its
/// exception and all its siblings, stops everyone, and lets the supervisor rebuild once the last child is gone.
/// Neither OneForOne nor AllForOne expresses "terminate all, wait, then start again in order".
/// </summary>
public sealed class CustomStrategySpecs : TestKit.TestKit
{
    public CustomStrategySpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void A_custom_strategy_should_see_the_failing_child_its_exception_and_all_its_siblings()
    {
        var supervisor = ActorOf(Props.Create(() => new MiniSupervisor(TestActor)));
        ExpectMsg("up: a,b,c");

        supervisor.Tell(new Crash("b"));

        var failure = FishForMessage<FailureSeen>(_ => true);
        Assert.Equal("b", failure.Child);
        Assert.Equal("b crashed", failure.Cause);
        Assert.Equal(["a", "b", "c"], failure.Siblings);
    }

    [Fact]
    public void A_crash_cycle_should_stop_every_child_then_start_them_again_in_order()
    {
        var supervisor = ActorOf(Props.Create(() => new MiniSupervisor(TestActor)));
        ExpectMsg("up: a,b,c");

        supervisor.Tell(new Crash("b"));

        // Every old child has stopped before the supervisor rebuilds; then a new generation starts in order.
        var cycle = ReceiveN(4);
        Assert.Single(cycle.OfType<FailureSeen>());
        Assert.Equal(["stopped a", "stopped b", "stopped c"], cycle.OfType<string>().Order());
        ExpectMsg("up: a,b,c");
        supervisor.Tell("generation?");
        ExpectMsg(2);
    }

    private sealed record Crash(string Child);

    private sealed record FailureSeen(string Child, string Cause, IReadOnlyList<string> Siblings);

    private sealed record Ready(string Name);

    private sealed record AllChildrenGone
    {
        public static readonly AllChildrenGone Instance = new();
    }

    /// <summary>Starts a, b, c one after another (each waits for the previous one's Ready) and rebuilds after a crash.</summary>
    private sealed class MiniSupervisor : ReceiveActor
    {
        private static readonly string[] Order = ["a", "b", "c"];
        private readonly IActorRef _probe;
        private readonly List<string> _started = [];
        private int _generation;

        public MiniSupervisor(IActorRef probe)
        {
            _probe = probe;
            Receive<Ready>(r =>
            {
                _started.Add(r.Name);
                if (_started.Count < Order.Length)
                {
                    StartChild(Order[_started.Count]);
                }
                else
                {
                    _probe.Tell($"up: {string.Join(",", _started)}");
                }
            });
            Receive<Crash>(c => Context.Child(c.Child).Tell(c));
            Receive<AllChildrenGone>(_ => StartGeneration());
            Receive<string>(s => s == "generation?", _ => Sender.Tell(_generation));
            Receive<FailureSeen>(f => _probe.Tell(f));
        }

        protected override void PreStart() => StartGeneration();

        protected override SupervisorStrategy SupervisorStrategy() => new CrashCycleStrategy();

        private void StartGeneration()
        {
            _generation++;
            _started.Clear();
            StartChild(Order[0]);
        }

        private void StartChild(string name) => Context.ActorOf(Props.Create(() => new Child(name, _probe)), name);
    }

    private sealed class CrashCycleStrategy : SupervisorStrategy
    {
        public override IDecider Decider { get; } = Actors.Decider.From(_ => Directive.Stop);

        public override bool HandleFailure(
            IActorContext context, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
        {
            context.Self.Tell(new FailureSeen(child.Path.Name, cause.Message, [.. children.Select(c => c.Child.Path.Name).Order()]));
            foreach (var sibling in children)
            {
                context.Stop(sibling.Child);
            }

            return true;
        }

        public override void ProcessFailure(
            IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
        {
        }

        public override void HandleChildTerminated(IActorContext context, IActorRef child, IEnumerable<IActorRef> children)
        {
            if (!children.Any())
            {
                context.Self.Tell(AllChildrenGone.Instance);
            }
        }
    }

    private sealed class Child : ReceiveActor
    {
        private readonly string _name;
        private readonly IActorRef _probe;

        public Child(string name, IActorRef probe)
        {
            _name = name;
            _probe = probe;
            Receive<Crash>(_ => throw new InvalidOperationException($"{_name} crashed"));
        }

        protected override void PreStart() => Context.Parent.Tell(new Ready(_name));

        protected override void PostStop() => _probe.Tell($"stopped {_name}");
    }
}
