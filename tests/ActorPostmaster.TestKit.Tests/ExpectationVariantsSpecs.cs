using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class ExpectationVariantsSpecs : TestKit
{
    [Fact]
    public void ExpectNoMsg_should_pass_when_nothing_arrives()
    {
        var echo = ActorOf<EchoActor>();
        echo.Tell("to nobody", ActorRefs.NoSender);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void ExpectNoMsg_should_fail_when_a_message_arrives_within_the_period()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "intruder", ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(3)));

        Assert.Contains("intruder", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNoMsg_should_pass_when_the_message_is_due_after_the_period()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(4), TestActor, "late", ActorRefs.NoSender);

        ExpectNoMsg(TimeSpan.FromSeconds(3));

        ExpectMsg("late", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ExpectNoMsg_without_a_duration_should_wait_the_single_expect_default()
    {
        var start = Now;

        ExpectNoMsg();

        Assert.Equal(TestKitSettings.SingleExpectDefault, Now - start);
    }

    [Fact]
    public void ExpectMsgAllOf_should_accept_the_messages_in_any_order()
    {
        var echo = ActorOf<EchoActor>();
        echo.Tell("c", TestActor);
        echo.Tell("a", TestActor);
        echo.Tell("b", TestActor);

        var received = ExpectMsgAllOf("a", "b", "c");

        Assert.Equal(["c", "a", "b"], received);
    }

    [Fact]
    public void ExpectMsgAllOf_should_fail_when_an_unexpected_message_arrives()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("x", ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectMsgAllOf("a", "b"));

        Assert.Contains("unexpected x (String)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("still missing: b (String)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAllOf_should_fail_naming_the_missing_messages_when_some_never_arrive()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        var start = Now;

        var failure = Assert.Throws<XunitException>(() => ExpectMsgAllOf(TimeSpan.FromSeconds(2), "a", "b", "c"));

        Assert.StartsWith("Timeout (00:00:02)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("b (String), c (String)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), Now - start);
    }

    [Fact]
    public void ExpectMsgAllOf_should_count_duplicates()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("a", ActorRefs.NoSender);

        Assert.Equal(["a", "a"], ExpectMsgAllOf("a", "a"));
    }

    [Fact]
    public void ExpectMsgAnyOf_should_accept_any_one_of_the_messages()
    {
        TestActor.Tell("b", ActorRefs.NoSender);

        Assert.Equal("b", ExpectMsgAnyOf("a", "b", "c"));
    }

    [Fact]
    public void ExpectMsgAnyOf_should_fail_when_the_message_is_none_of_them()
    {
        TestActor.Tell("z", ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectMsgAnyOf("a", "b"));

        Assert.Contains("any of a (String), b (String)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("z (String)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FishForMessage_should_skip_messages_until_one_matches()
    {
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            TestActor.Tell(n, ActorRefs.NoSender);
        }

        Assert.Equal(3, FishForMessage<int>(n => n >= 3));
        Assert.Equal(4, ExpectMsg<int>());
    }

    [Fact]
    public void FishForMessage_should_skip_messages_of_other_types()
    {
        TestActor.Tell("noise", ActorRefs.NoSender);
        TestActor.Tell(7, ActorRefs.NoSender);

        Assert.Equal(7, FishForMessage(m => m is int));
    }

    [Fact]
    public void FishForMessage_should_fail_when_no_message_matches_in_time()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        var start = Now;

        var failure = Assert.Throws<XunitException>(() => FishForMessage<int>(n => n > 10, TimeSpan.FromSeconds(1), "big number"));

        Assert.Contains("FishForMessage [big number]", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), Now - start);
    }

    [Fact]
    public void ReceiveN_should_return_the_messages_in_arrival_order()
    {
        var echo = ActorOf<EchoActor>();
        foreach (var text in new[] { "x", "y", "z" })
        {
            echo.Tell(text, TestActor);
        }

        Assert.Equal(["x", "y", "z"], ReceiveN(3));
    }

    [Fact]
    public void ReceiveN_should_fail_with_the_count_received_when_too_few_arrive()
    {
        TestActor.Tell("only", ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ReceiveN(2, TimeSpan.FromSeconds(1)));

        Assert.Contains("2 messages (got 1)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveN_should_wait_across_timers_within_its_total_time()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, 1, ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, 2, ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(4), TestActor, 3, ActorRefs.NoSender);

        Assert.Equal([1, 2], ReceiveN(2, TimeSpan.FromSeconds(3)));
        Assert.Throws<XunitException>(() => ReceiveN(2, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void ExpectMsgFrom_should_pass_when_the_sender_matches()
    {
        var echo = ActorOf<EchoActor>();
        echo.Tell("hi", TestActor);

        Assert.Equal("hi", ExpectMsgFrom<string>(echo));
    }

    [Fact]
    public void ExpectMsgFrom_should_fail_when_another_actor_sent_the_message()
    {
        var echo = ActorOf<EchoActor>();
        var other = ActorOf<EchoActor>();
        echo.Tell("hi", TestActor);

        var failure = Assert.Throws<XunitException>(() => ExpectMsgFrom<string>(other));

        Assert.Contains($"Expected a message from {other}", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"came from {echo}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastSender_should_be_the_sender_of_the_last_message_taken()
    {
        var first = ActorOf<EchoActor>("first");
        var second = ActorOf<EchoActor>("second");
        first.Tell(1, TestActor);
        ExpectMsg(1);
        Assert.Equal(first, LastSender);

        second.Tell(2, TestActor);
        ExpectMsg(2);
        Assert.Equal(second, LastSender);
    }

    [Fact]
    public void LastSender_should_be_dead_letters_before_any_message_and_for_messages_without_sender()
    {
        Assert.Equal(Sys.DeadLetters, LastSender);

        TestActor.Tell("anonymous", ActorRefs.NoSender);
        ExpectMsg("anonymous");

        Assert.Equal(Sys.DeadLetters, LastSender);
    }

    [Fact]
    public void ExpectTerminated_should_fail_when_another_message_comes_first()
    {
        var echo = ActorOf<EchoActor>();
        Watch(echo);
        TestActor.Tell("noise", ActorRefs.NoSender);
        echo.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectTerminated(echo));

        Assert.Contains("noise", failure.Message, StringComparison.Ordinal);
        ExpectTerminated(echo);
    }
}
