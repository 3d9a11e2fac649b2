using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class LifecycleSpecs : TestKit.TestKit
{
    public LifecycleSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Lifecycle_hooks_should_run_in_akkas_order_through_a_restart_and_a_stop()
    {
        var actor = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "a")));
        ExpectMsg("a:constructor");
        ExpectMsg("a:PreStart");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail"));
        ExpectMsg("a:PreRestart(fail)");
        ExpectMsg("a:PostStop"); // the default PreRestart calls PostStop
        ExpectMsg("a:constructor");
        ExpectMsg("a:PostRestart(boom)");
        ExpectMsg("a:PreStart"); // the default PostRestart calls PreStart

        Watch(actor);
        Sys.Stop(actor);
        ExpectMsg("a:PostStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Stop_should_stop_children_first_then_run_PostStop_then_notify_watchers()
    {
        var parent = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "parent")), "parent");
        ExpectMsg("parent:constructor");
        ExpectMsg("parent:PreStart");
        parent.Tell(Props.Create(() => new LifecycleRecorder(TestActor, "child")));
        ExpectMsg("child:constructor");
        ExpectMsg("child:PreStart");
        Watch(parent);

        Sys.Stop(parent);

        ExpectMsg("child:PostStop");
        ExpectMsg("parent:PostStop");
        ExpectTerminated(parent);
    }

    [Fact]
    public void Default_PreRestart_should_stop_the_children_and_the_new_instance_starts_without_them()
    {
        var parent = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "parent")));
        ReceiveN(2);
        parent.Tell(Props.Create(() => new LifecycleRecorder(TestActor, "child")));
        ReceiveN(2);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("fail"));

        // The old instance stops its child and waits for it to be gone before the new instance is made.
        Assert.Equal(
            ["parent:PreRestart(fail)", "parent:PostStop", "child:PostStop", "parent:constructor", "parent:PostRestart(boom)", "parent:PreStart"],
            ReceiveN(6).Cast<string>());
        ExpectNoMsg(TimeSpan.FromSeconds(1)); // and the child is not re-created
    }

    [Fact]
    public void PoisonPill_should_stop_the_actor_after_the_messages_queued_before_it()
    {
        var actor = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "a")));
        ReceiveN(2);
        Watch(actor);

        actor.Tell("ping");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("ping");

        ExpectMsg("pong");
        ExpectMsg("a:PostStop");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Creating_an_actor_with_new_should_be_refused()
    {
        var error = Assert.Throws<ActorInitializationException>(() => new LifecycleRecorder(TestActor, "x"));
        Assert.Contains("explicitly using the constructor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Actor_names_should_be_unique_among_live_siblings_and_well_formed()
    {
        ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "a")), "same");
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "b")), "same"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "c")), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "d")), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "e")), string.Empty));
    }

    [Fact]
    public void A_name_should_be_reusable_once_its_actor_has_stopped()
    {
        var first = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "a")), "name");
        Watch(first);
        Sys.Stop(first);
        FishForMessage<Terminated>(_ => true);

        var second = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "b")), "name");

        Assert.Equal(first.Path.ToString(), second.Path.ToString());
        Assert.NotEqual(first, second); // a new incarnation: the old reference does not reach it
    }
}
