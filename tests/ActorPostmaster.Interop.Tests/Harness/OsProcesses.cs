using System.Globalization;

namespace ActorPostmaster.Interop.Harness;

/// <summary>Small Linux process utilities: signals by name, liveness, the current user.</summary>
public static class OsProcesses
{
    /// <summary>Whether this process runs as root (effective uid 0), read from <c>/proc/self/status</c>.</summary>
    public static bool IsRoot
    {
        get
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 2 && fields[2] == "0";
                }
            }

            return false;
        }
    }

    /// <summary>
    /// <c>kill -s SIGNAL pid</c>; returns kill's exit status (0 = delivered). <paramref name="signal"/> is a name such as
    /// <c>TERM</c>, <c>INT</c>, <c>QUIT</c>, <c>KILL</c>, <c>HUP</c> (with or without the <c>SIG</c> prefix).
    /// </summary>
    public static async Task<int> SignalAsync(int pid, string signal)
    {
        var name = signal.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? signal[3..] : signal;
        var result = await ProcessRunner.RunAsync(
            "kill", ["-s", name.ToUpperInvariant(), pid.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(10))
            .ConfigureAwait(false);
        return result.ExitCode;
    }

    /// <summary>Whether a process with this pid exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] != 'Z' && stat[afterName + 2] != 'X';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Polls (every 10 ms) until the process is gone or a zombie; false at the deadline.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The pids whose parent is <paramref name="parentPid"/> (from <c>/proc/*/stat</c>).</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parentPid)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while enumerating.
            }
        }

        return children;
    }

    /// <summary>Reads line 1 (the OS pid) of a PostgreSQL-style <c>postmaster.pid</c>; null when absent or unreadable.</summary>
    public static int? ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            using var reader = new StreamReader(Path.Combine(dataDirectory, "postmaster.pid"));
            var first = reader.ReadLine();
            return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
