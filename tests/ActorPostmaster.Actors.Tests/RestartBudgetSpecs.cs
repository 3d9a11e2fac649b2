using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class RestartBudgetSpecs : TestKit.TestKit
{
    private readonly Incarnations _incarnations = new();

    public RestartBudgetSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Restart_budget_should_stop_the_child_when_retries_within_the_window_are_spent()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        var child = Spawn(supervisor);
        Watch(child);

        EventFilter.Exception<InvalidOperationException>().Expect(3, () =>
        {
            child.Tell("fail");
            child.Tell("fail");
            child.Tell("fail");
        });

        ExpectTerminated(child);
        Assert.Equal(3, _incarnations.Of(child)); // first start and two restarts
    }

    [Fact]
    public void Restart_budget_should_open_a_new_window_once_the_old_one_has_passed_in_virtual_time()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        var child = Spawn(supervisor);
        Watch(child);

        EventFilter.Exception<InvalidOperationException>().Expect(2, () =>
        {
            child.Tell("fail");
            child.Tell("fail");
        });
        Advance(TimeSpan.FromMinutes(2));
        EventFilter.Exception<InvalidOperationException>().Expect(2, () =>
        {
            child.Tell("fail");
            child.Tell("fail");
        });

        child.Tell("get");
        ExpectMsg(0);
        Assert.Equal(5, _incarnations.Of(child));
    }

    [Fact]
    public void Zero_retries_should_stop_at_the_first_failure()
    {
        var supervisor = ActorOf(Supervisor.Props(new OneForOneStrategy(0, null, _ => Directive.Restart)));
        var child = Spawn(supervisor);
        Watch(child);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell("fail"));

        ExpectTerminated(child);
        Assert.Equal(1, _incarnations.Of(child));
    }

    [Fact]
    public void Retries_without_a_window_should_count_over_the_childs_whole_life()
    {
        var stats = new ChildRestartStats(ActorRefs.Nobody);
        var t0 = DateTimeOffset.UnixEpoch;

        Assert.True(stats.RequestRestartPermission(2, null, t0));
        Assert.True(stats.RequestRestartPermission(2, null, t0.AddDays(100)));
        Assert.False(stats.RequestRestartPermission(2, null, t0.AddDays(200)));
    }

    [Fact]
    public void A_window_without_a_count_should_allow_one_restart_per_window()
    {
        var stats = new ChildRestartStats(ActorRefs.Nobody);
        var t0 = DateTimeOffset.UnixEpoch;
        var window = TimeSpan.FromSeconds(10);

        Assert.True(stats.RequestRestartPermission(-1, window, t0));
        Assert.False(stats.RequestRestartPermission(-1, window, t0.AddSeconds(5)));
        Assert.True(stats.RequestRestartPermission(-1, window, t0.AddSeconds(30)));
    }

    [Fact]
    public void Unlimited_retries_should_always_allow_a_restart()
    {
        var stats = new ChildRestartStats(ActorRefs.Nobody);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(stats.RequestRestartPermission(-1, null, DateTimeOffset.UnixEpoch));
        }
    }

    private IActorRef Spawn(IActorRef supervisor)
    {
        supervisor.Tell(new Supervisor.Spawn(Props.Create(() => new Counter(_incarnations))));
        return ExpectMsg<IActorRef>();
    }
}
