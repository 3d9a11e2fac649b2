using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class DeathWatchSpecs : TestKit.TestKit
{
    public DeathWatchSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void A_watcher_should_receive_Terminated_when_the_watched_actor_stops()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        ActorOf(Props.Create(() => new Watcher(target, TestActor, null)));
        ExpectMsg("watching");

        Sys.Stop(target);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.Equal(target, LastSender);
    }

    [Fact]
    public void WatchWith_should_deliver_the_custom_message_instead_of_Terminated()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        ActorOf(Props.Create(() => new Watcher(target, TestActor, "target is gone")));
        ExpectMsg("watching");

        Sys.Stop(target);

        ExpectMsg("target is gone");
        Assert.Equal(target, LastSender);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_gone_should_deliver_Terminated_at_once_without_existence_confirmed()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        ActorOf(Props.Create(() => new Watcher(target, TestActor, null)));

        ExpectMsg("watching");
        var late = ExpectMsg<Terminated>();
        Assert.False(late.ExistenceConfirmed);
    }

    [Fact]
    public void Unwatch_should_drop_a_Terminated_that_is_already_queued()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        var watcher = ActorOf(Props.Create(() => new UnwatchingWatcher(target, TestActor)));

        // The watcher stops the target, then awaits: meanwhile the death notification is queued behind the await.
        watcher.Tell("go");

        ExpectMsg("unwatched");
        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_unhandled_Terminated_should_fail_the_watcher_with_a_DeathPactException()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        var watcher = ActorOf(Props.Create(() => new CarelessWatcher(target)));
        Watch(watcher);
        target.Tell("hello");
        ExpectMsg("hello");

        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));

        ExpectTerminated(watcher);
    }

    [Fact]
    public void A_parent_should_be_able_to_watch_its_child_and_see_it_stop()
    {
        var parent = ActorOf(Props.Create(() => new WatchingParent(TestActor)));
        var child = ExpectMsg<IActorRef>();

        child.Tell(PoisonPill.Instance);

        Assert.Equal(child, ExpectMsg<Terminated>().ActorRef);
        parent.Tell("children");
        ExpectMsg(0);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_should_become_dead_letters()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        EventFilter.DeadLetter<string>(s => s == "anyone there?").ExpectOne(() => target.Tell("anyone there?"));
    }

    [Fact]
    public void Dead_letters_should_carry_the_sender_and_the_recipient()
    {
        var target = ActorOf(Props.Create(() => new Echo()));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));

        target.Tell("lost");

        var deadLetter = ExpectMsg<DeadLetter>();
        Assert.Equal("lost", deadLetter.Message);
        Assert.Equal(TestActor, deadLetter.Sender);
        Assert.Equal(target, deadLetter.Recipient);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef target, IActorRef probe, object? custom)
        {
            if (custom is null)
            {
                Context.Watch(target);
            }
            else
            {
                Context.WatchWith(target, custom);
            }

            probe.Tell("watching");
            ReceiveAny(m => probe.Forward(m));
        }
    }

    private sealed class UnwatchingWatcher : ReceiveActor
    {
        public UnwatchingWatcher(IActorRef target, IActorRef probe)
        {
            Context.Watch(target);
            ReceiveAsync<string>(async _ =>
            {
                Context.Stop(target);
                await Task.Delay(TimeSpan.FromSeconds(1), Context.System.Scheduler.TimeProvider);
                Context.Unwatch(target);
                probe.Tell("unwatched");
            });
            Receive<Terminated>(t => probe.Tell(t));
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => { });
        }
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef probe)
        {
            var child = Context.ActorOf(Props.Create(() => new Echo()), "child");
            Context.Watch(child);
            probe.Tell(child);
            Receive<Terminated>(t => probe.Tell(t));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.GetChildren().Count()));
        }
    }
}
