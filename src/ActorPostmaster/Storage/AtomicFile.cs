namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. Replaces a whole file so that a crash leaves either the old or the new contents: write
/// <c>path.tmp</c>, fdatasync it, rename it over <c>path</c>, fsync the directory (fd.c: durable_rename).
/// </summary>
internal static class AtomicFile
{
    /// <summary>The suffix of the temporary file.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Durably replaces <paramref name="path"/> with <paramref name="contents"/>.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="contents">The new contents.</param>
    /// <exception cref="IOException">Any step failed; <paramref name="path"/> still has its old contents.</exception>
    public static void Write(IStorageFiles files, string path, ReadOnlySpan<byte> contents)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(path);
        var tempPath = path + TempSuffix;
        using (var file = files.OpenOrCreate(tempPath))
        {
            file.SetLength(0);
            file.WriteAt(0, contents);
            file.Flush();
        }

        files.ReplaceAtomically(tempPath, path);
        files.SyncDirectory(DirectoryOf(path));
    }

    private static string DirectoryOf(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return string.IsNullOrEmpty(directory) ? "." : directory;
    }
}
