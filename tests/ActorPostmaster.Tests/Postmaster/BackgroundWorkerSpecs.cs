using System.Collections.Concurrent;
using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>The background-worker contract of spec §8: 0 unregisters, 1 restarts after bgw_restart_time, anything else is a cluster crash.</summary>
public sealed class BackgroundWorkerSpecs : TestKit.TestKit
{
    private readonly ConcurrentQueue<(string Worker, DateTimeOffset At)> _starts = new();

    public BackgroundWorkerSpecs(ITestOutputHelper output)
        : base(output) => Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));

    [Fact]
    public void A_worker_that_exits_0_should_be_unregistered_and_never_restarted()
    {
        var postmaster = StartPostmaster();

        Register(postmaster, Worker("once", TimeSpan.FromSeconds(1), exitCode: 0));
        Advance(TimeSpan.FromMinutes(10));

        Assert.Single(_starts, s => s.Worker == "once");
        Assert.DoesNotContain(Status(postmaster).Children, c => c.WorkerType == "once");
    }

    [Fact]
    public void A_worker_that_exits_1_should_be_restarted_after_its_restart_time()
    {
        var postmaster = StartPostmaster();

        Register(postmaster, Worker("again", TimeSpan.FromSeconds(10), exitCode: 1));
        Advance(TimeSpan.FromSeconds(25));

        var starts = _starts.Where(s => s.Worker == "again").Select(s => s.At).ToList();
        Assert.Equal(3, starts.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), starts[1] - starts[0]);
        Assert.Equal(TimeSpan.FromSeconds(10), starts[2] - starts[1]);
    }

    [Fact]
    public void A_never_restart_worker_that_exits_1_should_be_forgotten()
    {
        var postmaster = StartPostmaster();

        Register(postmaster, Worker("never", restartTime: null, exitCode: 1));
        Advance(TimeSpan.FromMinutes(10));

        Assert.Single(_starts, s => s.Worker == "never");
    }

    [Fact]
    public void A_worker_that_crashes_should_start_a_crash_cycle_of_the_whole_cluster_and_come_back_at_once()
    {
        var postmaster = StartPostmaster();

        Register(postmaster, new BackgroundWorkerSpec("crasher", "crasher", BackgroundWorkerStartTime.RecoveryFinished, TimeSpan.FromMinutes(5), async context =>
        {
            _starts.Enqueue(("crasher", context.Clock.GetUtcNow()));
            if (_starts.Count(s => s.Worker == "crasher") == 1)
            {
                throw new InvalidOperationException("worker bug");
            }

            await context.WaitLatchAsync(null);
            return 0;
        }));
        FishForMessage<PmStateTransition>(t => t.To == PmState.WaitBackends);
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        // Crash times are reset by the reinitialisation: it starts again at once, not after 5 minutes.
        AwaitCondition(() => _starts.Count(s => s.Worker == "crasher") == 2, TimeSpan.FromSeconds(1));
        Assert.Equal(2, Status(postmaster).SharedStateGeneration);
    }

    [Fact]
    public async Task A_registration_during_shutdown_should_be_rejected()
    {
        var postmaster = StartPostmaster();
        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));
        FishForMessage<PmStateTransition>(t => t.To >= PmState.StopBackends);

        var answer = await postmaster.Ask<BackgroundWorkerRegistered>(new RegisterBackgroundWorker(Worker("late", null, 0)), TimeSpan.FromSeconds(1));

        Assert.False(answer.Accepted);
    }

    [Fact]
    public void A_restart_interval_outside_0_to_86400_seconds_should_be_refused()
    {
        var workers = new BackgroundWorkers();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => workers.Register(Worker("bad", TimeSpan.FromDays(2), 0)));

        Assert.Contains("invalid restart interval", error.Message, StringComparison.Ordinal);
    }

    private BackgroundWorkerSpec Worker(string name, TimeSpan? restartTime, int exitCode) =>
        new(name, name, BackgroundWorkerStartTime.RecoveryFinished, restartTime, context =>
        {
            _starts.Enqueue((name, context.Clock.GetUtcNow()));
            return Task.FromResult(exitCode);
        });

    private IActorRef StartPostmaster()
    {
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Autovacuum = false }), "postmaster");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);
        return postmaster;
    }

    private static void Register(IActorRef postmaster, BackgroundWorkerSpec spec)
    {
        var registered = postmaster.Ask<BackgroundWorkerRegistered>(new RegisterBackgroundWorker(spec), TimeSpan.FromSeconds(1));
        Assert.True(registered.Result.Accepted);
    }

    private static PostmasterStatus Status(IActorRef postmaster) =>
        postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(1)).Result;
}
