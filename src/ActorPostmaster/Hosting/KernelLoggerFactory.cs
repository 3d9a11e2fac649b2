using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorPostmaster.Hosting;

/// <summary>
/// INTERNAL API. The logger factory the actor kernel's bridge gets: the kernel's own categories
/// (<c>ActorPostmaster.Actors.*</c>: dead letters, unhandled messages) and anything outside ActorPostmaster pass; the
/// categories of the postmaster domain and of the hosting layer do not, because their log events are also
/// <see cref="ServerLogLine"/>s that the server log already writes.
/// </summary>
internal sealed class KernelLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("ActorPostmaster.", StringComparison.Ordinal)
        && !categoryName.StartsWith("ActorPostmaster.Actors.", StringComparison.Ordinal)
            ? NullLogger.Instance
            : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to the caller.
    }
}
