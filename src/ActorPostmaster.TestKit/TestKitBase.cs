using ActorPostmaster.Actors;
using ActorPostmaster.TestKit.Internal;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit;

/// <summary>
/// The TestKit's core: an actor system, a test actor whose messages tests inspect, expectations, death watch, event
/// filters and virtual-time control.
/// </summary>
/// <remarks>
/// <para>
/// Akka.NET: <c>TestKitBase</c>, split by concern into partial files (Expect, Within, ActorOf). Every expectation has a
/// synchronous and an <c>Async</c> form.
/// </para>
/// <para>
/// Under the <see cref="DeterministicDispatcher"/> (the TestKit's default) nothing runs on its own: "waiting" for a
/// message runs the system until the message arrives, moving virtual time to the next due timer whenever the system is
/// idle, up to the expectation's timeout. No test sleeps, and no result depends on the speed of the machine. Under the
/// thread-pool dispatcher the same calls wait in real time.
/// </para>
/// </remarks>
public abstract partial class TestKitBase
{
    private readonly TestInbox _inbox;
    private IActorRef? _lastSender;
    private DateTimeOffset? _end;

    /// <summary>Creates a TestKit around <paramref name="system"/>, with its own test actor.</summary>
    /// <param name="system">The system under test.</param>
    /// <param name="settings">Expectation timeouts; null for the defaults.</param>
    /// <param name="testActorName">The test actor's name.</param>
    protected TestKitBase(ActorSystem system, TestKitSettings? settings = null, string testActorName = "testActor")
        : this(system, settings, testActorName, null)
    {
    }

    private protected TestKitBase(ActorSystem system, TestKitSettings? settings, string testActorName, EventFilterRegistry? filters)
    {
        ArgumentNullException.ThrowIfNull(system);
        Sys = system;
        TestKitSettings = settings ?? TestKitSettings.Default;
        Filters = filters ?? EventFilterRegistry.For(system);
        EventFilter = new EventFilterFactory(this);
        _inbox = new TestInbox();
        var inbox = _inbox;
        TestActor = system.ActorOf(Props.Create(() => new TestActor(inbox)), UniqueName(system, testActorName));
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>Expect or mute log events, exceptions and dead letters: <c>EventFilter.Exception&lt;T&gt;().ExpectOne(() => ...)</c>.</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>The active filters of this system (shared by a TestKit and its probes).</summary>
    internal EventFilterRegistry Filters { get; }

    /// <summary>The expectation timeouts.</summary>
    public TestKitSettings TestKitSettings { get; }

    /// <summary>The actor whose received messages the Expect methods inspect; also the implicit sender of the test's Tells.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message taken from the test actor's queue.</summary>
    public IActorRef LastSender => _lastSender ?? Sys.DeadLetters;

    /// <summary>The deterministic dispatcher, or null when the system runs on the thread pool.</summary>
    public DeterministicDispatcher? Dispatcher => Sys.DeterministicDispatcher;

    /// <summary>The virtual clock, or null when the system runs on real time.</summary>
    public VirtualClock? Clock => Dispatcher?.Clock;

    /// <summary>The current time on the system's clock.</summary>
    public DateTimeOffset Now => Sys.Scheduler.Now;

    /// <summary>Time left in the innermost <c>Within</c> block.</summary>
    /// <exception cref="InvalidOperationException">Outside a Within block.</exception>
    public TimeSpan Remaining => _end is { } end
        ? Max(end - Now, TimeSpan.Zero)
        : throw new InvalidOperationException("Remaining may not be called outside of Within.");

    /// <summary>Time left in the innermost <c>Within</c> block, or the single-expect default outside one.</summary>
    public TimeSpan RemainingOrDefault => RemainingOr(TestKitSettings.SingleExpectDefault);

    /// <summary>
    /// Moves virtual time forward, firing every timer due on the way and running the system until idle after each.
    /// </summary>
    /// <param name="duration">How far.</param>
    /// <exception cref="InvalidOperationException">The system does not run on the deterministic dispatcher.</exception>
    public void Advance(TimeSpan duration) => RequireDeterministic().Advance(duration);

    /// <inheritdoc cref="Advance"/>
    public Task AdvanceAsync(TimeSpan duration)
    {
        Advance(duration);
        return Task.CompletedTask;
    }

    /// <summary>Runs the system until no actor has anything to do. Virtual time does not move.</summary>
    /// <returns>How many schedulings ran.</returns>
    /// <exception cref="InvalidOperationException">The system does not run on the deterministic dispatcher.</exception>
    public long RunUntilIdle() => RequireDeterministic().RunUntilIdle();

    /// <inheritdoc cref="RunUntilIdle"/>
    public Task<long> RunUntilIdleAsync() => Task.FromResult(RunUntilIdle());

    /// <summary>Sends a message to <paramref name="actor"/> with the test actor as sender.</summary>
    /// <param name="actor">The target.</param>
    /// <param name="message">The message.</param>
    public void Send(IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, TestActor);
    }

