namespace ActorPostmaster.Actors;

/// <summary>Gives an actor an unbounded stash: put messages aside and bring them back later, in order.</summary>
/// <remarks>
/// Akka.NET: <c>IWithUnboundedStash</c>. The kernel sets <see cref="Stash"/> after the constructor. On restart the
/// stash is put back at the head of the mailbox; on stop its messages become dead letters.
/// </remarks>
public interface IWithUnboundedStash
{
    /// <summary>The actor's stash; set by the kernel.</summary>
    IStash Stash { get; set; }
}

/// <summary>An actor's stash.</summary>
/// <remarks>Akka.NET: <c>IStash</c>. Use only from inside the actor.</remarks>
public interface IStash
{
    /// <summary>The number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Stashes the message being processed.</summary>
    /// <exception cref="IllegalActorStateException">The same message was already stashed.</exception>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the head of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the head of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Puts the stashed messages that match back at the head of the mailbox; the rest stay stashed.</summary>
    /// <param name="predicate">Which envelopes to put back.</param>
    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Empties the stash and returns what it held.</summary>
    IEnumerable<Envelope> ClearStash();

    /// <summary>Adds envelopes at the front of the stash.</summary>
    /// <param name="envelopes">The envelopes, oldest first.</param>
    void Prepend(IEnumerable<Envelope> envelopes);
}

/// <summary>INTERNAL API. The stash of one actor incarnation.</summary>
internal sealed class UnboundedStash : IStash
{
    private readonly ActorCell _cell;
    private readonly LinkedList<Envelope> _stash = new();
    private long _lastStashedSequence = -1;

    public UnboundedStash(ActorCell cell) => _cell = cell;

    public int Count => _stash.Count;

    public void Stash()
    {
        if (_cell.MessageSequence == _lastStashedSequence)
        {
            throw new IllegalActorStateException($"Can't stash the same message {_cell.CurrentEnvelope.Message} more than once.");
        }

        _lastStashedSequence = _cell.MessageSequence;
        _stash.AddLast(_cell.CurrentEnvelope);
    }

    public void Unstash()
    {
        if (_stash.First is { } first)
        {
            _stash.RemoveFirst();
            _cell.Mailbox.Prepend([first.Value]);
        }
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var back = new List<Envelope>();
        for (var node = _stash.First; node is not null;)
        {
            var next = node.Next;
            if (predicate(node.Value))
            {
                back.Add(node.Value);
                _stash.Remove(node);
            }

            node = next;
        }

        _cell.Mailbox.Prepend(back);
    }

    public IEnumerable<Envelope> ClearStash()
    {
        var all = _stash.ToList();
        _stash.Clear();
        return all;
    }

    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        foreach (var envelope in envelopes.Reverse())
        {
            _stash.AddFirst(envelope);
        }
    }

    public void DeadLetterAll()
    {
        foreach (var envelope in ClearStash())
        {
            _cell.DeadLetter(envelope);
        }
    }
}
