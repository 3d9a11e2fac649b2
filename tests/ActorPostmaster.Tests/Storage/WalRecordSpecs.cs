using System.Buffers.Binary;
using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class WalRecordSpecs
{
    private static readonly Lsn At = Lsn.Parse("0/1000040");
    private static readonly Lsn Prev = Lsn.Parse("0/1000018");

    [Fact]
    public void The_header_should_have_the_documented_little_endian_layout_and_crc()
    {
        var bytes = WalRecord.Put(7, "k", "v").At(At, Prev).Encode();

        Assert.Equal(24 + 4 + 1 + 4 + 1, bytes.Length);
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(7u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(Prev.Value, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal((byte)WalRecordKind.Put, bytes[16]);
        Assert.Equal(new byte[3], bytes[17..20]);
        var crc = Crc32C.Append(Crc32C.Compute(bytes.AsSpan(0, 20)), bytes.AsSpan(24));
        Assert.Equal(crc, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void Every_payload_should_round_trip_through_encode_and_decode()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1230);
        var checkpoint = new CheckpointPayload(Lsn.Parse("0/1000028"), 742, 3, true, time);

        Assert.Equal(("clé", (string?)"välue"), RoundTrip(WalRecord.Put(1, "clé", "välue")).DecodePut());
        Assert.Equal(("k", (string?)null), RoundTrip(WalRecord.Put(1, "k", null)).DecodePut());
        Assert.Equal(("", (string?)""), RoundTrip(WalRecord.Put(1, "", "")).DecodePut());
        Assert.Equal("gone", RoundTrip(WalRecord.Delete(2, "gone")).DecodeDelete());
        Assert.Equal(time, RoundTrip(WalRecord.Commit(3, time)).DecodeCommit());
        Assert.Equal(checkpoint, RoundTrip(WalRecord.Checkpoint(checkpoint)).DecodeCheckpoint());
        Assert.Equal(99u, RoundTrip(WalRecord.NextXid(99)).DecodeNextXid());
        var abort = RoundTrip(WalRecord.Abort(4));
        Assert.Equal(WalRecordKind.Abort, abort.Kind);
        Assert.Equal(4u, abort.Xid);
        Assert.True(abort.Payload.IsEmpty);
    }

    [Fact]
    public void Decoding_the_wrong_payload_kind_should_fail()
    {
        Assert.Throws<InvalidOperationException>(() => WalRecord.Delete(1, "k").DecodePut());
    }

    [Fact]
    public void A_flipped_payload_bit_should_fail_the_checksum()
    {
        var bytes = WalRecord.Put(1, "key", "value").At(At, Prev).Encode();
        bytes[30] ^= 0x04;

        Assert.False(WalRecord.TryDecode(bytes, At, Prev, out _, out var error));
        Assert.Equal("incorrect resource manager data checksum in record at 0/1000040", error);
    }

    [Fact]
    public void A_wrong_prev_link_should_be_reported_before_the_checksum()
    {
        var bytes = WalRecord.Abort(1).At(At, Prev).Encode();

        Assert.False(WalRecord.TryDecode(bytes, At, Lsn.Parse("0/1000020"), out _, out var error));
        Assert.Equal("record with incorrect prev-link 0/1000018 at 0/1000040", error);
        Assert.True(WalRecord.TryDecode(bytes, At, null, out _, out _));
        Assert.False(WalRecord.TryDecode(WalRecord.Abort(1).At(At, At).Encode(), At, null, out _, out _));
    }

    [Fact]
    public void An_impossible_length_or_kind_should_be_refused()
    {
        var bytes = WalRecord.Abort(1).At(At, Prev).Encode();

        Assert.False(WalRecord.TryDecode(new byte[24], At, Prev, out _, out var error));
        Assert.Equal("invalid record length at 0/1000040: wanted 24, got 0", error);
        bytes[16] = 200;
        Assert.False(WalRecord.TryDecode(bytes, At, Prev, out _, out error));
        Assert.Equal("invalid resource manager ID 200 at 0/1000040", error);
    }

    private static WalRecord RoundTrip(WalRecord record)
    {
        Assert.True(WalRecord.TryDecode(record.At(At, Prev).Encode(), At, Prev, out var decoded, out var error), error);
        Assert.Equal(record.Kind, decoded!.Kind);
        Assert.Equal(record.Xid, decoded.Xid);
        Assert.Equal(At, decoded.Lsn);
        Assert.Equal(Prev, decoded.Prev);
        return decoded;
    }
}
