using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Actors;

/// <summary>Objects (not settings) handed to a new actor system.</summary>
/// <remarks>Akka.NET: <c>BootstrapSetup</c>/<c>ActorSystemSetup</c>.</remarks>
public sealed record ActorSystemSetup
{
    /// <summary>An empty setup.</summary>
    public static ActorSystemSetup Empty { get; } = new();

    /// <summary>Where log events, dead letters and unhandled messages are written; none by default (they stay on the event stream).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// The clock of a thread-pool system (default <see cref="TimeProvider.System"/>). A deterministic system always
    /// runs on its own <see cref="VirtualClock"/>, and this must then be null or that clock.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Sees every message delivered to an actor; see <see cref="IMessageTracer"/>.</summary>
    public IMessageTracer? Tracer { get; init; }
}
