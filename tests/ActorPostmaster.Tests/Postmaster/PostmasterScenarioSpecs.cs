using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>The in-process postmaster on the deterministic dispatcher, in virtual time: lifecycle scenarios of spec §2 and §6.</summary>
public sealed class PostmasterScenarioSpecs : TestKit.TestKit
{
    private readonly List<PmStateTransition> _transitions = [];
    private readonly List<string> _log = [];

    public PostmasterScenarioSpecs(ITestOutputHelper output)
        : base(output)
    {
        var recorder = Sys.ActorOf(Props.Create(() => new Recorder(_transitions, _log)), "recorder");
        Sys.EventStream.Subscribe(recorder, typeof(PmStateTransition));
        Sys.EventStream.Subscribe(recorder, typeof(LogEvent));
        Sys.EventStream.Subscribe(TestActor, typeof(PostmasterExited));
    }

    [Fact]
    public void Start_should_reach_run_with_the_full_roster()
    {
        var postmaster = StartPostmaster();

        var status = Status(postmaster);
        Assert.Equal(PmState.Run, status.Snapshot.State);
        Assert.Equal("ready   ", status.PidFileStatus);
        Assert.Equal(
            [BackendType.AutovacuumLauncher, BackendType.BackgroundWorker, BackendType.BackgroundWriter, BackendType.Checkpointer, BackendType.IoWorker, BackendType.WalWriter],
            status.Children.Select(c => c.Type).Distinct().Order());
        Assert.Equal(3, status.Children.Count(c => c.Type == BackendType.IoWorker));
        Assert.Equal("logical replication launcher", status.Children.Single(c => c.Type == BackendType.BackgroundWorker).WorkerType);
        Assert.Equal([new PmStateTransition(PmState.Init, PmState.Startup), new PmStateTransition(PmState.Startup, PmState.Run)], _transitions);
        Assert.Contains("database system is ready to accept connections", _log);
    }

    [Fact]
    public void A_crashing_child_should_take_the_cluster_through_the_crash_cycle_and_back_to_run()
    {
        var postmaster = StartPostmaster();
        var before = Status(postmaster);
        var checkpointerPid = before.Children.Single(c => c.Type == BackendType.Checkpointer).Pid;
        _transitions.Clear();

        postmaster.Tell(new CrashProcess(BackendType.Checkpointer));
        AwaitCondition(() => _transitions.Count > 0 && _transitions[^1].To == PmState.Run);

        Assert.Equal(
            [PmState.WaitBackends, PmState.WaitDeadEnd, PmState.NoChildren, PmState.Startup, PmState.Run],
            _transitions.Select(t => t.To));
        var after = Status(postmaster);
        Assert.Equal(2, after.SharedStateGeneration);
        Assert.False(after.Snapshot.FatalError);
        Assert.DoesNotContain(after.Children, c => c.Pid <= checkpointerPid && c.Type != BackendType.BackgroundWorker && c.Pid == checkpointerPid);
        Assert.All(after.Children, c => Assert.True(c.Pid > checkpointerPid, $"{c.Type} {c.Pid} should be a new process")); // everyone is new
        Assert.Contains(BackendType.BackgroundWorker, after.Children.Select(c => c.Type)); // background workers come back
        AssertLogInOrder(
            $"checkpointer process (PID {checkpointerPid}) was terminated by signal 6: Aborted",
            "terminating any other active server processes",
            "all server processes terminated; reinitializing",
            "database system was interrupted; last known up at",
            "database system was not properly shut down; automatic recovery in progress",
            "database system is ready to accept connections");
    }

    [Fact]
    public async Task SIGKILL_of_one_child_should_start_the_crash_cycle()
    {
        var postmaster = StartPostmaster();
        var bgwriter = Status(postmaster).Children.Single(c => c.Type == BackendType.BackgroundWriter).Pid;

        var killed = await postmaster.Ask<bool>(new KillProcess(bgwriter), TimeSpan.FromSeconds(1));
        AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2);

