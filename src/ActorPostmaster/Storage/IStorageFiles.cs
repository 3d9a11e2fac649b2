namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. The file-system operations the storage layer needs (fd.c's thin layer over the kernel), behind an
/// interface so that tests can inject faults (<see cref="FaultInjectingStorageFiles"/>). Paths are passed through
/// unchanged; failures are <see cref="IOException"/>s.
/// </summary>
internal interface IStorageFiles
{
    /// <summary>Opens a file for reading and writing, creating it empty when it does not exist.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The open file; the caller disposes it.</returns>
    IStorageFile OpenOrCreate(string path);

    /// <summary>Whether a file exists.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>True when it exists.</returns>
    bool Exists(string path);

    /// <summary>Removes a file (unlink); nothing happens when it does not exist.</summary>
    /// <param name="path">The file's path.</param>
    void Delete(string path);

    /// <summary>
    /// Renames <paramref name="tempPath"/> to <paramref name="finalPath"/>, replacing it atomically (rename(2)).
    /// </summary>
    /// <param name="tempPath">The file to rename.</param>
    /// <param name="finalPath">The new name.</param>
    void ReplaceAtomically(string tempPath, string finalPath);

    /// <summary>The names (not paths) of the regular files in a directory, in no particular order.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The file names.</returns>
    IReadOnlyList<string> ListFiles(string directory);

    /// <summary>Creates a directory and its parents when missing.</summary>
    /// <param name="directory">The directory.</param>
    void CreateDirectory(string directory);

    /// <summary>
    /// fsync_fname on a directory: makes created, renamed and removed entries durable. A no-op where directories
    /// cannot be synced (Windows).
    /// </summary>
    /// <param name="directory">The directory.</param>
    void SyncDirectory(string directory);
}

/// <summary>INTERNAL API. An open file, read and written at explicit offsets (pread/pwrite).</summary>
internal interface IStorageFile : IDisposable
{
    /// <summary>The file's path.</summary>
    string Path { get; }

    /// <summary>The current length in bytes.</summary>
    long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; fewer only at the end of file.</summary>
    /// <param name="offset">The file offset.</param>
    /// <param name="buffer">Where to put the bytes.</param>
    /// <returns>The number of bytes read.</returns>
    int ReadAt(long offset, Span<byte> buffer);

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>, extending the file as needed.</summary>
    /// <param name="offset">The file offset.</param>
    /// <param name="data">The bytes.</param>
    void WriteAt(long offset, ReadOnlySpan<byte> data);

    /// <summary>pg_fdatasync: returns only when the written data is on stable storage.</summary>
    void Flush();

    /// <summary>Truncates or extends the file (ftruncate).</summary>
    /// <param name="length">The new length.</param>
    void SetLength(long length);
}
