using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Hosting;

/// <summary>Registers a <see cref="PostgresServer"/> with Microsoft.Extensions.Hosting.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server that starts with the host (its <c>StartAsync</c> returns once the server accepts
    /// connections) and shuts down fast when the host stops. The server is <see cref="PostgresServerService.Server"/>
    /// of the <see cref="PostgresServerService"/> singleton. Its log goes to the host's <see cref="ILoggerFactory"/>
    /// unless <see cref="PostgresServerOptions.LoggerFactory"/> is set. When the server exits on its own (a crash with
    /// restart_after_crash off, an immediate shutdown), the application is stopped.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddActorPostmaster(this IServiceCollection services, Action<PostgresServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresServerOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Adds a PostgreSQL server whose options bind from <paramref name="configuration"/> (e.g. the section
    /// <c>Postgres</c>: <c>DataDirectory</c>, <c>ConfigurationPath</c>, <c>Port</c>, <c>ListenAddresses</c>,
    /// <c>HbaPath</c>, <c>Settings:work_mem</c> …), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Further settings, or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddActorPostmaster(
        this IServiceCollection services, IConfiguration configuration, Action<PostgresServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<PostgresServerOptions>().Bind(configuration);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<PostgresServerOptions>().PostConfigure<ILoggerFactory>((options, factory) => options.LoggerFactory ??= factory);
        services.AddSingleton<PostgresServerService>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresServerService>());
        return services;
    }
}
