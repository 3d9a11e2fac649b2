using System.Runtime.InteropServices;

namespace ActorPostmaster.Hosting;

/// <summary>
/// <c>kill(2)</c> for the pg_ctl side (stop, reload, status) and the data-directory lock: real OS signals to real OS
/// processes. Unix only (on Windows only <see cref="MayBeAlive"/> works, through the process table).
/// </summary>
/// <remarks>The numbers are those of Linux and the BSDs, which agree on these five.</remarks>
public static class ProcessSignals
{
    /// <summary>SIGHUP: reload the configuration files.</summary>
    public const int SigHup = 1;

    /// <summary>SIGINT: fast shutdown.</summary>
    public const int SigInt = 2;

    /// <summary>SIGQUIT: immediate shutdown.</summary>
    public const int SigQuit = 3;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM: smart shutdown.</summary>
    public const int SigTerm = 15;

    private const int Esrch = 3;
    private const int Eperm = 1;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="signal">The signal number (0 only checks that the process exists).</param>
    /// <param name="error">strerror(errno) when it failed (e.g. <c>No such process</c>).</param>
    /// <returns>Whether the signal was sent.</returns>
    public static bool TrySend(int pid, int signal, out string? error)
    {
        error = null;
        if (Kill(pid, signal) == 0)
        {
            return true;
        }

        error = Marshal.GetLastPInvokeErrorMessage();
        return false;
    }

    /// <summary>
    /// pg_ctl's postmaster_is_alive: <c>kill(pid, 0)</c> succeeds, and the pid is neither this process nor its parent
    /// (an EPERM answer means another user's process, which cannot be our postmaster).
    /// </summary>
    /// <param name="pid">The process.</param>
    public static bool IsAlive(int pid) => pid > 0 && pid != Environment.ProcessId && pid != ParentProcessId && Kill(pid, 0) == 0;

    /// <summary>
    /// CreateLockFile's test of a recorded pid: the process exists, or <c>kill</c> failed for a reason other than
    /// ESRCH (no such process) and EPERM (another user's process).
    /// </summary>
    /// <param name="pid">The process.</param>
    public static bool MayBeAlive(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (Kill(pid, 0) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is not Esrch and not Eperm;
    }

    /// <summary>
    /// Gives SIGHUP, SIGINT, SIGQUIT and SIGTERM their default disposition again when this process inherited them
    /// ignored (nohup ignores SIGHUP; a background job of a non-interactive shell ignores SIGINT and SIGQUIT):
    /// PostgreSQL's postmaster installs its handlers whatever it inherited, but .NET keeps an inherited SIG_IGN, so
    /// <c>kill -HUP</c> (reload), <c>-INT</c> (fast), <c>-QUIT</c> (immediate) or <c>-TERM</c> (smart) would do
    /// nothing. Call it first thing in Main, before the console or a signal registration initialises .NET's signal
    /// handling; a handler registered afterwards then receives them.
    /// </summary>
    public static IReadOnlyList<int> RestoreIgnoredPostmasterSignals()
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        var restored = new List<int>();
        foreach (var signal in new[] { SigHup, SigInt, SigQuit, SigTerm })
        {
            var previous = NativeMethods.Signal(signal, NativeMethods.SigDfl);
            if (previous == NativeMethods.SigIgn)
            {
                restored.Add(signal);
            }
            else if (previous != NativeMethods.SigErr)
            {
                NativeMethods.Signal(signal, previous); // not ignored: leave it as it was
            }
        }

        return restored;
    }

    /// <summary>This process's parent (getppid).</summary>
    public static int ParentProcessId => OperatingSystem.IsWindows() ? 0 : GetParentPid();

    private static int Kill(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Signals to other processes need a Unix system.");
        }

        return NativeMethods.Kill(pid, signal);
    }

    private static int GetParentPid() => NativeMethods.GetParentPid();

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);

        public static readonly nint SigDfl = 0;
        public static readonly nint SigIgn = 1;
        public static readonly nint SigErr = -1;

        [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint Signal(int signal, nint handler);

        [DllImport("libc", EntryPoint = "getppid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int GetParentPid();
    }
}
