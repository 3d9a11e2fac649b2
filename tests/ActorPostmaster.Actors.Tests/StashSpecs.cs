using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class StashSpecs : TestKit.TestKit
{
    public StashSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Stashed_messages_should_come_back_in_order_after_UnstashAll()
    {
        var gate = ActorOf(Props.Create(() => new Gate()));

        gate.Tell("a");
        gate.Tell("b");
        gate.Tell("c");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.Tell("open");

        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
        gate.Tell("d");
        ExpectMsg("d");
    }

    [Fact]
    public void Unstashed_messages_should_be_processed_before_messages_already_in_the_mailbox()
    {
        var gate = ActorOf(Props.Create(() => new Gate()));
        gate.Tell("a");
        RunUntilIdle();

        gate.Tell("open");
        gate.Tell("b");

        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void Stashing_the_same_message_twice_should_fail_the_actor()
    {
        // Stopped on failure: restarting would put the stashed message back and fail again, forever.
        var supervisor = ActorOf(Supervisor.Props(SupervisorStrategy.StoppingStrategy));
        supervisor.Tell(new Supervisor.Spawn(Props.Create(() => new DoubleStasher())));
        var actor = ExpectMsg<IActorRef>();

        EventFilter.Exception<IllegalActorStateException>(contains: "more than once").ExpectOne(() => actor.Tell("x"));
    }

    [Fact]
    public void The_stash_should_be_put_back_in_the_mailbox_when_the_actor_restarts()
    {
        var gate = ActorOf(Props.Create(() => new Gate()));
        gate.Tell("a");
        gate.Tell("b");
        RunUntilIdle();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => gate.Tell("fail"));
        gate.Tell("open");

        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void UnstashAll_with_a_predicate_should_keep_the_others_stashed()
    {
        var gate = ActorOf(Props.Create(() => new Gate()));
        gate.Tell("keep-1");
        gate.Tell("x");
        gate.Tell("keep-2");

        gate.Tell("open-x");

        ExpectMsg("x");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.Tell("open");
        ExpectMsg("keep-1");
        ExpectMsg("keep-2");
    }

    private sealed class Gate : ReceiveActor, IWithUnboundedStash
    {
        public Gate()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(Open);
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "open-x", _ =>
            {
                Become(Open);
                Stash.UnstashAll(e => Equals(e.Message, "x"));
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            ReceiveAny(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;

        private void Open()
        {
            Receive<string>(s => s == "open", _ => Stash.UnstashAll());
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    private sealed class DoubleStasher : ReceiveActor, IWithUnboundedStash
    {
        public DoubleStasher() => ReceiveAny(_ =>
        {
            Stash.Stash();
            Stash.Stash();
        });

        public IStash Stash { get; set; } = null!;
    }
}
