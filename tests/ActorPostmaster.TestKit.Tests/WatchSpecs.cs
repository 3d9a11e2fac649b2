using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

/// <summary>Watches the actor it is sent and reports its end to a listener.</summary>
public sealed class WatcherActor : ReceiveActor
{
    public WatcherActor(IActorRef listener)
    {
        Receive<IActorRef>(subject => Context.Watch(subject));
        Receive<Terminated>(terminated => listener.Tell($"watcher saw {terminated.ActorRef.Path.Name} end", Self));
    }
}

public class WatchSpecs : TestKit
{
    [Fact]
    public void ExpectTerminated_should_receive_the_end_of_a_watched_actor_stopped_by_a_poison_pill()
    {
        var echo = ActorOf<EchoActor>();
        Watch(echo);

        echo.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        var terminated = ExpectTerminated(echo);
        Assert.Equal(echo, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void ExpectTerminated_should_receive_the_end_of_a_watched_actor_stopped_by_the_system()
    {
        var echo = Watch(ActorOf<EchoActor>());

        Sys.Stop(echo);

        ExpectTerminated(echo);
    }

    [Fact]
    public void ExpectTerminated_should_fail_when_the_actor_was_not_watched()
    {
        var echo = ActorOf<EchoActor>();

        Sys.Stop(echo);

        var failure = Assert.Throws<XunitException>(() => ExpectTerminated(echo, TimeSpan.FromSeconds(1)));
        Assert.Contains($"Terminated of {echo}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectTerminated_should_fail_for_the_end_of_another_actor()
    {
        var first = Watch(ActorOf<EchoActor>());
        var second = Watch(ActorOf<EchoActor>());

        Sys.Stop(second);

        Assert.Throws<XunitException>(() => ExpectTerminated(first));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Unwatch_should_stop_the_Terminated_from_arriving()
    {
        var echo = Watch(ActorOf<EchoActor>());
        Unwatch(echo);

        Sys.Stop(echo);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Watch_should_report_an_actor_that_is_already_dead()
    {
        var echo = ActorOf<EchoActor>();
        Sys.Stop(echo);
        RunUntilIdle();

        Watch(echo);

        var terminated = ExpectTerminated(echo);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void Watch_should_work_with_a_TestActorRef()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());
        Watch(counter);

        counter.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        ExpectTerminated(counter);
        Assert.True(counter.IsTerminated);
    }

    [Fact]
    public void Sys_Stop_should_stop_a_TestActorRef()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());
        Watch(counter.Ref);

        Sys.Stop(counter);

        ExpectTerminated(counter.Ref);
    }

    [Fact]
    public void An_actor_under_test_should_be_able_to_watch_a_TestActorRef()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>(), "watched");
        var watcher = ActorOf(Props.Create(() => new WatcherActor(TestActor)));
        watcher.Tell(counter, ActorRefs.NoSender);
        RunUntilIdle();

        counter.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        ExpectMsg("watcher saw watched end");
    }
}
