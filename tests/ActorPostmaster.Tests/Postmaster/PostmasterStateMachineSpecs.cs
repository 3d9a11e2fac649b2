using System.Collections.Immutable;
using Xunit;
using static ActorPostmaster.PmEffect;

namespace ActorPostmaster.Tests;

/// <summary>The decision function against spec §1.2, §2 and §6, one PostgreSQL path per test.</summary>
public sealed class PostmasterStateMachineSpecs
{
    private static readonly PmPolicy Policy = PmPolicy.Default;

    private static readonly PmSnapshot Running = PmSnapshot.Initial with
    {
        State = PmState.Run, ConnsAllowed = true, ReachedNormalRunning = true, Listening = true,
    };

    private static readonly ChildCensus FullHouse = ChildCensus.Of(
        (BackendType.Backend, 2), (BackendType.Checkpointer, 1), (BackendType.BackgroundWriter, 1), (BackendType.WalWriter, 1),
        (BackendType.AutovacuumLauncher, 1), (BackendType.BackgroundWorker, 1), (BackendType.IoWorker, 3), (BackendType.DeadEndBackend, 1));

    [Fact]
    public void Start_should_enter_startup_and_start_io_workers_checkpointer_bgwriter_then_the_startup_process()
    {
        var decision = PostmasterStateMachine.Start(PmSnapshot.Initial, ioWorkers: 2);

        Assert.Equal(PmState.Startup, decision.Next.State);
        Assert.Equal(StartupStatus.Running, decision.Next.StartupStatus);
        Assert.True(decision.Next.Listening);
        Assert.Equal(
            [
                new SetPidFileStatus("starting"), new StartChild(BackendType.IoWorker), new StartChild(BackendType.IoWorker),
                new StartChild(BackendType.Checkpointer), new StartChild(BackendType.BackgroundWriter), new StartChild(BackendType.Startup),
                new SetListening(true), new StartWorkersNeeded(),
            ],
            decision.Effects);
    }

    [Fact]
    public void Startup_exit_0_should_bring_the_system_to_run_and_accept_connections()
    {
        var starting = PmSnapshot.Initial with { State = PmState.Startup, StartupStatus = StartupStatus.Running, Listening = true };

        var decision = PostmasterStateMachine.OnChildExit(starting, Exit(BackendType.Startup, ExitStatus.Success), ChildCensus.Empty, Policy);

        Assert.Equal(PmState.Run, decision.Next.State);
        Assert.True(decision.Next.ConnsAllowed);
        Assert.True(decision.Next.ReachedNormalRunning);
        Assert.Contains(new PmEffect.Log(PgSeverity.Log, "database system is ready to accept connections"), decision.Effects);
        Assert.Contains(new SetPidFileStatus("ready   "), decision.Effects);
    }

    [Fact]
    public void Startup_failure_before_redo_should_make_the_postmaster_exit_1_at_once()
    {
        var starting = PmSnapshot.Initial with { State = PmState.Startup, StartupStatus = StartupStatus.Running };

        var decision = PostmasterStateMachine.OnChildExit(starting, Exit(BackendType.Startup, ExitStatus.Fatal, pid: 7), FullHouse, Policy);

        Assert.Equal(
            [
                new PmEffect.Log(PgSeverity.Log, "startup process (PID 7) exited with exit code 1"),
                new PmEffect.Log(PgSeverity.Log, "aborting startup due to startup process failure"),
                new Exit(1),
            ],
            decision.Effects);
    }

