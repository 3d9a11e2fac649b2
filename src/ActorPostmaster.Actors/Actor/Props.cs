namespace ActorPostmaster.Actors;

/// <summary>An immutable recipe for creating an actor: its factory, its dispatcher and its supervisor strategy.</summary>
/// <remarks>
/// Akka.NET: <c>Props</c>. The factory is called again for every restart, so it must return a new instance each time
/// and capture only immutable state. A strategy set here is the one the created actor applies to its own children,
/// overriding its <see cref="ActorBase.SupervisorStrategy"/>.
/// </remarks>
public sealed record Props
{
    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        Factory = factory;
    }

    /// <summary>The type of actor the factory creates.</summary>
    public Type ActorType { get; }

    /// <summary>The dispatcher id; <see cref="Dispatchers.DefaultDispatcherId"/> unless changed with <see cref="WithDispatcher"/>.</summary>
    public string Dispatcher { get; private init; } = Dispatchers.DefaultDispatcherId;

    /// <summary>The strategy the actor applies to its children, or null to use its own <see cref="ActorBase.SupervisorStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    private Func<ActorBase> Factory { get; }

    /// <summary>Props for an actor built by <paramref name="factory"/>.</summary>
    /// <typeparam name="TActor">The actor type.</typeparam>
    /// <param name="factory">Called once per incarnation (creation and each restart).</param>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory);
    }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    /// <typeparam name="TActor">The actor type.</typeparam>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor());

    /// <summary>A copy that runs on the dispatcher named <paramref name="dispatcherId"/>.</summary>
    /// <param name="dispatcherId">A dispatcher configured under <c>actors.dispatchers</c>, or the default one.</param>
    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatcherId);
        return this with { Dispatcher = dispatcherId };
    }

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy.</param>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { SupervisorStrategy = strategy };
    }

    /// <summary>INTERNAL API. Creates a new instance; must be called by the actor cell that will own it.</summary>
    internal ActorBase NewActor()
    {
        var actor = Factory();
        if (actor is null)
        {
            throw new InvalidOperationException($"The factory of {ActorType} returned null.");
        }

        return actor;
    }

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name}, dispatcher={Dispatcher})";
}
