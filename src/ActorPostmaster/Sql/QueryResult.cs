namespace ActorPostmaster.Sql;

/// <summary>A whole SELECT result: its columns, its rows and its CommandComplete tag.</summary>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows, one value per column (CLR values; see <see cref="SqlType"/>).</param>
public sealed record QueryResult(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The CommandComplete tag: <c>SELECT n</c>.</summary>
    public string CommandTag => $"SELECT {Rows.Count}";
}