    [Fact]
    public void A_backend_crash_should_log_it_quit_everyone_but_the_logger_and_wait_for_them()
    {
        var crash = new ChildExit(BackendType.Backend, 4242, ExitStatus.Killed, LastActivity: "SELECT pg_sleep(30)");

        var decision = PostmasterStateMachine.OnChildExit(Running, crash, FullHouse, Policy);

        Assert.Equal(PmState.WaitBackends, decision.Next.State);
        Assert.True(decision.Next.FatalError);
        Assert.Equal(QuitReason.ForCrash, decision.Next.QuitReason);
        Assert.True(decision.Next.KillTimerRunning);
        Assert.Equal(
            [
                new PmEffect.Log(PgSeverity.Log, "server process (PID 4242) was terminated by signal 9: Killed", "Failed process was running: SELECT pg_sleep(30)"),
                new PmEffect.Log(PgSeverity.Log, "terminating any other active server processes"),
            ],
            decision.Effects.OfType<PmEffect.Log>());
        var quit = Assert.Single(decision.Effects.OfType<SignalChildren>());
        Assert.Equal(PmSignal.SigQuit, quit.Signal);
        Assert.DoesNotContain(BackendType.Logger, quit.Types);
        Assert.Contains(BackendType.DeadEndBackend, quit.Types);
        Assert.Contains(new StartKillTimer(), decision.Effects);
    }

    [Fact]
    public void Further_deaths_during_a_crash_cycle_should_be_silent()
    {
        var crashing = Running with { State = PmState.WaitBackends, FatalError = true, KillTimerRunning = true };

        var decision = PostmasterStateMachine.OnChildExit(crashing, Exit(BackendType.Backend, ExitStatus.QuickDie), FullHouse, Policy);

        Assert.Empty(decision.Effects);
        Assert.Equal(PmState.WaitBackends, decision.Next.State);
    }

    [Fact]
    public void When_all_children_are_gone_after_a_crash_the_postmaster_should_reinitialise()
    {
        var crashing = Running with { State = PmState.WaitBackends, FatalError = true, KillTimerRunning = true };

        var decision = PostmasterStateMachine.OnChildExit(crashing, Exit(BackendType.Checkpointer, ExitStatus.QuickDie), ChildCensus.Empty, Policy);

        Assert.Equal(PmState.Startup, decision.Next.State);
        Assert.Equal([PmState.WaitDeadEnd, PmState.NoChildren, PmState.Startup], decision.Path);
        Assert.True(decision.Next.FatalError); // until redo starts
        Assert.False(decision.Next.KillTimerRunning);
        Assert.Equal(StartupStatus.Running, decision.Next.StartupStatus);
        Assert.Equal(
            [
                new SetListening(false), new SignalChildren([BackendType.DeadEndBackend], PmSignal.SigQuit),
                new PmEffect.Log(PgSeverity.Log, "all server processes terminated; reinitializing"),
                new Reinitialize(), new StartChild(BackendType.Startup), new SetListening(true),
            ],
            decision.Effects,
            EffectComparer.Instance);
    }

    [Fact]
    public void Dead_end_backends_should_be_waited_for_before_the_reinitialisation()
    {
        var crashing = Running with { State = PmState.WaitBackends, FatalError = true };

        var waiting = PostmasterStateMachine.OnChildExit(crashing, Exit(BackendType.Backend, ExitStatus.QuickDie), ChildCensus.Of((BackendType.DeadEndBackend, 1)), Policy);
        Assert.Equal(PmState.WaitDeadEnd, waiting.Next.State);
        Assert.False(waiting.Next.Listening);

        var reinit = PostmasterStateMachine.OnChildExit(waiting.Next, Exit(BackendType.DeadEndBackend, ExitStatus.QuickDie), ChildCensus.Empty, Policy);
        Assert.Equal(PmState.Startup, reinit.Next.State);
    }

    [Fact]
    public void With_restart_after_crash_off_the_postmaster_should_exit_1()
    {
        var crashing = Running with { State = PmState.WaitBackends, FatalError = true };

        var decision = PostmasterStateMachine.OnChildExit(crashing, Exit(BackendType.Backend, ExitStatus.QuickDie), ChildCensus.Empty, Policy with { RestartAfterCrash = false });

        Assert.Equal(
            [new PmEffect.Log(PgSeverity.Log, "shutting down because restart_after_crash is off"), new Exit(1)],
            decision.Effects.Where(e => e is PmEffect.Log or PmEffect.Exit));
    }

