namespace ActorPostmaster;

/// <summary>
/// The postmaster's list of registered background workers and the exit-code contract of spec §8: exit 0 unregisters,
/// exit 1 restarts after bgw_restart_time (or unregisters a never-restart worker), anything else is a cluster crash.
/// </summary>
public sealed class BackgroundWorkers
{
    private readonly List<Registration> _registered = [];

    /// <summary>The registered workers, running or not.</summary>
    public IReadOnlyList<Registration> Registered => _registered;

    /// <summary>Registers a worker; it starts when the postmaster's state allows.</summary>
    /// <param name="spec">The registration.</param>
    /// <exception cref="ArgumentOutOfRangeException">The restart time is negative or above 86400 s.</exception>
    public Registration Register(BackgroundWorkerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.RestartTime is { } restart && (restart < TimeSpan.Zero || restart > TimeSpan.FromSeconds(86400)))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), $"background worker \"{spec.Name}\": invalid restart interval");
        }

        var registration = new Registration(spec);
        _registered.Add(registration);
        return registration;
    }

    /// <summary>Whether a worker with this start time may start in <paramref name="state"/> (bgworker_should_start_now).</summary>
    /// <param name="startTime">bgw_start_time.</param>
    /// <param name="state">PMState.</param>
    public static bool ShouldStartNow(BackgroundWorkerStartTime startTime, PmState state) => startTime switch
    {
        BackgroundWorkerStartTime.PostmasterStart => state is PmState.Init or PmState.Startup or PmState.Recovery or PmState.HotStandby or PmState.Run,
        BackgroundWorkerStartTime.ConsistentState => state is PmState.HotStandby or PmState.Run,
        _ => state == PmState.Run,
    };

    /// <summary>The workers to start now (maybe_start_bgworkers); never while FatalError is set.</summary>
    /// <param name="snapshot">The postmaster's snapshot.</param>
    /// <param name="now">The current time.</param>
    public IReadOnlyList<Registration> ToStart(PmSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.FatalError)
        {
            return [];
        }

        return _registered.Where(r => r.Pid is null
            && (r.CrashedAt is not { } crashed || (r.Spec.RestartTime is { } restart && now >= crashed + restart))
            && ShouldStartNow(r.Spec.StartTime, snapshot.State)).ToList();
    }

    /// <summary>When the next crashed worker becomes due for a restart, or null.</summary>
    public DateTimeOffset? NextRestartDue() =>
        _registered.Where(r => r.Pid is null && r.CrashedAt is not null && r.Spec.RestartTime is not null)
            .Select(r => (DateTimeOffset?)(r.CrashedAt!.Value + r.Spec.RestartTime!.Value))
            .Min();

    /// <summary>Records a worker's start.</summary>
    /// <param name="registration">The worker.</param>
    /// <param name="pid">Its pid.</param>
    public static void Started(Registration registration, int pid)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.Pid = pid;
    }

    /// <summary>Applies the exit contract (CleanupBackend, §8.2). Crashes are left to the crash cycle.</summary>
    /// <param name="registration">The worker.</param>
    /// <param name="status">How it ended.</param>
    /// <param name="now">The current time.</param>
    public void Exited(Registration registration, ExitStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(status);
        registration.Pid = null;
        if (status.IsSuccess)
        {
            _registered.Remove(registration);
        }
        else if (status.IsOrderly)
        {
            if (registration.Spec.RestartTime is null)
            {
                _registered.Remove(registration);
            }
            else
            {
                registration.CrashedAt = now;
            }
        }
    }

    /// <summary>ResetBackgroundWorkerCrashTimes (§8.4): never-restart workers are forgotten, the rest start again at once.</summary>
    public void ResetCrashTimes()
    {
        _registered.RemoveAll(r => r.Spec.RestartTime is null);
        foreach (var registration in _registered)
        {
            registration.CrashedAt = null;
            registration.Pid = null;
        }
    }

    /// <summary>A registered worker and its bookkeeping.</summary>
    /// <param name="spec">The registration.</param>
    public sealed class Registration(BackgroundWorkerSpec spec)
    {
        /// <summary>The registration.</summary>
        public BackgroundWorkerSpec Spec { get; } = spec;

        /// <summary>The running worker's pid, or null.</summary>
        public int? Pid { get; internal set; }

        /// <summary>When it last exited 1 (rw_crashed_at), or null.</summary>
        public DateTimeOffset? CrashedAt { get; internal set; }
    }
}
