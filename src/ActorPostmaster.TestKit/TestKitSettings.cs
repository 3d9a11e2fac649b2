using ActorPostmaster.Actors;
using ActorPostmaster.Hocon;

namespace ActorPostmaster.TestKit;

/// <summary>Timeouts of the TestKit's expectations.</summary>
/// <remarks>
/// Akka.NET: <c>TestKitSettings</c> (<c>akka.test.*</c>). Under the deterministic dispatcher these are virtual time:
/// waiting three virtual seconds costs nothing, so generous values are free.
/// </remarks>
public sealed record TestKitSettings
{
    /// <summary>The defaults: 3 s per expectation, 5 s for AwaitAssert/AwaitCondition, 3 s of leeway for event filters.</summary>
    public static TestKitSettings Default { get; } = new();

    /// <summary><c>actors.test.single-expect-default</c>: how long an expectation waits when given no timeout.</summary>
    public TimeSpan SingleExpectDefault { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary><c>actors.test.default-timeout</c>: how long AwaitAssert and AwaitCondition wait when given no timeout.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>actors.test.filter-leeway</c>: how long an event filter waits for its events after the action ran.</summary>
    public TimeSpan FilterLeeway { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary><c>actors.test.await-interval</c>: how often AwaitAssert and AwaitCondition retry.</summary>
    public TimeSpan AwaitInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads <c>actors.test</c> from <paramref name="config"/>, with the kernel's reference configuration as fallback.</summary>
    /// <param name="config">The configuration.</param>
    public static TestKitSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.WithFallback(ActorSystemSettings.ReferenceConfig);
        return new TestKitSettings
        {
            SingleExpectDefault = c.GetTimeSpan("actors.test.single-expect-default"),
            DefaultTimeout = c.GetTimeSpan("actors.test.default-timeout"),
            FilterLeeway = c.GetTimeSpan("actors.test.filter-leeway"),
            AwaitInterval = c.GetTimeSpan("actors.test.await-interval"),
        };
    }
}
