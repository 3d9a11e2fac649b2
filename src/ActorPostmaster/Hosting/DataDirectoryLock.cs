using System.Globalization;
using System.Text;

namespace ActorPostmaster.Hosting;

/// <summary>
/// INTERNAL API. The data-directory lock, <c>postmaster.pid</c> (miscinit.c: CreateLockFile, AddToDataDirLockFile,
/// RecheckDataDirLockFile, UnlinkLockFiles).
/// </summary>
/// <remarks>
/// Messages name the file as PostgreSQL does, relative to the data directory (<c>lock file "postmaster.pid" …</c>),
/// because the postmaster runs there; HINTs name the data directory's absolute path.
/// </remarks>
internal sealed class DataDirectoryLock
{
    private const string LockFileExists = "F0001";
    private const int MaxTries = 100;

    private readonly object _lock = new();
    private bool _removed;

    private DataDirectoryLock(string dataDirectory, int pid)
    {
        DataDirectory = dataDirectory;
        Pid = pid;
        FilePath = Path.Combine(dataDirectory, PostmasterPidFile.FileName);
    }

    /// <summary>The data directory (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The pid written on line 1.</summary>
    public int Pid { get; }

    /// <summary>The lock file's full path.</summary>
    public string FilePath { get; }

    /// <summary>
    /// CreateDataDirLockFile: creates <c>postmaster.pid</c> exclusively with lines 1–5, or explains with a FATAL why
    /// another server holds the directory. A file left by a process that no longer exists is replaced.
    /// </summary>
    /// <param name="dataDirectory">The data directory (absolute).</param>
    /// <param name="pid">The postmaster's pid.</param>
    /// <param name="startTime">The start time (line 3).</param>
    /// <param name="port">The port (line 4).</param>
    /// <param name="mayBeAlive">Whether a recorded pid may belong to a live process (default: <c>kill(pid, 0)</c>).</param>
    /// <param name="ownPids">
    /// Pids that cannot be another postmaster: ours, our parent's and PG_GRANDPARENT_PID by default (a recorded pid
    /// equal to one of them is a stale file whose pid was reused).
    /// </param>
    /// <exception cref="PgException">FATAL: the directory is locked, or the file cannot be created.</exception>
    public static DataDirectoryLock Create(
        string dataDirectory, int pid, DateTimeOffset startTime, int port, Func<int, bool>? mayBeAlive = null, IReadOnlyCollection<int>? ownPids = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        mayBeAlive ??= ProcessSignals.MayBeAlive;
        ownPids ??= DefaultOwnPids(pid);
        var fileLock = new DataDirectoryLock(dataDirectory, pid);
        var name = PostmasterPidFile.FileName;
        for (var tries = 0; ; tries++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(fileLock.FilePath, CreateOptions());
            }
            catch (IOException) when (File.Exists(fileLock.FilePath) && tries <= MaxTries)
            {
                fileLock.CheckExisting(mayBeAlive, ownPids);
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Fatal(Errcode(e), $"could not create lock file \"{name}\": {Strerror(e)}");
            }

            using (stream)
            {
                var text = string.Create(
                    CultureInfo.InvariantCulture, $"{pid}\n{dataDirectory}\n{startTime.ToUnixTimeSeconds()}\n{port}\n\n");
                try
                {
                    stream.Write(Encoding.UTF8.GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }
                catch (IOException e)
                {
                    stream.Dispose();
                    File.Delete(fileLock.FilePath);
                    throw Fatal("58030", $"could not write lock file \"{name}\": {Strerror(e)}");
                }
            }

            return fileLock;
        }
    }

