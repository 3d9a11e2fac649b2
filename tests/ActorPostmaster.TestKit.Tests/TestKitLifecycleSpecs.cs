using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

/// <summary>Records whether <see cref="AfterAll"/> ran and whether the system was still up then.</summary>
public sealed class RecordingTestKit : TestKit
{
    public bool AfterAllRan { get; private set; }

    public bool SystemWasRunningInAfterAll { get; private set; }

    protected override void AfterAll()
    {
        AfterAllRan = true;
        SystemWasRunningInAfterAll = !Sys.WhenTerminated.IsCompleted;
    }
}

public class TestKitLifecycleSpecs
{
    [Fact]
    public void Dispose_should_run_AfterAll_and_then_terminate_the_system()
    {
        var kit = new RecordingTestKit();
        var echo = kit.ActorOf(Props.Create<EchoActor>());
        kit.Watch(echo);

        kit.Dispose();

        Assert.True(kit.AfterAllRan);
        Assert.True(kit.SystemWasRunningInAfterAll);
        Assert.True(kit.Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void Dispose_should_be_idempotent()
    {
        var kit = new TestKit();

        kit.Dispose();
        kit.Dispose();

        Assert.True(kit.Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void TestKitSettings_should_set_the_default_expectation_timeouts()
    {
        var settings = new TestKitSettings { SingleExpectDefault = TimeSpan.FromSeconds(10), DefaultTimeout = TimeSpan.FromSeconds(20) };
        using var kit = new TestKit(TestKit.DefaultSettings, testKitSettings: settings);
        var start = kit.Now;

        kit.ExpectNoMsg();
        Assert.Equal(TimeSpan.FromSeconds(10), kit.Now - start);

        Assert.Throws<XunitException>(() => kit.AwaitCondition(() => false));
        Assert.Equal(TimeSpan.FromSeconds(30), kit.Now - start);
        Assert.Equal(TimeSpan.FromSeconds(10), kit.RemainingOrDefault);
    }

    [Fact]
    public void TestKitSettings_FilterLeeway_should_bound_how_long_an_event_filter_waits()
    {
        using var kit = new TestKit(TestKit.DefaultSettings, testKitSettings: new TestKitSettings { FilterLeeway = TimeSpan.FromSeconds(1) });
        var crasher = kit.ActorOf(Props.Create<CrashingActor>());
        var start = kit.Now;

        Assert.Throws<XunitException>(() => kit.EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            kit.Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), crasher, "too late", ActorRefs.NoSender)));

        Assert.Equal(TimeSpan.FromSeconds(1), kit.Now - start);
    }

    [Fact]
    public void DefaultSettings_should_be_deterministic_with_seed_zero_and_throughput_one()
    {
        using var kit = new TestKit();

        Assert.Equal(DispatcherType.Deterministic, TestKit.DefaultSettings.DispatcherType);
        Assert.Equal(0, kit.Dispatcher!.Seed);
        Assert.Equal(1, kit.Dispatcher.Throughput);
    }

    [Fact]
    public void A_TestKit_should_use_the_seed_of_its_settings()
    {
        using var kit = new TestKit(TestKit.DefaultSettings with { DeterministicSeed = 42 });

        Assert.Equal(42, kit.Dispatcher!.Seed);
    }

    [Fact]
    public void ActorOf_should_create_a_named_top_level_actor()
    {
        using var kit = new TestKit();

        var echo = kit.ActorOf<EchoActor>("named");

        Assert.Equal("named", echo.Path.Name);
        Assert.Equal("user", echo.Path.Parent!.Name);
    }
}
