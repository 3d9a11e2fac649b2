namespace ActorPostmaster.Sql;

/// <summary>What a statement runs against, provided by the session (the host).</summary>
public interface ISqlEnvironment
{
    /// <summary>The functions SQL may call.</summary>
    SqlFunctionRegistry Functions { get; }

    /// <summary>The session's TimeZone setting (timestamptz input without a zone, and output).</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// The relation <paramref name="name"/> (in <paramref name="schema"/>, or on the search path when null), or null
    /// when there is none (the caller raises 42P01).
    /// </summary>
    /// <param name="schema">The schema as written, or null.</param>
    /// <param name="name">The relation's name.</param>
    /// <returns>The relation or null.</returns>
    IRelation? FindRelation(string? schema, string name);

    /// <summary>
    /// PostgreSQL's CHECK_FOR_INTERRUPTS: called before each row and each function call; throws (a
    /// <see cref="PgException"/>, e.g. 57014 canceling statement) to stop the statement.
    /// </summary>
    void CheckForInterrupts();
}
