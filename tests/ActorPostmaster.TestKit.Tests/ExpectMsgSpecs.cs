using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public sealed record Greeting(string Name);

public class ExpectMsgSpecs : TestKit
{
    [Fact]
    public void ExpectMsg_should_return_the_message_when_it_has_the_expected_type()
    {
        TestActor.Tell(new Greeting("ann"), ActorRefs.NoSender);

        var greeting = ExpectMsg<Greeting>();

        Assert.Equal("ann", greeting.Name);
    }

    [Fact]
    public void ExpectMsg_should_accept_a_message_of_a_derived_type_when_a_base_type_is_expected()
    {
        TestActor.Tell(new InvalidOperationException("derived"), ActorRefs.NoSender);

        var exception = ExpectMsg<Exception>();

        Assert.IsType<InvalidOperationException>(exception);
    }

    [Fact]
    public void ExpectMsg_should_fail_when_a_message_of_another_type_arrives()
    {
        TestActor.Tell(42, ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectMsg<string>());

        Assert.Contains("String", failure.Message, StringComparison.Ordinal);
        Assert.Contains("42 (Int32)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_should_return_the_message_when_it_equals_the_expected_one()
    {
        TestActor.Tell(new Greeting("bob"), ActorRefs.NoSender);

        var greeting = ExpectMsg(new Greeting("bob"));

        Assert.Equal(new Greeting("bob"), greeting);
    }

    [Fact]
    public void ExpectMsg_should_fail_with_both_messages_in_the_text_when_the_message_differs()
    {
        TestActor.Tell("actual", ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectMsg("expected"));

        Assert.Contains("expected (String)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("actual (String)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_should_return_the_message_when_the_predicate_holds()
    {
        TestActor.Tell("hello world", ActorRefs.NoSender);

        var text = ExpectMsg<string>(s => s.StartsWith("hello", StringComparison.Ordinal));

        Assert.Equal("hello world", text);
    }

    [Fact]
    public void ExpectMsg_should_fail_when_the_predicate_does_not_hold()
    {
        TestActor.Tell("goodbye", ActorRefs.NoSender);

        var failure = Assert.Throws<XunitException>(() => ExpectMsg<string>(s => s.StartsWith("hello", StringComparison.Ordinal)));

        Assert.Contains("matching the predicate", failure.Message, StringComparison.Ordinal);
        Assert.Contains("goodbye", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_should_run_the_assertion_on_the_message_and_return_it()
    {
        TestActor.Tell(new Greeting("cy"), ActorRefs.NoSender);
        var seen = new List<Greeting>();

        var greeting = ExpectMsg<Greeting>(g => seen.Add(g));

        Assert.Same(greeting, Assert.Single(seen));
    }

    [Fact]
    public void ExpectMsg_should_fail_with_the_assertion_exception_when_the_assertion_fails()
    {
        TestActor.Tell(new Greeting("dee"), ActorRefs.NoSender);

        var failure = Assert.Throws<EqualException>(() => ExpectMsg<Greeting>(g => Assert.Equal("eve", g.Name)));

        Assert.Contains("dee", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_should_fail_with_a_timeout_message_when_nothing_arrives()
    {
        var failure = Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromSeconds(2), hint: "the greeting"));

        Assert.StartsWith("Timeout (00:00:02)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[the greeting]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_should_wait_the_single_expect_default_when_given_no_timeout()
    {
        var start = Now;

        Assert.Throws<XunitException>(() => ExpectMsg<string>());

        Assert.Equal(TestKitSettings.SingleExpectDefault, Now - start);
    }

    [Fact]
    public void ExpectMsg_should_take_messages_in_arrival_order()
    {
        var echo = ActorOf<EchoActor>();
        echo.Tell(1, TestActor);
        echo.Tell(2, TestActor);
        echo.Tell(3, TestActor);

        Assert.Equal(1, ExpectMsg<int>());
        Assert.Equal(2, ExpectMsg<int>());
        Assert.Equal(3, ExpectMsg<int>());
    }

    [Fact]
    public void ExpectMsg_should_consume_the_message_so_that_the_next_expectation_sees_the_next_one()
    {
        TestActor.Tell("first", ActorRefs.NoSender);

        ExpectMsg("first");

        Assert.False(HasMessages);
        Assert.Throws<XunitException>(() => ExpectMsg("first", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Send_should_deliver_with_the_test_actor_as_sender()
    {
        var echo = ActorOf<EchoActor>();

        Send(echo, "round trip");

        ExpectMsg("round trip");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void ReceiveOne_should_return_null_when_nothing_arrives_in_time()
    {
        Assert.Null(ReceiveOne(TimeSpan.FromSeconds(1)));

        TestActor.Tell("late", ActorRefs.NoSender);
        Assert.Equal("late", ReceiveOne(TimeSpan.Zero));
    }
}
