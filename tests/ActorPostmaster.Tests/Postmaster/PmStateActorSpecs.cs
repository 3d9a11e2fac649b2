using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

public sealed class PmStateActorSpecs : TestKit.TestKit
{
    public PmStateActorSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void The_FSM_should_apply_each_decision_reply_with_it_and_report_transitions()
    {
        var fsm = ActorOfAsTestFSMRef<PmStateActor, PmState, PmSnapshot>(() => new PmStateActor());
        fsm.Tell(new FSMBase.SubscribeTransitionCallBack(TestActor));
        Assert.Equal(PmState.Init, ExpectMsg<FSMBase.CurrentState<PmState>>().State);

        fsm.Tell(new PmCommand.Start(IoWorkers: 0));

        var decision = ExpectMsg<PmDecision>(); // replies go out before the transition is reported, as in Akka
        var transition = ExpectMsg<FSMBase.Transition<PmState>>();
        Assert.Equal((PmState.Init, PmState.Startup), (transition.From, transition.To));
        Assert.Equal(PmState.Startup, decision.Next.State);
        Assert.Equal(decision.Next, fsm.StateData);
    }

    [Fact]
    public void A_decision_that_keeps_the_state_should_not_be_reported_as_a_transition()
    {
        var fsm = ActorOfAsTestFSMRef<PmStateActor, PmState, PmSnapshot>(() => new PmStateActor());
        fsm.Tell(new PmCommand.Start(IoWorkers: 0));
        ExpectMsg<PmDecision>();
        fsm.Tell(new FSMBase.SubscribeTransitionCallBack(TestActor));
        ExpectMsg<FSMBase.CurrentState<PmState>>();

        fsm.Tell(new PmCommand.ChildRequest(PmRequest.RecoveryConsistent, ChildCensus.Empty, PmPolicy.Default));

        ExpectMsg<PmDecision>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Transitions_should_be_logged_with_PostgreSQLs_state_names()
    {
        var fsm = ActorOf(Props.Create(() => new PmStateActor()));

        EventFilter.Debug("updating PMState from PM_INIT to PM_STARTUP").ExpectOne(() => fsm.Tell(new PmCommand.Start(0)));
    }
}
