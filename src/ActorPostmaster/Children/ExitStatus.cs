namespace ActorPostmaster;

/// <summary>How a child ended: PostgreSQL's raw <c>waitpid</c> status, as the postmaster classifies it.</summary>
/// <remarks>
/// Exit 0 and exit 1 are orderly (exit 1 is a FATAL); anything else is a crash for most kinds (spec §1.2). An
/// unhandled exception in a child is its PANIC: the abort that follows is <see cref="Aborted"/> (signal 6).
/// </remarks>
public abstract record ExitStatus
{
    private ExitStatus()
    {
    }

    /// <summary>exit 0.</summary>
    public static ExitStatus Success { get; } = new Exited(0);

    /// <summary>exit 1: an orderly FATAL.</summary>
    public static ExitStatus Fatal { get; } = new Exited(1);

    /// <summary>exit 2: what quickdie and the SIGQUIT handlers exit with.</summary>
    public static ExitStatus QuickDie { get; } = new Exited(2);

    /// <summary>Killed by SIGKILL (9).</summary>
    public static ExitStatus Killed { get; } = new Signaled(9, "Killed");

    /// <summary>Killed by SIGABRT (6), as after a PANIC or with send_abort_for_crash.</summary>
    public static ExitStatus Aborted { get; } = new Signaled(6, "Aborted");

    /// <summary>True for exit 0.</summary>
    public bool IsSuccess => this is Exited { Code: 0 };

    /// <summary>True for exit 0 or exit 1: an orderly end for most kinds of child.</summary>
    public bool IsOrderly => this is Exited { Code: 0 or 1 };

    /// <summary>A normal exit with a code.</summary>
    /// <param name="Code">The exit code.</param>
    public sealed record Exited(int Code) : ExitStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"exit code {Code}";
    }

    /// <summary>Death by a signal.</summary>
    /// <param name="Signal">The signal number.</param>
    /// <param name="Description">strsignal's text (e.g. "Killed").</param>
    public sealed record Signaled(int Signal, string Description) : ExitStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"signal {Signal}: {Description}";
    }
}
