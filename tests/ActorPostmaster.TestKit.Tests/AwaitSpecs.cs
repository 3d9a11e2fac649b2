using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class AwaitSpecs : TestKit
{
    [Fact]
    public void AwaitAssert_should_pass_once_a_timer_has_changed_the_state()
    {
        var start = Now;
        var counter = ActorOfAsTestActorRef<DelayedCounterActor>(() => new DelayedCounterActor(TimeSpan.FromSeconds(2)));

        AwaitAssert(() => Assert.Equal(1, counter.UnderlyingActor.Count), TimeSpan.FromSeconds(5));

        Assert.InRange(Now - start, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + TestKitSettings.AwaitInterval);
    }

    [Fact]
    public void AwaitAssert_should_pass_at_once_without_moving_time_when_the_assertion_holds()
    {
        var start = Now;

        AwaitAssert(() => Assert.True(true));

        Assert.Equal(start, Now);
    }

    [Fact]
    public void AwaitAssert_should_fail_after_the_deadline_with_the_last_assertions_exception()
    {
        var start = Now;
        var attempts = 0;

        var failure = Assert.Throws<InvalidOperationException>(() =>
            AwaitAssert(() => throw new InvalidOperationException($"attempt {++attempts}"), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250)));

        Assert.Equal($"attempt {attempts}", failure.Message);
        Assert.Equal(5, attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), Now - start);
    }

    [Fact]
    public void AwaitAssert_should_fail_with_the_xunit_exception_of_a_failing_assert()
    {
        var counter = ActorOfAsTestActorRef<DelayedCounterActor>(() => new DelayedCounterActor(TimeSpan.FromSeconds(10)));

        Assert.Throws<EqualException>(() => AwaitAssert(() => Assert.Equal(1, counter.UnderlyingActor.Count), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void AwaitCondition_should_pass_once_a_timer_makes_the_condition_true()
    {
        var start = Now;
        var counter = ActorOfAsTestActorRef<DelayedCounterActor>(() => new DelayedCounterActor(TimeSpan.FromSeconds(3)));

        AwaitCondition(() => counter.UnderlyingActor.Count == 1, TimeSpan.FromSeconds(5));

        Assert.InRange(Now - start, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) + TestKitSettings.AwaitInterval);
    }

    [Fact]
    public void AwaitCondition_should_fail_with_a_timeout_message_at_the_deadline()
    {
        var start = Now;

        var failure = Assert.Throws<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromSeconds(2), message: "never true"));

        Assert.Contains("Timeout 00:00:02 expired while waiting for condition", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[never true]", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), Now - start);
    }

    [Fact]
    public void AwaitCondition_should_use_the_default_timeout_when_given_none()
    {
        var start = Now;

        Assert.Throws<XunitException>(() => AwaitCondition(() => false));

        Assert.Equal(TestKitSettings.DefaultTimeout, Now - start);
    }

    [Fact]
    public void AwaitCondition_should_be_bounded_by_an_enclosing_Within()
    {
        var start = Now;

        Within(TimeSpan.FromSeconds(1), () => Assert.Throws<XunitException>(() => AwaitCondition(() => false)));

        Assert.Equal(TimeSpan.FromSeconds(1), Now - start);
    }

    [Fact]
    public async Task AwaitAssertAsync_should_pass_after_virtual_time_moves_and_fail_after_the_deadline()
    {
        var counter = ActorOfAsTestActorRef<DelayedCounterActor>(() => new DelayedCounterActor(TimeSpan.FromSeconds(2)));

        await AwaitAssertAsync(() =>
        {
            Assert.Equal(1, counter.UnderlyingActor.Count);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<EqualException>(() => AwaitAssertAsync(() =>
        {
            Assert.Equal(2, counter.UnderlyingActor.Count);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task AwaitConditionAsync_should_pass_after_virtual_time_moves_and_fail_after_the_deadline()
    {
        var start = Now;
        var counter = ActorOfAsTestActorRef<DelayedCounterActor>(() => new DelayedCounterActor(TimeSpan.FromSeconds(2)));

        await AwaitConditionAsync(() => counter.UnderlyingActor.Count == 1, TimeSpan.FromSeconds(3));
        Assert.InRange(Now - start, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + TestKitSettings.AwaitInterval);

        var failure = await Assert.ThrowsAsync<XunitException>(() => AwaitConditionAsync(() => counter.UnderlyingActor.Count == 2, TimeSpan.FromSeconds(1)));
        Assert.Contains("Timeout 00:00:01", failure.Message, StringComparison.Ordinal);
    }
}
