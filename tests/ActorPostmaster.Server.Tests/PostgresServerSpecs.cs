using System.Net;
using System.Net.Sockets;
using ActorPostmaster.Actors;
using ActorPostmaster.Authentication;
using ActorPostmaster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>The server in this process: start-up in PostmasterMain's order, postmaster.pid, sockets, reload, shutdown.</summary>
public sealed class PostgresServerSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturedLog _log = new();
    private readonly ILoggerFactory _factory;

    public PostgresServerSpecs() => _factory = _log.CreateFactory();

    public void Dispose()
    {
        _factory.Dispose();
        _temp.Dispose();
    }

    private string Cluster(string name = "data")
    {
        var dir = _temp.Combine(name);
        InitDb.Run(new InitDbOptions { DataDirectory = dir }, TextWriter.Null, TextWriter.Null);
        return dir;
    }

    private PostgresServerOptions Options(string? dir, int port)
    {
        var options = new PostgresServerOptions { DataDirectory = dir, Port = port, LoggerFactory = _factory };
        options.Settings["log_line_prefix"] = string.Empty; // lines without time and pid
        return options;
    }

    [Fact]
    public async Task A_server_should_start_in_PostmasterMains_order_and_lock_its_data_directory()
    {
        var dir = Cluster();
        var port = Eventually.FreePort();

        await using var server = await PostgresServer.StartAsync(Options(dir, port));
        await server.Ready;
        await Eventually.True(() => _log.ServerLog.Contains("LOG:  database system is ready to accept connections"), "the log says ready");

        var lines = _log.ServerLog;
        Assert.StartsWith("LOG:  starting PostgreSQL 15.", lines[0], StringComparison.Ordinal);
        Assert.Contains("(ActorPostmaster", lines[0], StringComparison.Ordinal);
        Assert.Equal($"LOG:  listening on IPv4 address \"127.0.0.1\", port {port}", lines[1]);
        Assert.Equal(port, server.Port);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port)], server.Endpoints);

        var pidFile = PostmasterPidFile.Read(dir)!;
        Assert.Equal(Environment.ProcessId, pidFile.Pid);
        Assert.Equal(dir, pidFile.DataDirectory);
        Assert.Equal(port, pidFile.Port);
        Assert.Equal(string.Empty, pidFile.SocketDirectory);
        Assert.Equal("localhost", pidFile.ListenAddress);
        Assert.Equal(PostmasterPidFile.NoSharedMemoryKey, pidFile.SharedMemoryKey);
        Assert.Equal(PostmasterPidFile.StatusReady, pidFile.Status);
    }

    [Fact]
    public async Task An_accepted_socket_should_reach_the_postmaster_as_a_connection()
    {
        var port = Eventually.FreePort();
        await using var server = await PostgresServer.StartAsync(Options(null, port));
        await server.Ready;

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);

        await Eventually.True(
            () => server.Postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(30)).Result
                .Children.Any(c => c.Type == BackendType.Backend),
            "a backend serves the connection");
    }

    [Fact]
    public async Task A_fast_shutdown_should_end_with_exit_code_0_and_no_lock_file()
    {
        var dir = Cluster();
        var server = await PostgresServer.StartAsync(Options(dir, Eventually.FreePort()));
        await server.Ready;

        server.RequestShutdown(ShutdownLevel.Fast);

        Assert.Equal(0, await server.Completion);
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
        Assert.Equal("LOG:  received fast shutdown request", _log.ServerLog.First(l => l.Contains("shutdown request", StringComparison.Ordinal)));
        Assert.Equal("LOG:  database system is shut down", _log.ServerLog[^1]);
        Assert.Empty(server.Endpoints);
    }

    [Fact]
    public async Task The_status_line_should_say_stopping_while_a_smart_shutdown_waits_for_sessions()
    {
        var dir = Cluster();
        var options = Options(dir, Eventually.FreePort());
        await using var server = await PostgresServer.StartAsync(options);
        await server.Ready;
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);

        server.RequestShutdown(ShutdownLevel.Smart);

        await Eventually.True(() => PostmasterPidFile.Read(dir)?.Status == PostmasterPidFile.StatusStopping, "postmaster.pid says stopping");
        Assert.False(server.Completion.IsCompleted);
        session.Terminate();
        Assert.Equal(0, await server.Completion);
    }

    [Fact]
    public async Task A_port_in_use_should_fail_the_start_as_PostgreSQL_15_reports_it()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var dir = Cluster();

        var e = await Assert.ThrowsAsync<PgException>(() => PostgresServer.StartAsync(Options(dir, port)));

        Assert.Equal("could not create any TCP/IP sockets", e.Error.Message);
        Assert.Equal(
            $"""
            LOG:  could not bind IPv4 address "127.0.0.1": Address already in use
            HINT:  Is another postmaster already running on port {port}? If not, wait a few seconds and retry.
            WARNING:  could not create listen socket for "localhost"
            FATAL:  could not create any TCP/IP sockets
            LOG:  database system is shut down

            """,
            string.Join("\n", _log.ServerLog.Skip(1)) + "\n");
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task A_configuration_error_should_be_fatal_before_the_directory_is_locked()
    {
        var dir = Cluster();
        var options = Options(dir, Eventually.FreePort());
        options.Settings["no_such_setting"] = "1";

        var e = await Assert.ThrowsAsync<PgException>(() => PostgresServer.StartAsync(options));

        Assert.Equal("unrecognized configuration parameter \"no_such_setting\"", e.Error.Message);
        // The prefix is still the default one: the command line that would set it failed.
        Assert.EndsWith("FATAL:  unrecognized configuration parameter \"no_such_setting\"", Assert.Single(_log.ServerLog), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task A_data_directory_of_another_major_version_should_be_refused()
    {
        var dir = Cluster();
        File.WriteAllText(Path.Combine(dir, "PG_VERSION"), "14\n");

        var e = await Assert.ThrowsAsync<PgException>(() => PostgresServer.StartAsync(Options(dir, Eventually.FreePort())));

        Assert.Equal("database files are incompatible with server", e.Error.Message);
        Assert.Equal("The data directory was initialized by PostgreSQL version 14, which is not compatible with this version 15.", e.Error.Detail);
    }

    [Fact]
    public async Task An_invalid_pg_hba_conf_should_stop_the_start_with_its_line()
    {
        var dir = Cluster();
        File.WriteAllText(Path.Combine(dir, "pg_hba.conf"), "hba = [\n  { type = tcp, database = all, user = all, address = all, method = trust }\n]\n");

        var e = await Assert.ThrowsAsync<PgException>(() => PostgresServer.StartAsync(Options(dir, Eventually.FreePort())));

        Assert.Equal("could not load pg_hba.conf", e.Error.Message);
        Assert.Contains(
            $"LOG:  invalid connection type \"tcp\"\nCONTEXT:  line 2 of configuration file \"{dir}/pg_hba.conf\"",
            _log.ServerLog);
        Assert.Equal("LOG:  database system is shut down", _log.ServerLog[^1]);
    }

    [Fact]
    public async Task A_reload_should_take_a_valid_pg_hba_conf_and_keep_the_old_rules_for_an_invalid_one()
    {
        var dir = Cluster();
        var hbaPath = Path.Combine(dir, "pg_hba.conf");
        await using var server = await PostgresServer.StartAsync(Options(dir, Eventually.FreePort()));
        await server.Ready;
        Assert.Equal(HbaMethod.Trust, server.Hba.FindRule("127.0.0.1", "postgres", "postgres")!.Method);

        File.WriteAllText(hbaPath, "hba = [ { type = host, database = all, user = all, address = all, method = reject } ]\n");
        server.Reload();
        await Eventually.True(() => server.Hba.FindRule("127.0.0.1", "postgres", "postgres")?.Method == HbaMethod.Reject, "the new rules are in force");

        File.WriteAllText(hbaPath, "hba = [ { type = host, method = trust } ]\n");
        server.Reload();
        await Eventually.True(() => _log.ServerLog.Contains("LOG:  pg_hba.conf was not reloaded"), "the reload is refused");

        Assert.Equal(HbaMethod.Reject, server.Hba.FindRule("127.0.0.1", "postgres", "postgres")!.Method);
        Assert.Contains($"LOG:  end-of-line before database specification\nCONTEXT:  line 1 of configuration file \"{hbaPath}\"", _log.ServerLog);
    }

    [Fact]
    public async Task A_reload_should_apply_a_new_log_line_prefix()
    {
        var dir = Cluster();
        var confPath = Path.Combine(dir, "postgresql.conf");
        var options = Options(dir, Eventually.FreePort());
        options.Settings.Remove("log_line_prefix");
        File.AppendAllText(confPath, "postgresql.log_line_prefix = \"before \"\n");
        await using var server = await PostgresServer.StartAsync(options);
        await server.Ready;

        File.AppendAllText(confPath, "postgresql.log_line_prefix = \"after [%p] \"\n");
        server.Reload();
        await Eventually.True(
            () => _log.ServerLog.Any(l => l.EndsWith("LOG:  parameter \"log_line_prefix\" changed to \"after [%p] \"", StringComparison.Ordinal)),
            "the reload has been applied");
        server.RequestShutdown(ShutdownLevel.Fast);
        await server.Completion;

        Assert.StartsWith("before LOG:  starting PostgreSQL", _log.ServerLog[0], StringComparison.Ordinal);
        Assert.Equal($"after [{Environment.ProcessId}] LOG:  database system is shut down", _log.ServerLog[^1]);
    }

    [Fact]
    public async Task Listen_addresses_star_should_listen_on_every_IPv4_address()
    {
        var options = Options(null, Eventually.FreePort());
        options.ListenAddresses = "*";
        await using var server = await PostgresServer.StartAsync(options);

        Assert.Contains(new IPEndPoint(IPAddress.Any, server.Port), server.Endpoints);
        await Eventually.True(
            () => _log.ServerLog.Contains($"LOG:  listening on IPv4 address \"0.0.0.0\", port {server.Port}"), "the log names the wildcard address");
    }

    [Fact]
    public async Task The_hosted_service_should_start_the_server_with_the_host_and_stop_it_with_the_host()
    {
        var dir = Cluster();
        var port = Eventually.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        builder.Services.AddActorPostmaster(options =>
        {
            options.DataDirectory = dir;
            options.Port = port;
        });
        using var host = builder.Build();

        await host.StartAsync();
        var server = host.Services.GetRequiredService<PostgresServerService>().Server;
        Assert.True(server.Ready.IsCompletedSuccessfully);
        Assert.Equal(PostmasterPidFile.StatusReady, PostmasterPidFile.Read(dir)!.Status);
        await host.StopAsync();

        Assert.Equal(0, await server.Completion);
        Assert.False(File.Exists(Path.Combine(dir, PostmasterPidFile.FileName)));
        Assert.Contains(_log.ServerLog, l => l.EndsWith("LOG:  database system is shut down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_options_should_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Postgres:DataDirectory"] = "/srv/pg",
                ["Postgres:Port"] = "6543",
                ["Postgres:ListenAddresses"] = "*",
                ["Postgres:Settings:work_mem"] = "8MB",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddActorPostmaster(configuration.GetSection("Postgres"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostgresServerOptions>>().Value;

        Assert.Equal("/srv/pg", options.DataDirectory);
        Assert.Equal(6543, options.Port);
        Assert.Equal("*", options.ListenAddresses);
        Assert.Equal("8MB", options.Settings["work_mem"]);
        Assert.NotNull(options.LoggerFactory);
        Assert.Contains(new KeyValuePair<string, string>("port", "6543"), options.CommandLine());
    }
}
