using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class BecomeSpecs : TestKit.TestKit
{
    public BecomeSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Become_should_replace_the_behaviour_and_UnbecomeStacked_should_return_to_the_initial_one()
    {
        var actor = ActorOf(Props.Create(() => new Moody()));

        actor.Tell("mood?");
        ExpectMsg("calm");
        actor.Tell("anger");
        actor.Tell("mood?");
        ExpectMsg("angry");
        actor.Tell("anger"); // Become replaces the top: still one level above the initial behaviour
        actor.Tell("unbecome");
        actor.Tell("mood?");
        ExpectMsg("calm");
    }

    [Fact]
    public void BecomeStacked_should_push_behaviours_that_UnbecomeStacked_pops_in_reverse_order()
    {
        var actor = ActorOf(Props.Create(() => new Moody()));

        actor.Tell("push-happy");
        actor.Tell("push-sad");
        actor.Tell("mood?");
        ExpectMsg("sad");
        actor.Tell("unbecome");
        actor.Tell("mood?");
        ExpectMsg("happy");
        actor.Tell("unbecome");
        actor.Tell("unbecome"); // the initial behaviour is never popped
        actor.Tell("mood?");
        ExpectMsg("calm");
    }

    [Fact]
    public void A_restart_should_return_to_the_initial_behaviour()
    {
        var actor = ActorOf(Props.Create(() => new Moody()));
        actor.Tell("anger");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail"));
        actor.Tell("mood?");

        ExpectMsg("calm");
    }

    [Fact]
    public void Unhandled_messages_should_be_published_as_UnhandledMessage()
    {
        var actor = ActorOf(Props.Create(() => new Moody()));
        Sys.EventStream.Subscribe(TestActor, typeof(Event.UnhandledMessage));

        actor.Tell(3.14);

        var unhandled = ExpectMsg<Event.UnhandledMessage>();
        Assert.Equal(3.14, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    [Fact]
    public void Receive_outside_the_constructor_or_Become_should_be_refused()
    {
        var actor = ActorOf(Props.Create(() => new Moody()));

        EventFilter.Exception<InvalidOperationException>(start: "You may only call Receive-methods").ExpectOne(() => actor.Tell("late"));
    }

    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Receive<string>(s => s == "mood?", _ => Sender.Tell("calm"));
            Common();
        }

        private void Common()
        {
            Receive<string>(s => s == "anger", _ => Become(() =>
            {
                Receive<string>(s => s == "mood?", _ => Sender.Tell("angry"));
                Common();
            }));
            Receive<string>(s => s == "push-happy", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "mood?", _ => Sender.Tell("happy"));
                Common();
            }));
            Receive<string>(s => s == "push-sad", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "mood?", _ => Sender.Tell("sad"));
                Common();
            }));
            Receive<string>(s => s == "unbecome", _ => UnbecomeStacked());
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "late", _ => Receive<int>(_ => { }));
        }
    }
}
