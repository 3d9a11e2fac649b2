namespace ActorPostmaster.Actors;

/// <summary>Something scheduled that can be called off.</summary>
/// <remarks>Akka.NET: <c>ICancelable</c>.</remarks>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Calls the scheduled work off. A message already sent is not recalled; use <see cref="IWithTimers"/> for that.</summary>
    void Cancel();
}

/// <summary>Sends messages or runs actions later, on the system's clock.</summary>
/// <remarks>
/// Akka.NET: <c>IScheduler</c> (with <c>Advanced</c> folded in). Backed by a <see cref="TimeProvider"/>: the real clock in
/// production, a <see cref="VirtualClock"/> under the deterministic dispatcher, where nothing fires until time is advanced.
/// Inside actors prefer <see cref="IWithTimers"/>, whose cancelled timers also drop messages already in the mailbox.
/// </remarks>
public interface IScheduler
{
    /// <summary>The clock everything in the system reads time from.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>The current time on <see cref="TimeProvider"/>.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once, after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="receiver">The target.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender the target sees.</param>
    /// <returns>A handle that calls the send off.</returns>
    ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    /// <param name="initialDelay">Delay before the first send.</param>
    /// <param name="interval">Period between sends.</param>
    /// <param name="receiver">The target.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender the target sees.</param>
    /// <returns>A handle that stops the sends.</returns>
    ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/>, on the clock's callback thread.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="action">What to run; it must be thread-safe and must not touch actor state.</param>
    /// <returns>A handle that calls the run off.</returns>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    /// <summary>Runs <paramref name="action"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    /// <param name="initialDelay">Delay before the first run.</param>
    /// <param name="interval">Period between runs.</param>
    /// <param name="action">What to run; it must be thread-safe and must not touch actor state.</param>
    /// <returns>A handle that stops the runs.</returns>
    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}

/// <summary>The fire-and-forget forms of the scheduler's methods.</summary>
public static class SchedulerExtensions
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="receiver">The target.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender the target sees.</param>
    public static void ScheduleTellOnce(this IScheduler scheduler, TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleTellOnceCancelable(delay, receiver, message, sender);
    }

    /// <summary>Sends <paramref name="message"/> repeatedly, for the life of the system.</summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <param name="initialDelay">Delay before the first send.</param>
    /// <param name="interval">Period between sends.</param>
    /// <param name="receiver">The target.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender the target sees.</param>
    public static void ScheduleTellRepeatedly(
        this IScheduler scheduler, TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleTellRepeatedlyCancelable(initialDelay, interval, receiver, message, sender);
    }
}
