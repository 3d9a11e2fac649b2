namespace ActorPostmaster.Actors;

/// <summary>The dispatchers of one system, by id.</summary>
/// <remarks>Akka.NET: <c>Dispatchers</c>.</remarks>
public sealed class Dispatchers
{
    /// <summary>The id of the dispatcher actors use unless their Props say otherwise.</summary>
    public const string DefaultDispatcherId = "default-dispatcher";

    private readonly Dictionary<string, MessageDispatcher> _byId = new(StringComparer.Ordinal);

    internal Dispatchers(ActorSystemSettings settings, VirtualClock? clock)
    {
        if (settings.DispatcherType == DispatcherType.Deterministic)
        {
            Deterministic = new DeterministicDispatcher(DefaultDispatcherId, settings.Throughput, settings.DeterministicSeed, clock!);
            DefaultDispatcher = Deterministic;
        }
        else
        {
            DefaultDispatcher = new ThreadPoolDispatcher(DefaultDispatcherId, settings.Throughput);
            foreach (var (id, throughput) in settings.Dispatchers)
            {
                _byId[id] = new ThreadPoolDispatcher(id, throughput);
            }
        }

        _byId[DefaultDispatcherId] = DefaultDispatcher;
    }

    /// <summary>The default dispatcher.</summary>
    public MessageDispatcher DefaultDispatcher { get; }

    /// <summary>The deterministic dispatcher, when the system runs on one.</summary>
    public DeterministicDispatcher? Deterministic { get; }

    /// <summary>The dispatcher with id <paramref name="id"/>.</summary>
    /// <param name="id">The id.</param>
    /// <exception cref="InvalidOperationException">No dispatcher has that id.</exception>
    public MessageDispatcher Lookup(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Deterministic is not null)
        {
            return Deterministic;
        }

        return _byId.TryGetValue(id, out var dispatcher)
            ? dispatcher
            : throw new InvalidOperationException($"Dispatcher [{id}] is not configured; add it under actors.dispatchers.");
    }
}
