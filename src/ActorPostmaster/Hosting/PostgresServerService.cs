using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActorPostmaster.Hosting;

/// <summary>
/// The hosted service behind <see cref="PostgresServiceCollectionExtensions.AddActorPostmaster(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PostgresServerOptions})"/>:
/// starts the <see cref="PostgresServer"/> with the host and stops it with a fast shutdown.
/// </summary>
/// <remarks>Akka.Hosting's AkkaHostedService, for a postmaster.</remarks>
public sealed class PostgresServerService : IHostedService, IAsyncDisposable
{
    private readonly PostgresServerOptions _options;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly TaskCompletionSource<PostgresServer> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PostgresServer? _server;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The server's options.</param>
    /// <param name="lifetime">The application, stopped when the server exits on its own; null to leave it running.</param>
    public PostgresServerService(IOptions<PostgresServerOptions> options, IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _lifetime = lifetime;
    }

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">The host has not started it yet.</exception>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not been started yet.");

    /// <summary>Completes with the server once it accepts connections.</summary>
    public Task<PostgresServer> WhenStarted => _started.Task;

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var server = await PostgresServer.StartAsync(_options, cancellationToken).ConfigureAwait(false);
            _server = server;
            await server.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            _ = server.Completion.ContinueWith(_ => _lifetime?.StopApplication(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            _started.TrySetResult(server);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
    }

    /// <summary>Fast shutdown; when <paramref name="cancellationToken"/> fires first, immediate shutdown.</summary>
    /// <param name="cancellationToken">The host's shutdown timeout.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not { } server)
        {
            return;
        }

        server.RequestShutdown(ShutdownLevel.Fast);
        try
        {
            await server.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            server.RequestShutdown(ShutdownLevel.Immediate);
            await server.Completion.ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server if the host did not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
