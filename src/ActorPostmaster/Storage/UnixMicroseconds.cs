namespace ActorPostmaster.Storage;

/// <summary>INTERNAL API. Times on disk as microseconds since the Unix epoch (int64).</summary>
internal static class UnixMicroseconds
{
    /// <summary>A time as unix microseconds (sub-microsecond ticks are dropped).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The microseconds.</returns>
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Unix microseconds as a UTC time.</summary>
    /// <param name="micros">The microseconds.</param>
    /// <returns>The time.</returns>
    public static DateTimeOffset To(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
