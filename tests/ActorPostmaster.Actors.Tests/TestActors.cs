using System.Collections.Concurrent;
using ActorPostmaster.Actors;

namespace ActorPostmaster.Actors.Tests;

/// <summary>Creates children on request and supervises them with the strategy it was given.</summary>
internal sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public Supervisor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<Spawn>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name)));
        Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("supervisor failed"));
    }

    public static Props Props(SupervisorStrategy strategy) => Actors.Props.Create(() => new Supervisor(strategy));

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    internal sealed record Spawn(Props Props, string? Name = null);
}

/// <summary>How many instances each actor has had (one per start and restart).</summary>
internal sealed class Incarnations
{
    private readonly ConcurrentDictionary<IActorRef, int> _counts = new();

    public void Record(IActorRef actor) => _counts.AddOrUpdate(actor, 1, (_, n) => n + 1);

    public int Of(IActorRef actor) => _counts.GetValueOrDefault(actor);
}

/// <summary>Counts "inc", answers "get", throws on "fail"; records its incarnations.</summary>
internal sealed class Counter : ReceiveActor
{
    private int _count;

    public Counter(Incarnations incarnations)
    {
        incarnations.Record(Self);
        Receive<string>(s => s == "inc", _ => _count++);
        Receive<string>(s => s == "get", _ => Sender.Tell(_count));
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
    }
}

/// <summary>Reports every lifecycle hook to a probe.</summary>
internal sealed class LifecycleRecorder : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;

    public LifecycleRecorder(IActorRef probe, string name)
    {
        _probe = probe;
        _name = name;
        _probe.Tell($"{_name}:constructor");
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
        Receive<Props>(p => Context.ActorOf(p, "child"));
        Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
    }

    protected override void PreStart() => _probe.Tell($"{_name}:PreStart");

    protected override void PostStop() => _probe.Tell($"{_name}:PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_name}:PreRestart({message})");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_name}:PostRestart({reason.Message})");
        base.PostRestart(reason);
    }
}
