using System.Collections.Immutable;

namespace ActorPostmaster.Actors.Event;

/// <summary>The system-wide publish/subscribe bus: log events, dead letters, unhandled messages and anything else.</summary>
/// <remarks>
/// Akka.NET: <c>EventStream</c>. Subscribers subscribe to a type (the channel) and receive every published event whose
/// type is that type or derives from it, once per publication even when several of their channels match. Delivery to
/// actors is an ordinary <c>Tell</c>; subscribers that stopped are dropped automatically.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Akka.NET's name for the bus.")]
public sealed class EventStream
{
    private readonly object _lock = new();
    private ImmutableArray<Subscription> _subscriptions = [];
    private ImmutableArray<Action<object>> _sinks = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to events of type <paramref name="channel"/> and its subtypes.</summary>
    /// <param name="subscriber">Who receives the events.</param>
    /// <param name="channel">The event type.</param>
    /// <returns>False when the subscription already existed.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            var subscription = new Subscription(subscriber, channel);
            if (_subscriptions.Contains(subscription))
            {
                return false;
            }

            _subscriptions = _subscriptions.Add(subscription);
            return true;
        }
    }

    /// <summary>Ends one subscription.</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <param name="channel">The event type it subscribed to.</param>
    /// <returns>False when there was no such subscription.</returns>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            var before = _subscriptions.Length;
            _subscriptions = _subscriptions.Remove(new Subscription(subscriber, channel));
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Ends every subscription of <paramref name="subscriber"/>.</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <returns>False when it had none.</returns>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            var before = _subscriptions.Length;
            _subscriptions = _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber));
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Publishes <paramref name="event"/> to every matching subscriber.</summary>
    /// <param name="event">The event.</param>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var sink in _sinks)
        {
            sink(@event);
        }

        var type = @event.GetType();
        IActorRef? last = null;
        List<IActorRef>? delivered = null;
        foreach (var subscription in _subscriptions)
        {
            if (!subscription.Channel.IsAssignableFrom(type))
            {
                continue;
            }

            var subscriber = subscription.Subscriber;
            if (subscriber is IInternalActorRef { IsTerminated: true })
            {
                Unsubscribe(subscriber);
                continue;
            }

            if (last is not null)
            {
                if (last.Equals(subscriber) || (delivered?.Contains(subscriber) ?? false))
                {
                    continue;
                }

                (delivered ??= [last]).Add(subscriber);
            }

            last = subscriber;
            subscriber.Tell(@event, ActorRefs.NoSender);
        }
    }

    /// <summary>INTERNAL API. Adds a synchronous listener that sees every event on the publishing thread (logging bridges).</summary>
    internal void AddSink(Action<object> sink)
    {
        lock (_lock)
        {
            _sinks = _sinks.Add(sink);
        }
    }

    /// <summary>INTERNAL API. Removes a listener added with <see cref="AddSink"/>.</summary>
    internal void RemoveSink(Action<object> sink)
    {
        lock (_lock)
        {
            _sinks = _sinks.Remove(sink);
        }
    }

    private readonly record struct Subscription(IActorRef Subscriber, Type Channel);
}
