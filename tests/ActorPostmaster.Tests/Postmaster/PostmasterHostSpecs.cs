using System.Collections.Concurrent;
using ActorPostmaster.Actors;
using ActorPostmaster.Settings;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>The postmaster calls its host (sockets, postmaster.pid, pg_hba.conf) at PostmasterMain's points, in order.</summary>
public sealed class PostmasterHostSpecs : TestKit.TestKit
{
    public PostmasterHostSpecs(ITestOutputHelper output)
        : base(output)
    {
        Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));
        Sys.EventStream.Subscribe(TestActor, typeof(PostmasterExited));
    }

    [Fact]
    public void The_host_should_open_sockets_before_the_startup_process_and_follow_the_status_line_to_the_exit()
    {
        var host = new RecordingHost();
        var lines = new ConcurrentQueue<ServerLogLine>();
        Sys.EventStream.Subscribe(ActorOf(Props.Create(() => new Collector(lines))), typeof(ServerLogLine));
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Host = host, CommandLine = [new("port", "6000")] }), "postmaster");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        postmaster.Tell(ReloadRequest.Instance);
        RunUntilIdle();
        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));

        Assert.Equal(0, FishForMessage<PostmasterExited>(_ => true).Code);
        Assert.Equal(["sockets on 6000", "status starting", "status ready   ", "reloaded", "status stopping", "exiting 0"], host.Calls);
        var postmasterLines = lines.Where(l => l.Pid == 1000).Select(l => l.Message).ToList();
        Assert.StartsWith("starting PostgreSQL 15.", postmasterLines[0], StringComparison.Ordinal);
        Assert.Equal("listening on the host's sockets", postmasterLines[1]);
        Assert.True(
            postmasterLines.IndexOf("database system is ready to accept connections") > 1
            && lines.First(l => l.Message.StartsWith("database system was shut down at", StringComparison.Ordinal)).Pid != 1000);
        Assert.Equal("database system is shut down", postmasterLines[^1]);
    }

    [Fact]
    public void A_host_that_cannot_open_its_sockets_should_make_the_postmaster_exit_with_code_1_before_the_startup_process()
    {
        var host = new RecordingHost { SocketsOpen = false };

        ActorOf(Postmaster.Props(PostmasterOptions.Default with { Host = host }), "postmaster");

        Assert.Equal(1, FishForMessage<PostmasterExited>(_ => true).Code);
        Assert.Equal(["sockets on 5432", "exiting 1"], host.Calls);
    }

    private sealed class RecordingHost : IPostmasterHost
    {
        private readonly ConcurrentQueue<string> _calls = new();

        public bool SocketsOpen { get; init; } = true;

        public Authentication.HbaRules Hba => Authentication.HbaRules.TrustAll;

        public IReadOnlyList<string> Calls => [.. _calls];

        public bool EstablishInputSockets(SettingsSnapshot settings, ServerLog log)
        {
            _calls.Enqueue($"sockets on {settings.GetInt("port")}");
            if (SocketsOpen)
            {
                log.Log("listening on the host's sockets");
            }
            else
            {
                log.Report(new PgError(PgSeverity.Fatal, "XX000", "could not create any TCP/IP sockets"));
            }

            return SocketsOpen;
        }

        public void Reloaded(SettingsSnapshot settings, ServerLog log) => _calls.Enqueue("reloaded");

        public void SetPidFileStatus(string status) => _calls.Enqueue($"status {status}");

        public void Exiting(int code) => _calls.Enqueue($"exiting {code}");
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<ServerLogLine> lines) => Receive<ServerLogLine>(lines.Enqueue);
    }
}
