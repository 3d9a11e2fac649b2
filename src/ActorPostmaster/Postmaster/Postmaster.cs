using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// The postmaster: the supervisor of every child. It never runs user work and never reads from a client.
/// </summary>
/// <remarks>
/// <para>
/// ServerLoop (spec §0): incoming events only set pending flags and queues; one pass then handles them in PostgreSQL's
/// priority order — shutdown request, reload, child exits, child requests (pmsignal), connection requests — asking the
/// <see cref="PmStateActor"/> for each decision and carrying out its effects, and ends with
/// LaunchMissingBackgroundProcesses for the current state.
/// </para>
/// <para>
/// A child's exit is its death-watch <see cref="Terminated"/>, classified by what the child recorded (an orderly exit
/// after cleaning up) or by how it was ended (quickdie's exit 2, a kill, a PANIC through <see cref="CrashCycle"/>).
/// </para>
/// </remarks>
public sealed class Postmaster : ReceiveActor, IWithTimers
{
    private const string KillTimerKey = "sigkill";
    private const string WorkerTimerKey = "bgworker";
    private const string StuckTimerKey = "stuck-backends";
    private const string ArchiverTimerKey = "archiver";

    /// <summary>PGARCH_RESTART_INTERVAL: the archiver is started at most once per 10 s.</summary>
    private static readonly TimeSpan ArchiverRestartInterval = TimeSpan.FromSeconds(10);

    private readonly PostmasterOptions _options;
    private readonly Settings.ServerSettings _server = new();
    private readonly IReadOnlyList<PgError> _startupErrors;
    private PostmasterSettings _settings;
    private readonly Dictionary<IActorRef, ChildRecord> _children = [];
    private readonly ChildSlots _slots;
    private readonly BackgroundWorkers _workers = new();
    private readonly ControlFile _controlFile;
    private readonly Queue<ChildExit> _pendingExits = new();
    private readonly Queue<PmRequest> _pendingRequests = new();
    private readonly Queue<ClientConnection> _pendingConnections = new(); // the listen socket's backlog
    private readonly ServerLog _log;
    private IActorRef _pmState = ActorRefs.Nobody;
    private PmSnapshot _snapshot = PmSnapshot.Initial;
    private SharedState _shared = new(1);
    private ShutdownLevel _pendingShutdown;
    private bool _pendingReload;
    private bool _pendingKillTimer;
    private Settings.ConfigFile? _pendingReloadFile;
    private bool _passScheduled;
    private bool _startWorkerNeeded;
    private int _nextPid;
    private string _pidFileStatus = string.Empty;
    private int? _exitCode;
    private DateTimeOffset? _lastArchiverStart;
    private readonly Dictionary<int, PendingInterrupts> _reportedStuck = [];

