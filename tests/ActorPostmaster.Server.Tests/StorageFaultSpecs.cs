using ActorPostmaster.Hosting;
using ActorPostmaster.Storage;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>
/// A WAL that cannot be written or flushed is a PANIC: the crash cycle runs, recovery replays what is on disk, and
/// the server serves again with every acknowledged commit (the server in this process, on a fault-injecting file system).
/// </summary>
public sealed class StorageFaultSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturedLog _log = new();
    private readonly ILoggerFactory _factory;
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);

    public StorageFaultSpecs() => _factory = _log.CreateFactory();

    public void Dispose()
    {
        _factory.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_failed_WAL_fdatasync_should_PANIC_then_recover_every_acknowledged_commit()
    {
        await using var server = await StartAsync();
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        Assert.Contains(new CommandComplete("INSERT 0 1"), await session.QueryAsync("INSERT INTO kv VALUES ('acknowledged', '1')"));

        _files.FailNextFlushes(1);
        var failed = await session.QueryAsync("INSERT INTO kv VALUES ('never-acknowledged', '2')");

        Assert.DoesNotContain(new CommandComplete("INSERT 0 1"), failed);
        await Eventually.True(() => _log.ServerLog.Any(l => l.StartsWith("PANIC:  could not fdatasync", StringComparison.Ordinal)), "the backend PANICs");
        await Eventually.True(() => _log.ServerLog.Count(l => l == "LOG:  database system is ready to accept connections") == 2, "the cluster recovers");
        Assert.Contains("LOG:  all server processes terminated; reinitializing", _log.ServerLog);
        Assert.Contains(_log.ServerLog, l => l.StartsWith("LOG:  redo starts at ", StringComparison.Ordinal));
        var after = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        var rows = await after.QueryAsync("SELECT v FROM kv WHERE k = 'acknowledged'");
        Assert.Contains(rows, m => m is DataRow { Values: ["1"] });
    }

    [Fact]
    public async Task A_full_disk_under_the_WAL_should_PANIC_and_the_cluster_serve_again_once_space_is_back()
    {
        await using var server = await StartAsync();
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        Assert.Contains(new CommandComplete("INSERT 0 1"), await session.QueryAsync("INSERT INTO kv VALUES ('first', '1')"));

        // Only the WAL's volume is full: the control file can still be written, so recovery fails only at its first WAL
        // write (the end-of-recovery checkpoint PANICs again) until the space is back, whenever the test heals the disk.
        _files.DiskFullAfter(0, only: path => path.Contains("pg_wal", StringComparison.Ordinal));
        var failed = await session.QueryAsync("INSERT INTO kv VALUES ('second', '2')");

        Assert.DoesNotContain(new CommandComplete("INSERT 0 1"), failed);
        await Eventually.True(() => _log.ServerLog.Any(l => l.StartsWith("PANIC:  ", StringComparison.Ordinal) && l.Contains("No space left on device", StringComparison.Ordinal)), "the backend PANICs");
        _files.Heal();
        await Eventually.True(() => _log.ServerLog.Count(l => l == "LOG:  database system is ready to accept connections") >= 2, "the cluster recovers");
        var after = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        Assert.Contains(new CommandComplete("INSERT 0 1"), await after.QueryAsync("INSERT INTO kv VALUES ('third', '3')"));
        var rows = await after.QueryAsync("SELECT k FROM kv WHERE k = 'first'");
        Assert.Contains(rows, m => m is DataRow { Values: ["first"] });
    }

    private async Task<PostgresServer> StartAsync()
    {
        var dir = _temp.Combine("data");
        InitDb.Run(new InitDbOptions { DataDirectory = dir }, TextWriter.Null, TextWriter.Null);
        var options = new PostgresServerOptions
        {
            DataDirectory = dir,
            Port = Eventually.FreePort(),
            LoggerFactory = _factory,
            Postmaster = PostmasterOptions.Default with { StorageFiles = _files },
        };
        options.Settings["log_line_prefix"] = string.Empty;
        var server = await PostgresServer.StartAsync(options);
        await server.Ready;
        return server;
    }
}
