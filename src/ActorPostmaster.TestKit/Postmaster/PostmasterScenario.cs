using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit;

/// <summary>
/// A postmaster under test, with the state trace recorded and every fault injection answered by a
/// <see cref="FaultHandle"/> that completes once the fault has taken effect: the process is gone, or a given PMState
/// has been reached (no racing against <c>pg_terminate_backend</c> returning before its victim has left).
/// </summary>
/// <example>
/// <code>
/// var cluster = PostmasterScenario.Start(this);
/// var session = await cluster.ConnectAsync();
/// await cluster.CrashProcess(BackendType.Checkpointer).RecoveredAsync();   // back in PM_RUN, after the crash cycle
/// Assert.Equal("57P02", Assert.IsType&lt;NoticeResponse&gt;(await session.ReadAsync(TimeSpan.FromSeconds(1))).Notice.SqlState);
/// </code>
/// </example>
public sealed class PostmasterScenario
{
    private readonly TestKitBase _kit;
    private readonly Watcher _watcher;

    private PostmasterScenario(TestKitBase kit, IActorRef postmaster, Watcher watcher)
    {
        _kit = kit;
        Postmaster = postmaster;
        _watcher = watcher;
    }

    /// <summary>The postmaster actor.</summary>
    public IActorRef Postmaster { get; }

    /// <summary>Every PMState transition so far, in order.</summary>
    public IReadOnlyList<PmStateTransition> Trace
    {
        get
        {
            lock (_watcher)
            {
                return [.. _watcher.Transitions];
            }
        }
    }

    /// <summary>The current PMState, as the last transition left it.</summary>
    public PmState State
    {
        get
        {
            lock (_watcher)
            {
                return _watcher.Transitions.Count == 0 ? PmState.Init : _watcher.Transitions[^1].To;
            }
        }
    }

    /// <summary>Every child exit so far, in order.</summary>
    public IReadOnlyList<ChildExit> Exits
    {
        get
        {
            lock (_watcher)
            {
                return [.. _watcher.Exits];
            }
        }
    }

    /// <summary>The postmaster's exit code, once it has exited.</summary>
    public int? ExitCode
    {
        get
        {
            lock (_watcher)
            {
                return _watcher.ExitCode;
            }
        }
    }

    /// <summary>Starts a postmaster in the kit's system and waits until it accepts connections (PM_RUN).</summary>
    /// <param name="kit">The test kit (the test class itself).</param>
    /// <param name="options">The options; PostgreSQL's defaults when null.</param>
    /// <param name="name">The actor name.</param>
    public static PostmasterScenario Start(TestKitBase kit, PostmasterOptions? options = null, string name = "postmaster")
    {
        ArgumentNullException.ThrowIfNull(kit);
        var watcher = new Watcher();
        var recorder = kit.Sys.ActorOf(Props.Create(() => new Recorder(watcher)), name + "-scenario");
        kit.Sys.EventStream.Subscribe(recorder, typeof(PmStateTransition));
        kit.Sys.EventStream.Subscribe(recorder, typeof(ChildExit));
        kit.Sys.EventStream.Subscribe(recorder, typeof(PostmasterExited));
        var postmaster = kit.Sys.ActorOf(ActorPostmaster.Postmaster.Props(options ?? PostmasterOptions.Default), name);
        var scenario = new PostmasterScenario(kit, postmaster, watcher);
        kit.AwaitCondition(() => scenario.State == PmState.Run, TimeSpan.FromMinutes(1), message: "the postmaster never reached PM_RUN");
        return scenario;
    }

    /// <summary>Connects a client and waits for its first ReadyForQuery (or its refusal).</summary>
    /// <param name="user">The role.</param>
    /// <param name="database">The database.</param>
    public Task<ClientSession> ConnectAsync(string user = "postgres", string database = "postgres") =>
        ClientSession.ConnectAsync(_kit.Sys, Postmaster, user, database);

    /// <summary>The postmaster's status (its children, snapshot, pid-file status).</summary>
    public PostmasterStatus Status() =>
        Postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    /// <summary>The pid of the (first) live child of <paramref name="type"/>.</summary>
    /// <param name="type">The child type.</param>
    public int PidOf(BackendType type) =>
        Status().Children.FirstOrDefault(c => c.Type == type)?.Pid ?? throw new InvalidOperationException($"no {type.Description()} is running");

    /// <summary>The first child of <paramref name="type"/> throws (ap_crash_process): a crash, so the crash cycle starts.</summary>
    /// <param name="type">The child type.</param>
    public FaultHandle CrashProcess(BackendType type)
    {
        var pid = PidOf(type);
        var handle = NewHandle(pid);
        Postmaster.Tell(new ActorPostmaster.CrashProcess(type), ActorRefs.NoSender);
        return handle;
    }

    /// <summary>The SIGKILL analogue for one process (ap_kill_backend): no message to its client, and the crash cycle.</summary>
    /// <param name="pid">The pid.</param>
    public FaultHandle Kill(int pid) => Signal(pid, PmSignal.SigKill);

    /// <summary>The SIGQUIT analogue for one process (<c>kill -QUIT</c>): quickdie, exit 2, and the crash cycle.</summary>
    /// <param name="pid">The pid.</param>
    public FaultHandle Quit(int pid) => Signal(pid, PmSignal.SigQuit);

    /// <summary>SIGTERM to one process (for a backend: pg_terminate_backend, 57P01).</summary>
    /// <param name="pid">The pid.</param>
    public FaultHandle Terminate(int pid) => Signal(pid, PmSignal.SigTerm);

