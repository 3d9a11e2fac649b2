using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class AskSpecs : TestKit.TestKit
{
    public AskSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public async Task Ask_should_return_the_reply()
    {
        var echo = ActorOf(Props.Create(() => new Replier()));

        var reply = await echo.Ask<string>("hello", TimeSpan.FromSeconds(1));

        Assert.Equal("hello", reply);
    }

    [Fact]
    public async Task Ask_should_time_out_in_virtual_time()
    {
        var silent = ActorOf(Props.Create(() => new Replier()));
        var start = Now;

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>("ignore me", TimeSpan.FromSeconds(30)));

        Assert.Contains("30000 ms", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), Now - start);
    }

    [Fact]
    public async Task A_Status_Failure_reply_should_fault_the_task_with_its_cause()
    {
        var echo = ActorOf(Props.Create(() => new Replier()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => echo.Ask<string>("fail", TimeSpan.FromSeconds(1)));

        Assert.Equal("asked to fail", error.Message);
    }

    [Fact]
    public async Task Ask_of_the_wrong_reply_type_should_fail_with_InvalidCastException()
    {
        var echo = ActorOf(Props.Create(() => new Replier()));

        await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("a string", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_cancelled_token_should_cancel_the_wait()
    {
        var silent = ActorOf(Props.Create(() => new Replier()));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => silent.Ask<string>("ignore me", cts.Token));
    }

    [Fact]
    public async Task An_actor_should_be_able_to_Ask_another_inside_ReceiveAsync()
    {
        var echo = ActorOf(Props.Create(() => new Replier()));
        var asker = ActorOf(Props.Create(() => new Asker(echo)));

        var reply = await asker.Ask<string>("relay", TimeSpan.FromSeconds(5));

        Assert.Equal("relayed: relay", reply);
    }

    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "ignore me", _ => { });
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("asked to fail"))));
            Receive<string>(s => Sender.Tell(s));
        }
    }

    private sealed class Asker : ReceiveActor
    {
        public Asker(IActorRef echo) => ReceiveAsync<string>(async s =>
        {
            var sender = Sender;
            var answer = await echo.Ask<string>(s, TimeSpan.FromSeconds(1));
            Assert.Equal(sender, Sender); // the sender survives the await
            sender.Tell($"relayed: {answer}");
        });
    }
}
