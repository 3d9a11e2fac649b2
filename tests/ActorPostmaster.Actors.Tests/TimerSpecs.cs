using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class TimerSpecs : TestKit.TestKit
{
    public TimerSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void A_single_timer_should_fire_once_after_its_delay_in_virtual_time()
    {
        var start = Now;
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new Start("tick", TimeSpan.FromSeconds(30), Periodic: false));

        ExpectMsg("tick", TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(30), Now - start);
        ExpectNoMsg(TimeSpan.FromMinutes(5));
        actor.Tell(new IsActive("tick"));
        ExpectMsg(false);
    }

    [Fact]
    public void A_periodic_timer_should_fire_every_interval_until_cancelled()
    {
        var start = Now;
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("tick", TimeSpan.FromSeconds(10), Periodic: true));

        ExpectMsg("tick", TimeSpan.FromSeconds(15));
        ExpectMsg("tick", TimeSpan.FromSeconds(15));
        ExpectMsg("tick", TimeSpan.FromSeconds(15));
        Assert.Equal(TimeSpan.FromSeconds(30), Now - start);

        actor.Tell(new Cancel("tick"));
        ExpectNoMsg(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_cancelled_timer_message_already_in_the_mailbox_should_be_dropped()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("tick", TimeSpan.FromSeconds(1), Periodic: false));

        // The actor is busy for 5 s: the timer's message is queued at 1 s; the actor cancels the timer at 5 s.
        actor.Tell(new Busy(TimeSpan.FromSeconds(5), CancelAfterwards: "tick"));

        ExpectMsg("busy done", TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Starting_a_timer_with_a_key_in_use_should_replace_the_old_one()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("tick", TimeSpan.FromSeconds(10), Periodic: false, Message: "old"));
        actor.Tell(new Start("tick", TimeSpan.FromSeconds(20), Periodic: false, Message: "new"));

        ExpectMsg("new", TimeSpan.FromSeconds(30));
        ExpectNoMsg(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Timers_should_be_cancelled_when_the_actor_restarts()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("tick", TimeSpan.FromSeconds(10), Periodic: true));
        ExpectMsg("tick", TimeSpan.FromSeconds(15));

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail"));

        ExpectNoMsg(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void The_scheduler_should_send_and_cancel_on_the_system_clock()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "an hour later", ActorRefs.NoSender);
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMinutes(30), TestActor, "never", ActorRefs.NoSender);
        cancelled.Cancel();

        ExpectMsg("an hour later", TimeSpan.FromHours(2));
        Assert.Equal(TimeSpan.FromHours(1), Now - start);
        Assert.True(cancelled.IsCancellationRequested);
    }

    [Fact]
    public void Repeated_scheduler_sends_should_stop_when_cancelled()
    {
        var repeating = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "again", ActorRefs.NoSender);

        ExpectMsg("again");
        ExpectMsg("again");
        repeating.Cancel();
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    private sealed record Start(string Key, TimeSpan Delay, bool Periodic, string? Message = null);

    private sealed record Cancel(string Key);

    private sealed record IsActive(string Key);

    private sealed record Busy(TimeSpan For, string CancelAfterwards);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef probe)
        {
            Receive<Start>(s =>
            {
                if (s.Periodic)
                {
                    Timers.StartPeriodicTimer(s.Key, s.Message ?? s.Key, s.Delay);
                }
                else
                {
                    Timers.StartSingleTimer(s.Key, s.Message ?? s.Key, s.Delay);
                }
            });
            Receive<Cancel>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key)));
            ReceiveAsync<Busy>(async b =>
            {
                await Task.Delay(b.For, Context.System.Scheduler.TimeProvider);
                Timers.Cancel(b.CancelAfterwards);
                probe.Tell("busy done");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            Receive<string>(s => probe.Tell(s));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}