    /// <summary>Creates the postmaster.</summary>
    /// <param name="options">Its settings.</param>
    public Postmaster(PostmasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _nextPid = options.PostmasterPid;
        var start = _server.Start(options.Configuration, options.Overrides());
        _startupErrors = start.Failed ? start.Messages : [];
        _settings = PostmasterSettings.From(_server.Snapshot);
        _slots = new ChildSlots(_settings.MaxConnections, _settings.MaxWalSenders, _settings.AutovacuumMaxWorkers, _settings.MaxWorkerProcesses);
        _controlFile = new ControlFile(Context.System.Scheduler.Now);
        _log = new ServerLog(Context.System, options.PostmasterPid, typeof(Postmaster));
        _workers.Register(BackgroundWorkerSpec.LogicalReplicationLauncher);

        ReceiveAsync<Boot>(_ => BootAsync());
        Receive<ShutdownRequest>(request =>
        {
            _pendingShutdown = request.Level > _pendingShutdown ? request.Level : _pendingShutdown;
            SchedulePass();
        });
        Receive<ReloadRequest>(request =>
        {
            _pendingReload = true;
            _pendingReloadFile = request.Configuration;
            SchedulePass();
        });
        Receive<Terminated>(terminated => Reap(terminated.ActorRef));
        Receive<ChildRequestMessage>(request =>
        {
            _pendingRequests.Enqueue(request.Request);
            SchedulePass();
        });
        Receive<KillTimerElapsed>(_ =>
        {
            _pendingKillTimer = true;
            SchedulePass();
        });
        Receive<WorkerRestartDue>(_ => SchedulePass());
        Receive<ArchiverRestartDue>(_ => SchedulePass());
        Receive<CheckStuckBackends>(_ => ReportStuckBackends());
        Receive<ConnectionRequest>(request =>
        {
            _pendingConnections.Enqueue(request.Connection);
            SchedulePass();
        });
        Receive<CrashProcess>(crash => CrashChild(crash.Type));
        Receive<KillProcess>(kill => Sender.Tell(SignalChild(kill.Pid, PmSignal.SigKill)));
        Receive<QuitProcess>(quit => Sender.Tell(SignalChild(quit.Pid, PmSignal.SigQuit)));
        Receive<SignalProcess>(signal => Sender.Tell(SignalChild(signal.Pid, signal.Signal)));
        Receive<RegisterBackgroundWorker>(register => RegisterWorker(register.Spec));
        Receive<GetPostmasterStatus>(_ => Sender.Tell(Status()));
        ReceiveAsync<ServerLoopPass>(_ => ServerLoopAsync());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private ChildCensus Census
    {
        get
        {
            var census = ChildCensus.Empty;
            foreach (var record in _children.Values)
            {
                census = census.With(record.Type, 1);
            }

            return census;
        }
    }

    /// <summary>Props for a postmaster.</summary>
    /// <param name="options">Its settings.</param>
    public static Props Props(PostmasterOptions options) => Actors.Props.Create(() => new Postmaster(options));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new CrashCycle(OnChildPanic);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _pmState = Context.ActorOf(Actors.Props.Create(() => new PmStateActor()), "pmstate");
        Self.Tell(Boot.Instance);
        if (_options.StuckBackendGrace > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer(StuckTimerKey, CheckStuckBackends.Instance, TimeSpan.FromSeconds(1));
        }
    }

    private async Task BootAsync()
    {
        if (_startupErrors.Count > 0)
        {
            foreach (var error in _startupErrors)
            {
                _log.Report(error);
            }

            ExitPostmaster(1);
            return;
        }

        // PG_VERSION_STR, as version() shows it.
        _log.Log($"starting PostgreSQL {_server.Show("server_version")} on x86_64-pc-linux-gnu, compiled by .NET 10, 64-bit");
        if (_options.Host is { } host && !host.EstablishInputSockets(_server.Snapshot, _log))
        {
            ExitPostmaster(1);
            return;
        }

        await DecideAsync(new PmCommand.Start(_options.IoWorkers));
        LaunchMissingBackgroundProcesses();
    }

    private void SchedulePass()
    {
        if (!_passScheduled && _exitCode is null)
        {
            _passScheduled = true;
            Self.Tell(ServerLoopPass.Instance);
        }
    }

    /// <summary>One ServerLoop pass: pending events in PostgreSQL's order, then launch what is missing.</summary>
    private async Task ServerLoopAsync()
    {
        _passScheduled = false;
        if (_pendingShutdown > ShutdownLevel.NoShutdown)
        {
            var level = _pendingShutdown;
            _pendingShutdown = ShutdownLevel.NoShutdown;
            await DecideAsync(new PmCommand.RequestShutdown(level, Census, _settings.Policy));
        }

        if (_pendingReload)
        {
            _pendingReload = false;
            if (_snapshot.Shutdown <= ShutdownLevel.Smart)
            {
                Reload(_pendingReloadFile);
            }

            _pendingReloadFile = null;
        }

        while (_exitCode is null && _pendingExits.TryDequeue(out var exit))
        {
            await DecideAsync(new PmCommand.ChildExited(exit, Census, _settings.Policy));
        }

        while (_exitCode is null && _pendingRequests.TryDequeue(out var request))
        {
            if (request == PmRequest.StartAutovacuumWorker)
            {
                StartAutovacuumWorker();
            }
            else
            {
                await DecideAsync(new PmCommand.ChildRequest(request, Census, _settings.Policy));
            }
        }

        // The SIGKILL escalation check comes after the events, as in ServerLoop.
        if (_exitCode is null && _pendingKillTimer)
        {
            _pendingKillTimer = false;
            await DecideAsync(new PmCommand.KillTimerElapsed(_settings.Policy));
        }

        // Accept: connections wait in the backlog while the postmaster does not listen (crash reinitialisation gap).
        while (_exitCode is null && _snapshot.Listening && _pendingConnections.TryDequeue(out var connection))
        {
            BackendStartup(connection);
        }

        LaunchMissingBackgroundProcesses();
    }