    /// <summary>Makes the test actor watch <paramref name="actor"/>: its end arrives as <see cref="Terminated"/>.</summary>
    /// <param name="actor">The actor.</param>
    /// <returns><paramref name="actor"/>.</returns>
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Tell(new WatchCommand(actor, Watch: true), ActorRefs.NoSender);
        SettleCommand();
        return actor;
    }

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    /// <param name="actor">The actor.</param>
    /// <returns><paramref name="actor"/>.</returns>
    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Tell(new WatchCommand(actor, Watch: false), ActorRefs.NoSender);
        SettleCommand();
        return actor;
    }

    /// <summary>Takes the next message, waiting up to <paramref name="max"/> (virtual time under the deterministic dispatcher).</summary>
    /// <param name="max">How long to wait; null for <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The message, or null when none came.</returns>
    public object? ReceiveOne(TimeSpan? max = null) => TryReceiveOne(max ?? RemainingOrDefault, out var envelope) ? envelope.Message : null;

    /// <inheritdoc cref="ReceiveOne"/>
    public async Task<object?> ReceiveOneAsync(TimeSpan? max = null, CancellationToken cancellationToken = default) =>
        (await TryReceiveOneAsync(max ?? RemainingOrDefault, cancellationToken).ConfigureAwait(false))?.Message;

    /// <summary>Whether a message is already waiting in the test actor's queue (nothing is run).</summary>
    public bool HasMessages => _inbox.HasMessages;

    /// <summary>Takes the next message within <paramref name="max"/>.</summary>
    internal bool TryReceiveOne(TimeSpan max, out Envelope envelope)
    {
        if (max < TimeSpan.Zero)
        {
            max = TimeSpan.Zero;
        }

        bool received;
        if (Dispatcher is { } dispatcher)
        {
            dispatcher.RunUntil(() => _inbox.HasMessages, Now + max);
            received = _inbox.TryTake(out envelope);
        }
        else
        {
            received = _inbox.TryTake(max, out envelope);
        }

        if (received)
        {
            _lastSender = envelope.Sender;
        }

        return received;
    }

    /// <summary>Takes the next message within <paramref name="max"/>, asynchronously on real time.</summary>
    internal async Task<Envelope?> TryReceiveOneAsync(TimeSpan max, CancellationToken cancellationToken)
    {
        if (Dispatcher is not null)
        {
            return TryReceiveOne(max, out var envelope) ? envelope : null;
        }

        var result = await _inbox.TryTakeAsync(max < TimeSpan.Zero ? TimeSpan.Zero : max, cancellationToken).ConfigureAwait(false);
        if (result is { } received)
        {
            _lastSender = received.Sender;
        }

        return result;
    }

    /// <summary>Time left before the innermost Within ends, or <paramref name="duration"/> outside one.</summary>
    internal TimeSpan RemainingOr(TimeSpan duration) => _end is { } end ? Max(end - Now, TimeSpan.Zero) : duration;

    /// <summary>An explicit timeout, capped by the innermost Within; or what is left of it.</summary>
    internal TimeSpan RemainingOrDilated(TimeSpan? duration) =>
        duration is { } d ? (_end is { } end ? Min(d, Max(end - Now, TimeSpan.Zero)) : d) : RemainingOrDefault;

    internal DeterministicDispatcher RequireDeterministic() =>
        Dispatcher ?? throw new InvalidOperationException(
            "Virtual-time control needs the deterministic dispatcher (actors.default-dispatcher.type = deterministic).");

    internal static XunitException Fail(string message) => new(message);

    internal static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    internal static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Lets a command to the test actor take effect before the call returns.</summary>
    private void SettleCommand()
    {
        if (Dispatcher is { } dispatcher)
        {
            dispatcher.RunUntilIdle();
        }
        else
        {
            // The Ask round trip guarantees the command, queued before it, was processed.
            TestActor.Ask(SettledProbe.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }
    }

    /// <summary>Per-system numbering, so that names (and so traces) do not depend on what other tests ran before.</summary>
    private static string UniqueName(ActorSystem system, string name)
    {
        var counter = s_nameCounters.GetValue(system, static _ => new StrongBox<long>());
        return $"{name}-{Interlocked.Increment(ref counter.Value)}";
    }

    private static readonly ConditionalWeakTable<ActorSystem, StrongBox<long>> s_nameCounters = [];
}
