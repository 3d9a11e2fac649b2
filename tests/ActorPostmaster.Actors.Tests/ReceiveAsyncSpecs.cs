using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class ReceiveAsyncSpecs : TestKit.TestKit
{
    public ReceiveAsyncSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void An_async_handler_should_hold_back_later_messages_until_its_task_completes()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));

        actor.Tell("slow");
        actor.Tell("fast");

        ExpectMsg("slow: started");
        ExpectMsg("slow: done", TimeSpan.FromSeconds(10));
        ExpectMsg("fast: started");
    }

    [Fact]
    public void Context_and_Sender_should_still_be_valid_after_an_await()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));

        actor.Tell("who");

        ExpectMsg<string>(s => s.StartsWith("self=", StringComparison.Ordinal) && s.Contains(actor.Path.ToString(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(actor, LastSender);
    }

    [Fact]
    public void A_faulted_task_should_be_a_failure_of_the_actor()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));

        EventFilter.Exception<InvalidOperationException>("async boom").ExpectOne(() => actor.Tell("throw"));
        actor.Tell("fast");

        ExpectMsg("restarted");
        ExpectMsg("fast: started"); // the mailbox flows again
    }

    [Fact]
    public void A_handler_that_completes_without_awaiting_should_let_the_next_message_through_in_order()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));

        actor.Tell("sync");
        actor.Tell("sync");
        actor.Tell("fast");

        ExpectMsg("sync: done");
        ExpectMsg("sync: done");
        ExpectMsg("fast: started");
    }

    [Fact]
    public void A_task_that_faults_before_its_first_await_should_be_a_failure_of_the_actor()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));

        EventFilter.Exception<InvalidOperationException>("sync boom").ExpectOne(() => actor.Tell("throw at once"));
        actor.Tell("sync");

        ExpectMsg("restarted");
        ExpectMsg("sync: done");
    }

    [Fact]
    public void System_messages_should_still_be_processed_while_an_async_handler_waits()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));
        Watch(actor);

        actor.Tell("forever");
        ExpectMsg("forever: started");
        Sys.Stop(actor);

        ExpectTerminated(actor);
    }

    private sealed class Slow : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Slow(IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<string>(s => s == "slow", async _ =>
            {
                probe.Tell("slow: started");
                await Task.Delay(TimeSpan.FromSeconds(5), Context.System.Scheduler.TimeProvider);
                probe.Tell("slow: done");
            });
            ReceiveAsync<string>(s => s == "who", async _ =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Context.System.Scheduler.TimeProvider);
                Sender.Tell($"self={Context.Self.Path}");
            });
            ReceiveAsync<string>(s => s == "throw", async _ =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Context.System.Scheduler.TimeProvider);
                throw new InvalidOperationException("async boom");
            });
            ReceiveAsync<string>(s => s == "sync", _ =>
            {
                probe.Tell("sync: done");
                return Task.CompletedTask;
            });
            ReceiveAsync<string>(s => s == "throw at once", async _ =>
            {
                await Task.CompletedTask;
                throw new InvalidOperationException("sync boom");
            });
            ReceiveAsync<string>(s => s == "forever", async _ =>
            {
                probe.Tell("forever: started");
                await new TaskCompletionSource().Task;
            });
            Receive<string>(s => probe.Tell($"{s}: started"));
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell("restarted");
            base.PostRestart(reason);
        }
    }
}
