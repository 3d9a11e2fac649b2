namespace ActorPostmaster.Actors;

/// <summary>A message together with its sender, as it sits in a mailbox or a stash.</summary>
/// <remarks>Akka.NET: <c>Envelope</c>.</remarks>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sender; dead letters when the message was sent with no sender.</param>
public readonly record struct Envelope(object Message, IActorRef Sender);
