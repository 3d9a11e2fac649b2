using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class WithinSpecs : TestKit
{
    [Fact]
    public void Within_should_pass_when_the_block_finishes_in_time()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "in time", ActorRefs.NoSender);

        Within(TimeSpan.FromSeconds(3), () => ExpectMsg("in time"));

        Assert.Equal(TimeSpan.FromSeconds(2), Now - start);
    }

    [Fact]
    public void Within_should_fail_when_the_block_takes_longer_in_virtual_time()
    {
        var failure = Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(1), () => Advance(TimeSpan.FromSeconds(2))));

        Assert.Contains("block took 00:00:02, exceeding 00:00:01", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_should_fail_when_the_block_is_faster_than_the_minimum()
    {
        var failure = Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), () => Advance(TimeSpan.FromSeconds(1))));

        Assert.Contains("should at least have been 00:00:02", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_should_pass_when_the_block_takes_between_min_and_max()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), TestActor, "on time", ActorRefs.NoSender);

        Within(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), () => ExpectMsg("on time"));
    }

    [Fact]
    public void Within_should_return_the_result_of_its_function()
    {
        TestActor.Tell(5, ActorRefs.NoSender);

        var result = Within(TimeSpan.FromSeconds(1), () => ExpectMsg<int>() * 2);

        Assert.Equal(10, result);
    }

    [Fact]
    public void Within_should_bound_expectations_without_a_timeout_by_the_time_remaining()
    {
        var start = Now;

        Within(TimeSpan.FromSeconds(10), () =>
        {
            Advance(TimeSpan.FromSeconds(8));
            Assert.Throws<XunitException>(() => ExpectMsg<string>());
        });

        Assert.Equal(TimeSpan.FromSeconds(10), Now - start);
    }

    [Fact]
    public void Within_should_cap_an_explicit_expectation_timeout_at_its_end()
    {
        var start = Now;

        Within(TimeSpan.FromSeconds(2), () => Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMinutes(1))));

        Assert.Equal(TimeSpan.FromSeconds(2), Now - start);
    }

    [Fact]
    public void Remaining_should_shrink_as_virtual_time_passes()
    {
        Within(TimeSpan.FromSeconds(10), () =>
        {
            Assert.Equal(TimeSpan.FromSeconds(10), Remaining);
            Advance(TimeSpan.FromSeconds(3));
            Assert.Equal(TimeSpan.FromSeconds(7), Remaining);
        });
    }

    [Fact]
    public void Nested_Within_should_shrink_Remaining_to_the_inner_block()
    {
        Within(TimeSpan.FromSeconds(10), () =>
        {
            Advance(TimeSpan.FromSeconds(3));
            Within(TimeSpan.FromSeconds(2), () => Assert.Equal(TimeSpan.FromSeconds(2), Remaining));
            Within(TimeSpan.FromSeconds(30), () => Assert.Equal(TimeSpan.FromSeconds(7), Remaining));
            Assert.Equal(TimeSpan.FromSeconds(7), Remaining);
        });
    }

    [Fact]
    public void Remaining_should_throw_outside_Within()
    {
        Assert.Throws<InvalidOperationException>(() => Remaining);

        Within(TimeSpan.FromSeconds(1), () => Assert.Equal(TimeSpan.FromSeconds(1), Remaining));
        Assert.Throws<InvalidOperationException>(() => Remaining);
    }

    [Fact]
    public void Remaining_should_throw_again_after_a_failed_Within()
    {
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(1), () => ExpectMsg<string>()));

        Assert.Throws<InvalidOperationException>(() => Remaining);
        Assert.Equal(TestKitSettings.SingleExpectDefault, RemainingOrDefault);
    }

    [Fact]
    public async Task WithinAsync_should_pass_in_time_and_fail_when_late()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "async", ActorRefs.NoSender);
        await WithinAsync(TimeSpan.FromSeconds(2), async () => await ExpectMsgAsync("async"));

        var failure = await Assert.ThrowsAsync<XunitException>(() => WithinAsync(TimeSpan.FromSeconds(1), () => AdvanceAsync(TimeSpan.FromSeconds(3))));
        Assert.Contains("exceeding 00:00:01", failure.Message, StringComparison.Ordinal);
    }
}
