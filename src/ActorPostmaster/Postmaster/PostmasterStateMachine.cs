using System.Collections.Immutable;

namespace ActorPostmaster;

/// <summary>
/// The postmaster's decisions, as pure functions of (snapshot, live children, settings, event): PostgreSQL's
/// <c>PostmasterStateMachine</c> together with <c>process_pm_shutdown_request</c>, <c>process_pm_child_exit</c>,
/// <c>process_pm_pmsignal</c>, <c>HandleChildCrash</c> and <c>HandleFatalError</c> (postmaster.c, PostgreSQL 18).
/// </summary>
/// <remarks>
/// Every transition of PMState is decided here and nowhere else; the <see cref="PmStateActor"/> FSM holds the
/// resulting state and the postmaster supervisor carries out the effects. Section numbers refer to
/// ../shared/spec/postmaster-behaviour.md. Log texts follow PostgreSQL 15 where it differs from 18 (the oracle).
/// </remarks>
public static class PostmasterStateMachine
{
    private static readonly ImmutableHashSet<BackendType> OrderlyStopTargets =
    [
        BackendType.Backend, BackendType.AutovacuumLauncher, BackendType.AutovacuumWorker, BackendType.BackgroundWorker,
        BackendType.WalWriter, BackendType.BackgroundWriter, BackendType.SlotSyncWorker, BackendType.WalSummarizer,
        BackendType.Startup, BackendType.WalReceiver,
    ];

    private static readonly ImmutableHashSet<BackendType> CrashStopTargets = OrderlyStopTargets.Union(
        [BackendType.Checkpointer, BackendType.Archiver, BackendType.IoWorker, BackendType.WalSender]);

    private static readonly ImmutableHashSet<BackendType> AllButLogger = [.. BackendTypes.AllButLogger];

    private static readonly ImmutableHashSet<BackendType> AllowedInXlogArchivalEnd =
        [BackendType.Checkpointer, BackendType.IoWorker, BackendType.Logger, BackendType.DeadEndBackend];

