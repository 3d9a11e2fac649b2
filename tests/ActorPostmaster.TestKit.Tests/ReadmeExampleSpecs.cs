// The scenario test shown in README.md, verbatim, in a namespace of its own as an application's tests would be.
using ActorPostmaster.Actors;
using ActorPostmaster.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace MyApp.Tests;

public sealed class RestartSpecs(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public void A_crashing_worker_should_be_restarted_and_keep_its_mailbox()
    {
        var worker = ActorOf(Props.Create(() => new Worker()), "worker");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => worker.Tell("crash"));
        worker.Tell("ping");
        ExpectMsg("pong");
        ExpectNoMsg(TimeSpan.FromMinutes(5));   // five virtual minutes, in microseconds
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker()
        {
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("crashed"));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
        }
    }
}
