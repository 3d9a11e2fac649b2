namespace ActorPostmaster.Storage;

/// <summary>
/// One transaction's view of the kv table and its changes: what it wrote is visible to itself at once and to others
/// after <see cref="CommitAsync"/>; <see cref="Abort"/> forgets it. Used by one session at a time.
/// </summary>
public sealed class KvTransaction
{
    private readonly KvStore _store;
    private readonly Dictionary<string, KvChange> _writes = new(StringComparer.Ordinal);
    private readonly List<KvChange> _log = [];
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _finished;

    internal KvTransaction(KvStore store) => _store = store;

    /// <summary>The transaction id, or 0 until the first change assigns one.</summary>
    public uint Xid { get; private set; }

    /// <summary>True once the transaction changed something.</summary>
    public bool HasChanges => _log.Count > 0;

    /// <summary>The transaction this one waits for, while it waits for a row lock.</summary>
    internal KvTransaction? WaitingFor { get; private set; }

    /// <summary>The row with <paramref name="key"/> as this transaction sees it: found, and its value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the row exists, and its value.</returns>
    public (bool Found, string? Value) Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_writes.TryGetValue(key, out var own))
        {
            return (!own.Deleted, own.Deleted ? null : own.Value);
        }

        lock (_store.Gate)
        {
            return _store.Committed.TryGetValue(key, out var value) ? (true, value) : (false, null);
        }
    }

    /// <summary>Every row this transaction sees, in key order.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<KeyValuePair<string, string?>> Scan()
    {
        Dictionary<string, string?> rows;
        lock (_store.Gate)
        {
            rows = new Dictionary<string, string?>(_store.Committed, StringComparer.Ordinal);
        }

        foreach (var (key, change) in _writes)
        {
            if (change.Deleted)
            {
                rows.Remove(key);
            }
            else
            {
                rows[key] = change.Value;
            }
        }

        KeyValuePair<string, string?>[] sorted = [.. rows];
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return sorted;
    }

    /// <summary>Inserts a row unless its key exists (after waiting for a concurrent writer of the key).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels a wait (statement cancel or timeout).</param>
    /// <returns>False, changing nothing, when the key exists.</returns>
    public async ValueTask<bool> TryInsertAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        await LockAsync(key, cancellationToken).ConfigureAwait(false);
        if (Get(key).Found)
        {
            return false;
        }

        Write(new KvChange(key, value, Deleted: false));
        return true;
    }

    /// <summary>Replaces the value of an existing row (after waiting for a concurrent writer of it).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new value.</param>
    /// <param name="cancellationToken">Cancels a wait.</param>
    /// <returns>False when the row does not exist (any more).</returns>
    public async ValueTask<bool> UpdateAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        await LockAsync(key, cancellationToken).ConfigureAwait(false);
        if (!Get(key).Found)
        {
            return false;
        }

        Write(new KvChange(key, value, Deleted: false));
        return true;
    }

    /// <summary>Deletes a row (after waiting for a concurrent writer of it).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels a wait.</param>
    /// <returns>False when the row does not exist (any more).</returns>
    public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await LockAsync(key, cancellationToken).ConfigureAwait(false);
        if (!Get(key).Found)
        {
            return false;
        }

        Write(new KvChange(key, null, Deleted: true));
        return true;
    }

    /// <summary>
    /// Commits: the changes and a commit record go to the WAL; with <paramref name="waitForFlush"/> (synchronous_commit
    /// on) the call completes only once they are durable. The changes become visible and the row locks are released
    /// after that wait (or at once without it). A transaction without changes writes nothing.
    /// </summary>
    /// <param name="waitForFlush">Wait for the commit record to be flushed.</param>
    /// <returns>The commit record's end position, or 0 for a transaction without changes.</returns>
    /// <exception cref="Exception">The WAL flush failed: the caller must PANIC; the changes stay invisible.</exception>
    public async ValueTask<ulong> CommitAsync(bool waitForFlush)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        if (_log.Count == 0)
        {
            End();
            return 0;
        }

        ulong start, end;
        lock (_store.Gate)
        {
            // Under the store's lock, so that a checkpoint sees either the commit in flight or its records after the redo point.
            (start, end) = _store.Log.AppendCommit(Xid, _log, _store.Now);
            _store.InFlight.Add(start);
        }

        if (waitForFlush)
        {
            await _store.Log.WaitForFlushAsync(end).ConfigureAwait(false);
        }

        lock (_store.Gate)
        {
            _store.Apply(_writes);
            _store.InFlight.Remove(start);
        }

        End();
        return end;
    }

    /// <summary>Rolls back: nothing was written to the WAL, so nothing is undone there; the row locks are released.</summary>
    public void Abort()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        End();
    }

    private void Write(KvChange change)
    {
        if (Xid == 0)
        {
            lock (_store.Gate)
            {
                Xid = _store.AssignXid();
            }
        }

        _writes[change.Key] = change;
        _log.Add(change);
    }

    /// <summary>XactLockTableWait: takes the key's row lock, waiting for each holder to end, or fails with 40P01.</summary>
    private async ValueTask LockAsync(string key, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (true)
        {
            KvTransaction? holder;
            lock (_store.Gate)
            {
                holder = _store.TryLock(key, this);
                if (holder is null)
                {
                    _locked.Add(key);
                    return;
                }

                if (KvStore.WouldDeadlock(this, holder))
                {
                    throw new PgException(
                        "40P01",
                        "deadlock detected",
                        detail: $"Transaction {Xid} waits for transaction {holder.Xid}, which waits for transaction {Xid}.",
                        hint: "See server log for query details.");
                }

                WaitingFor = holder;
            }

            try
            {
                await holder._ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_store.Gate)
                {
                    WaitingFor = null;
                }
            }
        }
    }

    private void End()
    {
        lock (_store.Gate)
        {
            _store.Unlock(_locked, this);
        }

        _locked.Clear();
        _writes.Clear();
        _log.Clear();
        _ended.TrySetResult();
    }
}
