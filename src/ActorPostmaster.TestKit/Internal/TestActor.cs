using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit.Internal;

/// <summary>INTERNAL API. The actor behind <see cref="TestKitBase.TestActor"/>: it queues whatever it receives, Terminated included.</summary>
internal sealed class TestActor : ActorBase
{
    private readonly TestInbox _inbox;

    public TestActor(TestInbox inbox) => _inbox = inbox;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand { Watch: true } watch:
                Context.Watch(watch.Actor);
                break;
            case WatchCommand unwatch:
                Context.Unwatch(unwatch.Actor);
                break;
            case SettledProbe:
                Sender.Tell(SettledProbe.Instance, Self);
                break;
            default:
                _inbox.Add(new Envelope(message, Sender));
                break;
        }

        return true;
    }

    // A test actor survives any failure of its (test-created) children and never restarts them by itself.
    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;
}

/// <summary>INTERNAL API. Makes a test actor watch or unwatch an actor.</summary>
internal sealed record WatchCommand(IActorRef Actor, bool Watch);

/// <summary>INTERNAL API. Answered by a test actor once everything queued before it was processed.</summary>
internal sealed record SettledProbe
{
    public static readonly SettledProbe Instance = new();
}

/// <summary>INTERNAL API. The queue of messages a test actor received, with a count that waiters can block on.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs disposing only when its wait handle was used; it never is.")]
internal sealed class TestInbox
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Envelope> _queue = new();
    private readonly SemaphoreSlim _available = new(0);

    public bool HasMessages => !_queue.IsEmpty;

    public void Add(Envelope envelope)
    {
        _queue.Enqueue(envelope);
        _available.Release();
    }

    public bool TryTake(out Envelope envelope)
    {
        if (_available.Wait(0) && _queue.TryDequeue(out envelope))
        {
            return true;
        }

        envelope = default;
        return false;
    }

    public bool TryTake(TimeSpan timeout, out Envelope envelope)
    {
        if (_available.Wait(timeout) && _queue.TryDequeue(out envelope))
        {
            return true;
        }

        envelope = default;
        return false;
    }

    public async Task<Envelope?> TryTakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _available.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && _queue.TryDequeue(out var envelope))
        {
            return envelope;
        }

        return null;
    }
}
