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

    private (ClusterStorage Storage, Recovered Recovered) Recover() => ClusterStorage.Recover(_files, _dir.Path, _log.Add, _clock);

    private (ClusterStorage Storage, KvStore Store, WalLog Wal) Open()
    {
        var (storage, recovered) = Recover();
        storage.MarkInProduction(Start); // as the startup process does when recovery is done
        var wal = new WalLog(new WalSegmentWriter(_files, storage.WalDirectory, 1, SegmentSize, recovered.EndOfWal, recovered.LastRecord));
        return (storage, new KvStore(wal, recovered.Rows, recovered.NextXid, _clock), wal);
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
