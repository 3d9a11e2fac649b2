namespace ActorPostmaster.Actors;

internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTimer;
    private int _receiveTimeoutGeneration;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : null;
        if (_receiveTimeout is null)
        {
            CancelReceiveTimeout();
        }
    }

    /// <summary>After a message: (re)arm the timer when the message counts as activity, or when none is armed.</summary>
    private void CheckReceiveTimeout(bool reschedule)
    {
        if (_receiveTimeout is not { } timeout || _terminating)
        {
            CancelReceiveTimeout();
            return;
        }

        if (reschedule || _receiveTimeoutTimer is null)
        {
            CancelReceiveTimeout();
            _receiveTimeoutTimer = System.Scheduler.ScheduleTellOnceCancelable(
                timeout, SelfRef, new ReceiveTimeoutMarker(_receiveTimeoutGeneration), ActorRefs.NoSender);
        }
    }

    private void CancelReceiveTimeout()
    {
        if (_receiveTimeoutTimer is not null)
        {
            _receiveTimeoutTimer.Cancel();
            _receiveTimeoutTimer = null;
        }

        _receiveTimeoutGeneration++;
    }
}
