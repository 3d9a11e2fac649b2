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
    public Task RequestAsync(string flags)
    {
        Task task;
        lock (_gate)
        {
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flags = _flags is null || _flags == flags ? flags : Merge(_flags, flags);
            task = _pending.Task;
        }

        WakeCheckpointer?.Invoke();
        return task;
    }

    /// <summary>The checkpointer takes the waiting request, if any.</summary>
    /// <returns>The request's completion and flags, or null.</returns>
    public (TaskCompletionSource Done, string Flags)? Take()
    {
        lock (_gate)
        {
            if (_pending is not { } pending)
            {
                return null;
            }

            var flags = _flags!;
            _pending = null;
            _flags = null;
            return (pending, flags);
        }
    }

    private static string Merge(string a, string b) =>
        string.Join(' ', a.Split(' ').Concat(b.Split(' ')).Distinct(StringComparer.Ordinal));
}
