using System.Globalization;
using System.Numerics;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. WAL segment arithmetic and file names (xlog_internal.h: XLogFileName, XLogFromFileName,
/// XLByteToSeg, XLogSegNoOffsetToRecPtr, IsValidWalSegSize).
/// </summary>
internal static class WalSegments
{
    /// <summary>The default <c>wal_segment_size</c>, 16 MB.</summary>
    public const int DefaultSegmentSize = 16 * 1024 * 1024;

    /// <summary>The smallest valid segment size, 1 MB (WalSegMinSize).</summary>
    public const int MinSegmentSize = 1024 * 1024;

    /// <summary>The largest valid segment size, 1 GB (WalSegMaxSize).</summary>
    public const int MaxSegmentSize = 1024 * 1024 * 1024;

    /// <summary>The length of a segment file name: 24 hexadecimal digits.</summary>
    public const int FileNameLength = 24;

    /// <summary>IsValidWalSegSize: a power of two from 1 MB to 1 GB.</summary>
    /// <param name="segmentSize">The size in bytes.</param>
    /// <returns>Whether the size is valid.</returns>
    public static bool IsValidSegmentSize(long segmentSize) =>
        segmentSize is >= MinSegmentSize and <= MaxSegmentSize && BitOperations.IsPow2(segmentSize);

    /// <summary>
    /// Refuses an invalid segment size with initdb's message, <c>argument of --wal-segsize must be a power of 2
    /// between 1 and 1024</c> (PostgreSQL 15's wording: "power of 2", the range in megabytes).
    /// </summary>
    /// <remarks>
    /// initdb checks a number of megabytes given on its command line; this check runs on a size in bytes from any
    /// caller (a writer, a reader, a control file being written), so the text is initdb's but the condition is
    /// broader. A size read from an existing control file is reported with ReadControlFile's own message instead
    /// (<see cref="ControlFileData.Decode"/>).
    /// </remarks>
    /// <param name="segmentSize">The size in bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is not a power of two from 1 MB to 1 GB.</exception>
    public static void ValidateSegmentSize(long segmentSize)
    {
        if (!IsValidSegmentSize(segmentSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(segmentSize), segmentSize, "argument of --wal-segsize must be a power of 2 between 1 and 1024");
        }
    }

    /// <summary>XLogSegmentsPerXLogId: segments per 4 GB "xlogid".</summary>
    /// <param name="segmentSize">The segment size.</param>
    /// <returns><c>0x100000000 / segmentSize</c>.</returns>
    public static ulong SegmentsPerXLogId(int segmentSize)
    {
        ValidateSegmentSize(segmentSize);
        return 0x1_0000_0000UL / (ulong)segmentSize;
    }

    /// <summary>XLogFileName: <c>%08X%08X%08X</c> of timeline, <c>segno / perId</c>, <c>segno % perId</c>.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="segmentNumber">The segment number.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <returns>For example <c>000000010000000000000001</c>.</returns>
    public static string FileName(uint timeline, ulong segmentNumber, int segmentSize)
    {
        var perId = SegmentsPerXLogId(segmentSize);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{timeline:X8}{(uint)(segmentNumber / perId):X8}{(uint)(segmentNumber % perId):X8}");
    }

    /// <summary>XLogFromFileName: the timeline and segment number of a segment file name.</summary>
    /// <param name="fileName">The file name (24 upper-case hexadecimal digits).</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <param name="timeline">The timeline.</param>
    /// <param name="segmentNumber">The segment number.</param>
    /// <returns>Whether the name is a segment file name (IsXLogFileName).</returns>
    public static bool TryParseFileName(string? fileName, int segmentSize, out uint timeline, out ulong segmentNumber)
    {
        timeline = 0;
        segmentNumber = 0;
        if (fileName is null || fileName.Length != FileNameLength || !fileName.All(c => char.IsAsciiHexDigitUpper(c) || char.IsAsciiDigit(c)))
        {
            return false;
        }

        var perId = SegmentsPerXLogId(segmentSize);
        timeline = uint.Parse(fileName.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var log = uint.Parse(fileName.AsSpan(8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var seg = uint.Parse(fileName.AsSpan(16, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (seg >= perId)
        {
            return false;
        }

        segmentNumber = (log * perId) + seg;
        return true;
    }

    /// <summary>XLByteToSeg: the segment holding a position.</summary>
    /// <param name="lsn">The position.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <returns>The segment number.</returns>
    public static ulong SegmentOf(Lsn lsn, int segmentSize) => lsn.Value / (ulong)segmentSize;

    /// <summary>XLogSegmentOffset: the offset of a position inside its segment.</summary>
    /// <param name="lsn">The position.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <returns>The offset.</returns>
    public static int OffsetOf(Lsn lsn, int segmentSize) => (int)(lsn.Value % (ulong)segmentSize);

    /// <summary>XLogSegNoOffsetToRecPtr with offset 0: the first position of a segment.</summary>
    /// <param name="segmentNumber">The segment number.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <returns>The position.</returns>
    public static Lsn StartOf(ulong segmentNumber, int segmentSize) => new(segmentNumber * (ulong)segmentSize);
}
