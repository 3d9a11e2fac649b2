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
        Lsn put, nextXid, at;
        using (var writer = NewWriter())
        {
            put = writer.Append(WalRecord.Put(1, "a", "b"));
            nextXid = writer.Append(WalRecord.NextXid(100));
            at = writer.Append(WalRecord.Checkpoint(checkpoint));
            writer.Flush();
        }

        Assert.Equal(checkpoint, WalReader.ReadCheckpointRecord(_files, _wal, Timeline, SegmentSize, at).DecodeCheckpoint());
        var notCheckpoint = ReadCheckpointFailure(put);
        Assert.Equal("could not locate a valid checkpoint record", notCheckpoint.Message);
        Assert.Equal("invalid resource manager ID in primary checkpoint record", notCheckpoint.Reason);
        Assert.Null(notCheckpoint.ReaderError);
        Assert.Equal("invalid xl_info in primary checkpoint record", ReadCheckpointFailure(nextXid).Reason);
        FileDamage.FlipBits(SegmentPath(1), WalSegments.OffsetOf(at, SegmentSize) + 30);
        var corrupt = ReadCheckpointFailure(at);
        Assert.Equal("invalid primary checkpoint record", corrupt.Reason);
        Assert.Equal($"incorrect resource manager data checksum in record at {at}", corrupt.ReaderError);
    }

    [Fact]
    public void A_checkpoint_record_with_a_short_payload_should_be_refused_for_its_length()
    {
        Lsn at;
        using (var writer = NewWriter())
        {
            at = writer.Append(new WalRecord(Lsn.Invalid, 0, Lsn.Invalid, WalRecordKind.Checkpoint, new byte[5]));
            writer.Flush();
        }

        var e = ReadCheckpointFailure(at);

        Assert.Equal("invalid length of primary checkpoint record", e.Reason);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void An_impossible_checkpoint_position_should_be_an_invalid_link_in_the_control_file()
    {
        WriteKeys(1);

        foreach (var link in new[] { Lsn.Invalid, FirstLsn + 4, WalSegments.StartOf(2, SegmentSize) + (-8) })
        {
            var e = ReadCheckpointFailure(link);
            Assert.Equal("invalid primary checkpoint link in control file", e.Reason);
            Assert.Null(e.ReaderError);
        }
    }

    [Fact]
    public void A_checkpoint_position_in_a_missing_segment_or_at_zeroes_should_give_the_readers_message()
    {
        var lsns = WriteSegmentEndingInZeroes();
        var zeroes = lsns[^2] + 1024;

        var atZeroes = ReadCheckpointFailure(zeroes);
        Assert.Equal("invalid primary checkpoint record", atZeroes.Reason);
        Assert.Equal($"invalid record length at {zeroes}: wanted 24, got 0", atZeroes.ReaderError);

        var missing = ReadCheckpointFailure(WalSegments.StartOf(5, SegmentSize));
        Assert.Equal("invalid primary checkpoint record", missing.Reason);
        Assert.Equal("could not open file \"pg_wal/000000010000000000000005\": No such file or directory", missing.ReaderError);
    }

    [Fact]
    public void A_checkpoint_record_whose_prev_link_is_not_before_it_should_be_refused_on_random_access()
    {
        Lsn at;
        using (var writer = NewWriter())
        {
            writer.Append(WalRecord.Put(1, "a", "b"));
            at = writer.Append(WalRecord.Checkpoint(new CheckpointPayload(FirstLsn, 5, Timeline, false, DateTimeOffset.UnixEpoch)));
            writer.Flush();
        }

        FileDamage.WriteUInt64(SegmentPath(1), WalSegments.OffsetOf(at, SegmentSize) + 8, at.Value);

        var e = ReadCheckpointFailure(at);
        Assert.Equal("invalid primary checkpoint record", e.Reason);
        Assert.Equal($"record with incorrect prev-link {at} at {at}", e.ReaderError);
    }

    [Fact]
    public void A_writer_resumed_mid_segment_should_zero_the_stale_tail()
    {
        // Before the crash: five records of one size; the fourth is then damaged, the fifth stays intact, its CRC
        // valid and its prev-link pointing at the fourth's position.
        var lsns = WriteKeys(5);
        FileDamage.FlipBits(SegmentPath(1), WalSegments.OffsetOf(lsns[3], SegmentSize) + WalRecord.HeaderSize + 2, 0x10);

        Lsn replacement;
        using (var writer = ResumeWriter())
        {
            // Same size as the damaged record, so it lands on the same LSN and the stale fifth record would follow
            // it with a matching prev-link.
            replacement = writer.Append(WalRecord.Put(9, "k9", "value 9"));
            writer.Flush();
        }

        Assert.Equal(lsns[3], replacement);
        var (records, reader) = ReadAll(FirstLsn);
        Assert.Equal(lsns[..4], records.Select(r => r.Lsn));
        Assert.Equal(("k9", (string?)"value 9"), records[^1].DecodePut());
        Assert.Equal($"invalid record length at {lsns[4]}: wanted 24, got 0", reader.EndReason);
        Assert.True(ReadSegment(1).AsSpan(WalSegments.OffsetOf(lsns[4], SegmentSize)).IndexOfAnyExcept((byte)0) < 0, "the stale tail should be zeroed");
    }

    [Theory]
    [InlineData(16, 99, 99)]
    [InlineData(16, 0, 0)]
    [InlineData(18, 1, 1)]
    public void An_unknown_kind_or_non_zero_header_padding_should_end_replay_with_an_invalid_resource_manager_id(
        int field, byte value, int printed)
    {
        var lsns = WriteKeys(20);
        FileDamage.WriteByte(SegmentPath(1), WalSegments.OffsetOf(lsns[7], SegmentSize) + field, value);

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns[..7], records.Select(r => r.Lsn));
        Assert.Equal($"invalid resource manager ID {printed} at {lsns[7]}", reader.EndReason);
    }

    [Fact]
    public void A_length_running_past_the_segment_should_end_replay_as_an_invalid_record_length()
    {
        var lsns = WriteKeys(20);
        FileDamage.WriteUInt32(SegmentPath(1), WalSegments.OffsetOf(lsns[12], SegmentSize), 0x7FFF_FFF0);

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns[..12], records.Select(r => r.Lsn));
        Assert.Equal($"invalid record length at {lsns[12]}: wanted 24, got 2147483632", reader.EndReason);
        Assert.Equal(records[^1].End, reader.EndOfWal);
    }

    [Theory]
    [InlineData(10, 10, 24)]
    [InlineData(30, 30, 41)]
    public void A_truncated_segment_file_should_end_replay_with_a_short_read(int keep, int read, int wanted)
    {
        var lsns = WriteKeys(20);
        Assert.Equal(41, WalRecord.Put(5, "k5", "value 5").TotalLength);
        var offset = WalSegments.OffsetOf(lsns[5], SegmentSize);
        using (var stream = new FileStream(SegmentPath(1), FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(offset + keep);
        }

        var (records, reader) = ReadAll(FirstLsn);

        Assert.Equal(lsns[..5], records.Select(r => r.Lsn));
        Assert.Equal(
            $"could not read from log segment 000000010000000000000001, offset {offset}: read {read} of {wanted}", reader.EndReason);
    }

    [Fact]
    public void A_zeroed_segment_tail_should_end_replay_there_when_the_next_segment_does_not_continue_the_chain()
    {
        var lsns = WriteSegmentEndingInZeroes();
        var zeroes = lsns[^2] + 1024;
        Assert.Equal(WalSegments.StartOf(2, SegmentSize), lsns[^1]);

        var (records, _) = ReadAll(FirstLsn);
        Assert.Equal(lsns, records.Select(r => r.Lsn));

        FileDamage.FlipBits(SegmentPath(2), 8, 0x08);
        var (unlinked, reader) = ReadAll(FirstLsn);
        Assert.Equal(lsns[..^1], unlinked.Select(r => r.Lsn));
        Assert.Equal($"invalid record length at {zeroes}: wanted 24, got 0", reader.EndReason);
        Assert.Equal(lsns[^2] + 1024, reader.EndOfWal);

        File.Delete(SegmentPath(2));
        (unlinked, reader) = ReadAll(FirstLsn);
        Assert.Equal(lsns[..^1], unlinked.Select(r => r.Lsn));
        Assert.Equal($"invalid record length at {zeroes}: wanted 24, got 0", reader.EndReason);
    }

    [Fact]
    public void Once_the_wal_has_ended_the_reader_should_keep_returning_null_with_the_same_reason()
    {
        var lsns = WriteKeys(3);
        using var reader = new WalReader(_files, _wal, Timeline, SegmentSize, FirstLsn, Lsn.Invalid);
        while (reader.ReadRecord() is not null)
        {
        }

        var reason = reader.EndReason;
        using (var writer = ResumeWriter())
        {
            writer.Append(WalRecord.Put(7, "late", "l"));
            writer.Flush();
        }

        Assert.Null(reader.ReadRecord());
        Assert.Equal(reason, reader.EndReason);
        Assert.Equal(lsns[^1], reader.LastRecord);
    }

    private InvalidCheckpointRecordException ReadCheckpointFailure(Lsn at) =>
        Assert.Throws<InvalidCheckpointRecordException>(() => WalReader.ReadCheckpointRecord(_files, _wal, Timeline, SegmentSize, at));

    private byte[] ReadSegment(ulong segment) => File.ReadAllBytes(SegmentPath(segment));

    /// <summary>1023 records of 1024 bytes, then one of 2048 that does not fit in the last 1024 and starts segment 2.</summary>
    private Lsn[] WriteSegmentEndingInZeroes()
    {
        using var writer = NewWriter();
        var lsns = new List<Lsn>();
        for (var i = 0; i < 1023; i++)
        {
            lsns.Add(writer.Append(WalRecord.Put((uint)i, $"k{i:D4}", new string('v', 1000 - 13))));
        }

        lsns.Add(writer.Append(WalRecord.Put(2000, "big", new string('b', 2000))));
        writer.Flush();
        return [.. lsns];
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