    /// <summary>
    /// AddToDataDirLockFile: sets line <paramref name="line"/> (1-based), adding empty lines before it when the file is
    /// shorter. The file is rewritten in place (never truncated to nothing first), so a reader sees the old or the new
    /// contents, not an empty file.
    /// </summary>
    /// <param name="line">The line number.</param>
    /// <param name="value">The value (without newline).</param>
    /// <returns>False when the file could not be updated (it was removed, or is unreadable).</returns>
    public bool SetLine(int line, string value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            if (_removed)
            {
                return false;
            }

            try
            {
                using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                var lines = reader.ReadToEnd().Split('\n').ToList();
                if (lines.Count > 0 && lines[^1].Length == 0)
                {
                    lines.RemoveAt(lines.Count - 1); // the text ends with a newline
                }

                while (lines.Count < line)
                {
                    lines.Add(string.Empty);
                }

                lines[line - 1] = value;
                var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
                stream.Position = 0;
                stream.Write(bytes);
                stream.SetLength(bytes.Length);
                stream.Flush(flushToDisk: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>RecheckDataDirLockFile: whether the file still exists and still names this postmaster's pid.</summary>
    public bool Recheck()
    {
        try
        {
            var file = PostmasterPidFile.Parse(File.ReadAllText(FilePath));
            return file.Pid == Pid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // missing or unreadable: PostgreSQL treats both as invalid
        }
    }

    /// <summary>UnlinkLockFiles: removes the file (once).</summary>
    public void Remove()
    {
        lock (_lock)
        {
            if (_removed)
            {
                return;
            }

            _removed = true;
            try
            {
                File.Delete(FilePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // PostgreSQL ignores a failure here too: the next server's CreateLockFile deals with the stale file.
            }
        }
    }

    private static HashSet<int> DefaultOwnPids(int pid)
    {
        var pids = new HashSet<int> { pid, Environment.ProcessId };
        if (ProcessSignals.ParentProcessId is > 0 and var parent)
        {
            pids.Add(parent);
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("PG_GRANDPARENT_PID"), NumberStyles.None, CultureInfo.InvariantCulture, out var grandparent))
        {
            pids.Add(grandparent);
        }

        return pids;
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>The existing file belongs to someone: FATAL unless it is stale, in which case it is removed.</summary>
    private void CheckExisting(Func<int, bool> mayBeAlive, IReadOnlyCollection<int> ownPids)
    {
        var name = PostmasterPidFile.FileName;
        string text;
        try
        {
            text = File.ReadAllText(FilePath);
        }
        catch (FileNotFoundException)
        {
            return; // removed meanwhile: try again
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fatal(Errcode(e), $"could not open lock file \"{name}\": {Strerror(e)}");
        }

        if (text.Length == 0)
        {
            throw Fatal(
                LockFileExists,
                $"lock file \"{name}\" is empty",
                "Either another server is starting, or the lock file is the remnant of a previous server startup crash.");
        }

        var encodedPid = PostmasterPidFile.LeadingInt(text);
        var otherPid = Math.Abs(encodedPid);
        if (otherPid <= 0)
        {
            throw Fatal("XX000", $"bogus data in lock file \"{name}\": \"{text}\"");
        }

        if (!ownPids.Contains(otherPid) && mayBeAlive(otherPid))
        {
            throw Fatal(
                LockFileExists,
                $"lock file \"{name}\" already exists",
                encodedPid < 0
                    ? $"Is another postgres (PID {otherPid}) running in data directory \"{DataDirectory}\"?"
                    : $"Is another postmaster (PID {otherPid}) running in data directory \"{DataDirectory}\"?");
        }

        // The creator is gone. No System V segment can outlive it here (line 7 is always 0 0), so the file is stale.
        try
        {
            File.Delete(FilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fatal(
                Errcode(e),
                $"could not remove old lock file \"{name}\": {Strerror(e)}",
                "The file seems accidentally left over, but it could not be removed. Please remove the file by hand and try again.");
        }
    }

    private static PgException Fatal(string sqlState, string message, string? hint = null) =>
        new(new PgError(PgSeverity.Fatal, sqlState, message, Hint: hint));

    /// <summary>errcode_for_file_access: 42501 for permission problems, 58030 (io_error) otherwise.</summary>
    private static string Errcode(Exception e) => e is UnauthorizedAccessException ? "42501" : "58030";

    private static string Strerror(Exception e) => e is UnauthorizedAccessException ? "Permission denied" : e.Message;
}