    /// <summary>SIGINT to one process (for a backend: a cancel, 57014 if it is running a statement).</summary>
    /// <param name="pid">The pid.</param>
    public FaultHandle Cancel(int pid) => Signal(pid, PmSignal.SigInt);

    /// <summary>Sends <paramref name="signal"/> to one process, as <c>kill -SIG pid</c> would.</summary>
    /// <param name="pid">The pid.</param>
    /// <param name="signal">The signal.</param>
    /// <exception cref="InvalidOperationException">No child has that pid.</exception>
    public FaultHandle Signal(int pid, PmSignal signal)
    {
        var handle = NewHandle(pid);
        var found = Postmaster.Ask<bool>(new SignalProcess(pid, signal), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return found ? handle : throw new InvalidOperationException($"no child process has PID {pid}");
    }

    /// <summary>A shutdown request (SIGTERM smart, SIGINT fast, SIGQUIT immediate to the postmaster).</summary>
    /// <param name="level">The mode.</param>
    public FaultHandle Shutdown(ShutdownLevel level)
    {
        var handle = NewHandle(pid: null);
        Postmaster.Tell(new ShutdownRequest(level), ActorRefs.NoSender);
        return handle;
    }

    private FaultHandle NewHandle(int? pid)
    {
        lock (_watcher)
        {
            return new FaultHandle(_kit, _watcher, pid, _watcher.Transitions.Count, _watcher.Exits.Count);
        }
    }

    /// <summary>What the recorder saw; shared with the handles, guarded by locking itself.</summary>
    internal sealed class Watcher
    {
        public List<PmStateTransition> Transitions { get; } = [];

        public List<ChildExit> Exits { get; } = [];

        public int? ExitCode { get; set; }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(Watcher watcher)
        {
            Receive<PmStateTransition>(t =>
            {
                lock (watcher)
                {
                    watcher.Transitions.Add(t);
                }
            });
            Receive<ChildExit>(e =>
            {
                lock (watcher)
                {
                    watcher.Exits.Add(e);
                }
            });
            Receive<PostmasterExited>(e =>
            {
                lock (watcher)
                {
                    watcher.ExitCode = e.Code;
                }
            });
        }
    }
}

/// <summary>
/// The effect of one injected fault, observed: each wait runs the system (on the deterministic dispatcher, in virtual
/// time) until the effect has happened, and fails the test if it does not happen in time.
/// </summary>
public sealed class FaultHandle
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);
    private readonly TestKitBase _kit;
    private readonly PostmasterScenario.Watcher _watcher;
    private readonly int _transitionsBefore;
    private readonly int _exitsBefore;

    internal FaultHandle(TestKitBase kit, PostmasterScenario.Watcher watcher, int? pid, int transitionsBefore, int exitsBefore)
    {
        _kit = kit;
        _watcher = watcher;
        Pid = pid;
        _transitionsBefore = transitionsBefore;
        _exitsBefore = exitsBefore;
    }

    /// <summary>The target process, or null for a request to the postmaster itself.</summary>
    public int? Pid { get; }

    /// <summary>Waits until the target process has exited, and returns how (exit code or signal).</summary>
    /// <param name="max">How long to wait (virtual time under the deterministic dispatcher); one minute by default.</param>
    /// <exception cref="InvalidOperationException">The fault has no target process.</exception>
    public async Task<ChildExit> GoneAsync(TimeSpan? max = null)
    {
        var pid = Pid ?? throw new InvalidOperationException("this fault has no target process");
        ChildExit? exit = null;
        await _kit.AwaitConditionAsync(() => (exit = FindExit(pid)) is not null, max ?? DefaultWait, message: $"process {pid} did not exit");
        return exit!;
    }

    /// <summary>Waits until PMState, after the fault, has passed through <paramref name="state"/>.</summary>
    /// <param name="state">The state.</param>
    /// <param name="max">How long to wait; one minute by default.</param>
    public Task ReachedAsync(PmState state, TimeSpan? max = null) =>
        _kit.AwaitConditionAsync(() => SinceFault().Any(t => t.To == state), max ?? DefaultWait, message: $"PMState never reached {state}");

    /// <summary>Waits until the crash cycle the fault started is over: the postmaster is back in PM_RUN.</summary>
    /// <param name="max">How long to wait; one minute by default.</param>
    public Task RecoveredAsync(TimeSpan? max = null) => ReachedAsync(PmState.Run, max);

    /// <summary>Waits until the postmaster has exited, and returns its exit code.</summary>
    /// <param name="max">How long to wait; one minute by default.</param>
    public async Task<int> PostmasterExitedAsync(TimeSpan? max = null)
    {
        await _kit.AwaitConditionAsync(() => ExitCode() is not null, max ?? DefaultWait, message: "the postmaster did not exit");
        return ExitCode()!.Value;
    }

    /// <summary>The PMState transitions since the fault was injected.</summary>
    public IReadOnlyList<PmStateTransition> SinceFault()
    {
        lock (_watcher)
        {
            return _watcher.Transitions.Skip(_transitionsBefore).ToList();
        }
    }

    private ChildExit? FindExit(int pid)
    {
        lock (_watcher)
        {
            return _watcher.Exits.Skip(_exitsBefore).FirstOrDefault(e => e.Pid == pid);
        }
    }

    private int? ExitCode()
    {
        lock (_watcher)
        {
            return _watcher.ExitCode;
        }
    }
}
