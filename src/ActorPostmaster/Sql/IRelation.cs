namespace ActorPostmaster.Sql;

/// <summary>A relation a SELECT can read (a view such as pg_stat_activity), provided by the host.</summary>
public interface IRelation
{
    /// <summary>The relation's schema (pg_catalog for the system views).</summary>
    string Schema { get; }

    /// <summary>The relation's name.</summary>
    string Name { get; }

    /// <summary>The relation's OID (RowDescription's table OID for its columns), or 0.</summary>
    uint Oid { get; }

    /// <summary>The columns, in attribute-number order (the first is attribute 1).</summary>
    IReadOnlyList<RelationColumn> Columns { get; }

    /// <summary>
    /// A snapshot of the rows: one array per row, one value per column (of the column type's CLR type, or null).
    /// </summary>
    /// <param name="environment">The environment of the statement reading it.</param>
    /// <param name="cancellationToken">The execution's cancellation token.</param>
    /// <returns>The rows.</returns>
    ValueTask<IReadOnlyList<object?[]>> GetRowsAsync(ISqlEnvironment environment, CancellationToken cancellationToken);
}
