namespace ActorPostmaster;

/// <summary>A shutdown request: the SIGTERM (smart), SIGINT (fast) and SIGQUIT (immediate) analogues.</summary>
/// <param name="Level">The mode.</param>
public sealed record ShutdownRequest(ShutdownLevel Level);

/// <summary>A reload request: the SIGHUP analogue.</summary>
/// <param name="Configuration">
/// The configuration to apply; null re-reads the configuration file (or keeps the configuration the postmaster was
/// started with when it has no file).
/// </param>
public sealed record ReloadRequest(Settings.ConfigFile? Configuration = null)
{
    /// <summary>Re-read the configuration file.</summary>
    public static ReloadRequest Instance { get; } = new();
}

/// <summary>Fault injection: the first live child of <paramref name="Type"/> crashes (ap_crash_process).</summary>
/// <param name="Type">The child type.</param>
public sealed record CrashProcess(BackendType Type);

/// <summary>Fault injection: the SIGKILL analogue for one child, by pid (ap_kill_backend). Answered with true when it existed.</summary>
/// <param name="Pid">The pid.</param>
public sealed record KillProcess(int Pid);

/// <summary>
/// Fault injection: the SIGQUIT analogue for one child, by pid (<c>kill -QUIT</c>, ap_quit_backend). The child quits at
/// once with quickdie's "unexpected SIGQUIT" warning to its client and exit 2, which starts the crash cycle. Answered
/// with true when it existed.
/// </summary>
/// <param name="Pid">The pid.</param>
public sealed record QuitProcess(int Pid);

/// <summary>
/// <c>kill -SIGNAL pid</c> for one child: the child reacts as its type does to that signal (spec §1.1), e.g. SIGINT makes
/// an io worker exit so that a new one starts, SIGTERM makes the archiver wait for its last cycle. SIGQUIT and SIGKILL
/// are <see cref="QuitProcess"/> and <see cref="KillProcess"/>. Answered with true when the child existed.
/// </summary>
/// <param name="Pid">The pid.</param>
/// <param name="Signal">The signal.</param>
public sealed record SignalProcess(int Pid, PmSignal Signal);

/// <summary>Registers a background worker; answered with <see cref="BackgroundWorkerRegistered"/>.</summary>
/// <param name="Spec">The registration.</param>
public sealed record RegisterBackgroundWorker(BackgroundWorkerSpec Spec);

/// <summary>The answer to <see cref="RegisterBackgroundWorker"/>.</summary>
/// <param name="Name">The worker's name.</param>
/// <param name="Accepted">False when the postmaster is already shutting down (the registration is rejected).</param>
public sealed record BackgroundWorkerRegistered(string Name, bool Accepted);

/// <summary>Asks for <see cref="PostmasterStatus"/>.</summary>
public sealed record GetPostmasterStatus
{
    /// <summary>The single instance.</summary>
    public static GetPostmasterStatus Instance { get; } = new();
}

/// <summary>A live child, as the postmaster knows it.</summary>
/// <param name="Type">Its type.</param>
/// <param name="Pid">Its pid.</param>
/// <param name="WorkerType">For background workers, bgw_type.</param>
public sealed record ChildInfo(BackendType Type, int Pid, string? WorkerType);

/// <summary>What the postmaster reports about itself.</summary>
/// <param name="Snapshot">PMState and its flags.</param>
/// <param name="Children">The live children.</param>
/// <param name="PidFileStatus">The status line of postmaster.pid.</param>
/// <param name="SharedStateGeneration">Which incarnation of shared state is live (one more after each crash reinitialisation).</param>
/// <param name="ExitCode">The exit code once the postmaster has exited, otherwise null.</param>
public sealed record PostmasterStatus(PmSnapshot Snapshot, IReadOnlyList<ChildInfo> Children, string PidFileStatus, int SharedStateGeneration, int? ExitCode);

/// <summary>Published on the event stream when the postmaster exits.</summary>
/// <param name="Code">0 after a clean shutdown, 1 otherwise.</param>
public sealed record PostmasterExited(int Code);
