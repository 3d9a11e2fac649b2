namespace ActorPostmaster.Actors;

/// <summary>The messages and value types of <see cref="FSM{TState, TData}"/>.</summary>
/// <remarks>Akka.NET: <c>FSMBase</c>, with the same nested type names.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1034", Justification = "Akka.NET's FSM API nests its message types.")]
public abstract class FSMBase : ActorBase
{
    /// <summary>Sent to the FSM when it stayed in a state for longer than that state's timeout.</summary>
    public sealed class StateTimeout
    {
        private StateTimeout()
        {
        }

        /// <summary>The single instance.</summary>
        public static StateTimeout Instance { get; } = new();

        /// <inheritdoc />
        public override string ToString() => "StateTimeout";
    }

    /// <summary>Subscribes an actor to the FSM's transitions; it receives <see cref="CurrentState{TS}"/> at once, then every <see cref="Transition{TS}"/>.</summary>
    /// <param name="ActorRef">The subscriber.</param>
    public sealed record SubscribeTransitionCallBack(IActorRef ActorRef);

    /// <summary>Ends a subscription.</summary>
    /// <param name="ActorRef">The subscriber.</param>
    public sealed record UnsubscribeTransitionCallBack(IActorRef ActorRef);

    /// <summary>The state an FSM is in, sent to a new subscriber.</summary>
    /// <typeparam name="TS">The state type.</typeparam>
    /// <param name="FsmRef">The FSM.</param>
    /// <param name="State">Its current state.</param>
    public sealed record CurrentState<TS>(IActorRef FsmRef, TS State);

    /// <summary>A change of state, sent to every subscriber.</summary>
    /// <typeparam name="TS">The state type.</typeparam>
    /// <param name="FsmRef">The FSM.</param>
    /// <param name="From">The state it left.</param>
    /// <param name="To">The state it entered.</param>
    public sealed record Transition<TS>(IActorRef FsmRef, TS From, TS To);

    /// <summary>Why an FSM stopped.</summary>
    public abstract record Reason;

    /// <summary>It stopped itself on purpose.</summary>
    public sealed record Normal : Reason
    {
        /// <summary>The single instance.</summary>
        public static Normal Instance { get; } = new();
    }

    /// <summary>It was stopped from outside (its actor stopped).</summary>
    public sealed record Shutdown : Reason
    {
        /// <summary>The single instance.</summary>
        public static Shutdown Instance { get; } = new();
    }

    /// <summary>It stopped because of an error.</summary>
    /// <param name="Cause">What went wrong: an exception or a description.</param>
    public sealed record Failure(object Cause) : Reason;

    /// <summary>A message as a state function sees it, with the current state data.</summary>
    /// <typeparam name="TD">The data type.</typeparam>
    /// <param name="FsmEvent">The message.</param>
    /// <param name="StateData">The current state data.</param>
    public sealed record Event<TD>(object FsmEvent, TD StateData);

    /// <summary>What <c>OnTermination</c> handlers see.</summary>
    /// <typeparam name="TS">The state type.</typeparam>
    /// <typeparam name="TD">The data type.</typeparam>
    /// <param name="Reason">Why it stopped.</param>
    /// <param name="TerminatedState">The state it was in.</param>
    /// <param name="StateData">Its data.</param>
    public sealed record StopEvent<TS, TD>(Reason Reason, TS TerminatedState, TD StateData);

    /// <summary>The next state, as returned by a state function: name, data, timeout, replies and stop reason.</summary>
    /// <typeparam name="TS">The state type.</typeparam>
    /// <typeparam name="TD">The data type.</typeparam>
    public sealed record State<TS, TD>
    {
        /// <summary>Creates a state value.</summary>
        /// <param name="stateName">The state.</param>
        /// <param name="stateData">Its data.</param>
        /// <param name="timeout">Its timeout, overriding the one given to <c>When</c>.</param>
        /// <param name="stopReason">Set when the FSM is to stop.</param>
        public State(TS stateName, TD stateData, TimeSpan? timeout = null, Reason? stopReason = null)
        {
            StateName = stateName;
            StateData = stateData;
            Timeout = timeout;
            StopReason = stopReason;
        }

        /// <summary>The state.</summary>
        public TS StateName { get; init; }

        /// <summary>Its data.</summary>
        public TD StateData { get; init; }

        /// <summary>The state timeout, or null for the one given to <c>When</c>.</summary>
        public TimeSpan? Timeout { get; init; }

        /// <summary>Non-null when the FSM is to stop.</summary>
        public Reason? StopReason { get; init; }

        /// <summary>Replies to send to the sender of the message, in order.</summary>
        public IReadOnlyList<object> Replies { get; init; } = [];

        /// <summary>Whether entering this state notifies transition handlers even when the name is unchanged (GoTo: yes, Stay: no).</summary>
        public bool Notifies { get; init; } = true;

        /// <summary>A copy with other data.</summary>
        /// <param name="nextStateData">The data.</param>
        public State<TS, TD> Using(TD nextStateData) => this with { StateData = nextStateData };

        /// <summary>A copy with a state timeout; null or infinite clears it.</summary>
        /// <param name="timeout">The timeout.</param>
        public State<TS, TD> ForMax(TimeSpan? timeout) =>
            this with { Timeout = timeout is { } t && t != System.Threading.Timeout.InfiniteTimeSpan ? t : null };

        /// <summary>A copy that also replies <paramref name="replyValue"/> to the sender.</summary>
        /// <param name="replyValue">The reply.</param>
        public State<TS, TD> Replying(object replyValue) => this with { Replies = [.. Replies, replyValue] };

        /// <summary>A copy that stops the FSM with <paramref name="reason"/>.</summary>
        /// <param name="reason">The reason.</param>
        public State<TS, TD> WithStopReason(Reason reason) => this with { StopReason = reason };

        internal State<TS, TD> WithNotification(bool notifies) => this with { Notifies = notifies };
    }
}
