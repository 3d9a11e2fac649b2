using ActorPostmaster.Actors;

namespace ActorPostmaster.Bench.Actors;

// The actors the benchmarks run. UntypedActor keeps the per-message work outside the kernel to a minimum, so the
// figures are the kernel's (mailbox, dispatcher, cell), not those of a handler table.

/// <summary>The one payload every benchmark sends: preallocated, so the figures do not include message allocation.</summary>
internal sealed class Payload
{
    public static readonly Payload Instance = new();
}

/// <summary>Flow control of the one-way benchmark: the receiver asks for more.</summary>
internal sealed class Ack
{
    public static readonly Ack Instance = new();
}

/// <summary>Starts the actor that receives it.</summary>
internal sealed class Go
{
    public static readonly Go Instance = new();
}

/// <summary>Completes a task when it has been signalled a given number of times; thread-safe.</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = count;

    public Task Task => _done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}

/// <summary>Sends <c>total</c> messages to <c>target</c>, at most <c>window</c> unacknowledged at a time.</summary>
internal sealed class Blaster(IActorRef target, long total, int window, int batch) : UntypedActor
{
    private long _left = total;

    protected override void OnReceive(object message)
    {
        // Go starts with a full window; each Ack (one per batch received) sends one more batch.
        Send(message is Go ? window : batch);
    }

    private void Send(long count)
    {
        count = Math.Min(count, _left);
        _left -= count;
        var self = Self;
        var payload = Payload.Instance;
        for (var i = 0L; i < count; i++)
        {
            target.Tell(payload, self);
        }
    }
}

/// <summary>Counts messages, acknowledges every <c>batch</c> to the sender, and signals when all arrived.</summary>
internal sealed class CountingReceiver(long total, int batch, Countdown done) : UntypedActor
{
    private readonly int _batch = batch;
    private long _received;
    private int _untilAck = batch;

    protected override void OnReceive(object message)
    {
        if (--_untilAck == 0)
        {
            _untilAck = _batch;
            Sender.Tell(Ack.Instance, Self);
        }

        if (++_received == total)
        {
            done.Signal();
        }
    }
}

/// <summary>Answers every message with the same message.</summary>
internal sealed class Ponger : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}

/// <summary>Sends a message to the ponger and waits for the answer, <c>roundTrips</c> times, one at a time.</summary>
internal sealed class Pinger(IActorRef ponger, long roundTrips, Countdown done) : UntypedActor
{
    private long _left = roundTrips;

    protected override void OnReceive(object message)
    {
        if (message is Go)
        {
            ponger.Tell(Payload.Instance, Self);
        }
        else if (--_left == 0)
        {
            done.Signal();
        }
        else
        {
            ponger.Tell(Payload.Instance, Self);
        }
    }
}

/// <summary>Resets a fan-out target before a run.</summary>
internal sealed record FanOutReset(int Expected, Countdown Done);

/// <summary>Sends <c>rounds</c> messages to each target: round after round, every target once per round.</summary>
internal sealed class FanOutSource(IActorRef[] targets, int rounds, Countdown done) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        var self = Self;
        var reset = new FanOutReset(rounds, done);
        foreach (var target in targets)
        {
            target.Tell(reset, self);
        }

        var payload = Payload.Instance;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var target in targets)
            {
                target.Tell(payload, self);
            }
        }
    }
}

/// <summary>Counts messages and signals when the expected number arrived.</summary>
internal sealed class FanOutTarget : UntypedActor
{
    private int _left;
    private Countdown? _done;

    protected override void OnReceive(object message)
    {
        if (message is FanOutReset reset)
        {
            _left = reset.Expected;
            _done = reset.Done;
        }
        else if (--_left == 0)
        {
            _done!.Signal();
        }
    }
}

/// <summary>Creates children, watches and stops each at once, keeping <c>window</c> of them in flight.</summary>
internal sealed class Spawner(long total, int window, Countdown done) : UntypedActor
{
    private static readonly Props ChildProps = Props.Create<EmptyActor>();
    private long _toSpawn = total;
    private long _toFinish = total;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Go:
                for (var i = 0; i < window; i++)
                {
                    SpawnOne();
                }

                break;
            case Terminated:
                if (--_toFinish == 0)
                {
                    done.Signal();
                }
                else
                {
                    SpawnOne();
                }

                break;
        }
    }

    private void SpawnOne()
    {
        if (_toSpawn == 0)
        {
            return;
        }

        _toSpawn--;
        var child = Context.ActorOf(ChildProps);
        Context.Watch(child);
        Context.Stop(child);
    }
}

/// <summary>An actor that does nothing.</summary>
internal sealed class EmptyActor : UntypedActor
{
    protected override void OnReceive(object message)
    {
    }
}

/// <summary>Where idle actors report that they have started (a static, so the actors themselves carry no extra field).</summary>
internal static class StartProbe
{
    public static Countdown? Started { get; set; }

    public static Countdown? Received { get; set; }
}

/// <summary>An idle UntypedActor: the smallest actor there is.</summary>
internal sealed class IdleUntypedActor : UntypedActor
{
    protected override void PreStart() => StartProbe.Started?.Signal();

    protected override void OnReceive(object message) => StartProbe.Received?.Signal();
}

/// <summary>An idle ReceiveActor with one handler: what a typical application actor looks like.</summary>
internal sealed class IdleReceiveActor : ReceiveActor
{
    public IdleReceiveActor() => Receive<string>(_ => { });

    protected override void PreStart() => StartProbe.Started?.Signal();
}
