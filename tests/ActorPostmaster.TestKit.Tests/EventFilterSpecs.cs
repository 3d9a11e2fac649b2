using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Xunit;
using Xunit.Sdk;

namespace ActorPostmaster.TestKit.Tests;

public class EventFilterSpecs : TestKit
{
    [Fact]
    public void Exception_filter_should_catch_the_logged_failure_of_a_crashing_actor()
    {
        var crasher = ActorOf<CrashingActor>();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => crasher.Tell("boom", ActorRefs.NoSender));
    }

    [Fact]
    public void Exception_filter_should_match_by_message_start_contains_and_source()
    {
        var crasher = ActorOf<CrashingActor>("crasher");
        var source = crasher.Path.ToString();

        EventFilter.Exception<InvalidOperationException>(message: "exact text").ExpectOne(() => crasher.Tell("exact text", ActorRefs.NoSender));
        EventFilter.Exception<InvalidOperationException>(start: "prefix").ExpectOne(() => crasher.Tell("prefix and more", ActorRefs.NoSender));
        EventFilter.Exception<InvalidOperationException>(contains: "middle").ExpectOne(() => crasher.Tell("a middle part", ActorRefs.NoSender));
        EventFilter.Exception<InvalidOperationException>(source: source).ExpectOne(() => crasher.Tell("from the source", ActorRefs.NoSender));
    }

    [Fact]
    public void Exception_filter_should_match_derived_exception_types()
    {
        var crasher = ActorOf<CrashingActor>();

        EventFilter.Exception<ArgumentException>(contains: "out of range").ExpectOne(() => crasher.Tell(5, ActorRefs.NoSender));
    }

    [Fact]
    public void Exception_filter_should_fail_when_the_exception_is_of_another_type()
    {
        var crasher = ActorOf<CrashingActor>();

        var failure = Assert.Throws<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>().ExpectOne(() => crasher.Tell(5, ActorRefs.NoSender)));

        Assert.Equal("Expected 1 exception InvalidOperationException, but received 0.", failure.Message);
    }

    [Fact]
    public void Exception_filter_should_fail_when_the_message_does_not_match()
    {
        var crasher = ActorOf<CrashingActor>();

        Assert.Throws<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>(message: "expected").ExpectOne(() => crasher.Tell("actual", ActorRefs.NoSender)));
    }

    [Fact]
    public void Exception_filter_should_fail_when_the_source_does_not_match()
    {
        var crasher = ActorOf<CrashingActor>("crasher");
        var bystander = ActorOf<CrashingActor>("bystander");

        Assert.Throws<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>(source: bystander.Path.ToString())
                .ExpectOne(() => crasher.Tell("boom", ActorRefs.NoSender)));
    }

    [Fact]
    public void Expect_should_count_several_events()
    {
        var crasher = ActorOf<CrashingActor>();

        EventFilter.Exception<InvalidOperationException>().Expect(3, () =>
        {
            crasher.Tell("one", ActorRefs.NoSender);
            crasher.Tell("two", ActorRefs.NoSender);
            crasher.Tell("three", ActorRefs.NoSender);
        });
    }

    [Fact]
    public void ExpectOne_should_fail_when_more_events_arrive()
    {
        var crasher = ActorOf<CrashingActor>();

        var failure = Assert.Throws<XunitException>(() => EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            crasher.Tell("one", ActorRefs.NoSender);
            crasher.Tell("two", ActorRefs.NoSender);
        }));

        Assert.Equal("Expected 1 exception InvalidOperationException, but received 2.", failure.Message);
    }

    [Fact]
    public void Expect_should_fail_when_fewer_events_arrive_and_wait_only_the_leeway()
    {
        var crasher = ActorOf<CrashingActor>();
        var start = Now;

        var failure = Assert.Throws<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>().Expect(2, () => crasher.Tell("only one", ActorRefs.NoSender)));

        Assert.Equal("Expected 2 exception InvalidOperationException, but received 1.", failure.Message);
        Assert.Equal(TestKitSettings.FilterLeeway, Now - start);
    }

    [Fact]
    public void Expect_should_wait_for_events_that_follow_a_timer_within_the_leeway()
    {
        var crasher = ActorOf<CrashingActor>();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), crasher, "delayed crash", ActorRefs.NoSender));
    }

    [Fact]
    public void Expect_should_stop_counting_when_the_block_is_over()
    {
        var crasher = ActorOf<CrashingActor>();
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => crasher.Tell("counted", ActorRefs.NoSender));

        crasher.Tell("not counted", ActorRefs.NoSender);
        RunUntilIdle();

        EventFilter.Exception<InvalidOperationException>().Expect(0, () => { });
    }

    [Fact]
    public void ExpectOne_with_a_function_should_return_its_result()
    {
        var crasher = ActorOf<CrashingActor>();

        var result = EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            crasher.Tell("boom", ActorRefs.NoSender);
            return 42;
        });

        Assert.Equal(42, result);
    }

    [Fact]
    public void Error_filter_should_match_log_events_by_message()
    {
        var logger = ActorOf<LoggingActor>();

        EventFilter.Error("disk on fire").ExpectOne(() => logger.Tell(new LogRequest(LogLevel.ErrorLevel, "disk on fire"), ActorRefs.NoSender));
    }

    [Fact]
    public void Warning_filter_should_match_log_events_by_start()
    {
        var logger = ActorOf<LoggingActor>();

        EventFilter.Warning(start: "low on").ExpectOne(() => logger.Tell(new LogRequest(LogLevel.WarningLevel, "low on memory"), ActorRefs.NoSender));
    }

    [Fact]
    public void Info_filter_should_match_log_events_by_contains()
    {
        var logger = ActorOf<LoggingActor>();

        EventFilter.Info(contains: "started").Expect(2, () =>
        {
            logger.Tell(new LogRequest(LogLevel.InfoLevel, "server started"), ActorRefs.NoSender);
            logger.Tell(new LogRequest(LogLevel.InfoLevel, "worker started too"), ActorRefs.NoSender);
            logger.Tell(new LogRequest(LogLevel.InfoLevel, "unrelated"), ActorRefs.NoSender);
        });
    }

    [Fact]
    public void Debug_filter_should_match_log_events_by_source()
    {
        var logger = ActorOf<LoggingActor>("debug-logger");
        var other = ActorOf<LoggingActor>("other-logger");

        EventFilter.Debug(source: logger.Path.ToString()).ExpectOne(() =>
        {
            logger.Tell(new LogRequest(LogLevel.DebugLevel, "mine"), ActorRefs.NoSender);
            other.Tell(new LogRequest(LogLevel.DebugLevel, "theirs"), ActorRefs.NoSender);
        });
    }

    [Fact]
    public void Level_filters_should_not_match_events_of_another_level()
    {
        var logger = ActorOf<LoggingActor>();

        var failure = Assert.Throws<XunitException>(() =>
            EventFilter.Warning("same text").ExpectOne(() => logger.Tell(new LogRequest(LogLevel.InfoLevel, "same text"), ActorRefs.NoSender)));

        Assert.Equal("Expected 1 warning event with message \"same text\", but received 0.", failure.Message);
    }

    [Fact]
    public void Error_filter_should_fail_when_the_text_does_not_match()
    {
        var logger = ActorOf<LoggingActor>();

        Assert.Throws<XunitException>(() =>
            EventFilter.Error(contains: "fire").ExpectOne(() => logger.Tell(new LogRequest(LogLevel.ErrorLevel, "all calm"), ActorRefs.NoSender)));
    }

    [Fact]
    public void DeadLetter_filter_should_catch_a_message_told_to_a_stopped_actor()
    {
        var echo = Watch(ActorOf<EchoActor>());
        Sys.Stop(echo);
        ExpectTerminated(echo);

        EventFilter.DeadLetter<string>().ExpectOne(() => echo.Tell("too late", TestActor));
    }

    [Fact]
    public void DeadLetter_filter_should_apply_its_condition_and_type()
    {
        var echo = Watch(ActorOf<EchoActor>());
        Sys.Stop(echo);
        ExpectTerminated(echo);

        EventFilter.DeadLetter<string>(s => s.StartsWith("keep", StringComparison.Ordinal)).ExpectOne(() =>
        {
            echo.Tell("keep me", TestActor);
            echo.Tell("drop me", TestActor);
            echo.Tell(17, TestActor);
        });
        EventFilter.DeadLetter().Expect(2, () =>
        {
            echo.Tell("any", TestActor);
            echo.Tell(18, TestActor);
        });
    }

    [Fact]
    public void DeadLetter_filter_should_fail_when_the_actor_is_alive()
    {
        var echo = ActorOf<EchoActor>();

        Assert.Throws<XunitException>(() => EventFilter.DeadLetter<string>().ExpectOne(() => echo.Tell("delivered", TestActor)));
        ExpectMsg("delivered");
    }

    [Fact]
    public void Custom_filter_should_match_any_event_on_the_stream()
    {
        var logger = ActorOf<LoggingActor>();

        EventFilter.Custom(e => e.Message == "custom" && e.LogLevel() == LogLevel.InfoLevel)
            .ExpectOne(() => logger.Tell(new LogRequest(LogLevel.InfoLevel, "custom"), ActorRefs.NoSender));
        EventFilter.Custom<Greeting>(g => g.Name == "published").ExpectOne(() => Sys.EventStream.Publish(new Greeting("published")));
    }

    [Fact]
    public async Task ExpectOneAsync_and_ExpectAsync_should_count_events()
    {
        var crasher = ActorOf<CrashingActor>();

        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(() =>
        {
            crasher.Tell("async", ActorRefs.NoSender);
            return Task.CompletedTask;
        });
        await EventFilter.Exception<InvalidOperationException>().ExpectAsync(2, () =>
        {
            crasher.Tell("one", ActorRefs.NoSender);
            crasher.Tell("two", ActorRefs.NoSender);
            return Task.CompletedTask;
        });
        await Assert.ThrowsAsync<XunitException>(() => EventFilter.Exception<InvalidOperationException>().ExpectAsync(2, () => Task.CompletedTask));
    }

    [Fact]
    public void TestProbe_EventFilter_should_see_the_same_events()
    {
        var probe = CreateTestProbe();
        var crasher = ActorOf<CrashingActor>();

        probe.EventFilter.Exception<InvalidOperationException>().ExpectOne(() => crasher.Tell("boom", ActorRefs.NoSender));
    }
}
