namespace ActorPostmaster;

/// <summary>Temporary files under <c>base/pgsql_tmp</c> (fd.c: RemovePgTempFiles).</summary>
public static class TempFiles
{
    /// <summary>The temporary-file directory of a data directory.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    public static string Directory(string dataDirectory) => Path.Combine(dataDirectory, "base", "pgsql_tmp");

    /// <summary>Removes every temporary file (files named <c>pgsql_tmp*</c>), as a crash reinitialisation and a start do.</summary>
    /// <param name="dataDirectory">The data directory; nothing happens when null or missing.</param>
    /// <returns>How many files were removed.</returns>
    public static int RemoveAll(string? dataDirectory)
    {
        if (dataDirectory is null || !System.IO.Directory.Exists(Directory(dataDirectory)))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory(dataDirectory), "pgsql_tmp*", SearchOption.AllDirectories))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }
}
