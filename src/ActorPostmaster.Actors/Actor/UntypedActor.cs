namespace ActorPostmaster.Actors;

/// <summary>A behaviour that handles every message.</summary>
/// <param name="message">The message.</param>
public delegate void UntypedReceive(object message);

/// <summary>An actor with a single <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/> for what it does not handle.</summary>
/// <remarks>Akka.NET: <c>UntypedActor</c>.</remarks>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message.</summary>
    /// <param name="message">The message.</param>
    protected abstract void OnReceive(object message);

    /// <summary>Replaces the current behaviour.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void Become(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        OwnCell.Become(message =>
        {
            receive(message);
            return true;
        });
    }

    /// <summary>Pushes a behaviour.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void BecomeStacked(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        OwnCell.BecomeStacked(message =>
        {
            receive(message);
            return true;
        });
    }

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