    /// <summary>PM_INIT → PM_STARTUP: start I/O workers, checkpointer, bgwriter, then the startup process (§2.1).</summary>
    /// <param name="snapshot">The current snapshot (PM_INIT).</param>
    /// <param name="ioWorkers">How many I/O workers to start first.</param>
    public static PmDecision Start(PmSnapshot snapshot, int ioWorkers)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.State != PmState.Init)
        {
            throw new InvalidOperationException($"The postmaster can only start from Init, not {snapshot.State}.");
        }

        var b = new Builder(snapshot, ChildCensus.Empty, PmPolicy.Default);
        b.Effect(new PmEffect.SetPidFileStatus("starting"));
        b.Go(PmState.Startup);
        for (var i = 0; i < ioWorkers; i++)
        {
            b.Effect(new PmEffect.StartChild(BackendType.IoWorker));
        }

        b.Effect(new PmEffect.StartChild(BackendType.Checkpointer));
        b.Effect(new PmEffect.StartChild(BackendType.BackgroundWriter));
        b.Effect(new PmEffect.StartChild(BackendType.Startup));
        b.S = b.S with { StartupStatus = StartupStatus.Running, Listening = true };
        b.Effect(new PmEffect.SetListening(true));
        b.Effect(new PmEffect.StartWorkersNeeded());
        return b.Build();
    }

    /// <summary>A shutdown request (process_pm_shutdown_request, §2.3). Weaker or repeated requests are ignored.</summary>
    /// <param name="snapshot">The current snapshot.</param>
    /// <param name="level">The most severe level requested since the last pass.</param>
    /// <param name="census">The live children.</param>
    /// <param name="policy">The settings.</param>
    public static PmDecision OnShutdownRequest(PmSnapshot snapshot, ShutdownLevel level, ChildCensus census, PmPolicy policy)
    {
        var b = new Builder(snapshot, census, policy);
        if (level <= b.S.Shutdown || level == ShutdownLevel.NoShutdown)
        {
            return b.Build();
        }

        b.S = b.S with { Shutdown = level };
        switch (level)
        {
            case ShutdownLevel.Smart:
                b.Log("received smart shutdown request");
                b.Effect(new PmEffect.SetPidFileStatus("stopping"));
                if (b.S.State is PmState.Run or PmState.HotStandby)
                {
                    b.S = b.S with { ConnsAllowed = false };
                }
                else if (b.S.State is PmState.Startup or PmState.Recovery)
                {
                    b.Go(PmState.StopBackends);
                }

                break;
            case ShutdownLevel.Fast:
                b.Log("received fast shutdown request");
                b.Effect(new PmEffect.SetPidFileStatus("stopping"));
                if (b.S.State is PmState.Startup or PmState.Recovery)
                {
                    b.Go(PmState.StopBackends);
                }
                else if (b.S.State is PmState.Run or PmState.HotStandby)
                {
                    b.Log("aborting any active transactions");
                    b.Go(PmState.StopBackends);
                }

                break;
            case ShutdownLevel.Immediate:
                b.Log("received immediate shutdown request");
                b.Effect(new PmEffect.SetPidFileStatus("stopping"));
                b.S = b.S with { QuitReason = QuitReason.ForStop };
                TerminateChildren(b, PmSignal.SigQuit);
                b.Go(PmState.WaitBackends);
                StartKillTimer(b);
                break;
        }

        RunStateMachine(b);
        return b.Build();
    }

    /// <summary>A child has exited (process_pm_child_exit, §1.2, §2.5), then the state machine runs (§2.2).</summary>
    /// <param name="snapshot">The current snapshot.</param>
    /// <param name="exit">How the child ended.</param>
    /// <param name="census">The live children, the exited one no longer counted.</param>
    /// <param name="policy">The settings.</param>
    public static PmDecision OnChildExit(PmSnapshot snapshot, ChildExit exit, ChildCensus census, PmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(exit);
        var b = new Builder(snapshot, census, policy);
        var orderly = exit.Status.IsOrderly && exit.CleanedUp;
        switch (exit.Type)
        {
            case BackendType.Startup:
                StartupExited(b, exit);
                break;
            case BackendType.Checkpointer:
                if (exit.Status.IsSuccess && exit.CleanedUp && b.S.State == PmState.WaitCheckpointer)
                {
                    // The shutdown checkpoint is written and everyone else is gone: tell the dead-ends to go (§2.2 step 6).
                    StopListening(b);
                    b.Signal(AllButLogger, PmSignal.SigTerm);
                    b.Go(PmState.WaitDeadEnd);
                }
                else
                {
                    HandleChildCrash(b, exit);
                }

                break;
            case BackendType.BackgroundWriter or BackendType.WalWriter or BackendType.WalSummarizer or BackendType.AutovacuumLauncher:
                if (!(exit.Status.IsSuccess && exit.CleanedUp))
                {
                    HandleChildCrash(b, exit); // exit 1 is a crash for these (§12)
                }

                break;
            case BackendType.Logger:
                // A new logger first; its exit never starts a crash cycle (§10).
                b.Effect(new PmEffect.StartChild(BackendType.Logger));
                if (!exit.Status.IsSuccess)
                {
                    LogChildExit(b, PgSeverity.Log, exit);
                }

                break;
            case BackendType.BackgroundWorker:
                if (!orderly)
                {
                    HandleChildCrash(b, exit);
                }
                else
                {
                    LogChildExit(b, exit.Status.IsSuccess ? PgSeverity.Debug : PgSeverity.Log, exit);
                }

                break;
            case BackendType.Backend:
                if (!orderly)
                {
                    HandleChildCrash(b, exit);
                }
                else
                {
                    LogChildExit(b, PgSeverity.Debug, exit);
                }

                break;
            default:
                // Walsender, autovacuum worker, dead-end backend, walreceiver, archiver, slotsync worker, io worker.
                if (!orderly)
                {
                    HandleChildCrash(b, exit);
                }

                break;
        }

        if (!b.Exited)
        {
            RunStateMachine(b);
        }

        return b.Build();
    }

    /// <summary>A request from a child (process_pm_pmsignal, §2.1, §2.2 step 3).</summary>
    /// <param name="snapshot">The current snapshot.</param>
    /// <param name="request">The request.</param>
    /// <param name="census">The live children.</param>
    /// <param name="policy">The settings.</param>
    public static PmDecision OnRequest(PmSnapshot snapshot, PmRequest request, ChildCensus census, PmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var b = new Builder(snapshot, census, policy);
        var noShutdown = b.S.Shutdown == ShutdownLevel.NoShutdown;
        switch (request)
        {
            case PmRequest.RecoveryStarted when b.S.State == PmState.Startup && noShutdown:
                b.S = b.S with { FatalError = false, KillTimerRunning = false, ReachedConsistency = false };
                b.Go(PmState.Recovery);
                if (!policy.HotStandby)
                {
                    b.Effect(new PmEffect.SetPidFileStatus("standby "));
                }

                break;
            case PmRequest.RecoveryConsistent when b.S.State == PmState.Recovery && noShutdown:
                b.S = b.S with { ReachedConsistency = true };
                break;
            case PmRequest.BeginHotStandby when b.S.State == PmState.Recovery && noShutdown:
                b.Log("database system is ready to accept read-only connections");
                b.Effect(new PmEffect.SetPidFileStatus("ready   "));
                b.S = b.S with { ConnsAllowed = true };
                b.Effect(new PmEffect.StartWorkersNeeded());
                b.Go(PmState.HotStandby);
                break;
            case PmRequest.XlogIsShutdown:
                if (b.S.State == PmState.WaitXlogShutdown)
                {
                    b.Signal([BackendType.Archiver, BackendType.WalSender], PmSignal.SigUsr2);
                    b.Go(PmState.WaitXlogArchival);
                }
                else if (!b.S.FatalError && b.S.Shutdown < ShutdownLevel.Immediate)
                {
                    b.Log("WAL was shut down unexpectedly");
                    HandleFatalError(b, QuitReason.ForCrash, considerAbort: true);
                }

                RunStateMachine(b);
                break;
            case PmRequest.AdvanceStateMachine:
                RunStateMachine(b);
                break;
        }

        return b.Build();
    }

    /// <summary>The SIGKILL stopwatch has run for 5 seconds (ServerLoop, §6).</summary>
    /// <param name="snapshot">The current snapshot.</param>
    /// <param name="policy">The settings.</param>
    public static PmDecision OnKillTimer(PmSnapshot snapshot, PmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var b = new Builder(snapshot, ChildCensus.Empty, policy);
        if ((b.S.Shutdown >= ShutdownLevel.Immediate || b.S.FatalError) && b.S.KillTimerRunning)
        {
            b.Log(policy.SendAbortForKill ? "issuing SIGABRT to recalcitrant children" : "issuing SIGKILL to recalcitrant children");
            b.Signal(AllButLogger, policy.SendAbortForKill ? PmSignal.SigAbrt : PmSignal.SigKill);
            b.S = b.S with { KillTimerRunning = false };
        }

        return b.Build();
    }

    /// <summary>Runs the shutdown/crash side of the state machine alone (after a batch of events).</summary>
    /// <param name="snapshot">The current snapshot.</param>
    /// <param name="census">The live children.</param>
    /// <param name="policy">The settings.</param>
    public static PmDecision Advance(PmSnapshot snapshot, ChildCensus census, PmPolicy policy)
    {
        var b = new Builder(snapshot, census, policy);
        RunStateMachine(b);
        return b.Build();
    }

    /// <summary>The target set of PM_STOP_BACKENDS/PM_WAIT_BACKENDS (§2.2 step 2).</summary>
    /// <param name="snapshot">The current snapshot.</param>
    public static ImmutableHashSet<BackendType> StopTargets(PmSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.FatalError || snapshot.Shutdown >= ShutdownLevel.Immediate ? CrashStopTargets : OrderlyStopTargets;
    }

    private static void StartupExited(Builder b, ChildExit exit)
    {
        var status = exit.Status;
        if (b.S.Shutdown > ShutdownLevel.NoShutdown && status.IsOrderly)
        {
            b.S = b.S with { StartupStatus = StartupStatus.NotRunning };
            if (b.S.State is PmState.Startup or PmState.Recovery or PmState.HotStandby or PmState.StopBackends)
            {
                // PostgreSQL's reaper sets PM_WAIT_BACKENDS unconditionally, but it runs the state machine once after
                // reaping every child; here it runs after each exit, so an exit reaped in the same pass may already
                // have moved the shutdown past PM_WAIT_BACKENDS, and going back would ask for a second shutdown checkpoint.
                b.Go(PmState.WaitBackends);
            }

            return;
        }

        if (status is ExitStatus.Exited { Code: 3 })
        {
            b.Log("shutdown at recovery target");
            b.S = b.S with { Shutdown = b.S.Shutdown > ShutdownLevel.Smart ? b.S.Shutdown : ShutdownLevel.Smart, StartupStatus = StartupStatus.NotRunning };
            b.Signal(AllButLogger, PmSignal.SigTerm);
            b.Go(PmState.WaitBackends);
            return;
        }

        if (b.S.State == PmState.Startup && b.S.StartupStatus != StartupStatus.Signaled && !status.IsSuccess)
        {
            // Failure before redo began: the postmaster exits at once, without waiting for the others (§2.5 rule 3).
            LogChildExit(b, PgSeverity.Log, exit);
            b.Log("aborting startup due to startup process failure");
            b.ExitPostmaster(1);
            return;
        }

        if (!status.IsSuccess)
        {
            if (b.S.StartupStatus == StartupStatus.Signaled)
            {
                b.S = b.S with { StartupStatus = StartupStatus.NotRunning };
                if (b.S.State == PmState.Startup)
                {
                    b.Go(PmState.WaitBackends);
                }
            }
            else
            {
                b.S = b.S with { StartupStatus = StartupStatus.Crashed };
            }

            HandleChildCrash(b, exit);
            return;
        }

        // Recovery finished: normal running (§2.1).
        b.S = b.S with
        {
            StartupStatus = StartupStatus.NotRunning,
            FatalError = false,
            KillTimerRunning = false,
            ReachedNormalRunning = true,
            ConnsAllowed = true,
        };
        b.Go(PmState.Run);
        b.Log("database system is ready to accept connections");
        b.Effect(new PmEffect.SetPidFileStatus("ready   "));
        b.Effect(new PmEffect.StartWorkersNeeded());
    }

    /// <summary>HandleChildCrash (§2.4): silent once a crash cycle or an immediate shutdown is under way.</summary>
    private static void HandleChildCrash(Builder b, ChildExit exit)
    {
        if (b.S.FatalError || b.S.Shutdown >= ShutdownLevel.Immediate)
        {
            return;
        }

        LogChildExit(b, PgSeverity.Log, exit);
        b.Log("terminating any other active server processes");
        HandleFatalError(b, QuitReason.ForCrash, considerAbort: true);
    }

    /// <summary>HandleFatalError (§2.4): quit everyone but the logger, set FatalError, move the state, start the stopwatch.</summary>
    private static void HandleFatalError(Builder b, QuitReason reason, bool considerAbort)
    {
        b.S = b.S with { QuitReason = reason };
        TerminateChildren(b, considerAbort && b.Policy.SendAbortForCrash ? PmSignal.SigAbrt : PmSignal.SigQuit);
        b.S = b.S with { FatalError = true };
        switch (b.S.State)
        {
            case PmState.Recovery or PmState.HotStandby or PmState.Run or PmState.StopBackends:
                b.Go(PmState.WaitBackends);
                break;
            case PmState.WaitXlogShutdown or PmState.WaitXlogArchival or PmState.WaitIoWorkers or PmState.WaitCheckpointer:
                StopListening(b);
                b.Go(PmState.WaitDeadEnd);
                break;
        }

        StartKillTimer(b);
    }

    /// <summary>TerminateChildren: signal everyone but the logger; a running startup process counts as signalled.</summary>
    private static void TerminateChildren(Builder b, PmSignal signal)
    {
        b.Signal(AllButLogger, signal);
        if (b.Census.Count(BackendType.Startup) > 0)
        {
            b.S = b.S with { StartupStatus = StartupStatus.Signaled };
        }
    }

    /// <summary>The shutdown/crash side (PostmasterStateMachine, §2.2), run until nothing changes.</summary>
    private static void RunStateMachine(Builder b)
    {
        while (!b.Exited)
        {
            var before = b.S;
            Step(b);
            if (b.S == before)
            {
                return;
            }
        }
    }

    private static void Step(Builder b)
    {
        var census = b.Census;
        switch (b.S.State)
        {
            case PmState.Run or PmState.HotStandby when !b.S.ConnsAllowed && census.Count(BackendType.Backend) == 0:
                b.Go(PmState.StopBackends);
                break;
            case PmState.StopBackends:
                b.Effect(new PmEffect.ForgetUnstartedBackgroundWorkers());
                b.Signal(StopTargets(b.S), PmSignal.SigTerm);
                b.Go(PmState.WaitBackends);
                break;
            case PmState.WaitBackends when census.CountOf(StopTargets(b.S)) == 0:
                if (b.S.FatalError || b.S.Shutdown >= ShutdownLevel.Immediate)
                {
                    b.Go(PmState.WaitDeadEnd);
                    StopListening(b);
                    b.Signal([BackendType.DeadEndBackend], PmSignal.SigQuit);
                }
                else
                {
                    // Orderly shutdown: the checkpointer writes the shutdown checkpoint (started again if need be).
                    if (census.Count(BackendType.Checkpointer) == 0)
                    {
                        b.Effect(new PmEffect.StartChild(BackendType.Checkpointer));
                    }

                    b.Signal([BackendType.Checkpointer], PmSignal.SigInt);
                    b.Go(PmState.WaitXlogShutdown);
                }

                break;
            case PmState.WaitXlogArchival when census.Total == census.CountOf(AllowedInXlogArchivalEnd):
                b.Go(PmState.WaitIoWorkers);
                b.Signal([BackendType.IoWorker], PmSignal.SigUsr2);
                break;
            case PmState.WaitIoWorkers when census.Count(BackendType.IoWorker) == 0:
                b.Go(PmState.WaitCheckpointer);
                b.Signal([BackendType.Checkpointer], PmSignal.SigUsr2);
                break;
            case PmState.WaitDeadEnd when census.Total == census.Count(BackendType.Logger):
                b.Go(PmState.NoChildren);
                break;
            case PmState.NoChildren:
                NoChildren(b);
                break;
        }
    }

    /// <summary>PM_NO_CHILDREN: exit, or reinitialise after a crash (§2.2 step 8, §2.6).</summary>
    private static void NoChildren(Builder b)
    {
        if (b.S.Shutdown > ShutdownLevel.NoShutdown)
        {
            if (b.S.FatalError)
            {
                b.Log("abnormal database system shutdown");
                b.ExitPostmaster(1);
            }
            else
            {
                b.ExitPostmaster(0);
            }
        }
        else if (b.S.StartupStatus == StartupStatus.Crashed)
        {
            b.Log("shutting down due to startup process failure");
            b.ExitPostmaster(1);
        }
        else if (!b.Policy.RestartAfterCrash)
        {
            b.Log("shutting down because restart_after_crash is off");
            b.ExitPostmaster(1);
        }
        else if (b.S.FatalError)
        {
            b.Log("all server processes terminated; reinitializing");
            b.Effect(new PmEffect.Reinitialize());
            b.Go(PmState.Startup); // FatalError stays set until redo starts
            b.Effect(new PmEffect.StartChild(BackendType.Startup));
            b.S = b.S with { StartupStatus = StartupStatus.Running, KillTimerRunning = false, Listening = true };
            b.Effect(new PmEffect.SetListening(true));
        }
    }

    private static void StopListening(Builder b)
    {
        if (b.S.Listening)
        {
            b.S = b.S with { Listening = false };
            b.Effect(new PmEffect.SetListening(false));
        }
    }

    private static void StartKillTimer(Builder b)
    {
        if (!b.S.KillTimerRunning)
        {
            b.S = b.S with { KillTimerRunning = true };
            b.Effect(new PmEffect.StartKillTimer());
        }
    }

    /// <summary>LogChildExit (postmaster.c): the exit line, with DETAIL "Failed process was running" for a failure.</summary>
    private static void LogChildExit(Builder b, PgSeverity level, ChildExit exit)
    {
        var name = exit.Type.ProcessName(exit.WorkerType);
        var message = exit.Status switch
        {
            ExitStatus.Exited exited => $"{name} (PID {exit.Pid}) exited with exit code {exited.Code}",
            ExitStatus.Signaled signaled => $"{name} (PID {exit.Pid}) was terminated by signal {signaled.Signal}: {signaled.Description}",
            _ => $"{name} (PID {exit.Pid}) exited with unrecognized status {exit.Status}",
        };
        var detail = !exit.Status.IsSuccess && !string.IsNullOrEmpty(exit.LastActivity) ? $"Failed process was running: {exit.LastActivity}" : null;
        b.Effect(new PmEffect.Log(level, message, detail));
    }

    /// <summary>Accumulates one decision.</summary>
    private sealed class Builder(PmSnapshot snapshot, ChildCensus census, PmPolicy policy)
    {
        private readonly ImmutableArray<PmEffect>.Builder _effects = ImmutableArray.CreateBuilder<PmEffect>();
        private readonly List<PmState> _path = [];

        public PmSnapshot S { get; set; } = snapshot ?? throw new ArgumentNullException(nameof(snapshot));

        public ChildCensus Census { get; } = census ?? throw new ArgumentNullException(nameof(census));

        public PmPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

        public bool Exited { get; private set; }

        public void Go(PmState state)
        {
            if (state != S.State)
            {
                _path.Add(state);
                S = S with { State = state };
            }
        }

        public void Effect(PmEffect effect) => _effects.Add(effect);

        public void Log(string message) => _effects.Add(new PmEffect.Log(PgSeverity.Log, message));

        public void Signal(ImmutableHashSet<BackendType> types, PmSignal signal) => _effects.Add(new PmEffect.SignalChildren(types, signal));

        public void ExitPostmaster(int code)
        {
            _effects.Add(new PmEffect.Exit(code));
            Exited = true;
        }

        public PmDecision Build() => new(S, _effects.ToImmutable(), [.. _path]);
    }
}
