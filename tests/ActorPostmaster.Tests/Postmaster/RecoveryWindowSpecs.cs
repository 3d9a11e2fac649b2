using ActorPostmaster.Actors;
using ActorPostmaster.Settings;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>
/// The startup window in virtual time: how long new connections are refused with 57P03 at a start and in a crash
/// cycle, held by a <see cref="RecoveryGate"/> or by ap_recovery_delay, and which refusal they get at each moment.
/// </summary>
public sealed class RecoveryWindowSpecs : TestKit.TestKit
{
    private static readonly PgError NotYetAccepting = new(
        PgSeverity.Fatal, "57P03", "the database system is not yet accepting connections", "Consistent recovery state has not been yet reached.");

    private readonly List<PmStateTransition> _transitions = [];

    public RecoveryWindowSpecs(ITestOutputHelper output)
        : base(output)
    {
        var recorder = Sys.ActorOf(Props.Create(() => new TransitionRecorder(_transitions)), "recorder");
        Sys.EventStream.Subscribe(recorder, typeof(PmStateTransition));
    }

    [Fact]
    public async Task A_hold_should_keep_crash_recovery_refusing_with_not_yet_accepting_until_it_is_released()
    {
        var gate = new RecoveryGate();
        var postmaster = StartPostmaster(PostmasterOptions.Default with { RecoveryGate = gate });
        var hold = gate.Hold();

        postmaster.Tell(new CrashProcess(BackendType.WalWriter));
        AwaitCondition(() => hold.Waiting.IsCompleted);
        Advance(TimeSpan.FromHours(1));

        var status = Status(postmaster);
        Assert.Equal(PmState.Recovery, status.Snapshot.State); // PMSIGNAL_RECOVERY_STARTED came first
        Assert.False(status.Snapshot.FatalError);
        Assert.Equal([new ErrorResponse(NotYetAccepting), ConnectionClosed.Instance], await ClientSession.Open(Sys, postmaster).ReadUntilReadyAsync());

        hold.Release();
        AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2);
        Assert.Equal([PmState.NoChildren, PmState.Startup, PmState.Recovery, PmState.Run], _transitions.Select(t => t.To).TakeLast(4));
        Assert.Contains(new ReadyForQuery('I'), await ClientSession.Open(Sys, postmaster).ReadUntilReadyAsync());
    }

    [Fact]
    public async Task A_hold_taken_before_the_start_should_keep_the_first_start_refusing_with_starting_up()
    {
        var gate = new RecoveryGate();
        using var hold = gate.Hold();

        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { RecoveryGate = gate }), "postmaster");
        AwaitCondition(() => hold.Waiting.IsCompleted);
        Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(PmState.Startup, Status(postmaster).Snapshot.State); // a clean start sends no RECOVERY_STARTED
        Assert.Equal(
            [new ErrorResponse(new PgError(PgSeverity.Fatal, "57P03", "the database system is starting up")), ConnectionClosed.Instance],
            await ClientSession.Open(Sys, postmaster).ReadUntilReadyAsync());

        hold.Dispose();
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Run);
    }

    [Fact]
    public void With_two_holds_recovery_should_go_on_only_after_both_are_released()
    {
        var gate = new RecoveryGate();
        var postmaster = StartPostmaster(PostmasterOptions.Default with { RecoveryGate = gate });
        var first = gate.Hold();
        var second = gate.Hold();

        postmaster.Tell(new CrashProcess(BackendType.Checkpointer));
        AwaitCondition(() => first.Waiting.IsCompleted && second.Waiting.IsCompleted);
        first.Release();
        first.Release(); // releasing twice releases nothing more
        Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(PmState.Recovery, Status(postmaster).Snapshot.State);
        second.Release();
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Run);
    }

    [Fact]
    public void A_shutdown_request_should_end_a_held_recovery()
    {
        var gate = new RecoveryGate();
        var postmaster = StartPostmaster(PostmasterOptions.Default with { RecoveryGate = gate });
        var hold = gate.Hold();
        postmaster.Tell(new CrashProcess(BackendType.BackgroundWriter));
        AwaitCondition(() => hold.Waiting.IsCompleted);
        Sys.EventStream.Subscribe(TestActor, typeof(PostmasterExited));
        Assert.Contains(BackendType.Startup, Status(postmaster).Children.Select(c => c.Type));
        Assert.Equal(PmState.Recovery, Status(postmaster).Snapshot.State);

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));

        Assert.Equal(0, ExpectMsg<PostmasterExited>(TimeSpan.FromMinutes(1)).Code);
        Assert.True(gate.IsHeld); // the hold is still there; nothing waits on it any more
        hold.Release();
    }

    [Fact]
    public void ap_recovery_delay_should_make_every_start_and_every_crash_recovery_last_that_long()
    {
        var start = Now;
        var postmaster = StartPostmaster(WithSettings(("ap_recovery_delay", "5s")));
        Assert.Equal(TimeSpan.FromSeconds(5), Now - start);

        var crash = Now;
        postmaster.Tell(new CrashProcess(BackendType.AutovacuumLauncher));
        AwaitCondition(() => _transitions.Count(t => t.To == PmState.Run) == 2, TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(5), Now - crash);
    }

    [Fact]
    public void ap_recovery_delay_minus_one_should_hold_recovery_until_a_reload_changes_it()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with
        {
            Configuration = ConfigFile.FromPairs("postgresql.conf", ("ap_recovery_delay", "0")), // not -c: a reload cannot override that
        });
        postmaster.Tell(new ReloadRequest(ConfigFile.FromPairs("postgresql.conf", ("ap_recovery_delay", "-1"))));
        RunUntilIdle();

        postmaster.Tell(new CrashProcess(BackendType.WalWriter));
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Recovery);
        Advance(TimeSpan.FromHours(2));
        Assert.Equal(PmState.Recovery, Status(postmaster).Snapshot.State);

        var reload = Now;
        postmaster.Tell(new ReloadRequest(ConfigFile.FromPairs("postgresql.conf", ("ap_recovery_delay", "0"))));
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Run);
        Assert.Equal(reload, Now);
    }

    [Fact]
    public void A_reload_shortening_ap_recovery_delay_should_apply_to_the_wait_under_way()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with
        {
            Configuration = ConfigFile.FromPairs("postgresql.conf", ("ap_recovery_delay", "0")),
        });
        postmaster.Tell(new ReloadRequest(ConfigFile.FromPairs("postgresql.conf", ("ap_recovery_delay", "1h"))));
        RunUntilIdle();
        postmaster.Tell(new CrashProcess(BackendType.WalWriter));
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Recovery);
        var waitStarted = Now;
        Advance(TimeSpan.FromSeconds(10));

        postmaster.Tell(new ReloadRequest(ConfigFile.FromPairs("postgresql.conf", ("ap_recovery_delay", "30s"))));
        AwaitCondition(() => Status(postmaster).Snapshot.State == PmState.Run, TimeSpan.FromMinutes(2));

        Assert.InRange(Now - waitStarted, TimeSpan.FromSeconds(29.5), TimeSpan.FromSeconds(30)); // waitStarted is up to one poll late
    }

    private static PostmasterOptions WithSettings(params (string Name, string Value)[] settings) =>
        PostmasterOptions.Default with { CommandLine = [.. settings.Select(s => new KeyValuePair<string, string>(s.Name, s.Value))] };

    private IActorRef StartPostmaster(PostmasterOptions options)
    {
        var postmaster = ActorOf(Postmaster.Props(options), "postmaster");
        AwaitCondition(() => _transitions.Any(t => t.To == PmState.Run), TimeSpan.FromMinutes(1));
        return postmaster;
    }

    private static PostmasterStatus Status(IActorRef postmaster) =>
        postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();

    private sealed class TransitionRecorder : ReceiveActor
    {
        public TransitionRecorder(List<PmStateTransition> transitions) => Receive<PmStateTransition>(transitions.Add);
    }
}
