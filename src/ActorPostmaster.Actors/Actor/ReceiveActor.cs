namespace ActorPostmaster.Actors;

/// <summary>An actor whose behaviour is a list of typed handlers registered in its constructor.</summary>
/// <remarks>
/// Akka.NET: <c>ReceiveActor</c>. Handlers are tried in registration order; the first whose type (and predicate)
/// matches handles the message. Register handlers only in the constructor or inside <see cref="Become(Action)"/>.
/// An async handler (<c>ReceiveAsync</c>) suspends the mailbox until its task completes: no other user
/// message is processed meanwhile, its continuations run inside the actor (so <c>Context</c> and <c>Sender</c> stay
/// valid after <c>await</c>), and a fault is an actor failure like any other.
/// </remarks>
public abstract class ReceiveActor : ActorBase
{
    private HandlerSet? _building = new();
    private HandlerSet _initial = new();

    /// <summary>Registers a handler for messages of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">An optional filter.</param>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        });
    }

    /// <summary>Registers a filtered handler for messages of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="shouldHandle">The filter.</param>
    /// <param name="handler">The handler.</param>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Receive(handler, shouldHandle);

    /// <summary>Registers a handler that itself says whether it handled the message.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">Returns false to let later handlers try.</param>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message => message is T typed && handler(typed));
    }

    /// <summary>Registers an async handler; the mailbox waits for its task.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">An optional filter.</param>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                Cell.RunTask(() => handler(typed));
                return true;
            }

            return false;
        });
    }

    /// <summary>Registers a filtered async handler; the mailbox waits for its task.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="shouldHandle">The filter.</param>
    /// <param name="handler">The handler.</param>
    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) => ReceiveAsync(handler, shouldHandle);

    /// <summary>Registers a handler for any message (put it last).</summary>
    /// <param name="handler">The handler.</param>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            handler(message);
            return true;
        });
    }

    /// <summary>Registers an async handler for any message (put it last).</summary>
    /// <param name="handler">The handler.</param>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            Cell.RunTask(() => handler(message));
            return true;
        });
    }

    /// <summary>Replaces the behaviour with the handlers <paramref name="configure"/> registers.</summary>
    /// <param name="configure">Calls the Receive methods.</param>
    protected void Become(Action configure) => Context.Become(Build(configure).Handle);

    /// <summary>Pushes the behaviour <paramref name="configure"/> registers; <c>UnbecomeStacked</c> pops it.</summary>
    /// <param name="configure">Calls the Receive methods.</param>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).Handle);

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => _initial.Handle(message);

    internal override void OnConstructed()
    {
        _initial = _building ?? new HandlerSet();
        _building = null;
    }

    private HandlerSet Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _building;
        _building = new HandlerSet();
        try
        {
            configure();
            return _building;
        }
        finally
        {
            _building = previous;
        }
    }

    private void Add(Func<object, bool> handler)
    {
        if (_building is null)
        {
            throw new InvalidOperationException("You may only call Receive-methods when constructing the actor and inside Become().");
        }

        _building.Add(handler);
    }

    private sealed class HandlerSet
    {
        private readonly List<Func<object, bool>> _handlers = [];

        public void Add(Func<object, bool> handler) => _handlers.Add(handler);

        public bool Handle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler(message))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
