using System.Collections.Concurrent;

namespace ActorPostmaster;

/// <summary>
/// The live processes that have a PGPROC, by pid: client backends and auxiliary processes alike (pg_stat_activity shows
/// them all). Dead-end backends and the logger have none. Part of the rebuildable shared state.
/// </summary>
public sealed class ProcTable
{
    private readonly ConcurrentDictionary<int, ProcessState> _byPid = new();

    /// <summary>Whether a type has a PGPROC (and so appears here).</summary>
    /// <param name="type">The type.</param>
    public static bool HasPgProc(BackendType type) => type is not (BackendType.DeadEndBackend or BackendType.Logger);

    /// <summary>
    /// Whether a type is in the procarray proper, which pg_cancel_backend and pg_terminate_backend search
    /// (BackendPidGetProc): client backends, walsenders, autovacuum launcher and workers, background workers.
    /// </summary>
    /// <param name="type">The type.</param>
    public static bool InProcArray(BackendType type) => type is BackendType.Backend or BackendType.WalSender
        or BackendType.AutovacuumLauncher or BackendType.AutovacuumWorker or BackendType.BackgroundWorker;

    /// <summary>Registers a process.</summary>
    /// <param name="proc">The process.</param>
    public void Add(ProcessState proc)
    {
        ArgumentNullException.ThrowIfNull(proc);
        _byPid[proc.Pid] = proc;
    }

    /// <summary>Removes a process.</summary>
    /// <param name="pid">Its pid.</param>
    public void Remove(int pid) => _byPid.TryRemove(pid, out _);

    /// <summary>The process with <paramref name="pid"/>, or null.</summary>
    /// <param name="pid">The pid.</param>
    public ProcessState? Find(int pid) => _byPid.GetValueOrDefault(pid);

    /// <summary>All live processes, in pid order.</summary>
    public IReadOnlyList<ProcessState> Snapshot() => [.. _byPid.Values.OrderBy(p => p.Pid)];
}
