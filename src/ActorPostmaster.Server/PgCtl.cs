using System.Globalization;
using ActorPostmaster.Hosting;

namespace ActorPostmaster.Server;

/// <summary>
/// pg_ctl's stop, reload and status (src/bin/pg_ctl/pg_ctl.c), with its messages and exit codes; the program name in
/// messages is <c>actorpg</c>. Signals go to the pid in postmaster.pid with kill(2).
/// </summary>
internal static class PgCtl
{
    private const int WaitsPerSecond = 10;
    private const int DefaultWaitSeconds = 60;

    public static int Stop(string? dataDirectory, string mode, int? timeoutSeconds, bool wait)
    {
        if (ResolveDataDirectory(dataDirectory) is not { } dir)
        {
            return 1;
        }

        var (signal, smart) = mode switch
        {
            "s" or "smart" => (ProcessSignals.SigTerm, true),
            "f" or "fast" => (ProcessSignals.SigInt, false),
            "i" or "immediate" => (ProcessSignals.SigQuit, false),
            _ => (0, false),
        };
        if (signal == 0)
        {
            Error($"unrecognized shutdown mode \"{mode}\"");
            return 1;
        }

        if (WaitSeconds(timeoutSeconds) is not { } seconds)
        {
            return 1;
        }

        var pidFile = PidFilePath(dir);
        if (GetPgPid(dir) is not { } pid)
        {
            return 1;
        }

        if (pid == 0)
        {
            Error($"PID file \"{pidFile}\" does not exist");
            Console.Error.WriteLine("Is server running?");
            return 1;
        }

        if (pid < 0)
        {
            Error($"cannot stop server; single-user server is running (PID: {-pid})");
            return 1;
        }

        if (!ProcessSignals.TrySend(pid, signal, out var error))
        {
            Error($"could not send stop signal (PID: {pid}): {error}");
            return 1;
        }

        if (!wait)
        {
            Console.Out.WriteLine("server shutting down");
            return 0;
        }

        Console.Out.Write("waiting for server to shut down...");
        Console.Out.Flush();
        if (!WaitForPostmasterStop(dir, seconds))
        {
            Console.Out.WriteLine(" failed");
            Error("server does not shut down");
            if (smart)
            {
                Console.Error.WriteLine("HINT: The \"-m fast\" option immediately disconnects sessions rather than");
                Console.Error.WriteLine("waiting for session-initiated disconnection.");
            }

            return 1;
        }

        Console.Out.WriteLine(" done");
        Console.Out.WriteLine("server stopped");
        return 0;
    }

    public static int Reload(string? dataDirectory)
    {
        if (ResolveDataDirectory(dataDirectory) is not { } dir || GetPgPid(dir) is not { } pid)
        {
            return 1;
        }

        if (pid == 0)
        {
            Error($"PID file \"{PidFilePath(dir)}\" does not exist");
            Console.Error.WriteLine("Is server running?");
            return 1;
        }

        if (pid < 0)
        {
            Error($"cannot reload server; single-user server is running (PID: {-pid})");
            Console.Error.WriteLine("Please terminate the single-user server and try again.");
            return 1;
        }

        if (!ProcessSignals.TrySend(pid, ProcessSignals.SigHup, out var error))
        {
            Error($"could not send reload signal (PID: {pid}): {error}");
            return 1;
        }

        Console.Out.WriteLine("server signaled");
        return 0;
    }

