namespace ActorPostmaster;

/// <summary>
/// What the postmaster shares with its children: the settings they read, the control file (which survives a crash,
/// like the disk) and the shared state (rebuilt from scratch at every crash reinitialisation).
/// </summary>
/// <param name="Options">How the postmaster was started (catalog, test controls).</param>
/// <param name="Settings">The postmaster-level settings in force.</param>
/// <param name="Server">The server's settings: sessions start from its snapshot and pick up reloads from it.</param>
/// <param name="ControlFile">The control file.</param>
/// <param name="Shared">The shared state of this incarnation of the cluster.</param>
public sealed record ChildEnvironment(
    PostmasterOptions Options, PostmasterSettings Settings, Settings.ServerSettings Server, ControlFile ControlFile, SharedState Shared);

/// <summary>
/// The cluster state of the control file (global/pg_control): what survives any crash. In memory until the storage
/// layer persists it.
/// </summary>
public sealed class ControlFile
{
    private readonly object _lock = new();
    private ClusterState _state = ClusterState.ShutDown;
    private DateTimeOffset _time;

    /// <summary>Creates the control file of a cluster last shut down at <paramref name="time"/>.</summary>
    /// <param name="time">The time of the last update.</param>
    public ControlFile(DateTimeOffset time) => _time = time;

    /// <summary>The recorded cluster state.</summary>
    public ClusterState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset Time
    {
        get
        {
            lock (_lock)
            {
                return _time;
            }
        }
    }

    /// <summary>Records a new state.</summary>
    /// <param name="state">The state.</param>
    /// <param name="time">When.</param>
    public void Update(ClusterState state, DateTimeOffset time)
    {
        lock (_lock)
        {
            _state = state;
            _time = time;
        }
    }
}

/// <summary>The cluster states of pg_control (DBState).</summary>
public enum ClusterState
{
    /// <summary>shut down.</summary>
    ShutDown,

    /// <summary>in production.</summary>
    InProduction,

    /// <summary>in crash recovery.</summary>
    InCrashRecovery,

    /// <summary>shut down in recovery.</summary>
    ShutDownInRecovery,
}

/// <summary>
/// The shared-memory analogue: everything that a crash may have corrupted and that the reinitialisation rebuilds from
/// scratch. Each incarnation has a generation number; nothing of an older generation survives a crash.
/// </summary>
/// <param name="generation">1 at start, one more at each crash reinitialisation.</param>
public sealed class SharedState(int generation)
{
    /// <summary>1 at start, one more at each crash reinitialisation.</summary>
    public int Generation { get; } = generation;

    /// <summary>Every live process with a PGPROC (what pg_stat_activity lists).</summary>
    public ProcTable Procs { get; } = new();

    /// <summary>The kv table, once the startup process has recovered it (null before, and without a data directory).</summary>
    public Storage.KvStore? Kv => Storage?.Kv;

    /// <summary>The table, the WAL buffers and the data directory of this incarnation, set by the startup process.</summary>
    internal Storage.RecoveredStorage? Storage { get; set; }
}
