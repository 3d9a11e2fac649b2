using System.Collections.Concurrent;

namespace ActorPostmaster.Actors;

/// <summary>
/// INTERNAL API. An actor's two queues and its run loop.
/// </summary>
/// <remarks>
/// System messages always win: they are drained before any user message and again after each one, and they are
/// processed even while the actor is suspended. The status word (scheduled, closed) changes only by CAS, so a
/// mailbox is handed to its dispatcher at most once at a time, and after every run it re-checks both queues so that
/// no wake-up is lost. A closed mailbox (a stopped actor) forwards user messages to dead letters and answers
/// late <c>Watch</c> requests with a death notification.
/// </remarks>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;

    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly Queue<Envelope> _prepended = new(); // touched only while the actor runs (stash)
    private readonly ActorCell _cell;
    private volatile int _status;
    private volatile int _suspendCount;
    private volatile bool _awaitingTask;
    private volatile int _prependedCount;

    public Mailbox(ActorCell cell, MessageDispatcher dispatcher)
    {
        _cell = cell;
        Dispatcher = dispatcher;
    }

    public MessageDispatcher Dispatcher { get; }

    public bool IsClosed => (_status & Closed) != 0;

    public bool IsScheduled => (_status & Scheduled) != 0;

    public bool IsSuspended => _suspendCount > 0;

    /// <summary>An async receive is in flight: user messages wait, system messages (its continuations) flow.</summary>
    public bool AwaitingTask
    {
        get => _awaitingTask;
        set => _awaitingTask = value;
    }

    public bool HasUserMessages => !_user.IsEmpty || _prependedCount > 0;

    public bool HasSystemMessages => !_system.IsEmpty;

    public int UserMessageCount => _user.Count + _prependedCount;

    private bool ShouldProcessUserMessages => _status == Scheduled && _suspendCount == 0 && !_awaitingTask;

    public void Enqueue(Envelope envelope)
    {
        if (IsClosed)
        {
            _cell.DeadLetter(envelope);
            return;
        }

        _user.Enqueue(envelope);
        if (IsClosed)
        {
            // Closed between the check and the enqueue: the closer may already have drained, so drain again.
            DrainUserToDeadLetters();
            return;
        }

        Dispatcher.RegisterForExecution(this, hasMessageHint: true, hasSystemMessageHint: false);
    }

    public void SystemEnqueue(SystemMessage message)
    {
        _system.Enqueue(message);
        if (IsClosed)
        {
            DrainSystemAfterClose();
            return;
        }

        Dispatcher.RegisterForExecution(this, hasMessageHint: false, hasSystemMessageHint: true);
    }

    /// <summary>Puts envelopes back at the head of the queue, in order (used by the stash).</summary>
    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        var items = envelopes.ToList();
        if (items.Count == 0)
        {
            return;
        }

        var rest = _prepended.ToList();
        _prepended.Clear();
        foreach (var envelope in items.Concat(rest))
        {
            _prepended.Enqueue(envelope);
        }

        _prependedCount = _prepended.Count;
    }

    public void Suspend() => Interlocked.Increment(ref _suspendCount);

    public void Resume()
    {
        if (Interlocked.Decrement(ref _suspendCount) < 0)
        {
            Interlocked.Exchange(ref _suspendCount, 0);
        }
    }

    /// <summary>Closes the mailbox for good and sends what is left to dead letters.</summary>
    public void Close()
    {
        int status;
        do
        {
            status = _status;
        }
        while (Interlocked.CompareExchange(ref _status, status | Closed, status) != status);

        while (_prepended.TryDequeue(out var envelope))
        {
            _cell.DeadLetter(envelope);
        }

        _prependedCount = 0;
        DrainUserToDeadLetters();
    }

    public bool CanBeScheduledForExecution(bool hasMessageHint, bool hasSystemMessageHint)
    {
        if (IsClosed)
        {
            return false;
        }

        if (hasSystemMessageHint || HasSystemMessages)
        {
            return true;
        }

        return _suspendCount == 0 && !_awaitingTask && (hasMessageHint || HasUserMessages);
    }

    public bool SetAsScheduled()
    {
        while (true)
        {
            var status = _status;
            if ((status & (Scheduled | Closed)) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                return true;
            }
        }
    }

    public void SetAsIdle()
    {
        while (true)
        {
            var status = _status;
            if (Interlocked.CompareExchange(ref _status, status & ~Scheduled, status) == status)
            {
                return;
            }
        }
    }

    /// <inheritdoc cref="IThreadPoolWorkItem.Execute"/>
    public void Execute() => Run();

    /// <summary>Processes system messages, then up to <c>throughput</c> user messages, then reschedules if needed.</summary>
    /// <remarks>
    /// Any ambient <see cref="SynchronizationContext"/> (a UI's, or xUnit's on a thread that pumps the deterministic
    /// dispatcher) is cleared while actor code runs, so that awaits inside an async receive resume through the actor's
    /// own task scheduler, never on the pumping thread's context.
    /// </remarks>
    public void Run()
    {
        var previous = ActorCell.Current;
        var synchronizationContext = SynchronizationContext.Current;
        if (synchronizationContext is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        try
        {
            if (!IsClosed)
            {
                ActorCell.Current = _cell;
                ProcessAllSystemMessages();
                ProcessMailbox();
            }
        }
        finally
        {
            ActorCell.Current = previous;
            if (synchronizationContext is not null)
            {
                SynchronizationContext.SetSynchronizationContext(synchronizationContext);
            }

            SetAsIdle();
            Dispatcher.RegisterForExecution(this, hasMessageHint: false, hasSystemMessageHint: false);
        }
    }

    private void ProcessMailbox()
    {
        var left = Math.Max(1, Dispatcher.Throughput);
        while (left-- > 0 && ShouldProcessUserMessages && TryDequeueUser(out var envelope))
        {
            _cell.Invoke(envelope);
            ProcessAllSystemMessages();
        }
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_prepended.TryDequeue(out envelope))
        {
            _prependedCount = _prepended.Count;
            return true;
        }

        return _user.TryDequeue(out envelope);
    }

    private void ProcessAllSystemMessages()
    {
        while (!IsClosed && _system.TryDequeue(out var message))
        {
            _cell.SystemInvoke(message);
        }

        if (IsClosed)
        {
            DrainSystemAfterClose();
        }
    }

    private void DrainUserToDeadLetters()
    {
        while (_user.TryDequeue(out var envelope))
        {
            _cell.DeadLetter(envelope);
        }
    }

    private void DrainSystemAfterClose()
    {
        while (_system.TryDequeue(out var message))
        {
            ActorCell.HandleSystemMessageAfterClose(message);
        }
    }
}