    /// <summary>Exit 0 when running, 3 when not, 4 when the data directory is missing or not a cluster (LSB).</summary>
    public static int Status(string? dataDirectory)
    {
        if (ResolveDataDirectory(dataDirectory) is not { } dir)
        {
            return 4;
        }

        if (GetPgPid(dir) is not { } pid)
        {
            return Directory.Exists(dir) && File.Exists(Path.Combine(dir, InitDb.VersionFileName)) ? 1 : 4;
        }

        if (pid < 0 && ProcessSignals.IsAlive(-pid))
        {
            Console.Out.WriteLine($"{Cli.ProgramName}: single-user server is running (PID: {-pid})");
            return 0;
        }

        if (pid > 0 && ProcessSignals.IsAlive(pid))
        {
            Console.Out.WriteLine($"{Cli.ProgramName}: server is running (PID: {pid})");
            var opts = Path.Combine(dir, "postmaster.opts");
            if (File.Exists(opts))
            {
                foreach (var line in File.ReadAllText(opts).Split('\n').SkipLast(1))
                {
                    Console.Out.WriteLine(line.TrimEnd('\r'));
                }
            }

            return 0;
        }

        Console.Out.WriteLine($"{Cli.ProgramName}: no server running");
        return 3;
    }

    /// <summary>-D, else PGDATA (canonicalize_path: no trailing separator).</summary>
    private static string? ResolveDataDirectory(string? given)
    {
        var dir = given ?? Environment.GetEnvironmentVariable("PGDATA");
        if (string.IsNullOrEmpty(dir))
        {
            Error("no database directory specified and environment variable PGDATA unset");
            return null;
        }

        return dir.Length > 1 ? Path.TrimEndingDirectorySeparator(dir) : dir;
    }

    private static string PidFilePath(string dir) => $"{dir}/{PostmasterPidFile.FileName}";

    /// <summary>-t, else PGCTLTIMEOUT, else 60 seconds.</summary>
    private static int? WaitSeconds(int? given)
    {
        if (given is { } seconds)
        {
            return seconds;
        }

        var env = Environment.GetEnvironmentVariable("PGCTLTIMEOUT");
        if (string.IsNullOrEmpty(env))
        {
            return DefaultWaitSeconds;
        }

        if (int.TryParse(env, NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnv) && fromEnv > 0)
        {
            return fromEnv;
        }

        Error($"invalid value \"{env}\" for environment variable PGCTLTIMEOUT");
        return null;
    }

    /// <summary>
    /// get_pgpid: the pid on line 1 of postmaster.pid, 0 when there is no file, null after an error was printed (no
    /// directory, not a cluster, an empty or invalid file).
    /// </summary>
    private static int? GetPgPid(string dir)
    {
        if (!Directory.Exists(dir))
        {
            Error($"directory \"{dir}\" does not exist");
            return null;
        }

        if (!File.Exists(Path.Combine(dir, InitDb.VersionFileName)))
        {
            Error($"directory \"{dir}\" is not a database cluster directory");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(dir, PostmasterPidFile.FileName));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error($"could not open PID file \"{PidFilePath(dir)}\": {e.Message}");
            return null;
        }

        var first = text.TrimStart();
        var digits = first.StartsWith('-') || first.StartsWith('+') ? first[1..] : first;
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]))
        {
            Error(text.Length == 0 ? $"the PID file \"{PidFilePath(dir)}\" is empty" : $"invalid data in PID file \"{PidFilePath(dir)}\"");
            return null;
        }

        return PostmasterPidFile.Parse(text).Pid;
    }

    /// <summary>wait_for_postmaster_stop: success is the pid file's removal; a dead process that left it behind is a failure.</summary>
    private static bool WaitForPostmasterStop(string dir, int seconds)
    {
        for (var count = 0; count < seconds * WaitsPerSecond; count++)
        {
            var pid = GetPgPid(dir);
            if (pid is null or 0)
            {
                return pid == 0;
            }

            if (!ProcessSignals.TrySend(pid.Value, 0, out _))
            {
                return GetPgPid(dir) == 0; // died: one more look at the file
            }

            if (count % WaitsPerSecond == 0)
            {
                Console.Out.Write('.');
                Console.Out.Flush();
            }

            Thread.Sleep(1000 / WaitsPerSecond);
        }

        return false;
    }

    private static void Error(string message) => Console.Error.WriteLine($"{Cli.ProgramName}: {message}");
}
