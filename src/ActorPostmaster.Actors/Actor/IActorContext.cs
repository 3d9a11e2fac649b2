namespace ActorPostmaster.Actors;

/// <summary>An actor's behaviour: returns whether it handled the message.</summary>
/// <remarks>Akka.NET: <c>Receive</c>. An unhandled message goes to <see cref="ActorBase.Unhandled"/>.</remarks>
/// <param name="message">The message.</param>
public delegate bool Receive(object message);

/// <summary>Something that creates actors: the system (top-level actors) or an actor's context (its children).</summary>
/// <remarks>Akka.NET: <c>IActorRefFactory</c>.</remarks>
public interface IActorRefFactory
{
    /// <summary>Creates an actor. It starts asynchronously: its constructor and <c>PreStart</c> run on its dispatcher.</summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A name unique among its live siblings, or null for a generated <c>$</c> name.</param>
    /// <returns>The new actor's reference; usable at once.</returns>
    /// <exception cref="InvalidActorNameException">The name is malformed or taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);
}

/// <summary>Death watch: be told when another actor stops.</summary>
/// <remarks>Akka.NET: <c>ICanWatch</c>.</remarks>
public interface ICanWatch
{
    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    /// <param name="subject">The actor to watch.</param>
    /// <returns><paramref name="subject"/>.</returns>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/> but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    /// <param name="subject">The actor to watch.</param>
    /// <param name="message">What to deliver when it stops; its sender is the stopped actor.</param>
    /// <returns><paramref name="subject"/>.</returns>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a notification already queued but not yet processed is dropped.</summary>
    /// <param name="subject">The actor no longer watched.</param>
    /// <returns><paramref name="subject"/>.</returns>
    IActorRef Unwatch(IActorRef subject);
}

/// <summary>What an actor sees of itself and its surroundings while it processes a message.</summary>
/// <remarks>
/// Akka.NET: <c>IActorContext</c>. Valid only on the actor's own thread of control: inside its receive, its lifecycle
/// hooks, and the continuations of an async receive. Never capture it in a callback that runs elsewhere.
/// </remarks>
public interface IActorContext : IActorRefFactory, ICanWatch
{
    /// <summary>The actor's own reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed (dead letters when it was sent with no sender).</summary>
    IActorRef Sender { get; }

    /// <summary>The actor's supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The recipe the actor was created from.</summary>
    Props Props { get; }

    /// <summary>The system the actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The dispatcher the actor runs on.</summary>
    MessageDispatcher Dispatcher { get; }

    /// <summary>The live children.</summary>
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The receive timeout in force, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The live children (Akka.NET's method form of <see cref="Children"/>).</summary>
    IEnumerable<IActorRef> GetChildren();

    /// <summary>The child named <paramref name="name"/>, or <see cref="ActorRefs.Nobody"/>.</summary>
    /// <param name="name">The child's name.</param>
    IActorRef Child(string name);

    /// <summary>Replaces the current behaviour (the top of the behaviour stack).</summary>
    /// <param name="receive">The new behaviour.</param>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    /// <param name="receive">The new behaviour.</param>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the current behaviour; the initial behaviour is never popped.</summary>
    void UnbecomeStacked();

    /// <summary>
    /// Sends <see cref="Actors.ReceiveTimeout"/> after <paramref name="timeout"/> without a message; null turns it off.
    /// Messages that implement <see cref="INotInfluenceReceiveTimeout"/> do not reset it.
    /// </summary>
    /// <param name="timeout">The inactivity period, or null.</param>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Stops <paramref name="child"/> (or the actor itself): children first, then <c>PostStop</c>, then watchers are told.</summary>
    /// <param name="child">A child of this actor, or <see cref="Self"/>.</param>
    void Stop(IActorRef child);
}
