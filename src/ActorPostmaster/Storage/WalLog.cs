namespace ActorPostmaster.Storage;

/// <summary>
/// The WAL as the running cluster uses it (xlog.c: XLogInsert into the WAL buffers, XLogFlush with group commit):
/// records go into the buffers in shared memory under a short lock; a flush request joins the flush in progress or
/// starts one, and one write plus fdatasync serves every commit that arrived meanwhile. The buffers belong to one
/// incarnation of the cluster, so a crash loses what was not flushed, as in PostgreSQL.
/// </summary>
/// <remarks>
/// A commit that finds no flush running flushes on its own thread (one fdatasync, as a backend holding WALWriteLock);
/// commits that arrive meanwhile wait, and a dedicated thread ("walflush") serves them together in the next round. A
/// failed write or fdatasync fails that flush's waiters and every later one: the caller PANICs (the crash cycle
/// replays the WAL from the last checkpoint).
/// </remarks>
internal sealed class WalLog : ICommitLog, IDisposable
{
    private readonly object _gate = new();
    private readonly WalSegmentWriter _writer;
    private readonly List<(Lsn Lsn, TaskCompletionSource Done)> _waiters = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _flusher;
    private readonly Func<bool> _fsync;
    private Exception? _failure;
    private bool _disposed;
    private bool _flushing;

    /// <summary>Starts the WAL at the end of replay.</summary>
    /// <param name="writer">The segment writer positioned where recovery ended; owned from now on.</param>
    /// <param name="fsync">
    /// The fsync setting, read at each flush: off, a flush only writes (issue_xlog_fsync is skipped), so a commit is
    /// acknowledged once it is in the kernel's cache — durable across a server crash, not across an OS crash.
    /// </param>
    public WalLog(WalSegmentWriter writer, Func<bool>? fsync = null)
    {
        _writer = writer;
        _fsync = fsync ?? (() => true);
        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "walflush" };
        _flusher.Start();
    }

    /// <summary>The end of the last appended record (the insert position).</summary>
    public Lsn EndOfWal
    {
        get
        {
            lock (_gate)
            {
                return _writer.EndOfWal;
            }
        }
    }

    /// <inheritdoc />
    public ulong MarkRedo(uint nextXid) => Append(WalRecord.NextXid(nextXid)).Lsn.Value;

    /// <summary>Everything before this is durable.</summary>
    public Lsn FlushedUpTo
    {
        get
        {
            lock (_gate)
            {
                return _writer.FlushedUpTo;
            }
        }
    }

    /// <summary>Why the WAL can no longer be written, once a write or flush failed.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <inheritdoc />
    public (ulong Start, ulong End) AppendCommit(uint xid, IReadOnlyList<KvChange> changes, DateTimeOffset commitTime)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            ThrowIfFailed();
            var start = Lsn.Invalid;
            foreach (var change in changes)
            {
                var lsn = _writer.Append(change.Deleted ? WalRecord.Delete(xid, change.Key) : WalRecord.Put(xid, change.Key, change.Value));
                if (!start.IsValid)
                {
                    start = lsn;
                }
            }

            var commit = _writer.Append(WalRecord.Commit(xid, commitTime));
            return ((start.IsValid ? start : commit).Value, _writer.EndOfWal.Value);
        }
    }

    /// <summary>Appends one record (a checkpoint record, say).</summary>
    /// <param name="record">The record.</param>
    /// <returns>Its LSN and its end.</returns>
    public (Lsn Lsn, Lsn End) Append(WalRecord record)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            var lsn = _writer.Append(record);
            return (lsn, _writer.EndOfWal);
        }
    }

    /// <inheritdoc />
    public ValueTask WaitForFlushAsync(ulong lsn) => new(FlushAsync(new Lsn(lsn)));

    /// <summary>
    /// XLogFlush: completes once everything before <paramref name="upTo"/> is durable. When no flush is running, the
    /// caller flushes on its own thread, as a backend that gets WALWriteLock does; otherwise it waits for the flush in
    /// progress, and the flusher thread then serves every waiter left in one more round (group commit).
    /// </summary>
    /// <param name="upTo">The position.</param>
    /// <returns>The wait; faulted with the I/O error when the flush fails.</returns>
    public Task FlushAsync(Lsn upTo)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (_writer.FlushedUpTo >= upTo)
            {
                return Task.CompletedTask;
            }

            if (_flushing)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((upTo, done));
                return done.Task;
            }

            _flushing = true;
        }

        var failure = FlushRound();
        lock (_gate)
        {
            _flushing = false;
            if (_waiters.Count > 0)
            {
                _wake.Release();
            }
        }

        return failure is null ? Task.CompletedTask : Task.FromException(failure);
    }

    /// <summary>XLogBackgroundFlush (the walwriter's round): flushes everything appended so far.</summary>
    /// <returns>The wait.</returns>
    public Task FlushAllAsync()
    {
        Lsn end;
        lock (_gate)
        {
            end = _writer.EndOfWal;
        }

        return FlushAsync(end);
    }

    /// <summary>RemoveOldXlogFiles after a checkpoint.</summary>
    /// <param name="redo">The new redo point.</param>
    /// <returns>The removed segment files.</returns>
    public IReadOnlyList<string> RemoveSegmentsBefore(Lsn redo)
    {
        lock (_gate)
        {
            return _writer.RemoveSegmentsBefore(redo);
        }
    }

    /// <summary>Stops the flusher and closes the files; unflushed records are lost, as the WAL buffers are in a crash.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _failure ??= new ObjectDisposedException(nameof(WalLog), "the WAL of this incarnation of the cluster is gone");
            FailWaiters(_failure);
        }

        _wake.Release();
        _flusher.Join();
        _writer.Dispose();
        _wake.Dispose();
    }

    private void FlushLoop()
    {
        while (true)
        {
            _wake.Wait();
            while (true)
            {
                lock (_gate)
                {
                    if (_disposed || _failure is not null)
                    {
                        return;
                    }

                    if (_waiters.Count == 0 || _flushing)
                    {
                        break; // nothing to do, or a committing backend flushes and wakes us after
                    }

                    _flushing = true;
                }

                var failure = FlushRound();
                lock (_gate)
                {
                    _flushing = false;
                }

                if (failure is not null)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One write and fdatasync of everything appended so far; completes the waiters it covers.</summary>
    /// <returns>The I/O error when it failed (the WAL is then failed for good), else null.</returns>
    private IOException? FlushRound()
    {
        PendingSync pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            try
            {
                pending = _writer.WriteForSync();
            }
            catch (IOException e)
            {
                Fail(e);
                return e;
            }
        }

        try
        {
            if (_fsync())
            {
                WalSegmentWriter.Sync(pending);
            }
        }
        catch (IOException e)
        {
            lock (_gate)
            {
                Fail(e);
            }

            return e;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return null; // a crash reinitialisation dropped this WAL while it synced; its waiters have failed
            }

            _writer.Synced(pending);
            var flushed = _writer.FlushedUpTo;
            _waiters.RemoveAll(w =>
            {
                if (w.Lsn > flushed)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }

        return null;
    }

    private void Fail(Exception e)
    {
        _failure = e;
        FailWaiters(e);
    }

    private void FailWaiters(Exception e)
    {
        foreach (var (_, done) in _waiters)
        {
            done.TrySetException(e);
        }

        _waiters.Clear();
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException(_failure.Message, _failure);
        }
    }
}
