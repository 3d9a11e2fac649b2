using ActorPostmaster.Actors;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class VirtualTimeSpecs : TestKit
{
    [Fact]
    public void TestKit_should_start_on_the_virtual_clock_at_its_default_start()
    {
        Assert.NotNull(Dispatcher);
        Assert.NotNull(Clock);
        Assert.Equal(VirtualClock.DefaultStart, Now);
        Assert.Equal(TimeSpan.Zero, Clock!.Elapsed);
    }

    [Fact]
    public void ExpectMsg_should_receive_a_scheduled_message_with_the_clock_moved_exactly_to_its_due_time()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMinutes(10), TestActor, "tick", ActorRefs.NoSender);

        ExpectMsg("tick", TimeSpan.FromMinutes(11));

        Assert.Equal(start + TimeSpan.FromMinutes(10), Now);
    }

    [Fact]
    public void ExpectMsg_should_receive_an_actor_timer_message_with_the_clock_moved_exactly_to_its_due_time()
    {
        var timers = ActorOf<TimerActor>();
        timers.Tell(new ScheduleFor(TestActor, "timer fired", TimeSpan.FromMinutes(10)), ActorRefs.NoSender);
        RunUntilIdle();
        var start = Now;

        ExpectMsg("timer fired", TimeSpan.FromMinutes(11));

        Assert.Equal(start + TimeSpan.FromMinutes(10), Now);
        Assert.Equal(timers, LastSender);
    }

    [Fact]
    public void ExpectMsg_should_fail_for_a_later_message_and_leave_the_clock_exactly_at_its_deadline()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMinutes(10), TestActor, "tick", ActorRefs.NoSender);

        Assert.Throws<XunitException>(() => ExpectMsg("tick", TimeSpan.FromMinutes(1)));

        Assert.Equal(start + TimeSpan.FromMinutes(1), Now);
        ExpectMsg("tick", TimeSpan.FromMinutes(9));
        Assert.Equal(start + TimeSpan.FromMinutes(10), Now);
    }

    [Fact]
    public void ExpectMsg_should_complete_a_one_hour_virtual_wait()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "an hour later", ActorRefs.NoSender);

        ExpectMsg("an hour later", TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(1), Now - start);
        Assert.Equal(TimeSpan.FromHours(1), Clock!.Elapsed);
    }

    [Fact]
    public void ExpectNoMsg_should_move_the_clock_by_exactly_its_duration()
    {
        var start = Now;

        ExpectNoMsg(TimeSpan.FromSeconds(5));

        Assert.Equal(start + TimeSpan.FromSeconds(5), Now);
    }

    [Fact]
    public void ExpectNoMsg_should_complete_a_one_day_virtual_wait()
    {
        var start = Now;

        ExpectNoMsg(TimeSpan.FromDays(1));

        Assert.Equal(TimeSpan.FromDays(1), Now - start);
    }

    [Fact]
    public void Advance_should_fire_timers_in_due_order()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), TestActor, "third", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "first", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "second", ActorRefs.NoSender);

        Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(start + TimeSpan.FromSeconds(5), Now);
        Assert.Equal(["first", "second", "third"], ReceiveN(3, TimeSpan.Zero));
        Assert.Equal(start + TimeSpan.FromSeconds(5), Now);
    }

    [Fact]
    public void Advance_should_fire_only_the_timers_due_within_the_duration()
    {
        var start = Now;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "due", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "not yet", ActorRefs.NoSender);

        Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal("due", ReceiveOne(TimeSpan.Zero));
        Assert.False(HasMessages);
        Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal("not yet", ReceiveOne(TimeSpan.Zero));
        Assert.Equal(start + TimeSpan.FromSeconds(2), Now);
    }

    [Fact]
    public void Advance_should_run_actors_between_timers_so_timers_they_start_fire_in_the_same_advance()
    {
        var timers = ActorOf<TimerActor>();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), timers, new ScheduleFor(TestActor, "chained", TimeSpan.FromSeconds(1)), ActorRefs.NoSender);

        Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("chained", ReceiveOne(TimeSpan.Zero));
    }

    [Fact]
    public void Advance_should_fire_a_periodic_timer_once_per_period()
    {
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick", ActorRefs.NoSender);

        Advance(TimeSpan.FromMilliseconds(3500));

        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3, TimeSpan.Zero));
        Assert.False(HasMessages);
    }

    [Fact]
    public void RunUntilIdle_should_process_pending_messages_without_moving_time()
    {
        var start = Now;
        var echo = ActorOf<EchoActor>();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "timer", ActorRefs.NoSender);
        echo.Tell("echoed", TestActor);

        Assert.False(HasMessages);
        Assert.True(RunUntilIdle() > 0);

        Assert.Equal(start, Now);
        Assert.True(HasMessages);
        Assert.Equal("echoed", ReceiveOne(TimeSpan.Zero));
        Assert.False(HasMessages);
        Assert.Equal(1, Clock!.PendingTimers);
    }

    [Fact]
    public void Messages_should_not_be_processed_until_the_test_runs_the_system()
    {
        var counter = ActorOfAsTestActorRef<CounterActor>(Props.Create<CounterActor>());

        counter.Tell(new Increment(), ActorRefs.NoSender);
        Assert.Equal(0, counter.UnderlyingActor.Count);

        RunUntilIdle();
        Assert.Equal(1, counter.UnderlyingActor.Count);
    }

    [Fact]
    public void Advance_should_throw_for_a_negative_duration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Log_events_should_carry_virtual_timestamps()
    {
        var output = new CapturingOutput();
        using var kit = new TestKit(output);
        var logger = kit.ActorOf(Props.Create<LoggingActor>());

        kit.Advance(TimeSpan.FromMinutes(90));
        logger.Tell(new LogRequest(Actors.Event.LogLevel.InfoLevel, "stamped"), ActorRefs.NoSender);
        kit.RunUntilIdle();

        Assert.Contains(output.Lines, line => line.StartsWith("[INFO][2000-01-01 01:30:00.000]", StringComparison.Ordinal) && line.EndsWith("stamped", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpectMsg_should_move_virtual_time_for_a_Task_Delay_on_the_system_clock_in_an_async_receive()
    {
        var slow = ActorOf<SlowReplyActor>();
        var start = Now;

        slow.Tell(TimeSpan.FromMinutes(30), TestActor);

        ExpectMsg($"waited {TimeSpan.FromMinutes(30)}", TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromMinutes(30), Now - start);
        Assert.Equal(slow, LastSender);
    }
}
