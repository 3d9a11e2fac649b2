using System.Globalization;
using System.Text.RegularExpressions;
using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

/// <summary>A hierarchy of actors with its dispatchers, scheduler, event stream and dead letters.</summary>
/// <remarks>
/// Akka.NET: <c>ActorSystem</c>. Top-level actors are children of the <c>/user</c> guardian, which restarts them when
/// they fail (the default strategy). <see cref="Terminate"/> stops <c>/user</c> (and so every application actor,
/// children first), then the kernel's own actors, then completes <see cref="WhenTerminated"/>.
/// </remarks>
public sealed partial class ActorSystem : IActorRefFactory, IDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Action> _onTermination = [];
    private readonly TimeProviderScheduler _scheduler;
    private readonly ActorCell _rootCell;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly LoggerFactoryBridge? _bridge;
    private long _nextUid;
    private long _nextTemp;
    private int _terminateRequested;

    private ActorSystem(string name, ActorSystemSettings settings, ActorSystemSetup setup)
    {
        Name = name;
        Settings = settings;
        Tracer = setup.Tracer;
        EventStream = new EventStream();

        TimeProvider clock;
        VirtualClock? virtualClock = null;
        if (settings.DispatcherType == DispatcherType.Deterministic)
        {
            virtualClock = setup.TimeProvider as VirtualClock ?? new VirtualClock(settings.VirtualTimeStart);
            if (setup.TimeProvider is not null && !ReferenceEquals(setup.TimeProvider, virtualClock))
            {
                throw new ArgumentException("A deterministic actor system runs on a VirtualClock; pass none or a VirtualClock.", nameof(setup));
            }

            clock = virtualClock;
        }
        else
        {
            clock = setup.TimeProvider ?? TimeProvider.System;
        }

        _scheduler = new TimeProviderScheduler(clock);
        Dispatchers = new Dispatchers(settings, virtualClock);
        var root = ActorPath.Root(name);
        DeadLetters = new DeadLetterActorRef(root.Child("deadLetters"), EventStream);
        Log = Logging.GetLogger(this, $"ActorSystem({name})");

        if (setup.LoggerFactory is { } factory)
        {
            _bridge = new LoggerFactoryBridge(factory, settings.LogDeadLetters);
            EventStream.AddSink(_bridge.OnEvent);
        }

        _rootCell = new ActorCell(
            this,
            new RootParentRef(this),
            Props.Create(() => new RootGuardianActor(() => (_userGuardian!.Self, _systemGuardian!.Self))),
            root,
            Dispatchers.DefaultDispatcher);
        _userGuardian = _rootCell.MakeChild(Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "user").Cell;
        _systemGuardian = _rootCell.MakeChild(Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "system").Cell;
        _rootCell.Start();
    }

    /// <summary>The system's name; part of every actor path.</summary>
    public string Name { get; }

    /// <summary>The settings it was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The publish/subscribe bus for log events, dead letters and application events.</summary>
    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go; they are published as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>The scheduler, on the system clock (virtual under the deterministic dispatcher).</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>The system's logger.</summary>
    public ILoggingAdapter Log { get; }

    /// <summary>The dispatchers by id.</summary>
    public Dispatchers Dispatchers { get; }

    /// <summary>The deterministic dispatcher, when the system runs on one; pump it to make the system run.</summary>
    public DeterministicDispatcher? DeterministicDispatcher => Dispatchers.Deterministic;

    /// <summary>Completes when the system has terminated.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal IMessageTracer? Tracer { get; }

    /// <summary>Creates a system with default settings (thread-pool dispatcher).</summary>
    /// <param name="name">The name: letters, digits, '-' and '_', starting with a letter or digit.</param>
    public static ActorSystem Create(string name) => Create(name, ActorSystemSettings.Default);

    /// <summary>Creates a system configured by the <c>actors</c> section of <paramref name="config"/> (see hocon/actors.conf).</summary>
    /// <param name="name">The name: letters, digits, '-' and '_', starting with a letter or digit.</param>
    /// <param name="config">The configuration; what it does not set comes from the reference configuration.</param>
    /// <param name="setup">Logger factory, clock and tracer, if any.</param>
    /// <exception cref="Hocon.ConfigException">A setting has a value the kernel does not accept.</exception>
    public static ActorSystem Create(string name, Hocon.Config config, ActorSystemSetup? setup = null) =>
        Create(name, ActorSystemSettings.FromConfig(config), setup);

    /// <summary>Creates a system.</summary>
    /// <param name="name">The name: letters, digits, '-' and '_', starting with a letter or digit.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="setup">Logger factory, clock and tracer, if any.</param>
    public static ActorSystem Create(string name, ActorSystemSettings settings, ActorSystemSetup? setup = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Invalid ActorSystem name [{name}]: it must start with a letter or digit and contain only letters, digits, '-' and '_'.",
                nameof(name));
        }

        return new ActorSystem(name, settings, setup ?? ActorSystemSetup.Empty);
    }

    /// <summary>Creates a top-level actor (a child of <c>/user</c>). Thread-safe.</summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A unique name, or null for a generated one.</param>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.MakeChild(props, name);

    /// <summary>Stops an actor asynchronously: children first, then PostStop, then watchers are told.</summary>
    /// <param name="actor">The actor.</param>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef local && !ReferenceEquals(local.Cell.System, this))
        {
            throw new ArgumentException($"{actor} belongs to another actor system.", nameof(actor));
        }

        if (actor is IInternalActorRef target)
        {
            target.SendSystemMessage(Actors.Terminate.Instance);
        }
    }

    /// <summary>Stops every actor and then the system. Idempotent.</summary>
    /// <remarks>Under the deterministic dispatcher, called from outside the system, it runs the system until it has terminated.</remarks>
    /// <returns><see cref="WhenTerminated"/>.</returns>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            Log.Debug("Terminating actor system {Name}", Name);
            _userGuardian.SendSystemMessage(Actors.Terminate.Instance);
        }

        if (DeterministicDispatcher is { } deterministic && ActorCell.Current is null && !deterministic.IsPumpingOnCurrentThread)
        {
            deterministic.RunUntil(() => WhenTerminated.IsCompleted, deadline: null);
        }

        return WhenTerminated;
    }

    /// <summary>Runs <paramref name="callback"/> once the system has terminated (at once if it already has).</summary>
    /// <param name="callback">What to run; exceptions are logged and ignored.</param>
    public void RegisterOnTermination(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_onTermination)
        {
            if (!WhenTerminated.IsCompleted)
            {
                _onTermination.Add(callback);
                return;
            }
        }

        callback();
    }

    /// <summary>Terminates the system and waits up to 10 seconds for it.</summary>
    public void Dispose()
    {
        var terminated = Terminate();
        if (DeterministicDispatcher is null)
        {
            terminated.Wait(TimeSpan.FromSeconds(10));
        }

        _scheduler.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    internal long NextUid() => Interlocked.Increment(ref _nextUid);

    internal ActorPath TempPath() =>
        ActorPath.Root(Name).Child("temp").Child(string.Create(CultureInfo.InvariantCulture, $"${Interlocked.Increment(ref _nextTemp)}"), NextUid());

    internal void OnRootTerminated()
    {
        if (_bridge is not null)
        {
            EventStream.RemoveSink(_bridge.OnEvent);
        }

        _scheduler.Dispose();
        Action[] callbacks;
        lock (_onTermination)
        {
            _terminated.TrySetResult();
            callbacks = [.. _onTermination];
            _onTermination.Clear();
        }

        foreach (var callback in callbacks)
        {
            try
            {
                callback();
            }
            catch (Exception e) when (!ActorCell.IsFatal(e))
            {
                // The event stream no longer reaches a logger here; the callback's own failure must not stop the others.
                _ = e;
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex NamePattern();
}
