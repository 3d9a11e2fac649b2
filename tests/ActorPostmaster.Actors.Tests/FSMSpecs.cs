using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Actors.Tests;

public sealed class FSMSpecs : TestKit.TestKit
{
    public FSMSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    public enum DoorState
    {
        Closed,
        Open,
        Locked,
        Nowhere,
    }

    [Fact]
    public void An_FSM_should_move_between_states_and_keep_its_data()
    {
        var door = ActorOfAsTestFSMRef<Door, DoorState, int>(() => new Door(TestActor));

        door.Tell("open");
        ExpectMsg("Closed->Open");
        door.Tell("close");
        ExpectMsg("Open->Closed");

        Assert.Equal(DoorState.Closed, door.StateName);
        Assert.Equal(2, door.StateData);
    }

    [Fact]
    public void A_state_timeout_should_fire_in_virtual_time_and_any_other_message_should_cancel_it()
    {
        var start = Now;
        var door = ActorOfAsTestFSMRef<Door, DoorState, int>(() => new Door(TestActor));
        door.Tell("open");
        ExpectMsg("Closed->Open");
        Assert.True(door.IsStateTimerActive);

        Advance(TimeSpan.FromSeconds(20));
        door.Tell("ping"); // resets the 30 s timeout
        ExpectMsg("pong");

        ExpectMsg("Open->Closed", TimeSpan.FromMinutes(1)); // closed by the timeout
        Assert.Equal(TimeSpan.FromSeconds(50), Now - start);
    }

    [Fact]
    public void ForMax_should_override_the_state_timeout()
    {
        var start = Now;
        var door = ActorOf(Props.Create(() => new Door(TestActor)));

        door.Tell("open briefly");

        ExpectMsg("Closed->Open");
        ExpectMsg("Open->Closed", TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(5), Now - start);
    }

    [Fact]
    public void Stay_should_not_report_a_transition_but_GoTo_the_same_state_should()
    {
        var door = ActorOf(Props.Create(() => new Door(TestActor)));

        door.Tell("stay");
        ExpectMsg("stayed");
        door.Tell("goto-same");

        ExpectMsg("went"); // as in Akka, replies go out before the transition is reported
        ExpectMsg("Closed->Closed");
    }

    [Fact]
    public void Transition_subscribers_should_get_the_current_state_then_each_transition()
    {
        var door = ActorOf(Props.Create(() => new Door(ActorRefs.Nobody)));

        door.Tell(new FSMBase.SubscribeTransitionCallBack(TestActor));
        door.Tell("open");

        Assert.Equal(DoorState.Closed, ExpectMsg<FSMBase.CurrentState<DoorState>>().State);
        var transition = ExpectMsg<FSMBase.Transition<DoorState>>();
        Assert.Equal((DoorState.Closed, DoorState.Open), (transition.From, transition.To));
    }

    [Fact]
    public void Replying_should_answer_the_sender()
    {
        var door = ActorOf(Props.Create(() => new Door(ActorRefs.Nobody)));

        door.Tell("state?");

        ExpectMsg(DoorState.Closed);
    }

    [Fact]
    public void Going_to_a_state_without_a_handler_should_stop_the_FSM_with_a_failure()
    {
        var door = ActorOf(Props.Create(() => new Door(TestActor)));
        Watch(door);

        EventFilter.Error(start: "terminating due to Failure").ExpectOne(() => door.Tell("vanish"));

        ExpectMsg<string>(s => s.StartsWith("terminated: Failure", StringComparison.Ordinal));
        ExpectTerminated(door);
    }

    [Fact]
    public void Stop_should_run_the_termination_handler_with_the_reason_and_data()
    {
        var door = ActorOf(Props.Create(() => new Door(TestActor)));
        Watch(door);

        door.Tell("stop");

        ExpectMsg("terminated: Normal { } in Closed with 0");
        ExpectTerminated(door);
    }

    [Fact]
    public void Stopping_the_actor_from_outside_should_run_the_termination_handler_with_Shutdown()
    {
        var door = ActorOf(Props.Create(() => new Door(TestActor)));
        Watch(door);

        Sys.Stop(door);

        ExpectMsg("terminated: Shutdown { } in Closed with 0");
        ExpectTerminated(door);
    }

    [Fact]
    public void Unhandled_events_should_go_to_WhenUnhandled()
    {
        var door = ActorOf(Props.Create(() => new Door(TestActor)));

        door.Tell(42);

        ExpectMsg("unhandled 42 in Closed");
    }

    [Fact]
    public void SetState_should_apply_a_state_as_if_a_state_function_returned_it()
    {
        var door = ActorOfAsTestFSMRef<Door, DoorState, int>(() => new Door(TestActor));

        door.SetState(DoorState.Locked, 7);

        ExpectMsg("Closed->Locked");
        Assert.Equal(DoorState.Locked, door.StateName);
        Assert.Equal(7, door.StateData);
    }

    [Fact]
    public void Named_timers_should_deliver_their_message_and_be_cancellable()
    {
        var door = ActorOfAsTestFSMRef<Door, DoorState, int>(() => new Door(TestActor));

        door.Tell("remind");
        RunUntilIdle();
        Assert.True(door.IsTimerActive("reminder"));
        ExpectMsg("reminded", TimeSpan.FromSeconds(15));
        Assert.False(door.IsTimerActive("reminder"));

        door.Tell("remind");
        door.Tell("forget");
        ExpectNoMsg(TimeSpan.FromSeconds(20));
    }

    private sealed class Door : FSM<DoorState, int>
    {
        public Door(IActorRef probe)
        {
            StartWith(DoorState.Closed, 0);
            When(DoorState.Closed, e => e.FsmEvent switch
            {
                "open" => GoTo(DoorState.Open).Using(e.StateData + 1),
                "open briefly" => GoTo(DoorState.Open).Using(e.StateData + 1).ForMax(TimeSpan.FromSeconds(5)),
                "stay" => Stay().Replying("stayed"),
                "goto-same" => GoTo(DoorState.Closed).Replying("went"),
                "state?" => Stay().Replying(StateName),
                "vanish" => GoTo(DoorState.Nowhere),
                "stop" => Stop(),
                "remind" => Remind(),
                "forget" => Forget(),
                _ => null,
            });
            When(DoorState.Open, e => e.FsmEvent switch
            {
                "close" or StateTimeout => GoTo(DoorState.Closed).Using(e.StateData + 1),
                "ping" => Stay().Replying("pong"),
                _ => null,
            }, TimeSpan.FromSeconds(30));
            When(DoorState.Locked, _ => null);
            WhenUnhandled(e => e.FsmEvent switch
            {
                "reminder" => Notify(probe, "reminded"),
                int n => Stay().Replying($"unhandled {n} in {StateName}"),
                _ => null,
            });
            OnTransition((from, to) => probe.Tell($"{from}->{to}"));
            OnTermination(stop => probe.Tell($"terminated: {stop.Reason} in {stop.TerminatedState} with {stop.StateData}"));
            Initialize();
        }

        private State<DoorState, int> Notify(IActorRef probe, string what)
        {
            probe.Tell(what);
            return Stay();
        }

        private State<DoorState, int> Remind()
        {
            SetTimer("reminder", "reminder", TimeSpan.FromSeconds(10));
            return Stay();
        }

        private State<DoorState, int> Forget()
        {
            CancelTimer("reminder");
            return Stay();
        }
    }
}
