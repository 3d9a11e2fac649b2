namespace ActorPostmaster.Actors;

/// <summary>Decides where and when actors run.</summary>
/// <remarks>
/// Akka.NET: <c>MessageDispatcher</c>. Two implementations: <see cref="ThreadPoolDispatcher"/> for production and
/// <see cref="DeterministicDispatcher"/> for tests, where one logical thread runs actors in a seeded order and time is
/// virtual. An actor never runs on two threads at once, whichever dispatcher it uses.
/// </remarks>
public abstract class MessageDispatcher
{
    private protected MessageDispatcher(string id, int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Id = id;
        Throughput = throughput;
    }

    /// <summary>The dispatcher's id, as named in <see cref="Props.WithDispatcher"/> and in the configuration.</summary>
    public string Id { get; }

    /// <summary>How many user messages an actor processes each time it is scheduled before yielding its thread.</summary>
    public int Throughput { get; }

    internal bool RegisterForExecution(Mailbox mailbox, bool hasMessageHint, bool hasSystemMessageHint)
    {
        if (!mailbox.CanBeScheduledForExecution(hasMessageHint, hasSystemMessageHint) || !mailbox.SetAsScheduled())
        {
            return false;
        }

        try
        {
            Execute(mailbox);
            return true;
        }
        catch
        {
            mailbox.SetAsIdle();
            throw;
        }
    }

    /// <summary>Arranges for <see cref="Mailbox.Run"/> to be called, once.</summary>
    private protected abstract void Execute(Mailbox mailbox);
}

/// <summary>Runs actors on the .NET thread pool.</summary>
/// <remarks>Akka.NET: the default dispatcher. Each scheduled mailbox is one <see cref="IThreadPoolWorkItem"/>.</remarks>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    /// <summary>Creates the dispatcher.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="throughput">Messages per scheduling.</param>
    public ThreadPoolDispatcher(string id, int throughput)
        : base(id, throughput)
    {
    }

    private protected override void Execute(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}
