namespace ActorPostmaster.Sql;

/// <summary>
/// The entry point of the SQL surface: splits a simple-query string into statements and parses each, following
/// PostgreSQL 15's grammar for what it supports and its error texts and positions for what is malformed.
/// </summary>
public static class SqlParser
{
    /// <summary>
    /// Parses <paramref name="queryText"/>. The whole string is parsed before anything runs, as PostgreSQL does: a
    /// syntax error anywhere fails the whole string. A string of only whitespace, comments and semicolons gives an
    /// empty list (the caller answers EmptyQueryResponse). Statements PostgreSQL accepts but this surface does not
    /// implement come back as <see cref="UnsupportedStatement"/>s, which fail only when executed.
    /// </summary>
    /// <param name="queryText">The query string.</param>
    /// <returns>The statements in order.</returns>
    /// <exception cref="PgException">42601 (and the few other lexical errors) with PostgreSQL's message and position.</exception>
    public static IReadOnlyList<Statement> Parse(string queryText)
    {
        ArgumentNullException.ThrowIfNull(queryText);
        return new Parser(new SourceText(queryText)).ParseStatements();
    }

    /// <summary>Parses a single expression (for hosts and tests); the text must hold nothing else.</summary>
    /// <param name="expressionText">The expression.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="PgException">On a syntax error, or when the expression uses an unsupported construct (0A000).</exception>
    public static SqlExpression ParseExpression(string expressionText)
    {
        ArgumentNullException.ThrowIfNull(expressionText);
        return new Parser(new SourceText(expressionText)).ParseStandaloneExpression();
    }
}
