namespace ActorPostmaster.Actors.Event;

/// <summary>Published when a message could not be delivered: its target had stopped, or it was sent to dead letters.</summary>
/// <remarks>Akka.NET: <c>DeadLetter</c>. The logging bridge logs the first <c>log-dead-letters</c> of them at Info.</remarks>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Who sent it.</param>
/// <param name="Recipient">Whom it was for.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>Published when an actor's receive did not handle a message.</summary>
/// <remarks>Akka.NET: <c>UnhandledMessage</c>. Logged at Debug by the logging bridge.</remarks>
/// <param name="Message">The message.</param>
/// <param name="Sender">Who sent it.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
