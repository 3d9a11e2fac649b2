namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. checkpointer.c's CheckpointerShmem: requests for a checkpoint (the CHECKPOINT command, WAL growth
/// past max_wal_size) that the checkpointer takes at its next wake-up. Requests made while one waits are merged, as
/// ckpt_flags are; every requester is answered when the checkpoint that covers its request has completed.
/// </summary>
internal sealed class CheckpointRequests
{
    private readonly object _gate = new();
    private TaskCompletionSource? _pending;
    private string? _flags;
    private List<Action<Exception?>> _callbacks = [];

    /// <summary>Set by the checkpointer: sets its latch (the requester's SetLatch(checkpointerLatch)).</summary>
    public Action? WakeCheckpointer { get; set; }

    /// <summary>Whether a request waits.</summary>
    public bool Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending is not null;
            }
        }
    }

    /// <summary>RequestCheckpoint: asks for a checkpoint and wakes the checkpointer.</summary>
    /// <param name="flags">The words of its "checkpoint starting:" line (e.g. <c>immediate force wait</c>, <c>wal</c>).</param>
    /// <returns>Completes when the checkpoint is done; faults when it failed.</returns>
    public Task RequestAsync(string flags) => Enqueue(flags, null);

    /// <summary>
    /// Requests a checkpoint as <see cref="RequestAsync"/> does, and calls <paramref name="completed"/> on the
    /// checkpointer's thread when it is done (with the failure, or null): a waiter that must not hop to the thread pool
    /// (the startup process under the deterministic dispatcher) sends itself a message from there.
    /// </summary>
    /// <param name="flags">The reason words for the log line.</param>
    /// <param name="completed">Called once the checkpoint has been written, or has failed.</param>
    public void Request(string flags, Action<Exception?> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        _ = Enqueue(flags, completed);
    }

    /// <summary>The checkpointer takes the pending request, if any (its waiters are completed through the result).</summary>
    /// <returns>The request, or null.</returns>
    public CheckpointRequest? Take()
    {
        lock (_gate)
        {
            if (_pending is not { } pending)
            {
                return null;
            }

            var request = new CheckpointRequest(pending, _flags!, _callbacks);
            _pending = null;
            _flags = null;
            _callbacks = [];
            return request;
        }
    }

    /// <summary>Adds the request (and its callback) to the pending one under one lock, so that the checkpoint that answers it covers it.</summary>
    private Task Enqueue(string flags, Action<Exception?>? completed)
    {
        Task task;
        lock (_gate)
        {
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flags = _flags is null || _flags == flags ? flags : Merge(_flags, flags);
            if (completed is not null)
            {
                _callbacks.Add(completed);
            }

            task = _pending.Task;
        }

        WakeCheckpointer?.Invoke();
        return task;
    }

    private static string Merge(string a, string b) =>
        string.Join(' ', a.Split(' ').Concat(b.Split(' ')).Distinct(StringComparer.Ordinal));
}

/// <summary>INTERNAL API. A checkpoint request the checkpointer has taken.</summary>
/// <param name="done">Its waiters.</param>
/// <param name="flags">The reason words for the log line.</param>
/// <param name="callbacks">Waiters called on the checkpointer's thread.</param>
internal sealed class CheckpointRequest(TaskCompletionSource done, string flags, IReadOnlyList<Action<Exception?>> callbacks)
{
    /// <summary>The reason words for the log line.</summary>
    public string Flags { get; } = flags;

    /// <summary>The checkpoint has been written (<paramref name="failure"/> null) or has failed: tells every waiter.</summary>
    /// <param name="failure">The failure, or null.</param>
    public void Complete(Exception? failure)
    {
        if (failure is null)
        {
            done.TrySetResult();
        }
        else
        {
            done.TrySetException(failure);
        }

        foreach (var callback in callbacks)
        {
            callback(failure);
        }
    }
}