    /// <summary>BackendStartup: admission, then a client backend or a dead-end backend takes the connection (§3.1).</summary>
    private void BackendStartup(ClientConnection connection)
    {
        var admission = Admission.CanAcceptConnections(_snapshot);
        if (admission == ConnectionAdmission.Ok && StartChild(BackendType.Backend, connection: connection) is not null)
        {
            return;
        }

        if (admission == ConnectionAdmission.Ok)
        {
            admission = ConnectionAdmission.TooMany; // the backend pool is full
        }

        StartChild(BackendType.DeadEndBackend, connection: connection, refusal: Admission.Refusal(admission, _snapshot, _settings.HotStandby));
    }

    /// <summary>process_pm_reload_request: re-read the configuration, log what changed, SIGHUP every child but dead-ends.</summary>
    private void Reload(Settings.ConfigFile? file)
    {
        _log.Log("received SIGHUP, reloading configuration files");
        file ??= _options.ConfigurationPath is { } path
            ? Settings.ConfigFile.Load(path)
            : _options.Configuration ?? Settings.ConfigFile.Empty("postgresql.conf");
        var result = _server.Reload(file);
        foreach (var message in result.Messages)
        {
            _log.Report(message);
        }

        _settings = PostmasterSettings.From(_server.Snapshot);
        SignalChildren(child => child.Type != BackendType.DeadEndBackend, PmSignal.SigHup);
        _options.Host?.Reloaded(_server.Snapshot, _log);
    }

    private async Task DecideAsync(PmCommand command)
    {
        if (_exitCode is not null)
        {
            return;
        }

        var decision = await _pmState.Ask<PmDecision>(command, TimeSpan.FromSeconds(30));
        _snapshot = decision.Next;
        foreach (var effect in decision.Effects)
        {
            Execute(effect);
            if (_exitCode is not null)
            {
                return;
            }
        }
    }

    private void Execute(PmEffect effect)
    {
        switch (effect)
        {
            case PmEffect.Log log:
                WriteLog(log);
                break;
            case PmEffect.SignalChildren signal:
                SignalChildren(child => signal.Types.Contains(child.Type), signal.Signal);
                break;
            case PmEffect.StartChild start:
                StartChild(start.Type);
                break;
            case PmEffect.SetListening:
                break; // connection admission reads _snapshot.Listening
            case PmEffect.SetPidFileStatus status:
                _pidFileStatus = status.Status;
                _options.Host?.SetPidFileStatus(status.Status);
                break;
            case PmEffect.ForgetUnstartedBackgroundWorkers:
                break; // no registrant waits for an unstarted worker in-process
            case PmEffect.StartWorkersNeeded:
                _startWorkerNeeded = true;
                break;
            case PmEffect.Reinitialize:
                Reinitialize();
                break;
            case PmEffect.StartKillTimer:
                Timers.StartSingleTimer(KillTimerKey, KillTimerElapsed.Instance, TimeSpan.FromSeconds(5));
                break;
            case PmEffect.Exit exit:
                ExitPostmaster(exit.Code);
                break;
        }
    }

    private void WriteLog(PmEffect.Log log) => _log.Write(log.Level, log.Message, log.Detail);

