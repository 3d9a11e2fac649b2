using System.Globalization;
using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Xunit.Abstractions;

namespace ActorPostmaster.TestKit.Tests;

/// <summary>Replies every message to its sender.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}

/// <summary>Swallows every message.</summary>
public sealed class BlackHoleActor : ReceiveActor
{
    public BlackHoleActor() => ReceiveAny(_ => { });
}

/// <summary>Sends every message it receives to a fixed target, as itself.</summary>
public sealed class RelayActor : ReceiveActor
{
    public RelayActor(IActorRef target) => ReceiveAny(message => target.Tell(message, Self));
}

/// <summary>Throws an <see cref="InvalidOperationException"/> whose message is the string it receives.</summary>
public sealed class CrashingActor : ReceiveActor
{
    public CrashingActor()
    {
        Receive<string>(text => throw new InvalidOperationException(text));
        Receive<int>(number => throw new ArgumentOutOfRangeException(nameof(number), number, "out of range"));
    }
}

/// <summary>A request to log <see cref="Text"/> at <see cref="Level"/>.</summary>
public sealed record LogRequest(LogLevel Level, string Text);

/// <summary>Logs what it is asked to log through its own logger (source = its path).</summary>
public sealed class LoggingActor : ReceiveActor
{
    public LoggingActor()
    {
        var log = Context.GetLogger();
        Receive<LogRequest>(request =>
        {
            switch (request.Level)
            {
                case LogLevel.DebugLevel:
                    log.Debug("{Text}", request.Text);
                    break;
                case LogLevel.InfoLevel:
                    log.Info("{Text}", request.Text);
                    break;
                case LogLevel.WarningLevel:
                    log.Warning("{Text}", request.Text);
                    break;
                default:
                    log.Error("{Text}", request.Text);
                    break;
            }
        });
    }
}

public sealed record Increment(int By = 1);

public sealed record GetCount;

/// <summary>Counts; its state is what white-box tests inspect.</summary>
public sealed class CounterActor : ReceiveActor
{
    public CounterActor()
    {
        Receive<Increment>(increment =>
        {
            Count += increment.By;
            History.Add(Count);
        });
        Receive<GetCount>(_ => Sender.Tell(Count, Self));
        Receive<string>(text => throw new InvalidOperationException(text));
    }

    public int Count { get; private set; }

    public List<int> History { get; } = [];
}

/// <summary>Starts a single timer in PreStart and increments its count when it fires.</summary>
public sealed class DelayedCounterActor : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _delay;

    public DelayedCounterActor(TimeSpan delay)
    {
        _delay = delay;
        Receive<Increment>(increment => Count += increment.By);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public int Count { get; private set; }

    protected override void PreStart() => Timers.StartSingleTimer("increment", new Increment(), _delay);
}

public sealed record ScheduleFor(IActorRef Target, object Message, TimeSpan Delay);

/// <summary>On request, starts an actor timer and sends the payload to the target when it fires.</summary>
public sealed class TimerActor : ReceiveActor, IWithTimers
{
    public TimerActor()
    {
        Receive<ScheduleFor>(request => Timers.StartSingleTimer(request.Message, new Fire(request.Target, request.Message), request.Delay));
        Receive<Fire>(fire => fire.Target.Tell(fire.Message, Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Fire(IActorRef Target, object Message);
}

/// <summary>Sends "ping" to a target and relays every reply it gets to a listener.</summary>
public sealed class PingActor : ReceiveActor
{
    public PingActor(IActorRef target, IActorRef listener)
    {
        Receive<string>(text => text == "start", _ => target.Tell("ping", Self));
        ReceiveAny(reply => listener.Tell($"reply:{reply}", Self));
    }
}

/// <summary>Captures what a TestKit writes to the test output.</summary>
public sealed class CapturingOutput : ITestOutputHelper
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));
}

/// <summary>On a request, waits (on the system clock) in an async receive, then replies.</summary>
public sealed class SlowReplyActor : ReceiveActor
{
    public SlowReplyActor()
    {
        var clock = Context.System.Scheduler.TimeProvider;
        ReceiveAsync<TimeSpan>(async delay =>
        {
            await Task.Delay(delay, clock);
            Sender.Tell($"waited {delay}", Self);
        });
    }
}
