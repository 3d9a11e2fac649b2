using System.Globalization;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. Reads WAL records forward from a position through consecutive segment files until the end of
/// valid WAL (xlogreader.c: XLogReadRecord, ValidXLogRecordHeader, ValidXLogRecord; xlogrecovery.c: ReadRecord).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ReadRecord"/> returns each valid record, then null with <see cref="EndReason"/> saying why WAL ended,
/// in PostgreSQL 15's words: a zeroed tail or impossible length (<c>invalid record length at %X/%X: wanted 24, got
/// %u</c>), an unknown kind (<c>invalid resource manager ID</c>), a wrong prev-link (<c>record with incorrect
/// prev-link %X/%X at %X/%X</c>), a CRC mismatch (<c>incorrect resource manager data checksum in record at
/// %X/%X</c>), or a missing segment file (<c>could not open file "pg_wal/…": No such file or directory</c>).
/// </para>
/// <para>
/// Two of these are used for somewhat different conditions than in PostgreSQL. The missing-file message is the one
/// PostgreSQL 15 emits only at DEBUG2 (XLogFileReadAnyTLI, path relative to the data directory) before ReadRecord
/// returns no record and no message; here it is the end reason. <c>could not read from log segment %s, offset %u:
/// read %d of %zu</c> (XLogPageRead) is PostgreSQL's text for a short read of one XLOG_BLCKSZ page; without pages,
/// here the offset is the record's and the wanted count is its header's or its total length.
/// </para>
/// <para>
/// A zero length may also be the zeroed rest of a segment that the writer skipped because the next record did not
/// fit; the reader then continues at the next segment's first byte when a valid record linked to the last one is
/// there, and otherwise ends at the zeroes.
/// </para>
/// </remarks>
internal sealed class WalReader : IDisposable
{
    private readonly IStorageFiles _files;
    private readonly string _walDirectory;
    private readonly uint _timeline;
    private readonly int _segmentSize;
    private readonly bool _randomAccessStart;
    private bool _readAny;
    private ulong? _openSegment;
    private IStorageFile? _openFile;
    private readonly byte[] _window = new byte[ReadAheadSize];
    private int _windowStart;
    private int _windowLength;

    /// <summary>How much of a segment one read brings in.</summary>
    private const int ReadAheadSize = 256 * 1024;
    private Lsn _next;

    /// <summary>Prepares to read from <paramref name="start"/>.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">The <c>pg_wal</c> directory.</param>
    /// <param name="timeline">The timeline, which names the segment files.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <param name="start">Where the first record starts (a checkpoint's redo position, or a record's LSN).</param>
    /// <param name="startPrev">
    /// The first record's expected prev-link, when known; otherwise (random access) it need only lie before it.
    /// </param>
    public WalReader(IStorageFiles files, string walDirectory, uint timeline, int segmentSize, Lsn start, Lsn? startPrev = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(walDirectory);
        WalSegments.ValidateSegmentSize(segmentSize);
        _files = files;
        _walDirectory = walDirectory;
        _timeline = timeline;
        _segmentSize = segmentSize;
        _next = NextRecordStart(start);
        EndOfWal = start;
        LastRecord = startPrev ?? Lsn.Invalid;
        _randomAccessStart = startPrev is null;
    }

    /// <summary>The LSN of the last valid record read (ReadRecPtr), or the expected first prev-link before any.</summary>
    public Lsn LastRecord { get; private set; }

    /// <summary>The end of the last valid record (EndRecPtr): where a writer continues after replay.</summary>
    public Lsn EndOfWal { get; private set; }

    /// <summary>Why WAL ended, once <see cref="ReadRecord"/> returned null.</summary>
    public string? EndReason { get; private set; }

    /// <summary>
    /// ReadCheckpointRecord: reads the record at <paramref name="checkpoint"/>, which must be a valid checkpoint.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The messages are PostgreSQL 15's for the primary checkpoint (whichChkpt 1; the control file's), which 15 still
    /// words with "primary" (16 dropped the word). Where PostgreSQL tests one header field and this WAL has one kind
    /// byte instead, the kind is mapped: a NextXid record belongs to the XLOG resource manager as a checkpoint does,
    /// so it fails the xl_info test; Put, Delete, Commit and Abort belong to other resource managers (heap, xact), so
    /// they fail the resource manager test.
    /// </para>
    /// <para>
    /// <c>invalid primary checkpoint link in control file</c> stands for XRecOffIsValid failing; without page headers
    /// the test here is that the position is valid, MAXALIGNed and leaves room for a record header in its segment.
    /// </para>
    /// </remarks>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">The <c>pg_wal</c> directory.</param>
    /// <param name="timeline">The timeline.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <param name="checkpoint">The control file's checkpoint LSN.</param>
    /// <returns>The checkpoint record.</returns>
    /// <exception cref="InvalidCheckpointRecordException">It is missing, invalid or not a checkpoint.</exception>
    public static WalRecord ReadCheckpointRecord(IStorageFiles files, string walDirectory, uint timeline, int segmentSize, Lsn checkpoint)
    {
        WalSegments.ValidateSegmentSize(segmentSize);
        if (!checkpoint.IsValid
            || WalRecord.Align(checkpoint) != checkpoint
            || segmentSize - WalSegments.OffsetOf(checkpoint, segmentSize) < WalRecord.HeaderSize)
        {
            throw new InvalidCheckpointRecordException("invalid primary checkpoint link in control file");
        }

        using var reader = new WalReader(files, walDirectory, timeline, segmentSize, checkpoint);
        var record = reader.ReadRecord();
        if (record is null)
        {
            throw new InvalidCheckpointRecordException(InvalidCheckpointRecordException.InvalidRecord, reader.EndReason);
        }

        if (record.Lsn != checkpoint)
        {
            // The reader skipped a zeroed segment tail to the next segment's first record, which it does only when
            // the length at the checkpoint was 0; PostgreSQL's reader would have stopped there with this message.
            throw new InvalidCheckpointRecordException(
                InvalidCheckpointRecordException.InvalidRecord, WalRecord.InvalidLength(checkpoint, 0));
        }

        if (record.Kind == WalRecordKind.NextXid)
        {
            throw new InvalidCheckpointRecordException("invalid xl_info in primary checkpoint record");
        }

        if (record.Kind != WalRecordKind.Checkpoint)
        {
            throw new InvalidCheckpointRecordException("invalid resource manager ID in primary checkpoint record");
        }

        try
        {
            _ = record.DecodeCheckpoint();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidCheckpointRecordException("invalid length of primary checkpoint record", e);
        }

        return record;
    }

