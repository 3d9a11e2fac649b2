using System.Buffers;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. Appends WAL records to the segment files of a <c>pg_wal</c> directory (xlog.c: XLogInsert's
/// position reservation, XLogWrite, XLogFlush, XLogFileInit, RemoveOldXlogFiles). Not thread-safe: one owner (the
/// walwriter) drives it.
/// </summary>
/// <remarks>
/// Records are buffered by <see cref="Append"/>, written by <see cref="Write"/> and made durable by
/// <see cref="Flush"/>. A new segment is created as PostgreSQL's XLogFileInit does: a temporary file is zero-filled
/// to the full segment size, synced, renamed into place and the directory synced, before the first record goes in.
/// The segment the writer starts in has its tail (from the start position to the last byte an earlier incarnation
/// wrote) zeroed on first write, so that bytes left by a torn write before a crash cannot be mistaken for records later. Any <see cref="IOException"/> propagates;
/// the caller must PANIC, as PostgreSQL does when a WAL write or fsync fails.
/// </remarks>
internal sealed class WalSegmentWriter : IDisposable
{
    private const string TempFileName = "xlogtemp";
    private const int ZeroChunk = 64 * 1024;

    private readonly IStorageFiles _files;
    private readonly string _walDirectory;
    private readonly uint _timeline;
    private readonly int _segmentSize;
    private readonly Lsn _start;
    private readonly ArrayBufferWriter<byte> _pending = new();
    private readonly Dictionary<ulong, IStorageFile> _open = [];
    private readonly HashSet<ulong> _unflushed = [];

    /// <summary>Starts writing where replay ended.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">The <c>pg_wal</c> directory (created when missing).</param>
    /// <param name="timeline">The timeline, which names the segment files.</param>
    /// <param name="segmentSize">The segment size.</param>
    /// <param name="start">The end of the last valid record (EndRecPtr at the end of recovery).</param>
    /// <param name="lastRecord">The last valid record's LSN (the first appended record's prev-link).</param>
    public WalSegmentWriter(IStorageFiles files, string walDirectory, uint timeline, int segmentSize, Lsn start, Lsn lastRecord)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(walDirectory);
        WalSegments.ValidateSegmentSize(segmentSize);
        _files = files;
        _walDirectory = walDirectory;
        _timeline = timeline;
        _segmentSize = segmentSize;
        _start = start;
        EndOfWal = WrittenUpTo = FlushedUpTo = start;
        LastRecord = lastRecord;
        files.CreateDirectory(walDirectory);
    }

    /// <summary>Called with a segment file's name once it is complete and durable (XLogArchiveNotify's hook).</summary>
    public Action<string>? SegmentCompleted { get; set; }

    /// <summary>Whether a completed segment may be deleted (XLogArchiveCheckDone); all may when null.</summary>
    public Func<string, bool>? CanRemove { get; set; }

    /// <summary>The end of the last appended record.</summary>
    public Lsn EndOfWal { get; private set; }

    /// <summary>The LSN of the last appended record.</summary>
    public Lsn LastRecord { get; private set; }

    /// <summary>Everything before this has been written to the segment files (LogwrtResult.Write).</summary>
    public Lsn WrittenUpTo { get; private set; }

    /// <summary>Everything before this is on stable storage (LogwrtResult.Flush).</summary>
    public Lsn FlushedUpTo { get; private set; }

    /// <summary>
    /// Reserves the record's place (the next 8-byte-aligned position, or the next segment's start when it does not
    /// fit in the current one), links it to the previous record and buffers its bytes.
    /// </summary>
    /// <param name="record">The record; its own LSN and prev-link are ignored.</param>
    /// <returns>The record's LSN.</returns>
    /// <exception cref="ArgumentException">The record is larger than a segment.</exception>
    public Lsn Append(WalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.TotalLength > _segmentSize)
        {
            throw new ArgumentException($"WAL record of {record.TotalLength} bytes does not fit in a segment", nameof(record));
        }

        var lsn = WalRecord.Align(EndOfWal);
        if (WalSegments.OffsetOf(lsn, _segmentSize) + record.TotalLength > _segmentSize)
        {
            lsn = WalSegments.StartOf(WalSegments.SegmentOf(lsn, _segmentSize) + 1, _segmentSize);
        }

        var padding = (int)(lsn - EndOfWal);
        _pending.GetSpan(padding)[..padding].Clear();
        _pending.Advance(padding);
        record.At(lsn, LastRecord).EncodeTo(_pending.GetSpan(record.TotalLength));
        _pending.Advance(record.TotalLength);
        LastRecord = lsn;
        EndOfWal = lsn + record.TotalLength;
        return lsn;
    }

    /// <summary>XLogWrite: writes the buffered bytes to the segment files (not yet synced).</summary>
    public void Write()
    {
        var data = _pending.WrittenSpan;
        var position = WrittenUpTo;
        while (!data.IsEmpty)
        {
            var segment = WalSegments.SegmentOf(position, _segmentSize);
            var offset = WalSegments.OffsetOf(position, _segmentSize);
            var count = Math.Min(_segmentSize - offset, data.Length);
            Segment(segment).WriteAt(offset, data[..count]);
            _unflushed.Add(segment);
            data = data[count..];
            position += count;
        }

        _pending.Clear();
        WrittenUpTo = EndOfWal;
    }

    /// <summary>XLogFlush: writes the buffered bytes, then fdatasyncs every segment file written since the last flush.</summary>
    public void Flush()
    {
        var pending = WriteForSync();
        Sync(pending);
        Synced(pending);
    }

    /// <summary>
    /// The first half of a flush done outside its owner's lock (group commit): writes the buffered bytes and returns
    /// the segment files a <see cref="Sync"/> must make durable. Records may be appended while that sync runs; only
    /// one flush may be between this call and <see cref="Synced"/> at a time.
    /// </summary>
    /// <returns>What to sync, and the position it makes durable.</returns>
    public PendingSync WriteForSync()
    {
        Write();
        var files = _unflushed.Order().Select(segment => _open[segment]).ToArray();
        _unflushed.Clear();
        return new PendingSync(files, WrittenUpTo);
    }

    /// <summary>issue_xlog_fsync: fdatasyncs the files of <paramref name="pending"/>; needs no lock.</summary>
    /// <param name="pending">What <see cref="WriteForSync"/> returned.</param>
    public static void Sync(PendingSync pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        foreach (var file in pending.Files)
        {
            file.Flush();
        }
    }

    /// <summary>Records a completed <see cref="Sync"/> and closes the segment files that are complete and durable.</summary>
    /// <param name="pending">What was synced.</param>
    public void Synced(PendingSync pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.UpTo > FlushedUpTo)
        {
            FlushedUpTo = pending.UpTo;
        }

        var current = WalSegments.SegmentOf(WrittenUpTo, _segmentSize);
        foreach (var segment in _open.Keys.Where(s => s < current && !_unflushed.Contains(s)).Order().ToList())
        {
            Close(segment);
            SegmentCompleted?.Invoke(WalSegments.FileName(_timeline, segment, _segmentSize));
        }
    }

    /// <summary>
    /// RemoveOldXlogFiles: deletes the segment files wholly before the segment holding <paramref name="redo"/> (and
    /// before the segment being written).
    /// </summary>
    /// <param name="redo">The last checkpoint's redo position; replay never needs WAL before it.</param>
    /// <returns>The removed files' names, in order (for an archiver to copy first).</returns>
    public IReadOnlyList<string> RemoveSegmentsBefore(Lsn redo)
    {
        var limit = Math.Min(WalSegments.SegmentOf(redo, _segmentSize), WalSegments.SegmentOf(FlushedUpTo, _segmentSize));
        var removed = new List<string>();
        foreach (var name in _files.ListFiles(_walDirectory).Order(StringComparer.Ordinal))
        {
            if (WalSegments.TryParseFileName(name, _segmentSize, out _, out var segment) && segment < limit && (CanRemove?.Invoke(name) ?? true))
            {
                Close(segment);
                _files.Delete(Path.Combine(_walDirectory, name));
                removed.Add(name);
            }
        }

        return removed;
    }

    /// <summary>Closes the open segment files (buffered, unwritten records are dropped).</summary>
    public void Dispose()
    {
        foreach (var segment in _open.Keys.ToList())
        {
            Close(segment);
        }
    }

    private IStorageFile Segment(ulong segment)
    {
        if (_open.TryGetValue(segment, out var file))
        {
            return file;
        }

        var path = Path.Combine(_walDirectory, WalSegments.FileName(_timeline, segment, _segmentSize));
        var startSegment = WalSegments.SegmentOf(_start, _segmentSize);
        if (segment == startSegment && _files.Exists(path))
        {
            file = _files.OpenOrCreate(path);
            try
            {
                var from = WalSegments.OffsetOf(_start, _segmentSize);
                WriteZeros(file, from, WrittenEnd(file, from, _segmentSize));
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        else
        {
            InitSegment(path);
            file = _files.OpenOrCreate(path);
        }

        _open[segment] = file;
        return file;
    }

    private void InitSegment(string path)
    {
        var tempPath = Path.Combine(_walDirectory, TempFileName);
        using (var temp = _files.OpenOrCreate(tempPath))
        {
            temp.SetLength(0);
            WriteZeros(temp, 0, _segmentSize);
            temp.Flush();
        }

        _files.ReplaceAtomically(tempPath, path);
        _files.SyncDirectory(_walDirectory);
    }

    /// <summary>
    /// Where the bytes of an earlier incarnation end in [<paramref name="from"/>, <paramref name="to"/>): a segment is
    /// zero-filled at creation and written from its start, so everything after the last non-zero byte is still zero
    /// and needs no zeroing (PostgreSQL tells stale WAL by its page headers instead).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long WrittenEnd(IStorageFile file, long from, long to)
    {
        var buffer = new byte[16 * ZeroChunk];
        for (var end = to; end > from;)
        {
            var begin = Math.Max(from, end - buffer.Length);
            var read = file.ReadAt(begin, buffer.AsSpan(0, (int)(end - begin)));
            var last = buffer.AsSpan(0, read).LastIndexOfAnyExcept((byte)0);
            if (last >= 0)
            {
                return begin + last + 1;
            }

            end = begin;
        }

        return from;
    }

    private static void WriteZeros(IStorageFile file, long from, long to)
    {
        var zeros = new byte[ZeroChunk];
        for (var offset = from; offset < to; offset += ZeroChunk)
        {
            file.WriteAt(offset, zeros.AsSpan(0, (int)Math.Min(ZeroChunk, to - offset)));
        }
    }

    private void Close(ulong segment)
    {
        if (_open.Remove(segment, out var file))
        {
            _unflushed.Remove(segment);
            file.Dispose();
        }
    }
}

/// <summary>A flush between <see cref="WalSegmentWriter.WriteForSync"/> and <see cref="WalSegmentWriter.Synced"/>.</summary>
/// <param name="Files">The segment files written since the last flush.</param>
/// <param name="UpTo">Everything before this is durable once they are synced.</param>
internal sealed record PendingSync(IReadOnlyList<IStorageFile> Files, Lsn UpTo);
