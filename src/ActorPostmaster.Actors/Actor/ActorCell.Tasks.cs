namespace ActorPostmaster.Actors;

internal sealed partial class ActorCell
{
    private ActorTaskScheduler? _taskScheduler;

    /// <summary>
    /// Runs an async handler inside the actor: user messages wait until its task completes, its continuations come
    /// back as system messages (so they run with this actor's context), and a fault is a failure of the actor.
    /// </summary>
    public void RunTask(Func<Task> handler)
    {
        var scheduler = _taskScheduler ??= new ActorTaskScheduler(this);
        Mailbox.AwaitingTask = true;
        var outer = new Task<Task>(handler);
        outer.RunSynchronously(scheduler);
        var task = outer.Unwrap();
        if (task.IsCompleted)
        {
            // Finished without awaiting anything incomplete (the common case): done here, as a synchronous receive is;
            // a fault fails this message exactly as it would through AsyncReceiveCompleted.
            Mailbox.AwaitingTask = false;
            if (!task.IsCompletedSuccessfully)
            {
                HandleInvokeFailure(FaultOf(task), _currentEnvelope.Message);
            }

            return;
        }

        task.ContinueWith(
            static (t, state) =>
            {
                var (cell, owner) = ((ActorCell, ActorTaskScheduler))state!;
                var failure = t.IsCompletedSuccessfully ? null : FaultOf(t);
                cell.SendSystemMessage(new AsyncReceiveCompleted(failure, owner));
            },
            (this, scheduler),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The exception of a task that did not succeed: its single inner exception, the aggregate, or a cancellation.</summary>
    internal static Exception FaultOf(Task task) => task.Exception is { } aggregate
        ? aggregate.InnerExceptions.Count == 1 ? aggregate.InnerException! : aggregate
        : new TaskCanceledException(task);

    private void RunTaskContinuation(RunTask runTask)
    {
        if (ReferenceEquals(runTask.Scheduler, _taskScheduler))
        {
            runTask.Scheduler.Execute(runTask.Task);
        }
    }

    private void OnAsyncReceiveCompleted(AsyncReceiveCompleted completed)
    {
        if (!ReferenceEquals(completed.Scheduler, _taskScheduler))
        {
            return; // from an earlier incarnation
        }

        Mailbox.AwaitingTask = false;
        if (completed.Failure is { } failure)
        {
            HandleInvokeFailure(failure, _currentEnvelope.Message);
        }
    }
}

/// <summary>
/// INTERNAL API. The task scheduler of one actor incarnation: queued continuations become system messages of the
/// actor, so they run on its thread of control and see its context.
/// </summary>
internal sealed class ActorTaskScheduler : TaskScheduler
{
    private readonly ActorCell _cell;

    public ActorTaskScheduler(ActorCell cell) => _cell = cell;

    public override int MaximumConcurrencyLevel => 1;

    public void Execute(Task task) => TryExecuteTask(task);

    protected override void QueueTask(Task task) => _cell.SendSystemMessage(new RunTask(task, this));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(ActorCell.Current, _cell) && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
