using System.Collections.Concurrent;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// One server per target, shared by the tests of one class (xunit class fixture), started on first use and stopped
/// when the class is done. Only for tests that leave the server as they found it.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ITestServer>>> _servers = new();

    /// <summary>How the shared servers are started.</summary>
    protected virtual ServerOptions Options => ServerOptions.Default;

    /// <summary>The shared server of a target.</summary>
    public Task<ITestServer> ServerAsync(string target) =>
        _servers.GetOrAdd(target, t => new Lazy<Task<ITestServer>>(() => InteropTargets.StartAsync(t, Options))).Value;

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var lazy in _servers.Values)
        {
            try
            {
                var server = await lazy.Value.ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // It never started; the tests that needed it have already failed with the reason.
            }
        }
    }
}

/// <summary>max_connections = 5 with superuser_reserved_connections = 2, as in the oracle's transcript 03.</summary>
public sealed class FiveConnectionsFixture : ServerFixture
{
    /// <inheritdoc />
    protected override ServerOptions Options { get; } =
        new ServerOptions { MaxConnections = 5 }.With("superuser_reserved_connections", "2");
}
