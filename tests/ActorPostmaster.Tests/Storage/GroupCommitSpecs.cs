using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class GroupCommitSpecs : IDisposable
{
    private const int SegmentSize = 1024 * 1024;
    private static readonly Lsn FirstLsn = WalSegments.StartOf(1, SegmentSize);
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);
    private readonly WalLog _wal;

    public GroupCommitSpecs() =>
        _wal = new WalLog(new WalSegmentWriter(_files, _dir.Combine("pg_wal"), 1, SegmentSize, FirstLsn, Lsn.Invalid));

    public void Dispose()
    {
        _wal.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Commits_waiting_together_should_share_one_fdatasync()
    {
        await _wal.WaitForFlushAsync(Commit(1, "first").End); // creates the segment
        var before = _files.Flushes;

        var ends = Enumerable.Range(0, 50).Select(i => Commit((uint)(10 + i), $"k{i}").End).ToList();
        await Task.WhenAll(ends.Select(end => _wal.WaitForFlushAsync(end).AsTask()));

        Assert.Equal(1, _files.Flushes - before);
        Assert.Equal(new Lsn(ends[^1]), _wal.FlushedUpTo);
    }

    [Fact]
    public async Task A_flushed_commit_should_be_read_back_with_its_changes_in_order()
    {
        var (start, end) = _wal.AppendCommit(7, [new KvChange("a", "1", false), new KvChange("b", null, false), new KvChange("a", null, true)], Time);
        await _wal.WaitForFlushAsync(end);

        using var reader = new WalReader(_files, _dir.Combine("pg_wal"), 1, SegmentSize, FirstLsn);
        var records = new List<WalRecord>();
        while (reader.ReadRecord() is { } record)
        {
            records.Add(record);
        }

        Assert.Equal(FirstLsn, new Lsn(start));
        Assert.Equal(
            [WalRecordKind.Put, WalRecordKind.Put, WalRecordKind.Delete, WalRecordKind.Commit],
            records.Select(r => r.Kind));
        Assert.All(records, r => Assert.Equal(7u, r.Xid));
        Assert.Equal(("a", "1"), records[0].DecodePut());
        Assert.Equal(("b", (string?)null), records[1].DecodePut());
        Assert.Equal("a", records[2].DecodeDelete());
        Assert.Equal(new Lsn(end), reader.EndOfWal);
    }

    [Fact]
    public async Task A_failed_fdatasync_should_fail_its_waiters_and_every_later_commit()
    {
        await _wal.WaitForFlushAsync(Commit(1, "first").End);
        _files.FailNextFlushes(1);

        var failed = await Assert.ThrowsAsync<IOException>(async () => await _wal.WaitForFlushAsync(Commit(2, "second").End));

        Assert.Contains("Input/output error", failed.Message, StringComparison.Ordinal);
        Assert.Same(failed, _wal.Failure);
        Assert.Throws<IOException>(() => Commit(3, "third"));
        await Assert.ThrowsAsync<IOException>(() => _wal.FlushAllAsync());
    }

    [Fact]
    public async Task A_flush_request_for_what_is_already_durable_should_complete_at_once()
    {
        var end = Commit(1, "k").End;
        await _wal.WaitForFlushAsync(end);
        var before = _files.Flushes;

        Assert.True(_wal.FlushAsync(new Lsn(end)).IsCompleted);
        await _wal.FlushAllAsync();

        Assert.Equal(before, _files.Flushes);
    }

    [Fact]
    public async Task With_fsync_off_a_flush_should_write_without_fdatasync()
    {
        var fsync = true;
        using var dir = new TempDirectory();
        using var wal = new WalLog(new WalSegmentWriter(_files, dir.Combine("pg_wal"), 1, SegmentSize, FirstLsn, Lsn.Invalid), () => fsync);
        await wal.WaitForFlushAsync(wal.AppendCommit(1, [new KvChange("a", "1", false)], Time).End); // creates the segment
        fsync = false;
        var before = _files.Flushes;

        var end = wal.AppendCommit(2, [new KvChange("b", "2", false)], Time).End;
        await wal.WaitForFlushAsync(end);

        Assert.Equal(before, _files.Flushes);
        Assert.Equal(new Lsn(end), wal.FlushedUpTo);
        using var reader = new WalReader(_files, dir.Combine("pg_wal"), 1, SegmentSize, FirstLsn);
        var records = 0;
        while (reader.ReadRecord() is not null)
        {
            records++;
        }

        Assert.Equal(4, records); // written to the file all the same
    }

    private (ulong Start, ulong End) Commit(uint xid, string key) =>
        _wal.AppendCommit(xid, [new KvChange(key, "v", false)], Time);
}
