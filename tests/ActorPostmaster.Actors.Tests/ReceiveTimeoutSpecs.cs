using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class ReceiveTimeoutSpecs : TestKit.TestKit
{
    public ReceiveTimeoutSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void ReceiveTimeout_should_arrive_after_the_inactivity_period()
    {
        var start = Now;
        ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromSeconds(10))));

        ExpectMsg("timeout", TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(10), Now - start);
    }

    [Fact]
    public void Each_message_should_restart_the_inactivity_period()
    {
        var start = Now;
        var actor = ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromSeconds(10))));

        Advance(TimeSpan.FromSeconds(8));
        actor.Tell("activity");
        ExpectMsg("activity");
        ExpectMsg("timeout", TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(18), Now - start);
    }

    [Fact]
    public void Messages_that_do_not_influence_the_timeout_should_not_restart_it()
    {
        var start = Now;
        var actor = ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromSeconds(10))));

        Advance(TimeSpan.FromSeconds(8));
        actor.Tell(new Heartbeat());
        ExpectMsg<Heartbeat>();
        ExpectMsg("timeout", TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(10), Now - start);
    }

    [Fact]
    public void ReceiveTimeout_should_repeat_until_it_is_cleared()
    {
        var actor = ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromSeconds(10))));
        ExpectMsg("timeout", TimeSpan.FromSeconds(15));
        ExpectMsg("timeout", TimeSpan.FromSeconds(15));

        actor.Tell("clear");
        ExpectMsg("clear");
        ExpectNoMsg(TimeSpan.FromMinutes(10));
    }

    private sealed record Heartbeat : INotInfluenceReceiveTimeout;

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout)
        {
            SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
            Receive<string>(s => s == "clear", s =>
            {
                SetReceiveTimeout(null);
                probe.Tell(s);
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }
}
