using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// The base of every postmaster child actor. A child owns its <see cref="ProcessState"/> (the PGPROC analogue), wakes
/// when its latch is set, reacts to its pending signals in <see cref="OnInterrupts"/>, and ends either in an orderly way
/// (<see cref="ExitProcess"/>: it has cleaned up) or by being stopped by the postmaster (SIGQUIT, SIGKILL).
/// </summary>
/// <remarks>An unhandled exception in a child is its PANIC: the postmaster's crash cycle takes over.</remarks>
public abstract class PostmasterChild : ReceiveActor
{
    /// <summary>Creates the child around its process entry.</summary>
    /// <param name="proc">The process entry the postmaster made for it.</param>
    /// <param name="environment">What the postmaster shares with its children.</param>
    protected PostmasterChild(ProcessState proc, ChildEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(proc);
        ArgumentNullException.ThrowIfNull(environment);
        Proc = proc;
        Environment = environment;
        Log = new ServerLog(Context.System, proc.Pid, GetType(), proc, proc.Type);
        Clock = Context.System.Scheduler.TimeProvider;
        Scheduler = Context.System.Scheduler;
        Receive<LatchWake>(_ =>
        {
            Proc.Latch.Reset();
            if (Proc.CrashReason is { } reason)
            {
                throw new InvalidOperationException(reason); // ap_crash_process: this child's PANIC starts the crash cycle
            }

            OnInterrupts();
        });
    }

    /// <summary>The child's process entry.</summary>
    protected ProcessState Proc { get; }

    /// <summary>What the postmaster shares with its children.</summary>
    protected ChildEnvironment Environment { get; }

    /// <summary>The child's server log: PostgreSQL-shaped lines with its pid.</summary>
    protected ServerLog Log { get; }

    /// <summary>The clock (virtual under the deterministic dispatcher).</summary>
    protected TimeProvider Clock { get; }

    /// <summary>The system scheduler, captured at construction (usable after awaits).</summary>
    protected IScheduler Scheduler { get; }

    /// <summary>Called when the latch was set: look at <see cref="ProcessState.Pending"/> and act.</summary>
    protected abstract void OnInterrupts();

    /// <summary>proc_exit: record an orderly exit (the child has cleaned up) and stop.</summary>
    /// <param name="code">The exit code: 0 or 1 (3 for a startup process at a recovery target).</param>
    protected void ExitProcess(int code)
    {
        Proc.RecordExit(code);
        Context.Stop(Self);
    }

    /// <summary>shared_buffers in 8 kB pages (what a checkpoint's "wrote n buffers (p%)" is relative to).</summary>
    protected int SharedBuffers => Environment.Server.Snapshot.GetInt("shared_buffers");

    /// <summary>A <c>checkpoint starting</c> / <c>checkpoint complete</c> line, written when log_checkpoints is on.</summary>
    /// <param name="line">The line.</param>
    protected void LogCheckpoint(string line)
    {
        if (Environment.Settings.LogCheckpoints)
        {
            Log.Log(line);
        }
    }

    /// <summary>Sends the postmaster a request (SendPostmasterSignal).</summary>
    /// <param name="request">The request.</param>
    protected void RequestPostmaster(PmRequest request) => Context.Parent.Tell(new ChildRequestMessage(request), Self);
}

/// <summary>INTERNAL API. The latch of a child was set while it did not wait on it.</summary>
internal sealed record LatchWake
{
    public static readonly LatchWake Instance = new();
}

/// <summary>A child's request to the postmaster (pmsignal).</summary>
/// <param name="Request">The request.</param>
public sealed record ChildRequestMessage(PmRequest Request);