    [Fact]
    public void A_startup_process_that_crashes_during_redo_should_end_the_postmaster_without_a_restart()
    {
        var recovering = PmSnapshot.Initial with { State = PmState.Recovery, StartupStatus = StartupStatus.Running, Listening = true };

        var crash = PostmasterStateMachine.OnChildExit(recovering, Exit(BackendType.Startup, ExitStatus.Fatal), FullHouse, Policy);
        Assert.Equal(StartupStatus.Crashed, crash.Next.StartupStatus);
        Assert.Equal(PmState.WaitBackends, crash.Next.State);

        var end = PostmasterStateMachine.Advance(crash.Next, ChildCensus.Empty, Policy);
        Assert.Equal(
            [new PmEffect.Log(PgSeverity.Log, "shutting down due to startup process failure"), new Exit(1)],
            end.Effects.Where(e => e is PmEffect.Log or PmEffect.Exit));
    }

    [Fact]
    public void A_startup_process_quit_because_another_child_crashed_should_not_count_as_a_startup_failure()
    {
        var starting = PmSnapshot.Initial with { State = PmState.Startup, StartupStatus = StartupStatus.Running, Listening = true };
        var census = ChildCensus.Of((BackendType.Startup, 1), (BackendType.Checkpointer, 1));

        var bgwriterCrash = PostmasterStateMachine.OnChildExit(starting, Exit(BackendType.BackgroundWriter, ExitStatus.Killed), census, Policy);
        Assert.Equal(StartupStatus.Signaled, bgwriterCrash.Next.StartupStatus);
        Assert.Equal(PmState.Startup, bgwriterCrash.Next.State); // no state change in PM_STARTUP (§2.4)

        var startupQuit = PostmasterStateMachine.OnChildExit(bgwriterCrash.Next, Exit(BackendType.Startup, ExitStatus.QuickDie), ChildCensus.Of((BackendType.Checkpointer, 1)), Policy);
        Assert.Equal(StartupStatus.NotRunning, startupQuit.Next.StartupStatus);
        Assert.Equal(PmState.WaitBackends, startupQuit.Next.State);

        var reinit = PostmasterStateMachine.OnChildExit(startupQuit.Next, Exit(BackendType.Checkpointer, ExitStatus.QuickDie), ChildCensus.Empty, Policy);
        Assert.Equal(PmState.Startup, reinit.Next.State);
        Assert.Contains(new Reinitialize(), reinit.Effects);
    }

    [Fact]
    public void A_smart_shutdown_should_wait_for_the_last_session_then_run_the_checkpointer_handshake_to_exit_0()
    {
        var census = FullHouse;
        var smart = PostmasterStateMachine.OnShutdownRequest(Running, ShutdownLevel.Smart, census, Policy);
        Assert.Equal(PmState.Run, smart.Next.State);
        Assert.False(smart.Next.ConnsAllowed);
        Assert.Equal([new PmEffect.Log(PgSeverity.Log, "received smart shutdown request"), new SetPidFileStatus("stopping")], smart.Effects);

        // The last two sessions leave: stop the target set.
        census = census.With(BackendType.Backend, -1);
        var first = PostmasterStateMachine.OnChildExit(smart.Next, Exit(BackendType.Backend, ExitStatus.Success), census, Policy);
        Assert.Equal(PmState.Run, first.Next.State);
        census = census.With(BackendType.Backend, -1);
        var last = PostmasterStateMachine.OnChildExit(first.Next, Exit(BackendType.Backend, ExitStatus.Success), census, Policy);
        Assert.Equal(PmState.WaitBackends, last.Next.State);
        var term = Assert.Single(last.Effects.OfType<SignalChildren>());
        Assert.Equal(PmSignal.SigTerm, term.Signal);
        Assert.Equal(PostmasterStateMachine.StopTargets(last.Next), term.Types);
        Assert.DoesNotContain(BackendType.Checkpointer, term.Types);

        // The target set exits: the checkpointer is asked for the shutdown checkpoint.
        census = ChildCensus.Of((BackendType.Checkpointer, 1), (BackendType.IoWorker, 3), (BackendType.DeadEndBackend, 1));
        var targetsGone = PostmasterStateMachine.Advance(last.Next, census, Policy);
        Assert.Equal(PmState.WaitXlogShutdown, targetsGone.Next.State);
        Assert.Equal([new SignalChildren([BackendType.Checkpointer], PmSignal.SigInt)], targetsGone.Effects, EffectComparer.Instance);

        var xlogDone = PostmasterStateMachine.OnRequest(targetsGone.Next, PmRequest.XlogIsShutdown, census, Policy);
        Assert.Equal(PmState.WaitIoWorkers, xlogDone.Next.State); // archival done at once: only checkpointer, io workers and dead-ends remain
        Assert.Equal(
            [new SignalChildren([BackendType.Archiver, BackendType.WalSender], PmSignal.SigUsr2), new SignalChildren([BackendType.IoWorker], PmSignal.SigUsr2)],
            xlogDone.Effects,
            EffectComparer.Instance);

        census = ChildCensus.Of((BackendType.Checkpointer, 1), (BackendType.DeadEndBackend, 1));
        var ioGone = PostmasterStateMachine.OnChildExit(xlogDone.Next, Exit(BackendType.IoWorker, ExitStatus.Success), census, Policy);
        Assert.Equal(PmState.WaitCheckpointer, ioGone.Next.State);
        Assert.Equal([new SignalChildren([BackendType.Checkpointer], PmSignal.SigUsr2)], ioGone.Effects, EffectComparer.Instance);

        census = ChildCensus.Of((BackendType.DeadEndBackend, 1));
        var checkpointerGone = PostmasterStateMachine.OnChildExit(ioGone.Next, Exit(BackendType.Checkpointer, ExitStatus.Success), census, Policy);
        Assert.Equal(PmState.WaitDeadEnd, checkpointerGone.Next.State);
        Assert.False(checkpointerGone.Next.Listening);

        var end = PostmasterStateMachine.OnChildExit(checkpointerGone.Next, Exit(BackendType.DeadEndBackend, ExitStatus.Fatal), ChildCensus.Empty, Policy);
        Assert.Equal(PmState.NoChildren, end.Next.State);
        Assert.Equal([new Exit(0)], end.Effects);
    }

