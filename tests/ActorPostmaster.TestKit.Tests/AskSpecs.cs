using ActorPostmaster.Actors;
using Xunit;

namespace ActorPostmaster.TestKit.Tests;

public class AskSpecs : TestKit
{
    [Fact]
    public async Task Ask_from_a_test_should_return_a_completed_task()
    {
        var echo = ActorOf<EchoActor>();

        var reply = echo.Ask<string>("question", TimeSpan.FromSeconds(3));

        Assert.True(reply.IsCompletedSuccessfully);
        Assert.Equal("question", await reply);
    }

    [Fact]
    public async Task Ask_without_a_timeout_should_complete_when_the_reply_is_immediate()
    {
        var counter = ActorOf<CounterActor>();
        counter.Tell(new Increment(4), ActorRefs.NoSender);

        var reply = counter.Ask<int>(new GetCount());

        Assert.True(reply.IsCompletedSuccessfully);
        Assert.Equal(4, await reply);
    }

    [Fact]
    public async Task Ask_should_time_out_with_AskTimeoutException_in_virtual_time()
    {
        var start = Now;
        var silent = ActorOf<BlackHoleActor>();

        var reply = silent.Ask("anyone?", TimeSpan.FromSeconds(5));

        Assert.True(reply.IsFaulted);
        await Assert.ThrowsAsync<AskTimeoutException>(() => reply);
        Assert.Equal(TimeSpan.FromSeconds(5), Now - start);
    }

    [Fact]
    public async Task Ask_should_complete_when_the_reply_comes_from_a_timer_before_the_timeout()
    {
        var start = Now;
        var timers = ActorOf<TimerActor>();

        var reply = timers.Ask<string>(
            replyTo => new ScheduleFor(replyTo, "delayed answer", TimeSpan.FromMinutes(2)), TimeSpan.FromMinutes(3), CancellationToken.None);

        Assert.True(reply.IsCompletedSuccessfully);
        Assert.Equal("delayed answer", await reply);
        Assert.Equal(TimeSpan.FromMinutes(2), Now - start);
    }

    [Fact]
    public async Task Ask_should_work_with_a_TestActorRef()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());
        counter.Tell(new Increment(2), ActorRefs.NoSender);

        var reply = counter.Ask<int>(new GetCount(), TimeSpan.FromSeconds(1));

        Assert.Equal(2, await reply);
    }

    [Fact]
    public async Task Ask_should_work_with_the_Ref_of_a_TestActorRef()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());
        counter.Tell(new Increment(2), ActorRefs.NoSender);

        var reply = counter.Ref.Ask<int>(new GetCount(), TimeSpan.FromSeconds(1));

        Assert.Equal(2, await reply);
    }
}