        Assert.True(killed);
        AssertLogInOrder($"background writer process (PID {bgwriter}) was terminated by signal 9: Killed", "terminating any other active server processes");
    }

    [Fact]
    public void A_smart_shutdown_with_no_sessions_should_write_the_shutdown_checkpoint_and_exit_0()
    {
        var postmaster = StartPostmaster();
        _transitions.Clear();

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Smart));

        Assert.Equal(0, ExpectMsg<PostmasterExited>().Code);
        RunUntilIdle();
        Assert.Equal(
            [PmState.StopBackends, PmState.WaitBackends, PmState.WaitXlogShutdown, PmState.WaitXlogArchival, PmState.WaitIoWorkers, PmState.WaitCheckpointer, PmState.WaitDeadEnd, PmState.NoChildren],
            _transitions.Select(t => t.To));
        AssertLogInOrder(
            "received smart shutdown request",
            "shutting down",
            "checkpoint starting: shutdown immediate",
            "checkpoint complete:",
            "database system is shut down");
    }

    [Fact]
    public void A_fast_shutdown_should_abort_transactions_and_the_launcher_should_exit_1_on_purpose()
    {
        var postmaster = StartPostmaster();
        var launcher = Status(postmaster).Children.Single(c => c.Type == BackendType.BackgroundWorker).Pid;

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));

        Assert.Equal(0, ExpectMsg<PostmasterExited>().Code);
        AssertLogInOrder(
            "received fast shutdown request",
            "aborting any active transactions",
            $"background worker \"logical replication launcher\" (PID {launcher}) exited with exit code 1",
            "shutting down",
            "database system is shut down");
    }

    [Fact]
    public void An_immediate_shutdown_should_exit_0_without_a_checkpoint_and_the_next_start_should_recover()
    {
        var postmaster = StartPostmaster();

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Immediate));

        Assert.Equal(0, ExpectMsg<PostmasterExited>().Code);
        RunUntilIdle();
        Assert.Contains("received immediate shutdown request", _log);
        Assert.DoesNotContain(_log, l => l.StartsWith("checkpoint starting", StringComparison.Ordinal));
    }

    [Fact]
    public void The_most_severe_pending_shutdown_request_should_win()
    {
        var postmaster = StartPostmaster();

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Smart));
        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Immediate));
        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));

        Assert.Equal(0, ExpectMsg<PostmasterExited>().Code);
        RunUntilIdle();
        Assert.Contains("received immediate shutdown request", _log);
        Assert.DoesNotContain("received smart shutdown request", _log);
    }

    [Fact]
    public void A_startup_process_failure_should_make_the_postmaster_exit_1()
    {
        ActorOf(Postmaster.Props(PostmasterOptions.Default with { FailStartup = true }), "postmaster");

        Assert.Equal(1, ExpectMsg<PostmasterExited>().Code);
        AssertLogInOrder("startup process (PID 1006) exited with exit code 1", "aborting startup due to startup process failure", "database system is shut down");
    }

    [Fact]
    public void With_restart_after_crash_off_a_crash_should_end_the_postmaster_with_exit_1()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with { RestartAfterCrash = false });

        postmaster.Tell(new CrashProcess(BackendType.WalWriter));

        Assert.Equal(1, ExpectMsg<PostmasterExited>().Code);
        AssertLogInOrder("terminating any other active server processes", "shutting down because restart_after_crash is off");
    }

    [Fact]
    public void A_fast_shutdown_requested_during_a_crash_restart_should_complete_058()
    {
        var postmaster = StartPostmaster();

        postmaster.Tell(new CrashProcess(BackendType.BackgroundWriter));
        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));

        Assert.Equal(1, ExpectMsg<PostmasterExited>().Code);
        AssertLogInOrder("terminating any other active server processes", "abnormal database system shutdown", "database system is shut down");
        Assert.DoesNotContain("all server processes terminated; reinitializing", _log);
    }

    [Fact]
    public void The_startup_window_should_last_as_long_as_the_startup_process_in_virtual_time()
    {
        var start = Now;
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { StartupDuration = TimeSpan.FromSeconds(30) }), "postmaster");
        RunUntilIdle();

        Assert.Equal(PmState.Startup, Status(postmaster).Snapshot.State);
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Run, TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(30), Now - start);
    }

    [Fact]
    public async Task A_timed_checkpoint_should_be_skipped_while_nothing_is_written()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("ap-idle-").FullName;
        try
        {
            ActorPostmaster.Storage.ClusterStorage.Bootstrap(
                ActorPostmaster.Storage.LocalStorageFiles.Instance, dataDirectory, ActorPostmaster.Storage.WalSegments.MinSegmentSize, DateTimeOffset.UnixEpoch);
            var postmaster = StartPostmaster(WithSettings(("checkpoint_timeout", "30s"), ("log_checkpoints", "on")) with { DataDirectory = dataDirectory });
            int TimedCheckpoints() => _log.Count(l => l == "checkpoint starting: time");

            Advance(TimeSpan.FromMinutes(3));
            RunUntilIdle();
            Assert.Equal(0, TimedCheckpoints()); // idle since the start: nothing to checkpoint

            var session = await ClientSession.ConnectAsync(Sys, postmaster);
            Assert.Contains(new CommandComplete("INSERT 0 1"), await session.QueryAsync("INSERT INTO kv VALUES ('k', 'v')"));
            Advance(TimeSpan.FromSeconds(31));
            RunUntilIdle();
            Assert.Equal(1, TimedCheckpoints());

            Advance(TimeSpan.FromMinutes(3));
            RunUntilIdle();
            Assert.Equal(1, TimedCheckpoints()); // idle again since that checkpoint
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Temporary_files_should_be_removed_after_a_crash_022()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("ap-022-").FullName;
        try
        {
            ActorPostmaster.Storage.ClusterStorage.Bootstrap(
                ActorPostmaster.Storage.LocalStorageFiles.Instance, dataDirectory, ActorPostmaster.Storage.WalSegments.MinSegmentSize, DateTimeOffset.UnixEpoch);
            var tempFile = Path.Combine(TempFiles.Directory(dataDirectory), "pgsql_tmp1234.0");
            Directory.CreateDirectory(Path.GetDirectoryName(tempFile)!);
            var postmaster = StartPostmaster(PostmasterOptions.Default with { DataDirectory = dataDirectory });
            File.WriteAllText(tempFile, "spill");

            postmaster.Tell(new CrashProcess(BackendType.WalWriter));
            AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2);

            Assert.False(File.Exists(tempFile));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Temporary_files_should_be_kept_after_a_crash_when_remove_temp_files_after_crash_is_off_022()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("ap-022-").FullName;
        try
        {
            ActorPostmaster.Storage.ClusterStorage.Bootstrap(
                ActorPostmaster.Storage.LocalStorageFiles.Instance, dataDirectory, ActorPostmaster.Storage.WalSegments.MinSegmentSize, DateTimeOffset.UnixEpoch);
            var tempFile = Path.Combine(TempFiles.Directory(dataDirectory), "pgsql_tmp1234.0");
            Directory.CreateDirectory(Path.GetDirectoryName(tempFile)!);
            var postmaster = StartPostmaster(PostmasterOptions.Default with { DataDirectory = dataDirectory, RemoveTempFilesAfterCrash = false });
            File.WriteAllText(tempFile, "spill");

            postmaster.Tell(new CrashProcess(BackendType.WalWriter));
            AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2);

            Assert.True(File.Exists(tempFile));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void With_archive_mode_on_the_archiver_should_run_and_take_its_last_cycle_at_shutdown()
    {
        var postmaster = StartPostmaster(WithSettings(("archive_mode", "on")));
        var archiver = Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid;
        _transitions.Clear();

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Smart));

        Assert.Equal(0, ExpectMsg<PostmasterExited>().Code);
        RunUntilIdle();
        Assert.Equal(
            [PmState.StopBackends, PmState.WaitBackends, PmState.WaitXlogShutdown, PmState.WaitXlogArchival, PmState.WaitIoWorkers, PmState.WaitCheckpointer, PmState.WaitDeadEnd, PmState.NoChildren],
            _transitions.Select(t => t.To));
        AssertLogInOrder("checkpoint complete:", "database system is shut down");
        Assert.DoesNotContain(_log, l => l.Contains($"(PID {archiver})", StringComparison.Ordinal)); // exit 0 is not logged
    }

    [Fact]
    public void Without_archive_mode_there_should_be_no_archiver()
    {
        var postmaster = StartPostmaster();

        Assert.DoesNotContain(Status(postmaster).Children, c => c.Type == BackendType.Archiver);
    }

    [Fact]
    public async Task A_SIGTERMed_archiver_should_wait_60_seconds_for_SIGUSR2_then_exit_0_and_be_restarted()
    {
        var postmaster = StartPostmaster(WithSettings(("archive_mode", "on")));
        var first = Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid;

        Assert.True(await postmaster.Ask<bool>(new SignalProcess(first, PmSignal.SigTerm), TimeSpan.FromSeconds(1)));
        Advance(Archiver.SigTermGrace - TimeSpan.FromSeconds(1));
        Assert.Equal(first, Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid); // still waiting
        Advance(TimeSpan.FromSeconds(1));

        var second = Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid;
        Assert.True(second > first);
        Assert.DoesNotContain(_log, l => l.StartsWith("terminating any other active server processes", StringComparison.Ordinal));
        Assert.Equal(PmState.Run, _transitions[^1].To);
    }

    [Fact]
    public async Task An_archiver_that_exits_within_10_seconds_of_its_start_should_be_restarted_10_seconds_after_that_start()
    {
        var postmaster = StartPostmaster(WithSettings(("archive_mode", "on")));
        var first = Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid;
        Advance(Archiver.SigTermGrace);
        await postmaster.Ask<bool>(new SignalProcess(first, PmSignal.SigTerm), TimeSpan.FromSeconds(1));
        Advance(Archiver.SigTermGrace); // exits 0; restarted at once (its start was 120 s ago)
        var second = Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid;

        Assert.True(await postmaster.Ask<bool>(new SignalProcess(second, PmSignal.SigUsr2), TimeSpan.FromSeconds(1)));
        RunUntilIdle();
        Assert.DoesNotContain(Status(postmaster).Children, c => c.Type == BackendType.Archiver); // PgArchCanRestart says no
        Advance(TimeSpan.FromSeconds(10));

        Assert.True(Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid > second);
    }

    [Fact]
    public void A_crashing_archiver_should_start_the_crash_cycle()
    {
        var postmaster = StartPostmaster(WithSettings(("archive_mode", "on")));
        var archiver = Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid;

        postmaster.Tell(new CrashProcess(BackendType.Archiver));
        AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2);

        AssertLogInOrder($"archiver process (PID {archiver}) was terminated by signal 6: Aborted", "terminating any other active server processes");
        Assert.DoesNotContain(Status(postmaster).Children, c => c.Type == BackendType.Archiver); // PgArchCanRestart: < 10 s
        Advance(TimeSpan.FromSeconds(10));
        Assert.True(Status(postmaster).Children.Single(c => c.Type == BackendType.Archiver).Pid > archiver); // back after reinitialisation
    }

    [Fact]
    public void With_summarize_wal_on_the_WAL_summarizer_should_run_and_a_reload_turning_it_off_should_make_it_exit_0()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with
        {
            Configuration = ActorPostmaster.Settings.ConfigFile.FromPairs("postgresql.conf", ("summarize_wal", "on")), // not -c: a reload cannot override that
        });
        var summarizer = Status(postmaster).Children.Single(c => c.Type == BackendType.WalSummarizer).Pid;

        postmaster.Tell(new ReloadRequest(ActorPostmaster.Settings.ConfigFile.FromPairs("postgresql.conf", ("summarize_wal", "off"))));
        RunUntilIdle();

        Assert.DoesNotContain(Status(postmaster).Children, c => c.Type == BackendType.WalSummarizer);
        Assert.DoesNotContain(_log, l => l.Contains($"(PID {summarizer})", StringComparison.Ordinal)); // exit 0: forgotten
        Assert.DoesNotContain(_log, l => l.StartsWith("terminating any other active server processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_WAL_summarizer_exit_1_should_be_a_crash()
    {
        var postmaster = StartPostmaster(WithSettings(("summarize_wal", "on")));
        var summarizer = Status(postmaster).Children.Single(c => c.Type == BackendType.WalSummarizer).Pid;

        Assert.True(await postmaster.Ask<bool>(new SignalProcess(summarizer, PmSignal.SigQuit), TimeSpan.FromSeconds(1)));
        AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2);

        AssertLogInOrder($"WAL summarizer process (PID {summarizer}) exited with exit code 2", "terminating any other active server processes");
    }

    [Fact]
    public async Task SIGINT_to_an_io_worker_should_make_it_exit_and_a_new_one_should_start()
    {
        var postmaster = StartPostmaster();
        var worker = Status(postmaster).Children.First(c => c.Type == BackendType.IoWorker).Pid;

        Assert.True(await postmaster.Ask<bool>(new SignalProcess(worker, PmSignal.SigInt), TimeSpan.FromSeconds(1)));
        RunUntilIdle();

        var workers = Status(postmaster).Children.Where(c => c.Type == BackendType.IoWorker).Select(c => c.Pid).ToList();
        Assert.Equal(3, workers.Count);
        Assert.DoesNotContain(worker, workers);
        Assert.False(await postmaster.Ask<bool>(new SignalProcess(worker, PmSignal.SigInt), TimeSpan.FromSeconds(1)));
    }

    private static PostmasterOptions WithSettings(params (string Name, string Value)[] settings) =>
        PostmasterOptions.Default with { CommandLine = [.. settings.Select(s => new KeyValuePair<string, string>(s.Name, s.Value))] };

    private IActorRef StartPostmaster(PostmasterOptions? options = null)
    {
        var postmaster = ActorOf(Postmaster.Props(options ?? PostmasterOptions.Default), "postmaster");
        AwaitCondition(() => _transitions.Any(t => t.To == PmState.Run), TimeSpan.FromMinutes(1));
        return postmaster;
    }

    private static PostmasterStatus Status(IActorRef postmaster) =>
        postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();

    /// <summary>Records PMState transitions and log lines (LOG level and above) in the order they were published.</summary>
    private sealed class Recorder : ReceiveActor
    {
        public Recorder(List<PmStateTransition> transitions, List<string> log)
        {
            Receive<PmStateTransition>(transitions.Add);
            Receive<LogEvent>(e =>
            {
                if (e.LogLevel() >= Actors.Event.LogLevel.InfoLevel)
                {
                    log.Add(e.Message);
                }
            });
        }
    }

    private void AssertLogInOrder(params string[] prefixes)
    {
        RunUntilIdle(); // let the recorder take in everything already published
        var position = 0;
        foreach (var prefix in prefixes)
        {
            var found = _log.FindIndex(position, l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(found >= 0, $"log line \"{prefix}\" not found after position {position} in:{Environment.NewLine}{string.Join(Environment.NewLine, _log)}");
            position = found + 1;
        }
    }
}
