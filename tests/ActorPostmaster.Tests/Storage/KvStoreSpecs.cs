using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class KvStoreSpecs
{
    private readonly RecordingLog _log = new();

    [Fact]
    public async Task A_transactions_changes_should_be_visible_to_itself_at_once_and_to_others_only_after_commit()
    {
        var store = Store(("a", "1"));
        var writer = store.Begin();
        var reader = store.Begin();

        Assert.True(await writer.UpdateAsync("a", "2"));
        Assert.True(await writer.TryInsertAsync("b", "3"));
        Assert.True(await writer.DeleteAsync("b"));
        Assert.True(await writer.TryInsertAsync("c", null));

        Assert.Equal((true, "2"), writer.Get("a"));
        Assert.Equal((false, null), writer.Get("b"));
        Assert.Equal((true, null), writer.Get("c"));
        Assert.Equal((true, "1"), reader.Get("a"));
        Assert.Equal([Row("a", "1")], reader.Scan());

        await writer.CommitAsync(waitForFlush: true);

        Assert.Equal([Row("a", "2"), Row("c", null)], reader.Scan());
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task A_commit_should_log_every_change_in_order_under_one_xid_and_a_read_only_one_nothing()
    {
        var store = Store();
        var readOnly = store.Begin();
        readOnly.Get("x");
        Assert.Equal(0ul, await readOnly.CommitAsync(waitForFlush: true));
        Assert.Empty(_log.Commits);
        Assert.Equal(0u, readOnly.Xid);

        var first = store.Begin();
        await first.TryInsertAsync("k", "1");
        await first.UpdateAsync("k", "2");
        await first.DeleteAsync("k");
        var second = store.Begin();
        await second.TryInsertAsync("j", "9");
        await second.CommitAsync(waitForFlush: true);
        await first.CommitAsync(waitForFlush: true);

        Assert.Equal(KvStore.FirstNormalXid, first.Xid);
        Assert.Equal(KvStore.FirstNormalXid + 1, second.Xid);
        Assert.Equal(
            [(second.Xid, new[] { new KvChange("j", "9", false) }), (first.Xid, [new KvChange("k", "1", false), new KvChange("k", "2", false), new KvChange("k", null, true)])],
            _log.Commits.Select(c => (c.Xid, c.Changes.ToArray())).ToArray());
        Assert.Equal(KvStore.FirstNormalXid + 2, store.NextXid);
    }

    [Fact]
    public async Task A_synchronous_commit_should_become_visible_and_release_its_rows_only_once_the_WAL_is_flushed()
    {
        var store = Store();
        _log.HoldFlushes = true;
        var writer = store.Begin();
        await writer.TryInsertAsync("k", "v");

        var commit = writer.CommitAsync(waitForFlush: true).AsTask();
        var other = store.Begin();
        var insert = other.TryInsertAsync("k", "w").AsTask();

        Assert.False(commit.IsCompleted);
        Assert.Equal((false, null), other.Get("k"));
        Assert.False(insert.IsCompleted); // waits for the row lock

        _log.ReleaseFlushes();
        await commit;

        Assert.False(await insert); // the committed row is there: a conflict
        Assert.Equal((true, "v"), other.Get("k"));
    }

    [Fact]
    public async Task A_checkpoint_during_a_commits_flush_should_take_its_redo_point_before_that_commit()
    {
        var store = Store(("a", "1"));
        var early = store.Begin();
        await early.TryInsertAsync("b", "2");
        await early.CommitAsync(waitForFlush: true); // 0..100
        _log.HoldFlushes = true;
        var waiting = store.Begin();
        await waiting.TryInsertAsync("c", "3");
        var commit = waiting.CommitAsync(waitForFlush: true).AsTask(); // 100..200, not yet visible

        var during = store.CheckpointView();
        _log.ReleaseFlushes();
        await commit;
        var after = store.CheckpointView();

        Assert.Equal([Row("a", "1"), Row("b", "2")], during.Rows);
        Assert.Equal(100ul, during.Redo); // the commit waiting for its flush, not the redo record at 200
        Assert.Equal([Row("a", "1"), Row("b", "2"), Row("c", "3")], after.Rows);
        Assert.Equal(210ul, after.Redo); // the redo record after the first view's one (200..210)
        Assert.Equal(KvStore.FirstNormalXid + 2, after.NextXid);
    }

    [Fact]
    public async Task An_asynchronous_commit_should_be_visible_at_once_without_waiting_for_the_flush()
    {
        var store = Store();
        _log.HoldFlushes = true;
        var writer = store.Begin();
        await writer.TryInsertAsync("k", "v");

        await writer.CommitAsync(waitForFlush: false);

        Assert.Equal((true, "v"), store.Begin().Get("k"));
        Assert.Single(_log.Commits);
    }

    [Fact]
    public async Task An_aborted_transaction_should_leave_nothing_and_let_a_waiting_inserter_in()
    {
        var store = Store();
        var first = store.Begin();
        await first.TryInsertAsync("k", "1");
        var second = store.Begin();
        var insert = second.TryInsertAsync("k", "2").AsTask();
        Assert.False(insert.IsCompleted);

        first.Abort();

        Assert.True(await insert);
        await second.CommitAsync(waitForFlush: true);
        Assert.Equal([Row("k", "2")], store.CommittedRows());
        Assert.Single(_log.Commits);
    }

    [Fact]
    public async Task An_update_waiting_for_a_deleter_should_find_no_row_once_the_delete_commits()
    {
        var store = Store(("k", "1"));
        var deleter = store.Begin();
        await deleter.DeleteAsync("k");
        var updater = store.Begin();
        var update = updater.UpdateAsync("k", "2").AsTask();
        Assert.False(update.IsCompleted);

        await deleter.CommitAsync(waitForFlush: true);

        Assert.False(await update);
        Assert.Empty(store.CommittedRows());
    }

    [Fact]
    public async Task A_failed_insert_should_still_hold_the_key_until_its_transaction_ends()
    {
        var store = Store(("k", "1"));
        var first = store.Begin();
        Assert.False(await first.TryInsertAsync("k", "x")); // conflict, but the key is now locked by first
        var second = store.Begin();
        var delete = second.DeleteAsync("k").AsTask();
        Assert.False(delete.IsCompleted);

        first.Abort();

        Assert.True(await delete);
    }

    [Fact]
    public async Task Two_transactions_waiting_for_each_others_rows_should_fail_the_second_with_40P01()
    {
        var store = Store(("a", "1"), ("b", "1"));
        var t1 = store.Begin();
        var t2 = store.Begin();
        await t1.UpdateAsync("a", "t1");
        await t2.UpdateAsync("b", "t2");
        var t1Waits = t1.UpdateAsync("b", "t1").AsTask();

        var deadlock = await Assert.ThrowsAsync<PgException>(async () => await t2.UpdateAsync("a", "t2"));

        Assert.Equal(("40P01", "deadlock detected"), (deadlock.Error.SqlState, deadlock.Error.Message));
        t2.Abort();
        Assert.True(await t1Waits);
    }

    [Fact]
    public async Task A_cancelled_lock_wait_should_end_the_wait_without_taking_the_row()
    {
        var store = Store(("k", "1"));
        var holder = store.Begin();
        await holder.UpdateAsync("k", "2");
        using var cancel = new CancellationTokenSource();
        var waiter = store.Begin();
        var update = waiter.UpdateAsync("k", "3", cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => update);
        waiter.Abort();
        await holder.CommitAsync(waitForFlush: true);
        Assert.Equal((true, "2"), store.Begin().Get("k"));
    }

    [Fact]
    public async Task A_commit_whose_flush_fails_should_throw_and_stay_invisible()
    {
        var store = Store();
        _log.FailFlushes = true;
        var writer = store.Begin();
        await writer.TryInsertAsync("k", "v");

        await Assert.ThrowsAsync<IOException>(async () => await writer.CommitAsync(waitForFlush: true));

        Assert.Equal((false, null), store.Begin().Get("k"));
    }

    private KvStore Store(params (string Key, string? Value)[] rows) =>
        new(_log, rows.Select(r => Row(r.Key, r.Value)), nextXid: 0);

    private static KeyValuePair<string, string?> Row(string key, string? value) => new(key, value);

    /// <summary>A commit log that records commits and flushes on demand.</summary>
    private sealed class RecordingLog : ICommitLog
    {
        private TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ulong _end;

        public List<(uint Xid, IReadOnlyList<KvChange> Changes)> Commits { get; } = [];

        public bool HoldFlushes { get; set; }

        public bool FailFlushes { get; set; }

        public ulong MarkRedo(uint nextXid)
        {
            _end += 10;
            return _end - 10;
        }

        public (ulong Start, ulong End) AppendCommit(uint xid, IReadOnlyList<KvChange> changes, DateTimeOffset commitTime)
        {
            Commits.Add((xid, [.. changes]));
            _end += 100;
            return (_end - 100, _end);
        }

        public ValueTask WaitForFlushAsync(ulong lsn)
        {
            if (FailFlushes)
            {
                return ValueTask.FromException(new IOException("could not fdatasync file \"000000010000000000000001\": Input/output error"));
            }

            return HoldFlushes ? new ValueTask(_flush.Task) : ValueTask.CompletedTask;
        }

        public void ReleaseFlushes()
        {
            HoldFlushes = false;
            _flush.TrySetResult();
            _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
