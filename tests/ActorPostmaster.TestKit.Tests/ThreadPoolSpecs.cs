using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class ThreadPoolSpecs : TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(3);

    public ThreadPoolSpecs()
        : base(new ActorSystemSettings { DispatcherType = DispatcherType.ThreadPool })
    {
    }

    [Fact]
    public void TestKit_should_run_on_real_threads_without_a_virtual_clock()
    {
        Assert.Null(Dispatcher);
        Assert.Null(Clock);
        Assert.Throws<InvalidOperationException>(() => Advance(TimeSpan.FromSeconds(1)));
        Assert.Throws<InvalidOperationException>(() => RunUntilIdle());
    }

    [Fact]
    public void ExpectMsg_should_receive_a_reply_on_real_threads()
    {
        var echo = ActorOf<EchoActor>();

        echo.Tell("real", TestActor);

        ExpectMsg("real", Generous);
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void ExpectMsgAllOf_should_accept_replies_from_concurrent_actors_in_any_order()
    {
        var actors = Enumerable.Range(0, 5).Select(_ => ActorOf<EchoActor>()).ToList();

        for (var i = 0; i < actors.Count; i++)
        {
            actors[i].Tell(i, TestActor);
        }

        ExpectMsgAllOf(Generous, 0, 1, 2, 3, 4);
    }

    [Fact]
    public void ExpectMsg_should_fail_on_timeout_and_ExpectNoMsg_should_pass_when_nothing_arrives()
    {
        Assert.Throws<XunitException>(() => ExpectMsg<string>(Short));

        ExpectNoMsg(Short);
    }

    [Fact]
    public void ExpectNoMsg_should_fail_when_a_message_arrives()
    {
        TestActor.Tell("present", ActorRefs.NoSender);

        Assert.Throws<XunitException>(() => ExpectNoMsg(Short));
    }

    [Fact]
    public void ExpectMsg_should_receive_a_scheduled_message_in_real_time()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "soon", ActorRefs.NoSender);

        ExpectMsg("soon", Generous);
    }

    [Fact]
    public async Task ExpectMsgAsync_should_receive_a_reply_on_real_threads()
    {
        var echo = ActorOf<EchoActor>();

        echo.Tell(new Greeting("threads"), TestActor);

        Assert.Equal("threads", (await ExpectMsgAsync<Greeting>(Generous)).Name);
        await ExpectNoMsgAsync(Short);
    }

    [Fact]
    public void Watch_and_ExpectTerminated_should_work_on_real_threads()
    {
        var echo = Watch(ActorOf<EchoActor>());

        Sys.Stop(echo);

        ExpectTerminated(echo, Generous);
    }

    [Fact]
    public void TestProbe_Reply_should_work_on_real_threads()
    {
        var probe = CreateTestProbe();
        var pinger = ActorOf(Props.Create(() => new PingActor(probe.Ref, TestActor)));

        pinger.Tell("start", ActorRefs.NoSender);
        probe.ExpectMsg("ping", Generous);
        probe.Reply("pong");

        ExpectMsg("reply:pong", Generous);
    }

    [Fact]
    public async Task Ask_should_reply_on_real_threads()
    {
        var echo = ActorOf<EchoActor>();

        Assert.Equal("asked", await echo.Ask<string>("asked", Generous));
    }

    [Fact]
    public void EventFilter_should_catch_a_crash_on_real_threads()
    {
        var crasher = ActorOf<CrashingActor>();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => crasher.Tell("threaded boom", ActorRefs.NoSender));
    }

    [Fact]
    public void AwaitCondition_should_pass_when_the_state_changes_on_another_thread()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());

        counter.Tell(new Increment(), ActorRefs.NoSender);

        AwaitCondition(() => counter.UnderlyingActor.Count == 1, Generous, TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void Within_should_pass_for_a_quick_block()
    {
        var echo = ActorOf<EchoActor>();

        Within(Generous, () =>
        {
            echo.Tell("inside", TestActor);
            ExpectMsg("inside");
            Assert.True(Remaining <= Generous);
        });
    }
}