    [Fact]
    public void A_fast_shutdown_should_abort_transactions_and_stop_the_targets_at_once()
    {
        var decision = PostmasterStateMachine.OnShutdownRequest(Running, ShutdownLevel.Fast, FullHouse, Policy);

        Assert.Equal(PmState.WaitBackends, decision.Next.State);
        Assert.Equal(
            ["received fast shutdown request", "aborting any active transactions"],
            decision.Effects.OfType<PmEffect.Log>().Select(l => l.Message));
        Assert.Contains(decision.Effects, e => e is SignalChildren { Signal: PmSignal.SigTerm } s && s.Types.Contains(BackendType.Backend));
        Assert.Contains(new ForgetUnstartedBackgroundWorkers(), decision.Effects);
    }

    [Fact]
    public void An_immediate_shutdown_should_quit_everyone_for_stop_and_exit_0_once_they_are_gone()
    {
        var decision = PostmasterStateMachine.OnShutdownRequest(Running, ShutdownLevel.Immediate, FullHouse, Policy);

        Assert.Equal(PmState.WaitBackends, decision.Next.State);
        Assert.Equal(QuitReason.ForStop, decision.Next.QuitReason);
        Assert.Contains(decision.Effects, e => e is SignalChildren { Signal: PmSignal.SigQuit });
        Assert.Contains(new StartKillTimer(), decision.Effects);

        var end = PostmasterStateMachine.Advance(decision.Next, ChildCensus.Empty, Policy);
        Assert.Equal(new Exit(0), end.Effects[^1]);
    }

    [Fact]
    public void A_fast_shutdown_during_a_crash_cycle_should_still_complete_as_an_abnormal_shutdown()
    {
        var crashing = Running with { State = PmState.WaitBackends, FatalError = true, KillTimerRunning = true };

        var fast = PostmasterStateMachine.OnShutdownRequest(crashing, ShutdownLevel.Fast, FullHouse, Policy);
        Assert.Equal(PmState.WaitBackends, fast.Next.State);
        Assert.Equal(ShutdownLevel.Fast, fast.Next.Shutdown);

        var end = PostmasterStateMachine.Advance(fast.Next, ChildCensus.Empty, Policy);
        Assert.Equal([new PmEffect.Log(PgSeverity.Log, "abnormal database system shutdown"), new Exit(1)], end.Effects.Where(e => e is PmEffect.Log or PmEffect.Exit));
        Assert.DoesNotContain(end.Effects, e => e is Reinitialize);
    }

