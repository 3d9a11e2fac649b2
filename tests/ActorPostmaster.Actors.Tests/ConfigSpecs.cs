using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using ActorPostmaster.Hocon;
using Xunit;

namespace ActorPostmaster.Actors.Tests;

public sealed class ConfigSpecs
{
    [Fact]
    public void The_reference_configuration_should_give_the_default_settings()
    {
        var fromReference = ActorSystemSettings.FromConfig(Config.Empty);
        var defaults = ActorSystemSettings.Default;

        Assert.Equal(defaults.LogLevel, fromReference.LogLevel);
        Assert.Equal(defaults.LogDeadLetters, fromReference.LogDeadLetters);
        Assert.Equal(defaults.AskTimeout, fromReference.AskTimeout);
        Assert.Equal(defaults.DispatcherType, fromReference.DispatcherType);
        Assert.Equal(defaults.Throughput, fromReference.Throughput);
        Assert.Equal(defaults.DeterministicSeed, fromReference.DeterministicSeed);
        Assert.Equal(defaults.VirtualTimeStart, fromReference.VirtualTimeStart);
        Assert.Equal(defaults.DebugLifecycle, fromReference.DebugLifecycle);
        Assert.Empty(fromReference.Dispatchers);
    }

    [Fact]
    public void Settings_should_be_read_from_hocon()
    {
        var settings = ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString("""
            actors {
              loglevel = warning
              log-dead-letters = off
              ask-timeout = 2s
              debug.lifecycle = on
              default-dispatcher { type = deterministic, throughput = 5 }
              deterministic { seed = 42, start-time = "2020-02-02T02:02:02Z" }
              dispatchers { io { throughput = 2 }, plain {} }
            }
            """));

        Assert.Equal(LogLevel.WarningLevel, settings.LogLevel);
        Assert.Equal(0, settings.LogDeadLetters);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.AskTimeout);
        Assert.True(settings.DebugLifecycle);
        Assert.Equal(DispatcherType.Deterministic, settings.DispatcherType);
        Assert.Equal(5, settings.Throughput);
        Assert.Equal(42, settings.DeterministicSeed);
        Assert.Equal(new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.Zero), settings.VirtualTimeStart);
        Assert.Equal(2, settings.Dispatchers["io"]);
        Assert.Equal(5, settings.Dispatchers["plain"]);
    }

    [Theory]
    [InlineData("actors.loglevel = LOUD", "actors.loglevel")]
    [InlineData("actors.default-dispatcher.type = fibers", "actors.default-dispatcher.type")]
    [InlineData("actors.default-dispatcher.throughput = 0", "actors.default-dispatcher.throughput")]
    [InlineData("actors.log-dead-letters = some", "actors.log-dead-letters")]
    [InlineData("actors.deterministic.start-time = yesterday", "actors.deterministic.start-time")]
    public void A_bad_setting_should_be_a_clear_error_naming_its_path(string hocon, string path)
    {
        var error = Assert.ThrowsAny<HoconException>(() => ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString(hocon)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_system_created_from_config_should_run_on_the_configured_dispatcher()
    {
        using var system = ActorSystem.Create("configured", ConfigurationFactory.ParseString(
            "actors.default-dispatcher.type = deterministic, actors.deterministic.seed = 7"));

        Assert.NotNull(system.DeterministicDispatcher);
        Assert.Equal(7, system.DeterministicDispatcher!.Seed);
        Assert.Equal(VirtualClock.DefaultStart, system.Scheduler.Now);
    }

    [Fact]
    public void Props_naming_an_unknown_dispatcher_should_be_refused()
    {
        using var system = ActorSystem.Create("dispatchers", ConfigurationFactory.ParseString("actors.dispatchers.io.throughput = 3"));

        Assert.Equal(3, system.Dispatchers.Lookup("io").Throughput);
        var error = Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new Nothing()).WithDispatcher("missing")));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TestKit_built_from_hocon_should_keep_the_deterministic_default_and_apply_the_rest()
    {
        using var testKit = new TestKit.TestKit("actors.deterministic.seed = 99, actors.test.single-expect-default = 7s");

        Assert.Equal(99, testKit.Dispatcher!.Seed);
        Assert.Equal(TimeSpan.FromSeconds(7), testKit.TestKitSettings.SingleExpectDefault);
    }

    private sealed class Nothing : ReceiveActor
    {
    }
}
