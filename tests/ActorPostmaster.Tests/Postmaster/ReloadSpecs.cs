using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using ActorPostmaster.Settings;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>Reload (the SIGHUP analogue), compared with ../shared/oracle/transcripts/11-reload.txt.</summary>
public sealed class ReloadSpecs : TestKit.TestKit
{
    public ReloadSpecs(ITestOutputHelper output)
        : base(output) => Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));

    [Fact]
    public void A_reload_should_apply_reloadable_changes_and_refuse_restart_only_ones_with_postgresqls_lines()
    {
        var file = ConfigFile.FromPairs("oracle_override.conf", ("work_mem", "4MB"), ("max_connections", "100"));
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Configuration = file }), "postmaster");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);
        var lines = new List<ServerLogLine>();
        Sys.EventStream.Subscribe(ActorOf(Props.Create(() => new Collector(lines))), typeof(ServerLogLine));

        postmaster.Tell(new ReloadRequest(ConfigFile.FromPairs("oracle_override.conf", ("work_mem", "16MB"), ("max_connections", "200"))));
        RunUntilIdle();

        Assert.Equal(
            [
                "received SIGHUP, reloading configuration files",
                "parameter \"work_mem\" changed to \"16MB\"",
                "parameter \"max_connections\" cannot be changed without restarting the server",
                "configuration file \"oracle_override.conf\" contains errors; unaffected changes were applied",
            ],
            lines.Where(l => l.Pid == 1000).Select(l => l.Message).SkipWhile(m => !m.StartsWith("received SIGHUP", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_removed_setting_should_be_reset_to_its_default()
    {
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Configuration = ConfigFile.FromPairs("p.conf", ("work_mem", "16MB")) }), "postmaster");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        EventFilter.Info("parameter \"work_mem\" removed from configuration file, reset to default").ExpectOne(() =>
            postmaster.Tell(new ReloadRequest(ConfigFile.Empty("p.conf"))));
    }

    [Fact]
    public void A_configuration_with_an_invalid_value_should_stop_the_postmaster_at_start()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(PostmasterExited));

        ActorOf(Postmaster.Props(PostmasterOptions.Default with { CommandLine = [new("max_connections", "lots")] }), "postmaster");

        Assert.Equal(1, FishForMessage<PostmasterExited>(_ => true).Code);
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(List<ServerLogLine> lines) => Receive<ServerLogLine>(lines.Add);
    }
}
