using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class WalSegmentsSpecs
{
    private const int Mb = 1024 * 1024;

    [Theory]
    [InlineData(1u, 1UL, 16 * Mb, "000000010000000000000001")]
    [InlineData(1u, 0xFFUL, 16 * Mb, "0000000100000000000000FF")]
    [InlineData(1u, 0x100UL, 16 * Mb, "000000010000000100000000")]
    [InlineData(2u, 0x1234UL, Mb, "000000020000000100000234")]
    [InlineData(0xAu, 3UL, 1024 * Mb, "0000000A0000000000000003")]
    [InlineData(0xAu, 4UL, 1024 * Mb, "0000000A0000000100000000")]
    public void A_segment_should_be_named_as_XLogFileName_does(uint timeline, ulong segno, int size, string name)
    {
        Assert.Equal(name, WalSegments.FileName(timeline, segno, size));
        Assert.True(WalSegments.TryParseFileName(name, size, out var parsedTimeline, out var parsedSegno));
        Assert.Equal(timeline, parsedTimeline);
        Assert.Equal(segno, parsedSegno);
    }

    [Theory]
    [InlineData("00000001000000000000001")]
    [InlineData("0000000100000000000000010")]
    [InlineData("00000001000000000000000g")]
    [InlineData("000000010000000000000100")]
    [InlineData("00000001000000000000000A.partial")]
    public void A_name_that_is_no_segment_should_not_parse(string name)
    {
        Assert.False(WalSegments.TryParseFileName(name, 16 * Mb, out _, out _));
    }

    [Fact]
    public void Positions_should_map_to_segments_and_back()
    {
        Assert.Equal(1UL, WalSegments.SegmentOf(Lsn.Parse("0/15405A8"), 16 * Mb));
        Assert.Equal(0x15405A8 - (16 * Mb), WalSegments.OffsetOf(Lsn.Parse("0/15405A8"), 16 * Mb));
        Assert.Equal(Lsn.Parse("1/0"), WalSegments.StartOf(0x100, 16 * Mb));
        Assert.Equal(0x100UL, WalSegments.SegmentOf(Lsn.Parse("1/0"), 16 * Mb));
        Assert.Equal(0xFFUL, WalSegments.SegmentOf(Lsn.Parse("0/FFFFFFFF"), 16 * Mb));
    }

    [Theory]
    [InlineData(Mb, true)]
    [InlineData(16 * Mb, true)]
    [InlineData(1024 * Mb, true)]
    [InlineData(Mb / 2, false)]
    [InlineData(2048L * Mb, false)]
    [InlineData(3 * Mb, false)]
    [InlineData(0, false)]
    public void Only_powers_of_two_from_1_to_1024_MB_should_be_valid_segment_sizes(long size, bool valid)
    {
        Assert.Equal(valid, WalSegments.IsValidSegmentSize(size));
        if (!valid)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => WalSegments.ValidateSegmentSize(size));
            Assert.StartsWith("argument of --wal-segsize must be a power of 2 between 1 and 1024", e.Message, StringComparison.Ordinal);
        }
    }
}
