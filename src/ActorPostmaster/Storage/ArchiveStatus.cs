namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. <c>pg_wal/archive_status</c> (xlogarchive.c): a completed segment gets <c>NAME.ready</c>; the archiver
/// renames it <c>NAME.done</c> once archive_command has copied it; a checkpoint removes only segments marked done.
/// </summary>
internal static class ArchiveStatus
{
    /// <summary>The status directory of a pg_wal directory.</summary>
    /// <param name="walDirectory">pg_wal.</param>
    /// <returns>pg_wal/archive_status.</returns>
    public static string DirectoryOf(string walDirectory) => Path.Combine(walDirectory, "archive_status");

    /// <summary>XLogArchiveNotify: marks a completed segment ready for archiving.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">pg_wal.</param>
    /// <param name="segment">The segment file's name.</param>
    public static void MarkReady(IStorageFiles files, string walDirectory, string segment)
    {
        files.CreateDirectory(DirectoryOf(walDirectory));
        files.OpenOrCreate(StatusFile(walDirectory, segment, "ready")).Dispose();
    }

    /// <summary>pgarch_readyXlog: the segments waiting to be archived, oldest first.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">pg_wal.</param>
    /// <returns>Their names.</returns>
    public static IReadOnlyList<string> Ready(IStorageFiles files, string walDirectory)
    {
        var directory = DirectoryOf(walDirectory);
        files.CreateDirectory(directory); // initdb creates it; a cluster from before archiving existed may lack it
        return [.. files.ListFiles(directory)
            .Where(name => name.EndsWith(".ready", StringComparison.Ordinal))
            .Select(name => name[..^".ready".Length])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>pgarch_archiveDone: the segment is archived.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">pg_wal.</param>
    /// <param name="segment">The segment file's name.</param>
    public static void MarkDone(IStorageFiles files, string walDirectory, string segment) =>
        files.ReplaceAtomically(StatusFile(walDirectory, segment, "ready"), StatusFile(walDirectory, segment, "done"));

    /// <summary>
    /// XLogArchiveCheckDone with archiving on: a segment may be removed once archived. A completed segment without any
    /// status (finished before archiving was turned on) is marked ready now and kept.
    /// </summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">pg_wal.</param>
    /// <param name="segment">The segment file's name.</param>
    /// <returns>Whether it may be removed.</returns>
    public static bool CheckDone(IStorageFiles files, string walDirectory, string segment)
    {
        if (files.Exists(StatusFile(walDirectory, segment, "done")))
        {
            return true;
        }

        if (!files.Exists(StatusFile(walDirectory, segment, "ready")))
        {
            MarkReady(files, walDirectory, segment);
        }

        return false;
    }

    /// <summary>XLogArchiveCleanup: forgets a removed segment's status.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="walDirectory">pg_wal.</param>
    /// <param name="segment">The segment file's name.</param>
    public static void Forget(IStorageFiles files, string walDirectory, string segment)
    {
        foreach (var status in new[] { "done", "ready" })
        {
            var path = StatusFile(walDirectory, segment, status);
            if (files.Exists(path))
            {
                files.Delete(path);
            }
        }
    }

    private static string StatusFile(string walDirectory, string segment, string status) =>
        Path.Combine(DirectoryOf(walDirectory), $"{segment}.{status}");
}
