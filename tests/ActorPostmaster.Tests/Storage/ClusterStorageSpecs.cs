using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class ClusterStorageSpecs : IDisposable
{
    private const int SegmentSize = 1024 * 1024;
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);
    private readonly List<string> _log = [];
    private readonly FixedClock _clock = new(Start);

    public ClusterStorageSpecs() => ClusterStorage.Bootstrap(_files, _dir.Path, SegmentSize, Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_freshly_bootstrapped_cluster_should_recover_as_shut_down_and_empty()
    {
        var (storage, recovered) = Recover();

        Assert.Equal(["database system was shut down at 2027-01-15 08:00:00 UTC"], _log);
        Assert.Empty(recovered.Rows);
        Assert.False(recovered.CrashRecovery);
        Assert.Equal(KvStore.FirstNormalXid, recovered.NextXid);
        Assert.Equal(DbState.ShutDown, storage.Control.State);
        Assert.True(Directory.Exists(_dir.Combine("base", "pgsql_tmp")));
        Assert.True(File.Exists(_dir.Combine("pg_wal", "000000010000000000000001")));
    }

    [Fact]
    public async Task After_a_crash_every_flushed_commit_should_be_replayed_and_an_unflushed_one_lost()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, ("a", "1"), ("b", "2"));
        await CommitAsync(store, ("a", "3"));
        var gone = store.Begin();
        await gone.DeleteAsync("b");
        await gone.CommitAsync(waitForFlush: false); // visible, never flushed
        wal.Dispose(); // the crash: the WAL buffers are lost

        _log.Clear();
        var (after, recovered) = Recover();

        Assert.Equal([KeyValuePair.Create("a", (string?)"3"), KeyValuePair.Create("b", (string?)"2")], recovered.Rows.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.True(recovered.CrashRecovery);
        Assert.Equal("database system was interrupted; last known up at 2027-01-15 08:00:00 UTC", _log[0]);
        Assert.Equal("database system was not properly shut down; automatic recovery in progress", _log[1]);
        Assert.StartsWith("redo starts at 0/100", _log[2], StringComparison.Ordinal);
        Assert.Matches(@"^invalid record length at 0/[0-9A-F]+: wanted 24, got 0$", _log[3]);
        Assert.Matches(@"^redo done at 0/[0-9A-F]+ system usage: CPU: user: \d+\.\d\d s, system: \d+\.\d\d s, elapsed: \d+\.\d\d s$", _log[4]);
        Assert.Equal(DbState.InCrashRecovery, after.Control.State);
        Assert.Equal(KvStore.FirstNormalXid + 2, recovered.NextXid); // the lost transaction's xid is free again
    }

    [Fact]
    public async Task A_shutdown_checkpoint_should_leave_a_snapshot_that_needs_no_redo()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, ("k", "v"));
        _log.Clear();
        await storage.CheckpointAsync(store, wal, shutdown: true, "shutdown immediate", _log.Add, _clock);
        wal.Dispose();

        Assert.Equal("checkpoint starting: shutdown immediate", _log[0]);
        Assert.Matches(@"^checkpoint complete: wrote 1 buffers \(0\.0%\); 0 WAL file\(s\) added, 0 removed, 0 recycled; write=", _log[1]);
        _log.Clear();
        var (after, recovered) = Recover();

        Assert.Equal(["database system was shut down at 2027-01-15 08:00:00 UTC"], _log);
        Assert.Equal([KeyValuePair.Create("k", (string?)"v")], recovered.Rows);
        Assert.Equal(DbState.ShutDown, after.Control.State);
        Assert.Equal(after.Control.Redo, KvSnapshotFile.Read(_files, _dir.Path).Redo);
    }

    [Fact]
    public async Task A_checkpoint_should_remove_the_segments_before_its_redo_point()
    {
        var (storage, store, wal) = Open();
        var big = new string('x', 200_000);
        for (var i = 0; i < 12; i++)
        {
            await CommitAsync(store, ($"k{i}", big)); // about 2.4 MB: segments 1 to 3
        }

        var removed = await storage.CheckpointAsync(store, wal, shutdown: false, "immediate force wait", _log.Add, _clock);
        wal.Dispose();

        Assert.Equal(["000000010000000000000001", "000000010000000000000002"], removed);
        Assert.False(File.Exists(_dir.Combine("pg_wal", "000000010000000000000001")));
        var (_, recovered) = Recover();
        Assert.Equal(12, recovered.Rows.Count);
    }

    [Fact]
    public async Task A_torn_last_commit_should_end_replay_cleanly_before_it()
    {
        var (_, store, wal) = Open();
        await CommitAsync(store, ("kept", "1"));
        var end = wal.EndOfWal;
        await CommitAsync(store, ("torn", "2"));
        wal.Dispose();
        FileDamage.FlipBits(_dir.Combine("pg_wal", "000000010000000000000001"), (long)WalSegments.OffsetOf(end, SegmentSize) + 30);

        _log.Clear();
        var (_, recovered) = Recover();

        Assert.Equal([KeyValuePair.Create("kept", (string?)"1")], recovered.Rows);
        Assert.Contains(_log, l => l.StartsWith("incorrect resource manager data checksum in record at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Damage_between_the_redo_point_and_the_checkpoint_record_should_refuse_to_start()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, ("k", "v"));
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        wal.Dispose();
        var redo = storage.Control.Redo;
        FileDamage.FlipBits(_dir.Combine("pg_wal", "000000010000000000000001"), (long)WalSegments.OffsetOf(redo, SegmentSize) + 25);

        var refused = Assert.Throws<InvalidDataException>(() => Recover());

        Assert.StartsWith("could not find redo location referenced by checkpoint record: incorrect resource manager data checksum", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_with_nothing_changed_since_the_last_should_write_nothing()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, ("k", "v"));
        await storage.CheckpointAsync(store, wal, shutdown: false, "immediate force wait", _log.Add, _clock);
        var snapshot = File.ReadAllBytes(_dir.Combine("base", "kv.snapshot"));
        _log.Clear();

        await storage.CheckpointAsync(store, wal, shutdown: false, "immediate force wait", _log.Add, _clock);
        wal.Dispose();

        Assert.StartsWith("checkpoint complete: wrote 0 buffers (0.0%);", _log[1], StringComparison.Ordinal);
        Assert.Contains("; sync files=0, ", _log[1], StringComparison.Ordinal);
        Assert.Equal(snapshot, File.ReadAllBytes(_dir.Combine("base", "kv.snapshot")));
        Assert.False(File.Exists(_dir.Combine("base", "kv.delta")));
        Assert.Equal([KeyValuePair.Create("k", (string?)"v")], Recover().Recovered.Rows);
    }

    [Fact]
    public async Task Between_whole_snapshots_a_checkpoint_should_write_the_changed_rows_as_a_delta_that_recovery_applies()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, [.. Enumerable.Range(0, 40).Select(i => ($"k{i:D2}", "1"))]);
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock); // every row changed: a whole snapshot
        var snapshot = File.ReadAllBytes(_dir.Combine("base", "kv.snapshot"));
        await CommitAsync(store, ("k01", "2"), ("k02", "2"), ("new", "3"));
        var deletion = store.Begin();
        await deletion.DeleteAsync("k03");
        await deletion.CommitAsync(waitForFlush: true);

        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        await CommitAsync(store, ("k04", "after the checkpoint"));
        wal.Dispose(); // a crash

        Assert.Equal(snapshot, File.ReadAllBytes(_dir.Combine("base", "kv.snapshot")));
        var delta = KvDeltaFile.Read(_files, _dir.Path);
        Assert.Equal(["k01", "k02", "k03", "new"], delta.Changes.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.True(delta.Changes.Single(c => c.Key == "k03").Deleted);
        Assert.Equal(storage.Control.Redo, delta.Redo);
        var (_, recovered) = Recover();
        Assert.Equal(40, recovered.Rows.Count);
        Assert.Equal(("2", "3", "after the checkpoint"), (recovered.Rows["k01"], recovered.Rows["new"], recovered.Rows["k04"]));
        Assert.False(recovered.Rows.ContainsKey("k03"));
        Assert.Equal(["k01", "k02", "k03", "k04", "new"], recovered.ChangedSinceSnapshot.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task After_recovery_the_next_delta_should_still_hold_the_rows_of_the_previous_one()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, [.. Enumerable.Range(0, 40).Select(i => ($"k{i:D2}", "1"))]);
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        await CommitAsync(store, ("k01", "2"));
        await storage.CheckpointAsync(store, wal, shutdown: true, "shutdown immediate", _log.Add, _clock);
        wal.Dispose();

        var (storage2, store2, wal2) = Open();
        await CommitAsync(store2, ("k02", "2"));
        await storage2.CheckpointAsync(store2, wal2, shutdown: false, "time", _log.Add, _clock);
        wal2.Dispose();

        Assert.Equal(["k01", "k02"], KvDeltaFile.Read(_files, _dir.Path).Changes.Select(c => c.Key).Order(StringComparer.Ordinal));
        var (_, recovered) = Recover();
        Assert.Equal(("2", "2", "1"), (recovered.Rows["k01"], recovered.Rows["k02"], recovered.Rows["k03"]));
    }

    [Fact]
    public async Task A_failed_checkpoint_should_leave_its_changes_to_the_next_one()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, [.. Enumerable.Range(0, 40).Select(i => ($"k{i:D2}", "1"))]);
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        await CommitAsync(store, ("k01", "2"));
        _files.FailNextFlushes(1, only: path => path.Contains("kv.delta", StringComparison.Ordinal));
        await Assert.ThrowsAsync<IOException>(() => storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock));

        await storage.CheckpointAsync(store, wal, shutdown: true, "shutdown immediate", _log.Add, _clock);
        wal.Dispose();

        Assert.Equal(["k01"], KvDeltaFile.Read(_files, _dir.Path).Changes.Select(c => c.Key));
        Assert.Equal("2", Recover().Recovered.Rows["k01"]);
    }

    [Fact]
    public async Task A_whole_snapshot_should_replace_the_delta()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, [.. Enumerable.Range(0, 40).Select(i => ($"k{i:D2}", "1"))]);
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        await CommitAsync(store, ("k01", "2"));
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        Assert.True(File.Exists(_dir.Combine("base", "kv.delta")));

        await CommitAsync(store, [.. Enumerable.Range(0, 10).Select(i => ($"k{i:D2}", "3"))]); // a quarter of the table
        await storage.CheckpointAsync(store, wal, shutdown: true, "shutdown immediate", _log.Add, _clock);
        wal.Dispose();

        Assert.False(File.Exists(_dir.Combine("base", "kv.delta")));
        var snapshot = KvSnapshotFile.Read(_files, _dir.Path);
        Assert.Equal(storage.Control.Redo, snapshot.Redo);
        Assert.Equal("3", snapshot.Rows.Single(r => r.Key == "k01").Value);
    }

    [Fact]
    public async Task A_damaged_snapshot_should_refuse_recovery_at_once_and_not_at_the_first_use_of_the_table()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, ("k", "v"));
        await storage.CheckpointAsync(store, wal, shutdown: true, "shutdown immediate", _log.Add, _clock);
        wal.Dispose();
        FileDamage.FlipBits(_dir.Combine("base", "kv.snapshot"), 22, 0x01);

        var refused = Assert.Throws<InvalidDataException>(() => Recover());

        Assert.Equal("incorrect checksum in file \"base/kv.snapshot\"", refused.Message);
    }

    [Fact]
    public async Task Recovery_with_few_changes_should_checkpoint_them_without_building_the_table_from_the_snapshot()
    {
        var (storage, store, wal) = Open();
        await CommitAsync(store, [.. Enumerable.Range(0, 40).Select(i => ($"k{i:D2}", "1"))]);
        await storage.CheckpointAsync(store, wal, shutdown: false, "time", _log.Add, _clock);
        await CommitAsync(store, ("k01", "2"));
        wal.Dispose(); // a crash

        var (after, recovered) = Recover();
        using var wal2 = new WalLog(new WalSegmentWriter(_files, after.WalDirectory, 1, SegmentSize, recovered.EndOfWal, recovered.LastRecord));
        var store2 = new KvStore(wal2, recovered.Table, recovered.NextXid, _clock, recovered.ChangedSinceCheckpoint);
        await after.CheckpointAsync(store2, wal2, shutdown: false, "end-of-recovery immediate wait", _log.Add, _clock);

        Assert.False(recovered.Table.IsLoaded);
        Assert.Equal([new KvChange("k01", "2", false)], KvDeltaFile.Read(_files, _dir.Path).Changes);
        Assert.Equal(40, store2.Count); // built now
        Assert.True(recovered.Table.IsLoaded);
    }

    private (ClusterStorage Storage, Recovered Recovered) Recover() => ClusterStorage.Recover(_files, _dir.Path, _log.Add, _clock);

    private (ClusterStorage Storage, KvStore Store, WalLog Wal) Open()
    {
        var (storage, recovered) = Recover();
        storage.MarkInProduction(Start); // as the startup process does when recovery is done
        var wal = new WalLog(new WalSegmentWriter(_files, storage.WalDirectory, 1, SegmentSize, recovered.EndOfWal, recovered.LastRecord));
        return (storage, new KvStore(wal, recovered.Table, recovered.NextXid, _clock, recovered.ChangedSinceCheckpoint), wal);
    }

    private static async Task CommitAsync(KvStore store, params (string Key, string Value)[] rows)
    {
        var transaction = store.Begin();
        foreach (var (key, value) in rows)
        {
            if (!await transaction.UpdateAsync(key, value))
            {
                await transaction.TryInsertAsync(key, value);
            }
        }

        await transaction.CommitAsync(waitForFlush: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
