namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. Wraps another <see cref="IStorageFiles"/> and injects the failures a crash-safe storage layer must
/// survive: failed <c>fdatasync</c>, a full disk, a torn write. Counts flushes and bytes written. Thread-safe.
/// </summary>
/// <param name="inner">The file system that does the real work.</param>
internal sealed class FaultInjectingStorageFiles(IStorageFiles inner) : IStorageFiles
{
    private readonly object _lock = new();
    private int _failingFlushes;
    private Func<string, bool>? _failingFlushesOf;
    private Func<string, bool>? _diskFullOf;
    private long? _bytesUntilFull;
    private int? _tornWriteBytes;
    private int _flushes;
    private int _directorySyncs;
    private long _bytesWritten;

    /// <summary>Successful file flushes so far.</summary>
    public int Flushes
    {
        get
        {
            lock (_lock)
            {
                return _flushes;
            }
        }
    }

    /// <summary>Directory syncs so far.</summary>
    public int DirectorySyncs
    {
        get
        {
            lock (_lock)
            {
                return _directorySyncs;
            }
        }
    }

    /// <summary>Bytes that reached the inner file system through writes so far.</summary>
    public long BytesWritten
    {
        get
        {
            lock (_lock)
            {
                return _bytesWritten;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> file flushes fail with EIO, writing nothing to disk.</summary>
    /// <param name="count">How many flushes fail.</param>
    /// <param name="only">Only flushes of files whose path this accepts count and fail; null for every file.</param>
    public void FailNextFlushes(int count, Func<string, bool>? only = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _failingFlushes = count;
            _failingFlushesOf = only;
        }
    }

    /// <summary>
    /// After <paramref name="bytes"/> more bytes are written the disk is full: a write that crosses the limit lands
    /// up to it and then fails with ENOSPC, and every later write fails.
    /// </summary>
    /// <param name="bytes">The bytes still free.</param>
    /// <param name="only">Only writes to files whose path this accepts count and fail (a full WAL volume); null for every file.</param>
    public void DiskFullAfter(long bytes, Func<string, bool>? only = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_lock)
        {
            _bytesUntilFull = bytes;
            _diskFullOf = only;
        }
    }

    /// <summary>
    /// The next write is torn: only its first <paramref name="bytesThatLand"/> bytes reach the file, then it fails
    /// (as a crash in the middle of a write would leave it).
    /// </summary>
    /// <param name="bytesThatLand">The bytes that are written.</param>
    public void TearNextWrite(int bytesThatLand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesThatLand);
        lock (_lock)
        {
            _tornWriteBytes = bytesThatLand;
        }
    }

    /// <summary>Removes every programmed fault (counters stay).</summary>
    public void Heal()
    {
        lock (_lock)
        {
            _failingFlushes = 0;
            _bytesUntilFull = null;
            _diskFullOf = null;
            _tornWriteBytes = null;
        }
    }

    /// <inheritdoc/>
    public IStorageFile OpenOrCreate(string path) => new FaultyFile(this, inner.OpenOrCreate(path));

    /// <inheritdoc/>
    public bool Exists(string path) => inner.Exists(path);

    /// <inheritdoc/>
    public void Delete(string path) => inner.Delete(path);

    /// <inheritdoc/>
    public void ReplaceAtomically(string tempPath, string finalPath) => inner.ReplaceAtomically(tempPath, finalPath);

    /// <inheritdoc/>
    public IReadOnlyList<string> ListFiles(string directory) => inner.ListFiles(directory);

    /// <inheritdoc/>
    public void CreateDirectory(string directory) => inner.CreateDirectory(directory);

    /// <inheritdoc/>
    public void SyncDirectory(string directory)
    {
        inner.SyncDirectory(directory);
        lock (_lock)
        {
            _directorySyncs++;
        }
    }

    private void Write(IStorageFile file, long offset, ReadOnlySpan<byte> data)
    {
        string? failure = null;
        var landing = data.Length;
        lock (_lock)
        {
            if (_tornWriteBytes is { } torn)
            {
                _tornWriteBytes = null;
                landing = Math.Min(torn, landing);
                failure = $"could not write to file \"{file.Path}\": torn write ({landing} of {data.Length} bytes)";
            }

            var counted = _diskFullOf?.Invoke(file.Path) ?? true;
            if (counted && _bytesUntilFull is { } free && landing > free)
            {
                landing = (int)free;
                failure = "No space left on device";
            }

            if (counted)
            {
                _bytesUntilFull -= landing;
            }

            _bytesWritten += landing;
        }

        file.WriteAt(offset, data[..landing]);
        if (failure is not null)
        {
            throw new IOException(failure);
        }
    }

    private void Flush(IStorageFile file)
    {
        lock (_lock)
        {
            if (_failingFlushes > 0 && (_failingFlushesOf?.Invoke(file.Path) ?? true))
            {
                _failingFlushes--;
                throw new IOException($"could not fdatasync file \"{file.Path}\": Input/output error");
            }
        }

        file.Flush();
        lock (_lock)
        {
            _flushes++;
        }
    }

    private sealed class FaultyFile(FaultInjectingStorageFiles owner, IStorageFile file) : IStorageFile
    {
        public string Path => file.Path;

        public long Length => file.Length;

        public int ReadAt(long offset, Span<byte> buffer) => file.ReadAt(offset, buffer);

        public void WriteAt(long offset, ReadOnlySpan<byte> data) => owner.Write(file, offset, data);

        public void Flush() => owner.Flush(file);

        public void SetLength(long length) => file.SetLength(length);

        public void Dispose() => file.Dispose();
    }
}
