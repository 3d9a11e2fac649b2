namespace ActorPostmaster.Actors;

/// <summary>Sends a task's outcome to an actor as a message.</summary>
/// <remarks>
/// Akka.NET: <c>PipeToSupport.PipeTo</c>. The way to use async work from a plain receive without blocking and without
/// touching actor state from another thread: start the work, pipe its result to <c>Self</c>, handle the result as a
/// message. A fault arrives as <see cref="Status.Failure"/> unless <c>failure</c> maps it.
/// </remarks>
public static class PipeToSupport
{
    /// <summary>Sends the result of <paramref name="taskToPipe"/> to <paramref name="recipient"/> when it completes.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="taskToPipe">The work.</param>
    /// <param name="recipient">Who gets the outcome.</param>
    /// <param name="sender">The sender the recipient sees; capture <c>Self</c> or <c>Sender</c> before the work starts.</param>
    /// <param name="success">Maps the result to the message sent; the result itself by default.</param>
    /// <param name="failure">Maps a fault to the message sent; <see cref="Status.Failure"/> by default.</param>
    /// <returns>A task that completes once the message has been sent.</returns>
    public static Task PipeTo<T>(
        this Task<T> taskToPipe,
        ICanTell recipient,
        IActorRef? sender = null,
        Func<T, object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(taskToPipe);
        ArgumentNullException.ThrowIfNull(recipient);
        return taskToPipe.ContinueWith(
            t => recipient.Tell(
                t.IsCompletedSuccessfully
                    ? success is null ? t.Result! : success(t.Result)
                    : Failure(t, failure),
                sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Sends <see cref="Status.Success"/> (or the mapped success message) when <paramref name="taskToPipe"/> completes.</summary>
    /// <param name="taskToPipe">The work.</param>
    /// <param name="recipient">Who gets the outcome.</param>
    /// <param name="sender">The sender the recipient sees.</param>
    /// <param name="success">Builds the message sent on success; <c>Status.Success(null)</c> by default.</param>
    /// <param name="failure">Maps a fault to the message sent; <see cref="Status.Failure"/> by default.</param>
    /// <returns>A task that completes once the message has been sent.</returns>
    public static Task PipeTo(
        this Task taskToPipe,
        ICanTell recipient,
        IActorRef? sender = null,
        Func<object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(taskToPipe);
        ArgumentNullException.ThrowIfNull(recipient);
        return taskToPipe.ContinueWith(
            t => recipient.Tell(
                t.IsCompletedSuccessfully
                    ? success?.Invoke() ?? new Status.Success(null)
                    : Failure(t, failure),
                sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static object Failure(Task faulted, Func<Exception, object>? failure)
    {
        var exception = ActorCell.FaultOf(faulted);
        return failure is null ? new Status.Failure(exception) : failure(exception);
    }
}
