using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class TestProbeSpecs : TestKit
{
    [Fact]
    public void TestProbe_should_have_its_own_queue()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf<EchoActor>();

        echo.Tell("for the probe", probe.Ref);
        echo.Tell("for the test actor", TestActor);

        probe.ExpectMsg("for the probe");
        ExpectMsg("for the test actor");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TestProbe_should_not_see_messages_sent_to_another_probe()
    {
        var first = CreateTestProbe("first");
        var second = CreateTestProbe("second");

        first.Ref.Tell("only first", ActorRefs.NoSender);

        Assert.Throws<XunitException>(() => second.ExpectMsg("only first", TimeSpan.FromSeconds(1)));
        first.ExpectMsg("only first");
        Assert.NotEqual(first.Ref, second.Ref);
    }

    [Fact]
    public void TestProbe_Ref_should_be_the_sender_of_what_the_probe_sends()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf<EchoActor>();

        probe.Send(echo, "bounce");

        probe.ExpectMsg("bounce");
        Assert.Equal(echo, probe.LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TestProbe_Reply_should_answer_the_last_sender_with_the_probe_as_sender()
    {
        var probe = CreateTestProbe();
        var pinger = ActorOf(Props.Create(() => new PingActor(probe.Ref, TestActor)));

        pinger.Tell("start", ActorRefs.NoSender);
        probe.ExpectMsg("ping");
        Assert.Equal(pinger, probe.LastSender);
        probe.Reply("pong");

        ExpectMsg("reply:pong");
    }

    [Fact]
    public void TestProbe_Forward_should_keep_the_original_sender()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf<EchoActor>();

        probe.Ref.Tell("forward me", TestActor);
        probe.ExpectMsg("forward me");
        probe.Forward(echo, "forward me");

        ExpectMsg("forward me");
        Assert.Equal(echo, LastSender);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TestProbe_should_watch_and_expect_Terminated_on_its_own()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf<EchoActor>();
        probe.Watch(echo);

        Sys.Stop(echo);

        probe.ExpectTerminated(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TestProbe_should_share_the_virtual_clock_of_its_TestKit()
    {
        var probe = CreateTestProbe();
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMinutes(5), probe.Ref, "later", ActorRefs.NoSender);

        probe.ExpectMsg("later", TimeSpan.FromMinutes(6));

        Assert.Equal(start + TimeSpan.FromMinutes(5), Now);
        Assert.Equal(Now, probe.Now);
    }

    [Fact]
    public void TestProbe_Within_should_be_independent_of_the_TestKits()
    {
        var probe = CreateTestProbe();

        probe.Within(TimeSpan.FromSeconds(4), () =>
        {
            Assert.Equal(TimeSpan.FromSeconds(4), probe.Remaining);
            Assert.Throws<InvalidOperationException>(() => Remaining);
        });
    }
}
