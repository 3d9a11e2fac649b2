using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

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
/// <para>
/// Memory: an idle actor should cost little, so nothing is allocated before it is needed. The user queue (a
/// <see cref="ConcurrentQueue{T}"/>, whose first segment alone is about 1 KB) is created by the first Tell, the
/// prepended queue by the first unstash, and system messages (a few per actor lifetime) go through a lock-free list
/// of small nodes instead of a second concurrent queue.
/// </para>
/// </remarks>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;

    private ConcurrentQueue<Envelope>? _user; // created by the first Enqueue (see UserQueue)
    private SystemMessageNode? _systemIncoming; // pushed by any thread, newest first
    private SystemMessageNode? _systemPending; // taken from _systemIncoming, oldest first; touched only while the actor runs
    private Queue<Envelope>? _prepended; // touched only while the actor runs (stash); created by the first Prepend
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

    public bool HasUserMessages => (Volatile.Read(ref _user) is { IsEmpty: false }) || _prependedCount > 0;

    public bool HasSystemMessages => Volatile.Read(ref _systemIncoming) is not null || _systemPending is not null;

    public int UserMessageCount => (Volatile.Read(ref _user)?.Count ?? 0) + _prependedCount;

    private bool ShouldProcessUserMessages => _status == Scheduled && _suspendCount == 0 && !_awaitingTask;

    public void Enqueue(Envelope envelope)
    {
        if (IsClosed)
        {
            _cell.DeadLetter(envelope);
            return;
        }

        UserQueue.Enqueue(envelope);
        if (IsClosed)
        {
            // Closed between the check and the enqueue: the closer may already have drained, so drain again.
            DrainUserToDeadLetters();
            return;
        }

        Dispatcher.RegisterForExecution(this, hasMessageHint: true, hasSystemMessageHint: false);
    }

    /// <summary>The user queue, created on first use; every thread sees the same instance.</summary>
    private ConcurrentQueue<Envelope> UserQueue
    {
        get
        {
            return Volatile.Read(ref _user) ?? Create();

            ConcurrentQueue<Envelope> Create()
            {
                var created = new ConcurrentQueue<Envelope>();
                return Interlocked.CompareExchange(ref _user, created, null) ?? created;
            }
        }
    }

    public void SystemEnqueue(SystemMessage message)
    {
        // Lock-free push (Treiber stack). The CAS is a full fence, so, as with the concurrent queue before it, either
        // this thread sees the mailbox scheduled or the run loop's re-check after SetAsIdle sees the message.
        var node = new SystemMessageNode(message);
        SystemMessageNode? head;
        do
        {
            head = Volatile.Read(ref _systemIncoming);
            node.Next = head;
        }
        while (Interlocked.CompareExchange(ref _systemIncoming, node, head) != head);

        if (IsClosed)
        {
            DrainSystemAfterClose(fromRunLoop: false);
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

        var prepended = _prepended ??= new Queue<Envelope>();
        var rest = prepended.ToList();
        prepended.Clear();
        foreach (var envelope in items.Concat(rest))
        {
            prepended.Enqueue(envelope);
        }

        _prependedCount = prepended.Count;
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

        while (_prepended is not null && _prepended.TryDequeue(out var envelope))
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
        if (_prepended is not null && _prepended.TryDequeue(out envelope))
        {
            _prependedCount = _prepended.Count;
            return true;
        }

        if (Volatile.Read(ref _user) is { } user)
        {
            return user.TryDequeue(out envelope);
        }

        envelope = default;
        return false;
    }

    /// <summary>
    /// Takes the oldest system message. Only the run loop calls it (one thread at a time): when the pending list is
    /// empty it takes everything pushed so far in one exchange and reverses it, so messages come out in send order.
    /// </summary>
    private bool TryDequeueSystem([NotNullWhen(true)] out SystemMessage? message)
    {
        var node = _systemPending;
        if (node is null)
        {
            // Called after every user message: a plain read first, so the common empty case writes nothing shared.
            if (Volatile.Read(ref _systemIncoming) is null)
            {
                message = null;
                return false;
            }

            node = Reverse(Interlocked.Exchange(ref _systemIncoming, null))!;
        }

        _systemPending = node.Next;
        message = node.Message;
        return true;
    }

    private static SystemMessageNode? Reverse(SystemMessageNode? node)
    {
        SystemMessageNode? reversed = null;
        while (node is not null)
        {
            var next = node.Next;
            node.Next = reversed;
            reversed = node;
            node = next;
        }

        return reversed;
    }

    private void ProcessAllSystemMessages()
    {
        while (!IsClosed && TryDequeueSystem(out var message))
        {
            _cell.SystemInvoke(message);
        }

        if (IsClosed)
        {
            DrainSystemAfterClose(fromRunLoop: true);
        }
    }

    private void DrainUserToDeadLetters()
    {
        if (Volatile.Read(ref _user) is not { } user)
        {
            return;
        }

        while (user.TryDequeue(out var envelope))
        {
            _cell.DeadLetter(envelope);
        }
    }

    /// <summary>
    /// Answers the system messages of a closed mailbox. Any thread may call it (late senders do): each one empties
    /// the shared list with one exchange, so every message is handled once. The pending list belongs to the run loop
    /// and is emptied only by it (<paramref name="fromRunLoop"/>); the mailbox is closed by the actor's own
    /// termination, inside a run, which then drains it.
    /// </summary>
    private void DrainSystemAfterClose(bool fromRunLoop)
    {
        if (fromRunLoop)
        {
            while (_systemPending is { } pending)
            {
                _systemPending = pending.Next;
                ActorCell.HandleSystemMessageAfterClose(pending.Message);
            }
        }

        for (var node = Reverse(Interlocked.Exchange(ref _systemIncoming, null)); node is not null; node = node.Next)
        {
            ActorCell.HandleSystemMessageAfterClose(node.Message);
        }
    }

    /// <summary>One system message in the lock-free list.</summary>
    private sealed class SystemMessageNode(SystemMessage message)
    {
        public SystemMessage Message { get; } = message;

        public SystemMessageNode? Next { get; set; }
    }
}
