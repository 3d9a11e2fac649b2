using ActorPostmaster.Actors;
using Xunit;

namespace ActorPostmaster.TestKit.Tests;

public enum DoorState
{
    Closed,
    Open,
    Locked,
}

public sealed record DoorData(int Openings, string LastVisitor);

/// <summary>A door: "open" opens it (for at most 5 s), "close" closes it, "lock" locks a closed door; transitions go to an observer.</summary>
public sealed class DoorFsm : FSM<DoorState, DoorData>
{
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(5);

    public DoorFsm(IActorRef observer)
    {
        StartWith(DoorState.Closed, new DoorData(0, "nobody"));
        When(DoorState.Closed, e => e.FsmEvent switch
        {
            string visitor when visitor.StartsWith("open:", StringComparison.Ordinal) => Open(e.StateData, visitor["open:".Length..]),
            "lock" => GoTo(DoorState.Locked),
            _ => null,
        });
        When(DoorState.Open, e => e.FsmEvent switch
        {
            "close" => GoTo(DoorState.Closed),
            "chime" => Chime(observer),
            StateTimeout => GoTo(DoorState.Closed),
            _ => null,
        }, OpenTimeout);
        When(DoorState.Locked, e => e.FsmEvent is "unlock" ? GoTo(DoorState.Closed) : null);
        OnTransition((from, to) => observer.Tell($"{from}->{to}", Self));
        Initialize();
    }

    private State<DoorState, DoorData> Open(DoorData data, string visitor)
    {
        SetTimer("chime", "chime", TimeSpan.FromSeconds(2));
        return GoTo(DoorState.Open).Using(new DoorData(data.Openings + 1, visitor));
    }

    private State<DoorState, DoorData> Chime(IActorRef observer)
    {
        observer.Tell("chime", Self);
        return Stay();
    }
}

public class TestFSMRefSpecs : TestKit
{
    private TestFSMRef<DoorFsm, DoorState, DoorData> CreateDoor() =>
        ActorOfAsTestFSMRef<DoorFsm, DoorState, DoorData>(() => new DoorFsm(TestActor), "door");

    [Fact]
    public void TestFSMRef_should_expose_the_initial_state_and_data()
    {
        var door = CreateDoor();

        Assert.Equal(DoorState.Closed, door.StateName);
        Assert.Equal(new DoorData(0, "nobody"), door.StateData);
        Assert.False(door.IsStateTimerActive);
    }

    [Fact]
    public void TestFSMRef_should_follow_state_and_data_through_messages()
    {
        var door = CreateDoor();

        door.Tell("open:ann", ActorRefs.NoSender);
        ExpectMsg("Closed->Open");

        Assert.Equal(DoorState.Open, door.StateName);
        Assert.Equal(new DoorData(1, "ann"), door.StateData);
        Assert.True(door.IsStateTimerActive);

        door.Tell("close", ActorRefs.NoSender);
        ExpectMsg("Open->Closed");
        Assert.Equal(DoorState.Closed, door.StateName);
        Assert.False(door.IsStateTimerActive);
    }

    [Fact]
    public void SetState_should_run_the_transition_and_arm_the_state_timeout()
    {
        var door = CreateDoor();

        door.SetState(DoorState.Open, new DoorData(9, "set"));

        Assert.Equal(DoorState.Open, door.StateName);
        Assert.Equal(new DoorData(9, "set"), door.StateData);
        Assert.True(door.IsStateTimerActive);
        ExpectMsg("Closed->Open", TimeSpan.Zero);
    }

    [Fact]
    public void SetState_without_data_should_keep_the_current_data()
    {
        var door = CreateDoor();

        door.SetState(DoorState.Locked);

        Assert.Equal(DoorState.Locked, door.StateName);
        Assert.Equal(new DoorData(0, "nobody"), door.StateData);
        Assert.False(door.IsStateTimerActive);
        ExpectMsg("Closed->Locked");
    }

    [Fact]
    public void SetState_with_a_timeout_should_arm_a_timer_in_a_state_without_one()
    {
        var door = CreateDoor();
        var start = Now;

        door.SetState(DoorState.Locked, timeout: TimeSpan.FromSeconds(1));
        ExpectMsg("Closed->Locked");

        Assert.True(door.IsStateTimerActive);
        Advance(TimeSpan.FromSeconds(1));
        Assert.False(door.IsStateTimerActive);
        Assert.Equal(DoorState.Locked, door.StateName);
        Assert.Equal(start + TimeSpan.FromSeconds(1), Now);
    }

    [Fact]
    public void State_timeout_should_fire_in_virtual_time()
    {
        var door = CreateDoor();
        door.SetState(DoorState.Open);
        ExpectMsg("Closed->Open");
        var start = Now;

        ExpectMsg("Open->Closed", TimeSpan.FromMinutes(1));

        Assert.Equal(DoorFsm.OpenTimeout, Now - start);
        Assert.Equal(DoorState.Closed, door.StateName);
        Assert.False(door.IsStateTimerActive);
    }

    [Fact]
    public void State_timeout_should_not_fire_before_it_is_due()
    {
        var door = CreateDoor();
        door.SetState(DoorState.Open);
        ExpectMsg("Closed->Open");

        ExpectNoMsg(DoorFsm.OpenTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(DoorState.Open, door.StateName);
        Assert.True(door.IsStateTimerActive);

        ExpectMsg("Open->Closed", TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void IsTimerActive_should_report_a_named_timer_until_it_fires()
    {
        var door = CreateDoor();
        Assert.False(door.IsTimerActive("chime"));

        door.Tell("open:cy", ActorRefs.NoSender);
        ExpectMsg("Closed->Open");
        Assert.True(door.IsTimerActive("chime"));

        ExpectMsg("chime", TimeSpan.FromSeconds(3));
        Assert.False(door.IsTimerActive("chime"));
        Assert.False(door.IsTimerActive("nothing"));
    }
}