    /// <summary>Delivers a signal. SIGQUIT, SIGKILL and SIGABRT act at once: the child's actor is stopped.</summary>
    private void SignalChildren(Func<ChildRecord, bool> which, PmSignal signal)
    {
        foreach (var child in _children.Values.Where(which).ToList())
        {
            Signal(child, signal, _snapshot.QuitReason);
        }
    }

    /// <summary>kill(pid, signal) from outside the postmaster; a SIGQUIT sent by hand makes quickdie say "unexpected SIGQUIT".</summary>
    private bool SignalChild(int pid, PmSignal signal)
    {
        if (_children.Values.FirstOrDefault(c => c.Pid == pid) is not { } child)
        {
            return false;
        }

        Signal(child, signal, signal == PmSignal.SigQuit ? QuitReason.None : _snapshot.QuitReason);
        return true;
    }

    private static void Signal(ChildRecord child, PmSignal signal, QuitReason quitReason)
    {
        switch (signal)
        {
            case PmSignal.SigKill:
                child.Proc.RecordEnd(ExitStatus.Killed);
                Context.Stop(child.Ref);
                break;
            case PmSignal.SigAbrt:
                child.Proc.RecordEnd(ExitStatus.Aborted);
                Context.Stop(child.Ref);
                break;
            case PmSignal.SigQuit:
                child.Proc.QuitReason = quitReason;
                child.Proc.MarkQuit(); // no latch wake-up: the actor is stopped right away
                child.Proc.RecordEnd(ExitStatus.QuickDie);
                Context.Stop(child.Ref);
                break;
            default:
                child.Proc.Signal(signal);
                break;
        }
    }

    private ChildRecord? StartChild(
        BackendType type, BackgroundWorkers.Registration? worker = null, ClientConnection? connection = null, PgError? refusal = null)
    {
        if (BackendTypes.Unsupported.Contains(type))
        {
            _log.Warning($"{type.Description()} is not supported: ActorPostmaster does not implement replication");
            return null;
        }

        if (!_slots.TryAcquire(type))
        {
            if (type == BackendType.AutovacuumWorker)
            {
                _log.Log("no slot available for new autovacuum worker process");
            }
            else if (type == BackendType.BackgroundWorker)
            {
                _log.Log("no slot available for new background worker process");
            }

            return null;
        }

        var pid = ++_nextPid;
        var record = new ChildRecord(type, pid, worker);
        var proc = new ProcessState(pid, type, Context.System.Scheduler.Now, () => record.Ref.Tell(LatchWake.Instance, ActorRefs.NoSender))
        {
            WorkerType = worker?.Spec.Type,
            SecretKey = type == BackendType.Backend ? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue) : 0,
            ClientAddress = connection?.RemoteHost,
        };
        record.Proc = proc;
        var environment = new ChildEnvironment(_options, _settings, _server, _controlFile, _shared);
        Props props = type switch
        {
            BackendType.Startup => Actors.Props.Create(() => new StartupProcess(proc, environment)),
            BackendType.Checkpointer => Actors.Props.Create(() => new Checkpointer(proc, environment)),
            BackendType.BackgroundWriter => Actors.Props.Create(() => new BackgroundWriter(proc, environment)),
            BackendType.WalWriter => Actors.Props.Create(() => new WalWriter(proc, environment)),
            BackendType.IoWorker => Actors.Props.Create(() => new IoWorker(proc, environment)),
            BackendType.Archiver => Actors.Props.Create(() => new Archiver(proc, environment)),
            BackendType.WalSummarizer => Actors.Props.Create(() => new WalSummarizer(proc, environment)),
            BackendType.AutovacuumLauncher => Actors.Props.Create(() => new AutovacuumLauncher(proc, environment)),
            BackendType.AutovacuumWorker => Actors.Props.Create(() => new AutovacuumWorker(proc, environment)),
            BackendType.Logger => Actors.Props.Create(() => new SysLogger(proc, environment)),
            BackendType.BackgroundWorker => Actors.Props.Create(() => new BackgroundWorkerProcess(proc, environment, worker!.Spec)),
            BackendType.Backend => Actors.Props.Create(() => new ClientBackend(proc, environment, connection!)),
            BackendType.DeadEndBackend => Actors.Props.Create(() => new DeadEndBackend(proc, environment, connection!, refusal!)),
            _ => throw new InvalidOperationException($"The postmaster does not start {type} children this way."),
        };
        record.Ref = Context.Watch(Context.ActorOf(props, $"{type.Description().Replace(' ', '-')}-{pid}"));
        _children[record.Ref] = record;
        if (ProcTable.HasPgProc(type))
        {
            _shared.Procs.Add(proc);
        }

