using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Xunit;

namespace ActorPostmaster.TestKit.Tests;

public sealed class MuteSpecs : IDisposable
{
    private readonly CapturingOutput _output = new();
    private readonly TestKit _kit;
    private readonly IActorRef _logger;

    public MuteSpecs()
    {
        _kit = new TestKit(_output);
        _logger = _kit.ActorOf(Props.Create<LoggingActor>(), "logger");
    }

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void Output_should_receive_log_events_when_nothing_is_muted()
    {
        Log(LogLevel.InfoLevel, "plain info");
        Log(LogLevel.WarningLevel, "plain warning");

        Assert.Contains(_output.Lines, line => line.StartsWith("[INFO]", StringComparison.Ordinal) && line.EndsWith("plain info", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.StartsWith("[WARNING]", StringComparison.Ordinal) && line.EndsWith("plain warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Mute_should_hide_matching_events_and_keep_the_others()
    {
        using (_kit.EventFilter.Info(contains: "secret").Mute())
        {
            Log(LogLevel.InfoLevel, "secret one");
            Log(LogLevel.InfoLevel, "public one");
            Log(LogLevel.WarningLevel, "secret warning");
        }

        Assert.DoesNotContain(_output.Lines, line => line.Contains("secret one", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("public one", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("secret warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Mute_should_end_when_its_handle_is_disposed()
    {
        using (_kit.EventFilter.Info(contains: "secret").Mute())
        {
            Log(LogLevel.InfoLevel, "secret before");
        }

        Log(LogLevel.InfoLevel, "secret after");

        Assert.DoesNotContain(_output.Lines, line => line.Contains("secret before", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("secret after", StringComparison.Ordinal));
    }

    [Fact]
    public void Mute_with_a_block_should_hide_events_only_during_the_block()
    {
        _kit.EventFilter.Warning().Mute(() => Log(LogLevel.WarningLevel, "muted warning"));
        Log(LogLevel.WarningLevel, "audible warning");

        Assert.DoesNotContain(_output.Lines, line => line.Contains("muted warning", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("audible warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Mute_should_hide_exceptions_and_dead_letters()
    {
        var crasher = _kit.ActorOf(Props.Create<CrashingActor>());
        var stopped = _kit.Watch(_kit.ActorOf(Props.Create<EchoActor>()));
        _kit.Sys.Stop(stopped);
        _kit.ExpectTerminated(stopped);

        using (_kit.EventFilter.Exception<InvalidOperationException>().Mute())
        using (_kit.EventFilter.DeadLetter<string>().Mute())
        {
            crasher.Tell("hidden crash", ActorRefs.NoSender);
            stopped.Tell("hidden letter", ActorRefs.NoSender);
            stopped.Tell(99, ActorRefs.NoSender);
            _kit.RunUntilIdle();
        }

        Assert.DoesNotContain(_output.Lines, line => line.Contains("hidden crash", StringComparison.Ordinal));
        Assert.DoesNotContain(_output.Lines, line => line.Contains("hidden letter", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("[Int32]", StringComparison.Ordinal) && line.Contains("was not delivered: 99", StringComparison.Ordinal));
    }

    [Fact]
    public void Expected_events_should_not_be_written_to_the_output()
    {
        _kit.EventFilter.Error("expected error").ExpectOne(() => _logger.Tell(new LogRequest(LogLevel.ErrorLevel, "expected error"), ActorRefs.NoSender));
        Log(LogLevel.ErrorLevel, "unexpected error");

        Assert.DoesNotContain(_output.Lines, line => line.Contains("expected error", StringComparison.Ordinal) && !line.Contains("unexpected", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("unexpected error", StringComparison.Ordinal));
    }

    private void Log(LogLevel level, string text)
    {
        _logger.Tell(new LogRequest(level, text), ActorRefs.NoSender);
        _kit.RunUntilIdle();
    }
}
