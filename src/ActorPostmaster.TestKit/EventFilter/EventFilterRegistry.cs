using System.Runtime.CompilerServices;
using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit;

/// <summary>INTERNAL API. The event filters active on one system; counts what they match and mutes it from test output.</summary>
internal sealed class EventFilterRegistry
{
    private static readonly ConditionalWeakTable<ActorSystem, EventFilterRegistry> s_registries = [];
    private readonly object _lock = new();
    private List<ActiveFilter> _active = [];

    private EventFilterRegistry()
    {
    }

    public static EventFilterRegistry For(ActorSystem system) =>
        s_registries.GetValue(system, static s =>
        {
            var registry = new EventFilterRegistry();
            s.EventStream.AddSink(registry.OnEvent);
            return registry;
        });

    public ActiveFilter Add(Func<object, bool> predicate, bool counts)
    {
        var filter = new ActiveFilter(predicate, counts);
        lock (_lock)
        {
            _active = [.. _active, filter];
        }

        return filter;
    }

    public void Remove(ActiveFilter filter)
    {
        lock (_lock)
        {
            _active = _active.Where(f => !ReferenceEquals(f, filter)).ToList();
        }
    }

    /// <summary>Whether an active filter or mute matches <paramref name="event"/> (so it is not printed).</summary>
    public bool IsMuted(object @event) => _active.Any(f => f.Predicate(@event));

    private void OnEvent(object @event)
    {
        foreach (var filter in _active)
        {
            if (filter.Counts && filter.Predicate(@event))
            {
                filter.Increment();
            }
        }
    }

    internal sealed class ActiveFilter(Func<object, bool> predicate, bool counts)
    {
        private int _count;

        public Func<object, bool> Predicate { get; } = predicate;

        public bool Counts { get; } = counts;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }
}
