using ActorPostmaster.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>archive_mode: completed WAL segments are copied by archive_command, and a checkpoint removes only archived ones.</summary>
public sealed class ArchiverSpecs : IDisposable
{
    private const string FirstSegment = "000000010000000000000001";

    private readonly TempDirectory _temp = new();
    private readonly CapturedLog _log = new();
    private readonly ILoggerFactory _factory;

    public ArchiverSpecs() => _factory = _log.CreateFactory();

    public void Dispose()
    {
        _factory.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_completed_segment_should_be_archived_and_then_removed_by_a_checkpoint()
    {
        var archive = _temp.Combine("archive");
        Directory.CreateDirectory(archive);
        var (server, dir) = await StartAsync($"cp %p {archive}/%f");
        await using var _ = server;

        await FillFirstSegmentAsync(server);
        await Eventually.True(() => File.Exists(Path.Combine(archive, FirstSegment)), "the archiver copies the completed segment");
        await Eventually.True(() => File.Exists(Path.Combine(dir, "pg_wal", "archive_status", FirstSegment + ".done")), "and marks it done");
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "pg_wal", FirstSegment)), File.ReadAllBytes(Path.Combine(archive, FirstSegment)));

        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        Assert.Contains(new CommandComplete("CHECKPOINT"), await session.QueryAsync("CHECKPOINT"));

        Assert.False(File.Exists(Path.Combine(dir, "pg_wal", FirstSegment)));
        Assert.False(File.Exists(Path.Combine(dir, "pg_wal", "archive_status", FirstSegment + ".done")));
    }

    [Fact]
    public async Task A_failing_archive_command_should_be_logged_and_keep_the_segment_through_checkpoints()
    {
        var (server, dir) = await StartAsync("exit 3");
        await using var _ = server;

        await FillFirstSegmentAsync(server);
        await Eventually.True(() => _log.ServerLog.Contains("LOG:  archive command failed with exit code 3\nDETAIL:  The failed archive command was: exit 3"), "the failure is logged");
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        Assert.Contains(new CommandComplete("CHECKPOINT"), await session.QueryAsync("CHECKPOINT"));

        Assert.True(File.Exists(Path.Combine(dir, "pg_wal", FirstSegment)));
        Assert.True(File.Exists(Path.Combine(dir, "pg_wal", "archive_status", FirstSegment + ".ready")));
    }

    private async Task<(PostgresServer Server, string Directory)> StartAsync(string archiveCommand)
    {
        var dir = _temp.Combine("data");
        InitDb.Run(new InitDbOptions { DataDirectory = dir, WalSegmentSize = 1024 * 1024 }, TextWriter.Null, TextWriter.Null);
        var options = new PostgresServerOptions { DataDirectory = dir, Port = Eventually.FreePort(), LoggerFactory = _factory };
        options.Settings["log_line_prefix"] = string.Empty;
        options.Settings["archive_mode"] = "on";
        options.Settings["archive_command"] = archiveCommand;
        var server = await PostgresServer.StartAsync(options);
        await server.Ready;
        return (server, dir);
    }

    /// <summary>About 1.2 MB of WAL: the first 1 MB segment completes.</summary>
    private static async Task FillFirstSegmentAsync(PostgresServer server)
    {
        var session = await ClientSession.ConnectAsync(server.System, server.Postmaster);
        var value = new string('x', 100_000);
        for (var i = 0; i < 12; i++)
        {
            Assert.Contains(new CommandComplete("INSERT 0 1"), await session.QueryAsync($"INSERT INTO kv VALUES ('k{i}', '{value}')"));
        }
    }
}
