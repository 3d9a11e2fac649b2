using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.Actors;

/// <summary>Which kind of dispatcher runs a system's actors.</summary>
public enum DispatcherType
{
    /// <summary>The .NET thread pool (production).</summary>
    ThreadPool,

    /// <summary>One logical thread, seeded order, virtual time (tests and step-by-step replay).</summary>
    Deterministic,
}

/// <summary>The kernel's settings, already parsed. Built from the <c>actors</c> section of the configuration.</summary>
/// <remarks>
/// Akka.NET: <c>Settings</c>. Every property names its configuration path; hocon/actors.conf documents them all and is
/// the embedded fallback of <see cref="FromConfig"/>.
/// </remarks>
public sealed partial record ActorSystemSettings
{
    /// <summary>The defaults: thread-pool dispatcher, throughput 30, Info logging, 10 dead letters logged, no Ask timeout.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary><c>actors.loglevel</c>: the lowest level published (DEBUG, INFO, WARNING, ERROR).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.InfoLevel;

    /// <summary><c>actors.log-dead-letters</c>: how many dead letters the logging bridge logs (0 = none).</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary><c>actors.debug.lifecycle</c>: publish Debug events when actors start, restart and stop.</summary>
    public bool DebugLifecycle { get; init; }

    /// <summary><c>actors.ask-timeout</c>: the timeout of an Ask that names none; null is infinite.</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary><c>actors.default-dispatcher.type</c>: thread-pool or deterministic.</summary>
    public DispatcherType DispatcherType { get; init; } = DispatcherType.ThreadPool;

    /// <summary><c>actors.default-dispatcher.throughput</c>: user messages per scheduling.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary><c>actors.deterministic.seed</c>: the seed of the deterministic dispatcher's scheduling order.</summary>
    public long DeterministicSeed { get; init; }

    /// <summary><c>actors.deterministic.start-time</c>: where the virtual clock starts.</summary>
    public DateTimeOffset VirtualTimeStart { get; init; } = VirtualClock.DefaultStart;

    /// <summary>
    /// <c>actors.dispatchers.&lt;id&gt;.throughput</c>: further thread-pool dispatchers by id. Under the deterministic
    /// dispatcher every id maps to the one deterministic dispatcher.
    /// </summary>
    public IReadOnlyDictionary<string, int> Dispatchers { get; init; } = new Dictionary<string, int>();
}
