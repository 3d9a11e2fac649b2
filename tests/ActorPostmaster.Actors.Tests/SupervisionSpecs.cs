using ActorPostmaster.Actors;
using ActorPostmaster.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class SupervisionSpecs : TestKit.TestKit
{
    private readonly Incarnations _incarnations = new();

    public SupervisionSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Resume_should_keep_the_instance_and_its_state_and_drop_the_failing_message()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Resume)));
        var child = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)));

        child.Tell("inc");
        child.Tell("inc");
        EventFilter.Exception<InvalidOperationException>("boom").ExpectOne(() => child.Tell("fail"));
        child.Tell("get");

        ExpectMsg(2);
        Assert.Equal(1, _incarnations.Of(child));
    }

    [Fact]
    public void Restart_should_replace_the_instance_keep_the_mailbox_and_reset_the_state()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Restart)));
        var child = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)));

        child.Tell("inc");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            child.Tell("fail");
            child.Tell("inc"); // queued behind the failing message: the mailbox survives the restart
        });
        child.Tell("get");

        ExpectMsg(1);
        Assert.Equal(2, _incarnations.Of(child));
    }

    [Fact]
    public void Stop_should_stop_the_failing_child()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Stop)));
        var child = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)));
        Watch(child);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell("fail"));

        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_should_fail_the_supervisor_so_that_its_own_supervisor_decides()
    {
        var top = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Stop)), "top");
        var middle = SpawnChild(top, Supervisor.Props(new OneForOneStrategy(_ => Directive.Escalate)));
        var leaf = SpawnChild(middle, Props.Create(() => new Counter(_incarnations)));
        Watch(middle);
        Watch(leaf);

        // Escalate itself is not logged; the top supervisor's Stop of the middle one is.
        EventFilter.Exception<InvalidOperationException>(source: middle.Path.ToString()).ExpectOne(() => leaf.Tell("fail"));

        ExpectMsgAllOf(new Terminated(leaf, true, false), new Terminated(middle, true, false));
    }

    [Fact]
    public void Default_strategy_should_restart_on_ordinary_exceptions_and_stop_on_initialization_failures()
    {
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider.Decide(new InvalidOperationException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider.Decide(new ActorInitializationException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider.Decide(new ActorKilledException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider.Decide(new DeathPactException()));

        IActorRef failing = ActorRefs.Nobody;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() =>
        {
            failing = ActorOf(Props.Create(() => new FailingConstructor()));
            Watch(failing);
        });
        ExpectTerminated(failing);
    }

    [Fact]
    public void Kill_should_make_the_default_strategy_stop_the_actor()
    {
        var actor = ActorOf(Props.Create(() => new Counter(_incarnations)));
        Watch(actor);

        EventFilter.Exception<ActorKilledException>().ExpectOne(() => actor.Tell(Kill.Instance));

        ExpectTerminated(actor);
    }

    [Fact]
    public void Decider_from_a_table_should_choose_the_most_specific_exception_type()
    {
        var decider = Decider.From(
            Directive.Escalate,
            Directive.Resume.When<ArgumentException>(),
            Directive.Stop.When<ArgumentNullException>());

        Assert.Equal(Directive.Stop, decider.Decide(new ArgumentNullException("x")));
        Assert.Equal(Directive.Resume, decider.Decide(new ArgumentOutOfRangeException("x")));
        Assert.Equal(Directive.Escalate, decider.Decide(new InvalidOperationException()));
    }

    [Fact]
    public void All_for_one_should_restart_every_sibling_when_one_fails()
    {
        var supervisor = ActorOf(Supervisor.Props(new AllForOneStrategy(_ => Directive.Restart)));
        var first = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)), "first");
        var second = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)), "second");
        second.Tell("inc");
        second.Tell("get");
        ExpectMsg(1); // processed before the failure: system messages (the restart) would overtake a queued "inc"

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => first.Tell("fail"));
        second.Tell("get");

        ExpectMsg(0);
        Assert.Equal(2, _incarnations.Of(first));
        Assert.Equal(2, _incarnations.Of(second));
    }

    [Fact]
    public void One_for_one_should_restart_only_the_failing_child()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Restart)));
        var first = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)), "first");
        var second = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)), "second");
        second.Tell("inc");
        second.Tell("get");
        ExpectMsg(1);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => first.Tell("fail"));
        second.Tell("get");

        ExpectMsg(1);
        Assert.Equal(2, _incarnations.Of(first));
        Assert.Equal(1, _incarnations.Of(second));
    }

    [Fact]
    public void All_for_one_should_stop_every_sibling_when_one_is_stopped()
    {
        var supervisor = ActorOf(Supervisor.Props(new AllForOneStrategy(_ => Directive.Stop)));
        var first = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)), "first");
        var second = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)), "second");
        Watch(first);
        Watch(second);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => first.Tell("fail"));

        ExpectMsgAllOf(new Terminated(first, true, false), new Terminated(second, true, false));
    }

    [Fact]
    public void Props_strategy_should_override_the_actors_own_strategy()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(_ => Directive.Restart))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Stop)));
        var child = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)));
        Watch(child);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell("fail"));

        ExpectTerminated(child);
    }

    [Fact]
    public void A_failing_child_should_not_process_user_messages_until_the_supervisor_has_decided()
    {
        var probe = CreateTestProbe();
        var supervisor = ActorOf(Props.Create(() => new GatedSupervisor(probe.Ref)));
        var child = SpawnChild(supervisor, Props.Create(() => new Counter(_incarnations)));

        child.Tell("fail");
        child.Tell("inc");
        child.Tell("get");
        probe.ExpectMsg<string>("failure seen");
        ExpectNoMsg(TimeSpan.FromSeconds(1)); // the child is suspended: "get" is not answered

        supervisor.Tell("resume");
        ExpectMsg(1);
    }

    internal IActorRef SpawnChild(IActorRef supervisor, Props props, string? name = null)
    {
        supervisor.Tell(new Supervisor.Spawn(props, name));
        return ExpectMsg<IActorRef>();
    }

    /// <summary>Holds the Resume decision until told, to observe the suspended child.</summary>
    private sealed class GatedSupervisor : ReceiveActor
    {
        private readonly IActorRef _probe;
        private Action? _pending;

        public GatedSupervisor(IActorRef probe)
        {
            _probe = probe;
            Receive<Supervisor.Spawn>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name)));
            Receive<string>(s => s == "resume", _ => _pending?.Invoke());
        }

        protected override SupervisorStrategy SupervisorStrategy() => new HoldingStrategy(this);

        private sealed class HoldingStrategy(GatedSupervisor owner) : Actors.SupervisorStrategy
        {
            public override IDecider Decider { get; } = Actors.Decider.From(_ => Directive.Resume);

            public override bool HandleFailure(
                IActorContext context, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
            {
                owner._pending = () => ResumeChild(child, cause);
                owner._probe.Tell("failure seen");
                return true;
            }

            public override void ProcessFailure(
                IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
            {
            }
        }
    }

    private sealed class FailingConstructor : ReceiveActor
    {
        public FailingConstructor() => throw new InvalidOperationException("cannot start");
    }
}