    [Theory]
    [InlineData(ShutdownLevel.Smart, ShutdownLevel.Smart)]
    [InlineData(ShutdownLevel.Fast, ShutdownLevel.Smart)]
    [InlineData(ShutdownLevel.Immediate, ShutdownLevel.Fast)]
    public void A_weaker_or_repeated_shutdown_request_should_be_ignored(ShutdownLevel current, ShutdownLevel requested)
    {
        var shuttingDown = Running with { Shutdown = current, ConnsAllowed = false };

        var decision = PostmasterStateMachine.OnShutdownRequest(shuttingDown, requested, FullHouse, Policy);

        Assert.Equal(current, decision.Next.Shutdown);
        Assert.DoesNotContain(decision.Effects, e => e is PmEffect.Log);
    }

    [Theory]
    [InlineData(BackendType.Checkpointer, 0, true)]
    [InlineData(BackendType.Checkpointer, 1, true)]
    [InlineData(BackendType.BackgroundWriter, 0, false)]
    [InlineData(BackendType.BackgroundWriter, 1, true)]
    [InlineData(BackendType.WalWriter, 1, true)]
    [InlineData(BackendType.AutovacuumLauncher, 1, true)]
    [InlineData(BackendType.Archiver, 1, false)]
    [InlineData(BackendType.IoWorker, 1, false)]
    [InlineData(BackendType.Backend, 1, false)]
    [InlineData(BackendType.Backend, 2, true)]
    [InlineData(BackendType.DeadEndBackend, 1, false)]
    [InlineData(BackendType.DeadEndBackend, 2, true)]
    [InlineData(BackendType.AutovacuumWorker, 1, false)]
    [InlineData(BackendType.BackgroundWorker, 0, false)]
    [InlineData(BackendType.BackgroundWorker, 1, false)]
    [InlineData(BackendType.BackgroundWorker, 2, true)]
    [InlineData(BackendType.Logger, 2, false)]
    public void Exit_codes_should_be_classified_as_in_process_pm_child_exit(BackendType type, int code, bool crash)
    {
        var decision = PostmasterStateMachine.OnChildExit(Running, Exit(type, new ExitStatus.Exited(code)), FullHouse, Policy);

        Assert.Equal(crash, decision.Next.FatalError);
    }

    [Fact]
    public void A_child_that_exits_0_without_cleaning_up_should_count_as_a_crash()
    {
        var decision = PostmasterStateMachine.OnChildExit(Running, new ChildExit(BackendType.Backend, 5, ExitStatus.Success, CleanedUp: false), FullHouse, Policy);

        Assert.True(decision.Next.FatalError);
    }

    [Fact]
    public void A_background_worker_exit_1_should_be_logged_at_LOG_and_exit_0_at_DEBUG()
    {
        var restart = PostmasterStateMachine.OnChildExit(Running, Exit(BackendType.BackgroundWorker, ExitStatus.Fatal, pid: 9, workerType: "logical replication launcher"), FullHouse, Policy);
        var done = PostmasterStateMachine.OnChildExit(Running, Exit(BackendType.BackgroundWorker, ExitStatus.Success, pid: 9, workerType: "w"), FullHouse, Policy);

        Assert.Equal([new PmEffect.Log(PgSeverity.Log, "background worker \"logical replication launcher\" (PID 9) exited with exit code 1")], restart.Effects);
        Assert.Equal([new PmEffect.Log(PgSeverity.Debug, "background worker \"w\" (PID 9) exited with exit code 0")], done.Effects);
    }

    [Fact]
    public void The_logger_should_be_restarted_first_and_never_start_a_crash_cycle()
    {
        var decision = PostmasterStateMachine.OnChildExit(Running, Exit(BackendType.Logger, ExitStatus.Killed, pid: 3), FullHouse, Policy);

        Assert.Equal(new StartChild(BackendType.Logger), decision.Effects[0]);
        Assert.Equal(new PmEffect.Log(PgSeverity.Log, "system logger process (PID 3) was terminated by signal 9: Killed"), decision.Effects[1]);
        Assert.False(decision.Next.FatalError);
    }

