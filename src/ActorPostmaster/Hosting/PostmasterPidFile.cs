using System.Globalization;

namespace ActorPostmaster.Hosting;

/// <summary>
/// The contents of <c>postmaster.pid</c>, the data directory's lock file (pidfile.h), as pg_ctl reads it. The file is
/// written in steps, so any line from the fourth on may still be missing (then empty here).
/// </summary>
/// <param name="Pid">Line 1: the postmaster's OS pid (negative for a single-user backend); 0 when the line is not a number.</param>
/// <param name="DataDirectory">Line 2: the data directory's absolute path.</param>
/// <param name="StartTime">Line 3: the start time, in seconds since the Unix epoch.</param>
/// <param name="Port">Line 4: the port, or 0.</param>
/// <param name="SocketDirectory">Line 5: the first Unix-socket directory (always empty here: no Unix sockets).</param>
/// <param name="ListenAddress">Line 6: the first listen_addresses entry a socket was created for (<c>*</c>, <c>localhost</c>, an IP), or empty.</param>
/// <param name="SharedMemoryKey">Line 7: the System V shared memory key and id, <c>%9lu %9lu</c>.</param>
/// <param name="Status">Line 8: <c>starting</c>, <c>ready   </c>, <c>standby </c> or <c>stopping</c>, or empty.</param>
public sealed record PostmasterPidFile(
    int Pid, string DataDirectory, long StartTime, int Port, string SocketDirectory, string ListenAddress, string SharedMemoryKey, string Status)
{
    /// <summary>The file's name inside the data directory (DIRECTORY_LOCK_FILE).</summary>
    public const string FileName = "postmaster.pid";

    /// <summary>LOCK_FILE_LINE_PID.</summary>
    public const int LinePid = 1;

    /// <summary>LOCK_FILE_LINE_DATA_DIR.</summary>
    public const int LineDataDirectory = 2;

    /// <summary>LOCK_FILE_LINE_START_TIME.</summary>
    public const int LineStartTime = 3;

    /// <summary>LOCK_FILE_LINE_PORT.</summary>
    public const int LinePort = 4;

    /// <summary>LOCK_FILE_LINE_SOCKET_DIR.</summary>
    public const int LineSocketDirectory = 5;

    /// <summary>LOCK_FILE_LINE_LISTEN_ADDR.</summary>
    public const int LineListenAddress = 6;

    /// <summary>LOCK_FILE_LINE_SHMEM_KEY.</summary>
    public const int LineSharedMemoryKey = 7;

    /// <summary>LOCK_FILE_LINE_PM_STATUS.</summary>
    public const int LineStatus = 8;

    /// <summary>PM_STATUS_STARTING: the postmaster is starting up.</summary>
    public const string StatusStarting = "starting";

    /// <summary>PM_STATUS_STOPPING: a shutdown was requested.</summary>
    public const string StatusStopping = "stopping";

    /// <summary>PM_STATUS_READY: accepting connections.</summary>
    public const string StatusReady = "ready   ";

    /// <summary>PM_STATUS_STANDBY: up but not accepting connections (a standby without hot_standby).</summary>
    public const string StatusStandby = "standby ";

    /// <summary>
    /// Line 7 as ActorPostmaster writes it: key 0 and id 0, in PostgreSQL's <c>%9lu %9lu</c> layout. There is no
    /// System V segment (the shared state lives in the process), so no segment can outlive the postmaster and the
    /// "pre-existing shared memory block" check of a second server never applies.
    /// </summary>
    public static readonly string NoSharedMemoryKey = string.Create(CultureInfo.InvariantCulture, $"{0,9} {0,9}");

    /// <summary>Parses the text of a lock file (lines may be missing).</summary>
    /// <param name="text">The file's text.</param>
    public static PostmasterPidFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        string Line(int n) => lines.Length >= n ? lines[n - 1].TrimEnd('\r') : string.Empty;
        return new PostmasterPidFile(
            LeadingInt(Line(LinePid)),
            Line(LineDataDirectory),
            long.TryParse(Line(LineStartTime), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start) ? start : 0,
            LeadingInt(Line(LinePort)),
            Line(LineSocketDirectory),
            Line(LineListenAddress),
            Line(LineSharedMemoryKey),
            Line(LineStatus));
    }

    /// <summary>Reads <c>postmaster.pid</c> of a data directory; null when there is none.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public static PostmasterPidFile? Read(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>atoi: the integer at the start of <paramref name="text"/> (after blanks), or 0.</summary>
    /// <param name="text">The text.</param>
    internal static int LeadingInt(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = 0;
        if (end < span.Length && span[end] is '-' or '+')
        {
            end++;
        }

        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }

        return int.TryParse(span[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