    /// <summary>XLogReadRecord: the next valid record, or null at the end of valid WAL (see <see cref="EndReason"/>).</summary>
    /// <returns>The record, or null.</returns>
    public WalRecord? ReadRecord()
    {
        if (EndReason is not null)
        {
            return null;
        }

        var at = _next;
        Lsn? expectedPrev = _readAny || !_randomAccessStart ? LastRecord : null;
        if (TryReadAt(at, expectedPrev, out var record, out var length, out var error)
            || (length == 0 && TryNextSegment(at, expectedPrev, out record)))
        {
            _readAny = true;
            LastRecord = record!.Lsn;
            EndOfWal = record.End;
            _next = NextRecordStart(record.End);
            return record;
        }

        EndReason = error;
        return null;
    }

    /// <summary>Closes the open segment file.</summary>
    public void Dispose()
    {
        _openFile?.Dispose();
        _openFile = null;
        _openSegment = null;
    }

    private Lsn NextRecordStart(Lsn end)
    {
        var next = WalRecord.Align(end);
        return _segmentSize - WalSegments.OffsetOf(next, _segmentSize) < WalRecord.HeaderSize
            ? WalSegments.StartOf(WalSegments.SegmentOf(next, _segmentSize) + 1, _segmentSize)
            : next;
    }

    private bool TryNextSegment(Lsn at, Lsn? expectedPrev, out WalRecord? record)
    {
        record = null;
        if (WalSegments.OffsetOf(at, _segmentSize) == 0)
        {
            return false;
        }

        var next = WalSegments.StartOf(WalSegments.SegmentOf(at, _segmentSize) + 1, _segmentSize);
        return TryReadAt(next, expectedPrev, out record, out _, out _);
    }

    private bool TryReadAt(Lsn at, Lsn? expectedPrev, out WalRecord? record, out uint length, out string? error)
    {
        record = null;
        length = uint.MaxValue;
        var file = File(at, out error);
        if (file is null)
        {
            return false;
        }

        var offset = WalSegments.OffsetOf(at, _segmentSize);
        var header = new byte[WalRecord.HeaderSize];
        var read = ReadAhead(file, offset, header);
        if (read < header.Length)
        {
            error = ShortRead(at, offset, read, header.Length);
            return false;
        }

        length = WalRecord.ReadTotalLength(header);
        if (length < WalRecord.HeaderSize || length > (uint)(_segmentSize - offset))
        {
            error = WalRecord.InvalidLength(at, length);
            return false;
        }

        var bytes = new byte[length];
        read = ReadAhead(file, offset, bytes);
        if (read < bytes.Length)
        {
            error = ShortRead(at, offset, read, bytes.Length);
            return false;
        }

        return WalRecord.TryDecode(bytes, at, expectedPrev, out record, out error);
    }

    /// <summary>
    /// Reads through a window of <see cref="ReadAheadSize"/> bytes of the open segment (XLogPageRead reads whole pages
    /// into the reader's buffer): one system call per window rather than two per record.
    /// </summary>
    private int ReadAhead(IStorageFile file, int offset, Span<byte> destination)
    {
        if (offset < _windowStart || offset + destination.Length > _windowStart + _windowLength)
        {
            if (destination.Length > _window.Length)
            {
                return file.ReadAt(offset, destination);
            }

            _windowStart = offset;
            _windowLength = file.ReadAt(offset, _window.AsSpan(0, Math.Min(_window.Length, _segmentSize - offset)));
        }

        var available = Math.Clamp(_windowStart + _windowLength - offset, 0, destination.Length);
        _window.AsSpan(offset - _windowStart, available).CopyTo(destination);
        return available;
    }

    private IStorageFile? File(Lsn at, out string? error)
    {
        error = null;
        var segment = WalSegments.SegmentOf(at, _segmentSize);
        if (_openSegment == segment)
        {
            return _openFile;
        }

        Dispose();
        var name = WalSegments.FileName(_timeline, segment, _segmentSize);
        var path = Path.Combine(_walDirectory, name);
        if (!_files.Exists(path))
        {
            error = $"could not open file \"{DisplayName(name)}\": No such file or directory";
            return null;
        }

        _openFile = _files.OpenOrCreate(path);
        _openSegment = segment;
        _windowStart = 0;
        _windowLength = 0;
        return _openFile;
    }

    private string ShortRead(Lsn at, int offset, int read, int wanted) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"could not read from log segment {WalSegments.FileName(_timeline, WalSegments.SegmentOf(at, _segmentSize), _segmentSize)}, offset {offset}: read {read} of {wanted}");

    private string DisplayName(string name) => $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(_walDirectory))}/{name}";
}
