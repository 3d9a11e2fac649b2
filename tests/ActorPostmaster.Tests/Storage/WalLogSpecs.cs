using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

/// <summary>WalSegmentWriter and WalReader together, on 1 MB segments in a real temp directory.</summary>
public sealed class WalLogSpecs : IDisposable
{
    private const int SegmentSize = 1024 * 1024;
    private const uint Timeline = 1;
    private static readonly Lsn FirstLsn = WalSegments.StartOf(1, SegmentSize);

    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);
    private readonly string _wal;

    public WalLogSpecs() => _wal = _dir.Combine("pg_wal");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Many_records_should_round_trip_across_several_segments()
    {
        var random = new Random(42);
        var written = new List<(Lsn Lsn, string Key, string Value)>();
        using (var writer = NewWriter())
        {
            for (var i = 0; i < 3000; i++)
            {
                var (key, value) = ($"key{i}", new string((char)('a' + (i % 26)), random.Next(0, 2000)));
                written.Add((writer.Append(WalRecord.Put((uint)i, key, value)), key, value));
            }

            writer.Flush();
            Assert.Equal(writer.EndOfWal, writer.FlushedUpTo);
        }

        Assert.True(written.Count(w => WalSegments.OffsetOf(w.Lsn, SegmentSize) == 0) >= 2, "records should skip to new segments");
        Assert.All(written, w => Assert.Equal(0UL, w.Lsn.Value % 8));
        var (records, reader) = ReadAll(FirstLsn);
        Assert.Equal(written.Select(w => (w.Lsn, w.Key, (string?)w.Value)), records.Select(r => (r.Lsn, r.DecodePut().Key, r.DecodePut().Value)));
        Assert.Equal(records[^1].End, reader.EndOfWal);
        Assert.Equal(WalRecord.InvalidLength(WalRecord.Align(records[^1].End), 0), reader.EndReason);
        Assert.All(Directory.GetFiles(_wal), f => Assert.Equal(SegmentSize, new FileInfo(f).Length));
        Assert.Contains(Path.Combine(_wal, "000000010000000000000001"), Directory.GetFiles(_wal));
        Assert.False(File.Exists(Path.Combine(_wal, "xlogtemp")));
    }

    [Fact]
    public void Records_exactly_filling_a_segment_should_continue_at_the_next_segments_first_byte()
    {
        var lsns = WriteFullSegments(2, extra: 10);

        Assert.Equal(FirstLsn + (SegmentSize - 1024), lsns[1023]);
        Assert.Equal(WalSegments.StartOf(2, SegmentSize), lsns[1024]);
        Assert.Equal(WalSegments.StartOf(3, SegmentSize), lsns[2048]);
        var (records, _) = ReadAll(FirstLsn);
        Assert.Equal(lsns, records.Select(r => r.Lsn));
    }

    [Fact]
    public void A_missing_segment_should_end_the_wal_naming_the_file()
    {
        var lsns = WriteFullSegments(2, extra: 10);
        File.Delete(Path.Combine(_wal, "000000010000000000000003"));

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns.Take(2048), records.Select(r => r.Lsn));
        Assert.Equal("could not open file \"pg_wal/000000010000000000000003\": No such file or directory", reader.EndReason);
    }

    [Fact]
    public void A_zeroed_last_record_should_end_replay_cleanly_at_the_previous_record()
    {
        var lsns = WriteKeys(20);
        FileDamage.Zero(SegmentPath(1), WalSegments.OffsetOf(lsns[^1], SegmentSize), 64);

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns[..^1], records.Select(r => r.Lsn));
        Assert.Equal($"invalid record length at {lsns[^1]}: wanted 24, got 0", reader.EndReason);
        Assert.Equal(lsns[^2], reader.LastRecord);
        Assert.Equal(records[^1].End, reader.EndOfWal);
    }

    [Fact]
    public void A_torn_last_record_should_end_replay_cleanly_and_be_overwritten_by_the_next_writer()
    {
        var lsns = WriteKeys(20).ToList();
        Lsn torn;
        using (var writer = ResumeWriter())
        {
            lsns.Add(writer.Append(WalRecord.Put(21, "intact", "i")));
            writer.Flush();
            var before = writer.WrittenUpTo;
            var record = WalRecord.Put(99, "torn", new string('t', 500));
            torn = writer.Append(record);
            _files.TearNextWrite((int)(torn - before) + (record.TotalLength / 2));
            Assert.Throws<IOException>(writer.Flush);
        }

        var (records, reader) = ReadAll(FirstLsn);
        Assert.Equal(lsns, records.Select(r => r.Lsn));
        Assert.Equal($"incorrect resource manager data checksum in record at {torn}", reader.EndReason);

        using (var writer = ResumeWriter())
        {
            writer.Append(WalRecord.Put(100, "short", "s"));
            writer.Flush();
        }

        (records, reader) = ReadAll(FirstLsn);
        Assert.Equal(22, records.Count);
        Assert.Equal(("short", (string?)"s"), records[^1].DecodePut());
        Assert.Equal(WalRecord.InvalidLength(WalRecord.Align(records[^1].End), 0), reader.EndReason);
    }

    [Fact]
    public void Flipped_bits_in_the_middle_should_end_replay_at_the_corrupted_record()
    {
        var lsns = WriteKeys(100);
        FileDamage.FlipBits(SegmentPath(1), WalSegments.OffsetOf(lsns[50], SegmentSize) + WalRecord.HeaderSize + 2, 0x10);

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns[..50], records.Select(r => r.Lsn));
        Assert.Equal($"incorrect resource manager data checksum in record at {lsns[50]}", reader.EndReason);
    }

    [Fact]
    public void A_wrong_prev_link_should_end_replay_with_postgresqls_message()
    {
        var lsns = WriteKeys(30);
        FileDamage.FlipBits(SegmentPath(1), WalSegments.OffsetOf(lsns[10], SegmentSize) + 8, 0x08);

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns[..10], records.Select(r => r.Lsn));
        Assert.Equal($"record with incorrect prev-link {new Lsn(lsns[9].Value ^ 0x08)} at {lsns[10]}", reader.EndReason);
    }

    [Fact]
    public void A_failed_flush_should_propagate_and_not_advance_the_flush_position()
    {
        using var writer = NewWriter();
        writer.Append(WalRecord.Put(1, "a", "b"));
        writer.Flush();
        var flushed = writer.FlushedUpTo;
        writer.Append(WalRecord.Commit(1, DateTimeOffset.UnixEpoch));
        _files.FailNextFlushes(1);

        var e = Assert.Throws<IOException>(writer.Flush);

        Assert.Equal($"could not fdatasync file \"{SegmentPath(1)}\": Input/output error", e.Message);
        Assert.Equal(flushed, writer.FlushedUpTo);
    }

    [Fact]
    public void A_new_segment_should_be_zero_filled_synced_and_its_directory_synced_before_use()
    {
        using var writer = NewWriter();
        writer.Append(WalRecord.Abort(1));
        writer.Write();

        Assert.Equal(SegmentSize, new FileInfo(SegmentPath(1)).Length);
        Assert.Equal(1, _files.Flushes);
        Assert.Equal(1, _files.DirectorySyncs);
        writer.Flush();
        Assert.Equal(2, _files.Flushes);
    }

    [Fact]
    public void A_full_disk_while_creating_a_segment_should_propagate_and_leave_no_segment()
    {
        using var writer = NewWriter();
        writer.Append(WalRecord.Abort(1));
        _files.DiskFullAfter(1000);

        var e = Assert.Throws<IOException>(writer.Flush);

        Assert.Equal("No space left on device", e.Message);
        Assert.False(File.Exists(SegmentPath(1)));
    }

    [Fact]
    public void Segments_wholly_before_the_redo_point_should_be_removed_and_named()
    {
        var lsns = WriteFullSegments(3, extra: 1);
        using var writer = ResumeWriter();

        var removed = writer.RemoveSegmentsBefore(lsns[2048 + 5]);

        Assert.Equal(["000000010000000000000001", "000000010000000000000002"], removed);
        Assert.Equal(
            ["000000010000000000000003", "000000010000000000000004"],
            Directory.GetFiles(_wal).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_checkpoint_record_should_be_read_at_the_control_files_lsn()
    {
        var checkpoint = new CheckpointPayload(FirstLsn, 5, Timeline, false, DateTimeOffset.UnixEpoch);
        Lsn put, at;
        using (var writer = NewWriter())
        {
            put = writer.Append(WalRecord.Put(1, "a", "b"));
            at = writer.Append(WalRecord.Checkpoint(checkpoint));
            writer.Flush();
        }

        Assert.Equal(checkpoint, WalReader.ReadCheckpointRecord(_files, _wal, Timeline, SegmentSize, at).DecodeCheckpoint());
        var notCheckpoint = Assert.Throws<InvalidCheckpointRecordException>(
            () => WalReader.ReadCheckpointRecord(_files, _wal, Timeline, SegmentSize, put));
        Assert.Equal("could not locate a valid checkpoint record", notCheckpoint.Message);
        Assert.Equal("invalid xl_info in checkpoint record", notCheckpoint.Reason);
        FileDamage.FlipBits(SegmentPath(1), WalSegments.OffsetOf(at, SegmentSize) + 30);
        var corrupt = Assert.Throws<InvalidCheckpointRecordException>(
            () => WalReader.ReadCheckpointRecord(_files, _wal, Timeline, SegmentSize, at));
        Assert.Equal($"incorrect resource manager data checksum in record at {at}", corrupt.Reason);
    }

    private WalSegmentWriter NewWriter() => new(_files, _wal, Timeline, SegmentSize, FirstLsn, Lsn.Invalid);

    private WalSegmentWriter ResumeWriter()
    {
        var (_, reader) = ReadAll(FirstLsn);
        return new WalSegmentWriter(_files, _wal, Timeline, SegmentSize, reader.EndOfWal, reader.LastRecord);
    }

    private string SegmentPath(ulong segment) => Path.Combine(_wal, WalSegments.FileName(Timeline, segment, SegmentSize));

    private (List<WalRecord> Records, WalReader Reader) ReadAll(Lsn start)
    {
        using var reader = new WalReader(_files, _wal, Timeline, SegmentSize, start, Lsn.Invalid);
        var records = new List<WalRecord>();
        while (reader.ReadRecord() is { } record)
        {
            records.Add(record);
        }

        Assert.NotNull(reader.EndReason);
        return (records, reader);
    }

    private Lsn[] WriteKeys(int count)
    {
        using var writer = NewWriter();
        var lsns = Enumerable.Range(0, count).Select(i => writer.Append(WalRecord.Put((uint)i, $"k{i}", $"value {i}"))).ToArray();
        writer.Flush();
        return lsns;
    }

    /// <summary>Records of exactly 1024 bytes: 1024 fill a segment.</summary>
    private Lsn[] WriteFullSegments(int segments, int extra)
    {
        using var writer = NewWriter();
        var lsns = new List<Lsn>();
        for (var i = 0; i < (segments * 1024) + extra; i++)
        {
            var record = WalRecord.Put((uint)i, $"k{i:D4}", new string('v', 1000 - 13));
            Assert.Equal(1024, record.TotalLength);
            lsns.Add(writer.Append(record));
        }

        writer.Flush();
        return [.. lsns];
    }
}