    [Fact]
    public void The_kill_timer_should_SIGKILL_everyone_but_the_logger_once()
    {
        var crashing = Running with { State = PmState.WaitBackends, FatalError = true, KillTimerRunning = true };

        var decision = PostmasterStateMachine.OnKillTimer(crashing, Policy);
        var again = PostmasterStateMachine.OnKillTimer(decision.Next, Policy);

        Assert.Equal(new PmEffect.Log(PgSeverity.Log, "issuing SIGKILL to recalcitrant children"), decision.Effects[0]);
        Assert.Equal(PmSignal.SigKill, Assert.Single(decision.Effects.OfType<SignalChildren>()).Signal);
        Assert.Empty(again.Effects);
    }

    [Fact]
    public void Redo_starting_should_clear_FatalError_and_consistency_should_be_recorded()
    {
        var reinitialised = PmSnapshot.Initial with { State = PmState.Startup, FatalError = true, StartupStatus = StartupStatus.Running, KillTimerRunning = true };

        var redo = PostmasterStateMachine.OnRequest(reinitialised, PmRequest.RecoveryStarted, FullHouse, Policy);
        Assert.Equal(PmState.Recovery, redo.Next.State);
        Assert.False(redo.Next.FatalError);
        Assert.False(redo.Next.KillTimerRunning);

        var consistent = PostmasterStateMachine.OnRequest(redo.Next, PmRequest.RecoveryConsistent, FullHouse, Policy);
        Assert.True(consistent.Next.ReachedConsistency);
    }

    [Fact]
    public void An_unexpected_WAL_shutdown_should_start_a_crash_cycle()
    {
        var decision = PostmasterStateMachine.OnRequest(Running, PmRequest.XlogIsShutdown, FullHouse, Policy);

        Assert.Equal(new PmEffect.Log(PgSeverity.Log, "WAL was shut down unexpectedly"), decision.Effects[0]);
        Assert.True(decision.Next.FatalError);
    }

    [Fact]
    public void Exit_code_3_from_startup_should_shut_down_at_the_recovery_target()
    {
        var recovering = PmSnapshot.Initial with { State = PmState.Recovery, StartupStatus = StartupStatus.Running };

        var decision = PostmasterStateMachine.OnChildExit(recovering, Exit(BackendType.Startup, new ExitStatus.Exited(3)), FullHouse, Policy);

        Assert.Equal(ShutdownLevel.Smart, decision.Next.Shutdown);
        Assert.Equal(new PmEffect.Log(PgSeverity.Log, "shutdown at recovery target"), decision.Effects[0]);
    }

    [Fact]
    public void A_checkpointer_that_exits_0_outside_the_final_wait_should_be_a_crash()
    {
        var decision = PostmasterStateMachine.OnChildExit(Running, Exit(BackendType.Checkpointer, ExitStatus.Success, pid: 11), FullHouse, Policy);

        Assert.Equal(new PmEffect.Log(PgSeverity.Log, "checkpointer process (PID 11) exited with exit code 0"), decision.Effects[0]);
        Assert.True(decision.Next.FatalError);
    }

    private static ChildExit Exit(BackendType type, ExitStatus status, int pid = 100, string? workerType = null) =>
        new(type, pid, status, WorkerType: workerType);

    /// <summary>Compares effects by value, including the contents of signal target sets.</summary>
    private sealed class EffectComparer : IEqualityComparer<PmEffect>
    {
        public static readonly EffectComparer Instance = new();

        public bool Equals(PmEffect? x, PmEffect? y) => (x, y) switch
        {
            (SignalChildren a, SignalChildren b) => a.Signal == b.Signal && a.Types.SetEquals(b.Types),
            _ => object.Equals(x, y),
        };

        public int GetHashCode(PmEffect obj) => obj is SignalChildren s ? HashCode.Combine(s.Signal, s.Types.Count) : obj.GetHashCode();
    }
}
