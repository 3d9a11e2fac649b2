using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

/// <summary>Fails in its constructor.</summary>
public sealed class FailingConstructorActor : ReceiveActor
{
    public FailingConstructorActor() => throw new InvalidOperationException("cannot start");
}

public class TestActorRefSpecs : TestKit
{
    [Fact]
    public void UnderlyingActor_should_expose_the_state_after_messages()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());

        counter.Tell(new Increment(2), ActorRefs.NoSender);
        counter.Tell(new Increment(3), ActorRefs.NoSender);
        RunUntilIdle();

        Assert.Equal(5, counter.UnderlyingActor.Count);
        Assert.Equal([2, 5], counter.UnderlyingActor.History);
    }

    [Fact]
    public void ActorOfAsTestActorRef_should_return_once_the_actor_is_constructed()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(() => new CounterActor(), "counter");

        Assert.Equal(0, counter.UnderlyingActor.Count);
        Assert.Equal("counter", counter.Path.Name);
        Assert.False(counter.IsTerminated);
    }

    [Fact]
    public void TestActorRef_should_behave_as_a_reference_to_the_actor()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());

        counter.Tell(new Increment(), ActorRefs.NoSender);
        counter.Tell(new GetCount(), TestActor);

        ExpectMsg(1);
        Assert.Equal(counter.Ref, LastSender);
        Assert.True(counter.Equals(LastSender));
        Assert.Equal(counter.Ref.GetHashCode(), counter.GetHashCode());
    }

    [Fact]
    public void UnderlyingActor_should_be_a_fresh_instance_after_a_restart()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());
        counter.Tell(new Increment(7), ActorRefs.NoSender);
        RunUntilIdle();
        var before = counter.UnderlyingActor;

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => counter.Tell("crash", ActorRefs.NoSender));

        Assert.NotSame(before, counter.UnderlyingActor);
        Assert.Equal(0, counter.UnderlyingActor.Count);
    }

    [Fact]
    public void UnderlyingActor_should_throw_once_the_actor_has_stopped()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());

        counter.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        RunUntilIdle();

        Assert.True(counter.IsTerminated);
        Assert.Throws<InvalidOperationException>(() => counter.UnderlyingActor);
    }

    [Fact]
    public void ActorOfAsTestActorRef_should_fail_when_the_actor_cannot_be_created()
    {
        var failure = Assert.Throws<XunitException>(() =>
            EventFilter.Exception<Actors.ActorInitializationException>().ExpectOne(() =>
                ActorOfAsTestActorRef<FailingConstructorActor>(Props.Create<FailingConstructorActor>())));

        Assert.Contains("did not start as a FailingConstructorActor", failure.Message, StringComparison.Ordinal);
    }
}
