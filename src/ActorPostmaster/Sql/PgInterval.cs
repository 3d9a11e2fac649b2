namespace ActorPostmaster.Sql;

/// <summary>
/// A value of type interval as PostgreSQL keeps it: months, days and microseconds, each with its own sign (a month
/// is not a fixed number of days and a day is not always 24 hours).
/// </summary>
/// <param name="Months">Months (a year is 12).</param>
/// <param name="Days">Days.</param>
/// <param name="Microseconds">The time part, in microseconds.</param>
public readonly record struct PgInterval(int Months, int Days, long Microseconds) : IComparable<PgInterval>
{
    /// <summary>Microseconds in a day.</summary>
    internal const long MicrosecondsPerDay = 86_400_000_000L;

    /// <summary>The interval of the given time span (days and time; no months).</summary>
    /// <param name="span">The span (rounded to microseconds).</param>
    /// <returns>The interval.</returns>
    public static PgInterval FromTimeSpan(TimeSpan span)
    {
        var micros = (long)Math.Round(span.Ticks / 10.0, MidpointRounding.ToEven);
        return new PgInterval(0, (int)(micros / MicrosecondsPerDay), micros % MicrosecondsPerDay);
    }

    /// <summary>
    /// The span PostgreSQL compares intervals by: a month counts as 30 days and a day as 24 hours (so '1 mon' equals
    /// '30 days').
    /// </summary>
    internal Int128 ComparableSpan => ((Int128)Months * 30 + Days) * MicrosecondsPerDay + Microseconds;

    /// <inheritdoc />
    public int CompareTo(PgInterval other) => ComparableSpan.CompareTo(other.ComparableSpan);

    /// <summary>True when the two intervals are equal as PostgreSQL's = sees them (by <see cref="ComparableSpan"/>).</summary>
    /// <param name="other">The other interval.</param>
    /// <returns>True when equal.</returns>
    public bool SqlEquals(PgInterval other) => ComparableSpan == other.ComparableSpan;

    /// <summary>Less than, as PostgreSQL's &lt; on intervals.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(PgInterval left, PgInterval right) => left.CompareTo(right) < 0;

    /// <summary>Less than or equal, as PostgreSQL's &lt;= on intervals.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(PgInterval left, PgInterval right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than, as PostgreSQL's &gt; on intervals.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(PgInterval left, PgInterval right) => left.CompareTo(right) > 0;

    /// <summary>Greater than or equal, as PostgreSQL's &gt;= on intervals.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(PgInterval left, PgInterval right) => left.CompareTo(right) >= 0;

    /// <summary>The PostgreSQL text form (IntervalStyle postgres), e.g. <c>1 day 02:00:00</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => PgTextFormat.FormatInterval(this);
}
