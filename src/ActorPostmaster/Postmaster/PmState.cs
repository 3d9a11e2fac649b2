namespace ActorPostmaster;

/// <summary>The postmaster's state (PostgreSQL 18's PMState, postmaster.c), in its declared order: code compares states with &lt;.</summary>
public enum PmState
{
    /// <summary>Initialising.</summary>
    Init,

    /// <summary>The startup process runs; WAL redo has not begun.</summary>
    Startup,

    /// <summary>WAL redo is running (recovery).</summary>
    Recovery,

    /// <summary>Consistent recovery; read-only connections allowed.</summary>
    HotStandby,

    /// <summary>Normal operation.</summary>
    Run,

    /// <summary>Must tell the target children to stop.</summary>
    StopBackends,

    /// <summary>Waiting for the target children to exit.</summary>
    WaitBackends,

    /// <summary>Waiting for the checkpointer to write the shutdown checkpoint.</summary>
    WaitXlogShutdown,

    /// <summary>Waiting for the archiver and WAL senders to finish.</summary>
    WaitXlogArchival,

    /// <summary>Waiting for the I/O workers to exit.</summary>
    WaitIoWorkers,

    /// <summary>Waiting for the checkpointer to exit.</summary>
    WaitCheckpointer,

    /// <summary>Waiting for dead-end backends to go away.</summary>
    WaitDeadEnd,

    /// <summary>All children are gone.</summary>
    NoChildren,
}

/// <summary>The strongest shutdown request so far (postmaster.c: Shutdown). It only ever increases.</summary>
public enum ShutdownLevel
{
    /// <summary>No shutdown requested.</summary>
    NoShutdown,

    /// <summary>Smart: wait for sessions to end (SIGTERM).</summary>
    Smart,

    /// <summary>Fast: terminate sessions, then an orderly shutdown (SIGINT).</summary>
    Fast,

    /// <summary>Immediate: SIGQUIT everyone, no checkpoint (SIGQUIT).</summary>
    Immediate,
}

/// <summary>Whether the startup process runs, and how it ended (postmaster.c: StartupStatus).</summary>
public enum StartupStatus
{
    /// <summary>Not running.</summary>
    NotRunning,

    /// <summary>Running.</summary>
    Running,

    /// <summary>We sent it SIGQUIT/SIGKILL; its death is not a startup failure.</summary>
    Signaled,

    /// <summary>It failed on its own: no reinitialisation will follow.</summary>
    Crashed,
}

/// <summary>Why children were told to quit; selects the quickdie message a client sees (pmsignal.h: QuitSignalReason).</summary>
public enum QuitReason
{
    /// <summary>Not set: someone sent SIGQUIT by hand.</summary>
    None,

    /// <summary>Another process crashed (57P02).</summary>
    ForCrash,

    /// <summary>Immediate shutdown (57P01).</summary>
    ForStop,
}

/// <summary>Signals the postmaster sends its children; typed messages here, never OS signals.</summary>
public enum PmSignal
{
    /// <summary>Reload the configuration.</summary>
    SigHup,

    /// <summary>Cancel (backends) or a type-specific request (checkpointer: write the shutdown checkpoint).</summary>
    SigInt,

    /// <summary>Terminate (die).</summary>
    SigTerm,

    /// <summary>Quit at once (quickdie).</summary>
    SigQuit,

    /// <summary>Type-specific (checkpointer: exit; archiver: last cycle; io worker: exit).</summary>
    SigUsr2,

    /// <summary>Forced out; the child cannot react.</summary>
    SigKill,

    /// <summary>Abort (send_abort_for_crash / send_abort_for_kill).</summary>
    SigAbrt,
}

/// <summary>Requests children send the postmaster (pmsignal.h: PMSignalReason), as messages.</summary>
public enum PmRequest
{
    /// <summary>WAL redo has begun.</summary>
    RecoveryStarted,

    /// <summary>Recovery has reached a consistent state.</summary>
    RecoveryConsistent,

    /// <summary>Hot standby may begin.</summary>
    BeginHotStandby,

    /// <summary>The checkpointer has written the shutdown checkpoint.</summary>
    XlogIsShutdown,

    /// <summary>Re-run the state machine.</summary>
    AdvanceStateMachine,

    /// <summary>The autovacuum launcher wants a worker.</summary>
    StartAutovacuumWorker,

    /// <summary>Registered background workers changed.</summary>
    BackgroundWorkerChange,
}
