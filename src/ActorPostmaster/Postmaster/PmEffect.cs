using System.Collections.Immutable;

namespace ActorPostmaster;

/// <summary>Something the postmaster must do because of a decision; executed in order by the supervisor.</summary>
public abstract record PmEffect
{
    private PmEffect()
    {
    }

    /// <summary>Write a server log line.</summary>
    /// <param name="Level">LOG, DEBUG …</param>
    /// <param name="Message">The message, PostgreSQL's text.</param>
    /// <param name="Detail">A DETAIL line, or null.</param>
    public sealed record Log(PgSeverity Level, string Message, string? Detail = null) : PmEffect;

    /// <summary>Signal every live child whose type is in <paramref name="Types"/>.</summary>
    /// <param name="Types">The target types (the logger is never among them).</param>
    /// <param name="Signal">The signal.</param>
    public sealed record SignalChildren(ImmutableHashSet<BackendType> Types, PmSignal Signal) : PmEffect
    {
        /// <inheritdoc />
        public override string ToString() => $"SignalChildren({Signal} → {string.Join(",", Types.Order())})";
    }

    /// <summary>Start a child of <paramref name="Type"/>.</summary>
    /// <param name="Type">The type.</param>
    public sealed record StartChild(BackendType Type) : PmEffect;

    /// <summary>Start or stop polling the listen sockets.</summary>
    /// <param name="On">True to listen.</param>
    public sealed record SetListening(bool On) : PmEffect;

    /// <summary>Write the status line of postmaster.pid (<c>starting</c>, <c>stopping</c>, <c>ready   </c>, <c>standby </c>).</summary>
    /// <param name="Status">The status, padded to 8 characters.</param>
    public sealed record SetPidFileStatus(string Status) : PmEffect;

    /// <summary>Forget unstarted background workers that someone waits for (bgworker.c: ForgetUnstartedBackgroundWorkers).</summary>
    public sealed record ForgetUnstartedBackgroundWorkers : PmEffect;

    /// <summary>Background workers may need starting (StartWorkerNeeded).</summary>
    public sealed record StartWorkersNeeded : PmEffect;

    /// <summary>
    /// The crash reinitialisation of spec §2.6, steps 2–6: remove temporary files (if remove_temp_files_after_crash),
    /// reset background-worker crash times, and rebuild shared state from scratch.
    /// </summary>
    public sealed record Reinitialize : PmEffect;

    /// <summary>Start the 5-second SIGKILL stopwatch.</summary>
    public sealed record StartKillTimer : PmEffect;

    /// <summary>The postmaster exits with <paramref name="Code"/> (logging <c>database system is shut down</c> as it removes its lock file).</summary>
    /// <param name="Code">0 after a clean shutdown, 1 otherwise.</param>
    public sealed record Exit(int Code) : PmEffect;
}

/// <summary>A decision: the next snapshot, the effects to carry out in order, and every state passed through.</summary>
/// <param name="Next">The next snapshot.</param>
/// <param name="Effects">The effects.</param>
/// <param name="Path">The states entered, in order (one decision may pass through several, e.g. WAIT_BACKENDS → WAIT_DEAD_END → NO_CHILDREN → STARTUP).</param>
public sealed record PmDecision(PmSnapshot Next, IReadOnlyList<PmEffect> Effects, IReadOnlyList<PmState> Path)
{
    /// <summary>A decision that changes nothing.</summary>
    /// <param name="current">The current snapshot.</param>
    public static PmDecision None(PmSnapshot current) => new(current, [], []);
}
