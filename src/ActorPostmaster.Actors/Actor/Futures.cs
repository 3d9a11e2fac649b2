using System.Globalization;

namespace ActorPostmaster.Actors;

/// <summary>Request/response with an actor: send a message and get its reply as a task.</summary>
/// <remarks>
/// <para>
/// Akka.NET: <c>Ask</c>. A temporary reply target is the sender; the first message it receives completes the task
/// (<see cref="Status.Failure"/> faults it with the cause). The timeout runs on the system clock and faults the task
/// with <see cref="AskTimeoutException"/>; null means the <c>ask-timeout</c> setting (infinite by default).
/// </para>
/// <para>
/// Under the <see cref="DeterministicDispatcher"/>, an Ask made from outside the system runs the system (in virtual
/// time, up to the timeout) before it returns, so the returned task is already complete unless the reply depends on
/// work outside the system. From inside an actor nothing is run; await it in a <c>ReceiveAsync</c> handler.
/// </para>
/// </remarks>
public static class Futures
{
    /// <summary>Asks <paramref name="receiver"/> and returns its reply.</summary>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system default.</param>
    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout = null) =>
        AskCore(receiver, _ => message, timeout, CancellationToken.None);

    /// <summary>Asks <paramref name="receiver"/>; <paramref name="cancellationToken"/> cancels the wait.</summary>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The request.</param>
    /// <param name="cancellationToken">Cancels the wait (the request is not recalled).</param>
    public static Task<object> Ask(this ICanTell receiver, object message, CancellationToken cancellationToken) =>
        AskCore(receiver, _ => message, null, cancellationToken);

    /// <summary>Asks <paramref name="receiver"/> with a timeout and a cancellation token.</summary>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout, CancellationToken cancellationToken) =>
        AskCore(receiver, _ => message, timeout, cancellationToken);

    /// <summary>Asks and casts the reply to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected reply type.</typeparam>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system default.</param>
    /// <exception cref="InvalidCastException">The reply is of another type.</exception>
    public static Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout = null) =>
        Cast<T>(AskCore(receiver, _ => message, timeout, CancellationToken.None));

    /// <summary>Asks and casts the reply; <paramref name="cancellationToken"/> cancels the wait.</summary>
    /// <typeparam name="T">The expected reply type.</typeparam>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<T> Ask<T>(this ICanTell receiver, object message, CancellationToken cancellationToken) =>
        Cast<T>(AskCore(receiver, _ => message, null, cancellationToken));

    /// <summary>Asks with a timeout and a cancellation token, and casts the reply.</summary>
    /// <typeparam name="T">The expected reply type.</typeparam>
    /// <param name="receiver">The actor.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Cast<T>(AskCore(receiver, _ => message, timeout, cancellationToken));

    /// <summary>Asks with a request built from the temporary reply target (for protocols that carry a replyTo).</summary>
    /// <typeparam name="T">The expected reply type.</typeparam>
    /// <param name="receiver">The actor.</param>
    /// <param name="messageFactory">Builds the request from the reply target.</param>
    /// <param name="timeout">How long to wait; null for the system default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<T> Ask<T>(this ICanTell receiver, Func<IActorRef, object> messageFactory, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Cast<T>(AskCore(receiver, messageFactory, timeout, cancellationToken));

    private static async Task<T> Cast<T>(Task<object> reply)
    {
        var result = await reply.ConfigureAwait(false);
        return result is T typed
            ? typed
            : throw new InvalidCastException(
                $"Ask expected a reply of type {typeof(T)}, but the reply was of type {result?.GetType().ToString() ?? "null"}.");
    }

    private static Task<object> AskCore(ICanTell receiver, Func<IActorRef, object> messageFactory, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(messageFactory);
        var system = (receiver as IInternalActorRef)?.System ?? ActorCell.Current?.System ?? throw new ArgumentException($"Cannot Ask {receiver}: it does not belong to a local actor system.", nameof(receiver));

        timeout ??= system.Settings.AskTimeout;
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An Ask timeout must be positive.");
        }

        var promise = new PromiseActorRef(system);
        var message = messageFactory(promise);
        ICancelable? timer = null;
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            timer = system.Scheduler.ScheduleOnce(limit, () => promise.Fail(new AskTimeoutException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Ask timed out on [{receiver}] after [{limit.TotalMilliseconds} ms]. Message of type [{message.GetType()}]."))));
        }

        if (cancellationToken.CanBeCanceled)
        {
            promise.Registration = cancellationToken.Register(static state => ((PromiseActorRef)state!).Cancel(), promise);
        }

        promise.Timer = timer;
        if (promise.Task.IsCompleted)
        {
            timer?.Cancel();
        }
        receiver.Tell(message, promise);

        if (system.DeterministicDispatcher is { } deterministic && ActorCell.Current is null && !deterministic.IsPumpingOnCurrentThread)
        {
            DateTimeOffset? deadline = timeout is { } d && d != Timeout.InfiniteTimeSpan ? system.Scheduler.Now + d : null;
            deterministic.RunUntil(() => promise.Task.IsCompleted, deadline);
        }

        return promise.Task;
    }
}

/// <summary>INTERNAL API. The temporary reply target of one Ask.</summary>
/// <remarks>
/// On the thread pool its continuations run asynchronously, never inline inside the replying actor. Under the
/// deterministic dispatcher it completes as a step of the pump (outside any actor), and its continuations run there,
/// so an Ask awaited inside an async receive resumes within the deterministic schedule.
/// </remarks>
internal sealed class PromiseActorRef : ActorRefBase
{
    private readonly TaskCompletionSource<object> _completion;
    private readonly DeterministicDispatcher? _deterministic;

    public PromiseActorRef(ActorSystem system)
        : base(system.TempPath())
    {
        System = system;
        _deterministic = system.DeterministicDispatcher;
        _completion = new(_deterministic is null ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
        Task = _completion.Task;
    }

    public Task<object> Task { get; }

    public override ActorSystem System { get; }

    public override bool IsTerminated => Task.IsCompleted;

    /// <summary>The Ask timeout, cancelled as soon as the promise completes.</summary>
    public ICancelable? Timer { get; set; }

    /// <summary>The cancellation registration, disposed as soon as the promise completes.</summary>
    public CancellationTokenRegistration Registration { get; set; }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Complete(() => message is Status.Failure failure ? _completion.TrySetException(failure.Cause) : _completion.TrySetResult(message));
    }

    public override void SendSystemMessage(SystemMessage message) => DeadLetterActorRef.AnswerWatch(message);

    public void Fail(Exception exception) => Complete(() => _completion.TrySetException(exception));

    public void Cancel() => Complete(_completion.TrySetCanceled);

    private void Complete(Func<bool> complete)
    {
        if (_deterministic is { } deterministic)
        {
            deterministic.Post(() => Completed(complete()));
        }
        else
        {
            Completed(complete());
        }
    }

    private void Completed(bool completedNow)
    {
        if (completedNow)
        {
            Timer?.Cancel();
            Registration.Dispose();
        }
    }
}
