namespace ActorPostmaster.Sql;

/// <summary>Analysis, planning and execution of SELECT statements.</summary>
public static class SqlExecutor
{
    /// <summary>
    /// Analyses and plans <paramref name="statement"/>: resolves the relation, columns, functions, operators and
    /// types (raising PostgreSQL's 42xxx errors with positions) and folds constant expressions (so e.g. 1/0 fails here,
    /// before RowDescription, as in PostgreSQL).
    /// </summary>
    /// <param name="statement">The SELECT.</param>
    /// <param name="environment">The session environment.</param>
    /// <param name="parameterTypes">
    /// Null for the simple query protocol (no $n allowed: 42P02 "there is no parameter $1"); otherwise the types from
    /// Parse, <see cref="SqlType.Unknown"/> (OID 0) for "infer"; parameters beyond the list are inferred too.
    /// </param>
    /// <returns>The prepared statement.</returns>
    public static PreparedSelect Describe(SelectStatement statement, ISqlEnvironment environment, IReadOnlyList<SqlType>? parameterTypes = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(environment);
        var bound = new Binder(environment, parameterTypes).BindSelect(statement);
        var folder = new ConstantFolder(new EvalContext(environment, [], CancellationToken.None));
        var planned = bound with
        {
            Targets = bound.Targets.Select(t => t with { Expression = folder.Fold(t.Expression) }).ToArray(),
            Where = bound.Where is null ? null : folder.Fold(bound.Where),
            SortKeys = bound.SortKeys.Select(k => k with { Expression = k.Expression is null ? null : folder.Fold(k.Expression) }).ToArray(),
            Limit = bound.Limit is null ? null : folder.Fold(bound.Limit),
            Offset = bound.Offset is null ? null : folder.Fold(bound.Offset),
        };
        return new PreparedSelect(planned);
    }

    /// <summary>Describes and runs <paramref name="statement"/> to completion (simple query protocol).</summary>
    /// <param name="statement">The SELECT.</param>
    /// <param name="environment">The session environment.</param>
    /// <param name="cancellationToken">Cancels the execution.</param>
    /// <returns>The result.</returns>
    public static Task<QueryResult> ExecuteSelectAsync(SelectStatement statement, ISqlEnvironment environment, CancellationToken cancellationToken = default) =>
        Describe(statement, environment).ExecuteToEndAsync(environment, null, cancellationToken);
}
