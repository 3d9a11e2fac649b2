namespace ActorPostmaster.Actors;

/// <summary>A child's restart budget, as its supervisor's strategy sees it.</summary>
/// <remarks>
/// Akka.NET: <c>ChildRestartStats</c>, with time passed in instead of read from a static clock, so restart windows
/// are virtual in tests. With a window, restarts are counted in a window opened at the first restart; a restart after
/// the window has passed opens a new one.
/// </remarks>
public sealed class ChildRestartStats
{
    private DateTimeOffset? _windowStart;

    /// <summary>Creates the statistics of <paramref name="child"/>.</summary>
    /// <param name="child">The child.</param>
    public ChildRestartStats(IActorRef child) => Child = child;

    /// <summary>The child.</summary>
    public IActorRef Child { get; }

    /// <summary>Restarts counted in the current window (or in the child's life, without a window).</summary>
    public int RestartCount { get; private set; }

    /// <summary>
    /// Counts a restart and says whether the budget allows it: <paramref name="maxNrOfRetries"/> 0 never allows one,
    /// a negative count with no window always does, a count with no window limits the child's lifetime restarts.
    /// </summary>
    /// <param name="maxNrOfRetries">The budget; negative for no limit.</param>
    /// <param name="withinTimeRange">The window, or null.</param>
    /// <param name="now">The current time on the system clock.</param>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, DateTimeOffset now)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        var windowDefined = withinTimeRange is { } w && w > TimeSpan.Zero;
        if (!windowDefined)
        {
            if (maxNrOfRetries < 0)
            {
                return true;
            }

            RestartCount++;
            return RestartCount <= maxNrOfRetries;
        }

        var limit = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        if (_windowStart is { } start && now - start <= withinTimeRange!.Value)
        {
            RestartCount++;
            return RestartCount <= limit;
        }

        _windowStart = now;
        RestartCount = 1;
        return true;
    }
}