        if (worker is not null)
        {
            BackgroundWorkers.Started(worker, pid);
        }

        return record;
    }

    private void Reap(IActorRef actor)
    {
        if (!_children.Remove(actor, out var record))
        {
            return; // the PMState FSM, or a child already reaped
        }

        _slots.Release(record.Type);
        var proc = record.Proc;
        _shared.Procs.Remove(record.Pid);
        var status = proc.ExitStatus ?? ExitStatus.Success; // stopped without saying anything: the dead-man switch decides
        var exit = new ChildExit(record.Type, record.Pid, status, proc.CleanedUp && proc.ExitStatus is not null, record.Worker?.Spec.Type, proc.Query);
        Context.System.EventStream.Publish(exit); // for watchers: tests, hosting, the scenario handles
        if (record.Worker is { } worker && status.IsOrderly && proc.CleanedUp)
        {
            _workers.Exited(worker, status, Context.System.Scheduler.Now);
            ScheduleWorkerRestart();
        }
        else if (record.Worker is { } crashed)
        {
            crashed.Pid = null;
        }

        _pendingExits.Enqueue(exit);
        SchedulePass();
    }

    private bool OnChildPanic(IActorRef child, Exception cause)
    {
        if (!_children.TryGetValue(child, out var record))
        {
            return false;
        }

        // The child's own last words, under its pid: an unhandled exception is its PANIC (a failed WAL write's in
        // PostgreSQL's words; any other names the exception, which is a bug).
        new ServerLog(Context.System, record.Pid, typeof(Postmaster), record.Proc, record.Type)
            .Write(PgSeverity.Panic, cause is Storage.WalWriteException ? cause.Message : $"{cause.GetType().Name}: {cause.Message}", statement: record.Proc.Query, cause: cause);
        record.Proc.RecordEnd(ExitStatus.Aborted);
        return true;
    }

    /// <summary>LaunchMissingBackgroundProcesses (§1.3): the children the current state wants running.</summary>
    private void LaunchMissingBackgroundProcesses()
    {
        if (_exitCode is not null)
        {
            return;
        }

        var s = _snapshot;
        var census = Census;
        if (_settings.LoggingCollector && census.Count(BackendType.Logger) == 0)
        {
            StartChild(BackendType.Logger);
        }

        if (_options.IoWorkers > 0 && s.State < PmState.WaitIoWorkers && s.Shutdown < ShutdownLevel.Immediate
            && !(s.FatalError && s.State >= PmState.StopBackends))
        {
            for (var running = census.Count(BackendType.IoWorker); running < _options.IoWorkers; running++)
            {
                StartChild(BackendType.IoWorker);
            }
        }

        // A crash during PM_STARTUP leaves the state at PM_STARTUP until the startup process has died; launching there
        // would start children the crash broadcast never reached (PostgreSQL then needs the 5 s SIGKILL to get rid of them).
        var crashBroadcastInProgress = s.FatalError && s.StartupStatus == StartupStatus.Signaled;
        if (s.State is PmState.Startup or PmState.Recovery or PmState.HotStandby or PmState.Run && !crashBroadcastInProgress)
        {
            StartIfMissing(census, BackendType.Checkpointer);
            StartIfMissing(census, BackendType.BackgroundWriter);
        }

        if (s.State == PmState.Run)
        {
            StartIfMissing(census, BackendType.WalWriter);
            if (_settings.Autovacuum)
            {
                StartIfMissing(census, BackendType.AutovacuumLauncher);
            }
        }

        if (census.Count(BackendType.Archiver) == 0 && ArchiverWanted(s) && PgArchCanRestart())
        {
            _lastArchiverStart = Context.System.Scheduler.Now;
            StartChild(BackendType.Archiver);
        }

        if (_settings.SummarizeWal && s.State is PmState.Run or PmState.HotStandby && s.Shutdown <= ShutdownLevel.Smart)
        {
            StartIfMissing(census, BackendType.WalSummarizer);
        }

        if (_startWorkerNeeded || _workers.NextRestartDue() <= Context.System.Scheduler.Now)
        {
            MaybeStartBackgroundWorkers();
        }
    }

    /// <summary>The archiver runs in PM_RUN when archive_mode is on, and also during recovery when it is always.</summary>
    private bool ArchiverWanted(PmSnapshot s) =>
        (_settings.ArchiveMode != "off" && s.State == PmState.Run)
        || (_settings.ArchiveMode == "always" && s.State is PmState.Recovery or PmState.HotStandby);

    /// <summary>
    /// PgArchCanRestart: at most one archiver start per 10 s. When the throttle holds a start back, a pass is scheduled
    /// for the moment it lets go.
    /// </summary>
    private bool PgArchCanRestart()
    {
        var now = Context.System.Scheduler.Now;
        if (_lastArchiverStart is { } last && now - last < ArchiverRestartInterval)
        {
            Timers.StartSingleTimer(ArchiverTimerKey, ArchiverRestartDue.Instance, last + ArchiverRestartInterval - now);
            return false;
        }

        return true;
    }

    private void StartIfMissing(ChildCensus census, BackendType type)
    {
        if (census.Count(type) == 0)
        {
            StartChild(type);
        }
    }

    private void MaybeStartBackgroundWorkers()
    {
        var now = Context.System.Scheduler.Now;
        foreach (var worker in _workers.ToStart(_snapshot, now))
        {
            if (StartChild(BackendType.BackgroundWorker, worker) is null)
            {
                worker.CrashedAt = now; // no slot: treated as a crash of the worker, retried after its restart time
            }
        }

        _startWorkerNeeded = false;
        ScheduleWorkerRestart();
    }

    private void ScheduleWorkerRestart()
    {
        if (_workers.NextRestartDue() is { } due)
        {
            var delay = due - Context.System.Scheduler.Now;
            Timers.StartSingleTimer(WorkerTimerKey, WorkerRestartDue.Instance, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
    }

    private void StartAutovacuumWorker()
    {
        if (_snapshot.Shutdown <= ShutdownLevel.Smart && _snapshot.State < PmState.StopBackends
            && Admission.CanAcceptConnections(_snapshot, BackendType.AutovacuumWorker) == ConnectionAdmission.Ok)
        {
            StartChild(BackendType.AutovacuumWorker);
        }
    }

    private void RegisterWorker(BackgroundWorkerSpec spec)
    {
        if (_snapshot.State >= PmState.StopBackends)
        {
            Sender.Tell(new BackgroundWorkerRegistered(spec.Name, Accepted: false));
            return;
        }

        _workers.Register(spec);
        _startWorkerNeeded = true;
        Sender.Tell(new BackgroundWorkerRegistered(spec.Name, Accepted: true));
        SchedulePass();
    }

    /// <summary>
    /// Names backends that leave a termination or cancel pending for longer than the grace without checking for
    /// interrupts (the case where pg_cancel_backend and pg_terminate_backend do nothing), once per pending signal.
    /// </summary>
    private void ReportStuckBackends()
    {
        var now = Context.System.Scheduler.Now;
        foreach (var proc in _shared.Procs.Snapshot())
        {
            var pending = proc.Pending & (PendingInterrupts.ProcDie | PendingInterrupts.QueryCancel);
            if (pending == PendingInterrupts.None)
            {
                _reportedStuck.Remove(proc.Pid);
                continue;
            }

            var since = now - (proc.LastInterruptCheck ?? proc.QueryStart ?? proc.BackendStart);
            if (since < _options.StuckBackendGrace || _reportedStuck.GetValueOrDefault(proc.Pid) == pending)
            {
                continue;
            }

            _reportedStuck[proc.Pid] = pending;
            var what = (pending & PendingInterrupts.ProcDie) != 0 ? "termination" : "cancel";
            new ServerLog(Context.System, proc.Pid, typeof(Postmaster), proc, proc.Type).Write(
                PgSeverity.Warning,
                $"{proc.Type.ProcessName()} (PID {proc.Pid}) has not checked for interrupts for {since.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s with a {what} pending",
                detail: $"It is in {proc.Breadcrumb ?? "no statement"}.",
                hint: "ap_kill_backend(pid) forces it out, at the cost of a crash cycle.",
                statement: proc.Query);
        }
    }

    /// <summary>The reinitialisation of §2.6, steps 2–6: temporary files, background-worker crash times, shared state.</summary>
    private void Reinitialize()
    {
        if (_settings.RemoveTempFilesAfterCrash)
        {
            TempFiles.RemoveAll(_options.DataDirectory);
        }

        _workers.ResetCrashTimes();
        _shared.Storage?.Wal.Dispose(); // the WAL buffers are shared memory: what was not flushed is gone
        _shared = new SharedState(_shared.Generation + 1);
        _controlFile.Update(ClusterState.InCrashRecovery, Context.System.Scheduler.Now);
    }

    private void CrashChild(BackendType type)
    {
        if (_children.Values.FirstOrDefault(c => c.Type == type) is { } child)
        {
            // The latch wakes a child waiting on it inside a long task (a background worker's main function); the message
            // reaches one that is busy once its current message is done.
            child.Proc.RequestCrash($"{type.Description()} crashed on request (ap_crash_process)");
            child.Ref.Tell(LatchWake.Instance);
        }
    }

    private void ExitPostmaster(int code)
    {
        _exitCode = code;
        Timers.CancelAll();
        while (_pendingConnections.TryDequeue(out var waiting))
        {
            waiting.Close(); // the listen socket goes away: connections in the backlog are refused
        }

        foreach (var child in _children.Keys)
        {
            Context.Stop(child);
        }

        _shared.Storage?.Wal.Dispose();
        _options.Host?.Exiting(code); // UnlinkLockFiles, whose last act is this log line
        _log.Log("database system is shut down");
        Context.System.EventStream.Publish(new PostmasterExited(code));
        Context.Stop(Self);
    }

    private PostmasterStatus Status() => new(
        _snapshot,
        [.. _children.Values.OrderBy(c => c.Pid).Select(c => new ChildInfo(c.Type, c.Pid, c.Worker?.Spec.Type))],
        _pidFileStatus,
        _shared.Generation,
        _exitCode);

    /// <summary>The postmaster's own record of a child (PMChild).</summary>
    private sealed class ChildRecord(BackendType type, int pid, BackgroundWorkers.Registration? worker)
    {
        public BackendType Type { get; } = type;

        public int Pid { get; } = pid;

        public BackgroundWorkers.Registration? Worker { get; } = worker;

        public ProcessState Proc { get; set; } = null!;

        public IActorRef Ref { get; set; } = ActorRefs.Nobody;
    }

    private sealed record Boot
    {
        public static readonly Boot Instance = new();
    }

    private sealed record ServerLoopPass
    {
        public static readonly ServerLoopPass Instance = new();
    }

    private sealed record KillTimerElapsed
    {
        public static readonly KillTimerElapsed Instance = new();
    }

    private sealed record ArchiverRestartDue
    {
        public static readonly ArchiverRestartDue Instance = new();
    }

    private sealed record CheckStuckBackends
    {
        public static readonly CheckStuckBackends Instance = new();
    }

    private sealed record WorkerRestartDue
    {
        public static readonly WorkerRestartDue Instance = new();
    }
}
