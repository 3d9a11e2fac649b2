using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class PipeToSpecs : TestKit.TestKit
{
    public PipeToSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void A_piped_result_should_arrive_as_a_message_with_the_given_sender()
    {
        var actor = ActorOf(Props.Create(() => new Fetcher()));

        actor.Tell("fetch");

        ExpectMsg("fetched after 2s");
        Assert.Equal(actor, LastSender);
    }

    [Fact]
    public async Task A_piped_fault_should_arrive_as_Status_Failure()
    {
        await Task.FromException<int>(new InvalidOperationException("no")).PipeTo(TestActor);

        Assert.Equal("no", ExpectMsg<Status.Failure>().Cause.Message);
    }

    [Fact]
    public async Task Mapping_functions_should_shape_the_messages()
    {
        await Task.FromResult(21).PipeTo(TestActor, success: n => n * 2);
        await Task.CompletedTask.PipeTo(TestActor, success: () => "done");
        await Task.FromException(new TimeoutException()).PipeTo(TestActor, failure: e => e.GetType().Name);

        ExpectMsg(42);
        ExpectMsg("done");
        ExpectMsg("TimeoutException");
    }

    private sealed class Fetcher : ReceiveActor
    {
        public Fetcher()
        {
            Receive<string>(s => s == "fetch", _ =>
            {
                var replyTo = Sender;
                Fetch(Context.System.Scheduler.TimeProvider).PipeTo(Self, replyTo);
            });
            Receive<Fetched>(f => Sender.Tell($"fetched after {f.After.TotalSeconds}s", Self));
        }

        private static async Task<Fetched> Fetch(TimeProvider clock)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), clock);
            return new Fetched(TimeSpan.FromSeconds(2));
        }
    }

    private sealed record Fetched(TimeSpan After);
}
