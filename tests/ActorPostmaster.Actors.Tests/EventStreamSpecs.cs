using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorPostmaster.Actors.Tests;

public sealed class EventStreamSpecs : TestKit.TestKit
{
    public EventStreamSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    private abstract record Animal;

    private sealed record Dog : Animal;

    private sealed record Cat : Animal;

    [Fact]
    public void Subscribers_should_receive_events_of_their_channel_and_its_subtypes_once_each()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(probe.Ref, typeof(Dog));

        Sys.EventStream.Publish(new Dog());
        Sys.EventStream.Publish(new Cat());
        Sys.EventStream.Publish("not an animal");

        probe.ExpectMsg<Dog>();
        probe.ExpectMsg<Cat>();
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribe_should_end_one_or_all_subscriptions()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Dog));
        Sys.EventStream.Subscribe(probe.Ref, typeof(Cat));

        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Dog)));
        Sys.EventStream.Publish(new Dog());
        Sys.EventStream.Publish(new Cat());
        probe.ExpectMsg<Cat>();

        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref));
        Sys.EventStream.Publish(new Cat());
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.False(Sys.EventStream.Unsubscribe(probe.Ref));
    }

    [Fact]
    public void A_stopped_subscriber_should_be_dropped_rather_than_produce_dead_letters()
    {
        var subscriber = ActorOf(Props.Create(() => new Sink()));
        Sys.EventStream.Subscribe(subscriber, typeof(Dog));
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);

        EventFilter.DeadLetter().Expect(0, () => Sys.EventStream.Publish(new Dog()));
        Assert.False(Sys.EventStream.Unsubscribe(subscriber));
    }

    [Fact]
    public void GetLogger_should_publish_log_events_with_the_actor_path_as_source_and_virtual_timestamps()
    {
        var actor = ActorOf(Props.Create(() => new Talker()), "talker");
        Advance(TimeSpan.FromMinutes(3));
        Sys.EventStream.Subscribe(TestActor, typeof(Info));

        actor.Tell("hello {0} and {1}");

        var info = ExpectMsg<Info>();
        Assert.Equal(actor.Path.ToString(), info.LogSource);
        Assert.Equal("said hello {0} and {1} to 42", info.Message);
        Assert.Equal(VirtualClock.DefaultStart + TimeSpan.FromMinutes(3), info.Timestamp);
        Assert.Equal(typeof(Talker), info.LogClass);
    }

    [Fact]
    public void Events_below_the_configured_level_should_not_be_published()
    {
        using var system = ActorSystem.Create("quiet", DefaultSettings with { LogLevel = Event.LogLevel.WarningLevel });
        var seen = new List<object>();
        system.EventStream.AddSink(seen.Add);
        var log = Logging.GetLogger(system, "test");

        log.Debug("hidden");
        log.Info("hidden");
        log.Warning("shown");

        Assert.Equal(["shown"], seen.OfType<LogEvent>().Select(e => e.Message));
        Assert.False(log.IsInfoEnabled);
        Assert.True(log.IsWarningEnabled);
    }

    [Fact]
    public void The_logging_bridge_should_write_log_events_dead_letters_and_failures_to_Microsoft_Extensions_Logging()
    {
        var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(MsLogLevel.Debug).AddProvider(provider));
        using var system = ActorSystem.Create("bridged", DefaultSettings with { LogDeadLetters = 1 }, new ActorSystemSetup { LoggerFactory = factory });
        var talker = system.ActorOf(Props.Create(() => new Talker()), "talker");

        talker.Tell("hi");
        talker.Tell("crash");
        system.DeterministicDispatcher!.RunUntilIdle();
        system.Stop(talker);
        system.DeterministicDispatcher.RunUntilIdle();
        talker.Tell("lost 1");
        talker.Tell("lost 2");
        system.DeterministicDispatcher.RunUntilIdle();

        var lines = provider.Lines;
        Assert.Contains(lines, l => l.Category == typeof(Talker).FullName && l.Level == MsLogLevel.Information && l.Text == "said hi to 42");
        Assert.Contains(lines, l => l.Level == MsLogLevel.Error && l.Exception is InvalidOperationException { Message: "crash!" });
        var deadLetters = lines.Where(l => l.Category == "ActorPostmaster.Actors.DeadLetter").ToList();
        Assert.Single(deadLetters); // log-dead-letters = 1
        Assert.Contains("was not delivered. [1] dead letters encountered, no more dead letters will be logged", deadLetters[0].Text, StringComparison.Ordinal);
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink() => ReceiveAny(_ => { });
    }

    private sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            var log = Context.GetLogger();
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("crash!"));
            Receive<string>(s => log.Info("said {What} to {Whom}", s, 42));
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<(string Category, MsLogLevel Level, string Text, Exception? Exception)> _lines = [];

        public IReadOnlyList<(string Category, MsLogLevel Level, string Text, Exception? Exception)> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(MsLogLevel logLevel) => true;

            public void Log<TState>(MsLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines)
                {
                    owner._lines.Add((category, logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
