using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class AsyncExpectSpecs : TestKit
{
    [Fact]
    public async Task ExpectMsgAsync_should_return_a_message_of_the_expected_type()
    {
        var echo = ActorOf<EchoActor>();
        echo.Tell(new Greeting("async"), TestActor);

        var greeting = await ExpectMsgAsync<Greeting>();

        Assert.Equal("async", greeting.Name);
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public async Task ExpectMsgAsync_should_match_by_equality_predicate_and_assertion()
    {
        foreach (var text in new[] { "one", "two", "three" })
        {
            TestActor.Tell(text, ActorRefs.NoSender);
        }

        Assert.Equal("one", await ExpectMsgAsync("one"));
        Assert.Equal("two", await ExpectMsgAsync<string>(s => s.Length == 3));
        Assert.Equal("three", await ExpectMsgAsync<string>(s => Assert.Equal(5, s.Length)));
    }

    [Fact]
    public async Task ExpectMsgAsync_should_fail_when_the_message_differs()
    {
        TestActor.Tell("other", ActorRefs.NoSender);

        var failure = await Assert.ThrowsAsync<XunitException>(() => ExpectMsgAsync("wanted"));

        Assert.Contains("other (String)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsgAsync_should_fail_on_timeout_at_the_virtual_deadline()
    {
        var start = Now;

        var failure = await Assert.ThrowsAsync<XunitException>(() => ExpectMsgAsync<string>(TimeSpan.FromMinutes(1)));

        Assert.StartsWith("Timeout (00:01:00)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), Now - start);
    }

    [Fact]
    public async Task ExpectMsgAsync_should_wait_for_a_timer_in_virtual_time()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(30), TestActor, "tick", ActorRefs.NoSender);

        await ExpectMsgAsync("tick", TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(30), Now - start);
    }

    [Fact]
    public async Task ExpectNoMsgAsync_should_pass_when_nothing_arrives_and_fail_when_something_does()
    {
        var start = Now;
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), Now - start);

        TestActor.Tell("surprise", ActorRefs.NoSender);
        var failure = await Assert.ThrowsAsync<XunitException>(() => ExpectNoMsgAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains("surprise", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectTerminatedAsync_should_return_the_terminated_of_a_watched_actor()
    {
        var echo = Watch(ActorOf<EchoActor>());

        Sys.Stop(echo);
        var terminated = await ExpectTerminatedAsync(echo);

        Assert.Equal(echo, terminated.ActorRef);
    }

    [Fact]
    public async Task FishForMessageAsync_should_skip_until_a_match()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        TestActor.Tell(2, ActorRefs.NoSender);

        Assert.Equal(2, await FishForMessageAsync<int>(n => n == 2));
    }

    [Fact]
    public async Task ReceiveOneAsync_should_return_the_next_message_or_null()
    {
        TestActor.Tell("one", ActorRefs.NoSender);

        Assert.Equal("one", await ReceiveOneAsync());
        Assert.Null(await ReceiveOneAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task AdvanceAsync_and_RunUntilIdleAsync_should_drive_the_system()
    {
        var start = Now;
        var echo = ActorOf<EchoActor>();
        echo.Tell("now", TestActor);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), TestActor, "later", ActorRefs.NoSender);

        Assert.True(await RunUntilIdleAsync() > 0);
        Assert.True(HasMessages);
        Assert.Equal(start, Now);
        Assert.Equal("now", await ReceiveOneAsync(TimeSpan.Zero));

        await AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(start + TimeSpan.FromSeconds(5), Now);
        Assert.Equal("later", await ReceiveOneAsync(TimeSpan.Zero));
    }
}
