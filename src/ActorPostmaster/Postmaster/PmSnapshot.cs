using System.Collections.Immutable;

namespace ActorPostmaster;

/// <summary>
/// Everything the postmaster's decisions depend on besides its children: PMState and the flags PostgreSQL keeps next
/// to it (postmaster.c). Immutable; every decision returns the next snapshot.
/// </summary>
/// <param name="State">PMState.</param>
/// <param name="Shutdown">The strongest shutdown request so far.</param>
/// <param name="FatalError">True while recovering from a child crash (between the SIGQUIT broadcast and the start of redo).</param>
/// <param name="StartupStatus">Whether the startup process runs, and how it ended.</param>
/// <param name="ConnsAllowed">False during a smart shutdown (a sub-state of Run/HotStandby).</param>
/// <param name="KillTimerRunning">The SIGKILL stopwatch (AbortStartTime != 0): 5 s after a crash or an immediate shutdown.</param>
/// <param name="ReachedNormalRunning">Set the first time Run is reached.</param>
/// <param name="ReachedConsistency">Recovery has reported a consistent state (changes the 57P03 wording).</param>
/// <param name="QuitReason">Why children were told to quit (selects the quickdie message).</param>
/// <param name="Listening">Whether the listen sockets are polled (connections are accepted, or wait in the backlog).</param>
public sealed record PmSnapshot(
    PmState State,
    ShutdownLevel Shutdown,
    bool FatalError,
    StartupStatus StartupStatus,
    bool ConnsAllowed,
    bool KillTimerRunning,
    bool ReachedNormalRunning,
    bool ReachedConsistency,
    QuitReason QuitReason,
    bool Listening)
{
    /// <summary>The snapshot of a postmaster that has not started yet.</summary>
    public static PmSnapshot Initial { get; } = new(
        PmState.Init, ShutdownLevel.NoShutdown, false, StartupStatus.NotRunning, false, false, false, false, QuitReason.None, false);
}

/// <summary>How many children of each type are alive (dead-end backends included, the exited one excluded).</summary>
public sealed class ChildCensus
{
    private readonly ImmutableDictionary<BackendType, int> _counts;

    private ChildCensus(ImmutableDictionary<BackendType, int> counts) => _counts = counts;

    /// <summary>No children.</summary>
    public static ChildCensus Empty { get; } = new(ImmutableDictionary<BackendType, int>.Empty);

    /// <summary>All children.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>A census from explicit counts.</summary>
    /// <param name="counts">Type and count pairs.</param>
    public static ChildCensus Of(params (BackendType Type, int Count)[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var census = Empty;
        foreach (var (type, count) in counts)
        {
            census = census.With(type, count);
        }

        return census;
    }

    /// <summary>The number of live children of <paramref name="type"/>.</summary>
    /// <param name="type">The type.</param>
    public int Count(BackendType type) => _counts.GetValueOrDefault(type);

    /// <summary>The number of live children of any of <paramref name="types"/>.</summary>
    /// <param name="types">The types.</param>
    public int CountOf(IEnumerable<BackendType> types) => types.Sum(Count);

    /// <summary>A copy with <paramref name="delta"/> more children of <paramref name="type"/>.</summary>
    /// <param name="type">The type.</param>
    /// <param name="delta">How many more (negative: fewer).</param>
    public ChildCensus With(BackendType type, int delta)
    {
        var count = Count(type) + delta;
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), $"There are no more {type} children to remove.");
        }

        return new ChildCensus(count == 0 ? _counts.Remove(type) : _counts.SetItem(type, count));
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _counts.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
}

/// <summary>The settings the postmaster's decisions read.</summary>
/// <param name="RestartAfterCrash">restart_after_crash.</param>
/// <param name="HotStandby">hot_standby.</param>
/// <param name="SendAbortForCrash">send_abort_for_crash: SIGABRT instead of SIGQUIT in the crash broadcast.</param>
/// <param name="SendAbortForKill">send_abort_for_kill: SIGABRT instead of SIGKILL after 5 s.</param>
public sealed record PmPolicy(bool RestartAfterCrash = true, bool HotStandby = true, bool SendAbortForCrash = false, bool SendAbortForKill = false)
{
    /// <summary>PostgreSQL's defaults.</summary>
    public static PmPolicy Default { get; } = new();
}

/// <summary>What a child's exit looked like, as the postmaster reaps it.</summary>
/// <param name="Type">The child's type.</param>
/// <param name="Pid">Its (virtual) pid.</param>
/// <param name="Status">How it ended.</param>
/// <param name="CleanedUp">
/// The dead-man switch: false when the child left its slot "active" (it never said it cleaned up), which makes even an
/// exit 0 or 1 a crash.
/// </param>
/// <param name="WorkerType">For background workers, their bgw_type (for the log line).</param>
/// <param name="LastActivity">The query it was running, for DETAIL "Failed process was running".</param>
public sealed record ChildExit(
    BackendType Type,
    int Pid,
    ExitStatus Status,
    bool CleanedUp = true,
    string? WorkerType = null,
    string? LastActivity = null);
