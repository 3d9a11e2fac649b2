using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class ActorSystemSpecs : TestKit.TestKit
{
    public ActorSystemSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Terminate_should_stop_every_actor_children_first_and_complete_WhenTerminated()
    {
        using var system = ActorSystem.Create("terminating", DefaultSettings);
        var probe = CreateTestProbe();
        var parent = system.ActorOf(Props.Create(() => new LifecycleRecorder(probe.Ref, "parent")));
        parent.Tell(Props.Create(() => new LifecycleRecorder(probe.Ref, "child")));
        system.DeterministicDispatcher!.RunUntilIdle();
        var callbacks = new List<string>();
        system.RegisterOnTermination(() => callbacks.Add("terminated"));

        var terminated = system.Terminate();

        Assert.True(terminated.IsCompletedSuccessfully);
        Assert.Equal(["terminated"], callbacks);
        var events = probe.ReceiveN(6).Cast<string>().ToList();
        Assert.True(events.IndexOf("child:PostStop") < events.IndexOf("parent:PostStop"));
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new LifecycleRecorder(probe.Ref, "late"))));
    }

    [Fact]
    public void RegisterOnTermination_after_termination_should_run_at_once()
    {
        using var system = ActorSystem.Create("done", DefaultSettings);
        system.Terminate();
        var ran = false;

        system.RegisterOnTermination(() => ran = true);

        Assert.True(ran);
    }

    [Fact]
    public async Task A_thread_pool_system_should_terminate_on_its_own_threads()
    {
        using var system = ActorSystem.Create("threads");
        system.ActorOf(Props.Create(() => new LifecycleRecorder(ActorRefs.Nobody, "x")));

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/name")]
    public void A_system_name_should_be_validated(string name) =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create(name));

    [Fact]
    public void Actor_paths_should_show_the_hierarchy_and_references_compare_by_incarnation()
    {
        var parent = ActorOf(Props.Create(() => new LifecycleRecorder(TestActor, "p")), "parent");
        parent.Tell(Props.Create(() => new LifecycleRecorder(TestActor, "c")));
        ReceiveN(4);

        Assert.Equal("actor://test/user/parent", parent.Path.ToString());
        Assert.Equal(["user", "parent"], parent.Path.Elements);
        Assert.NotEqual(0, parent.Path.Uid);
        Assert.StartsWith("actor://test/user/parent#", parent.Path.ToSerializationFormat(), StringComparison.Ordinal);
    }
}
