namespace ActorPostmaster.Sql;

/// <summary>Analysis, planning and execution of SELECT, INSERT, UPDATE and DELETE statements.</summary>
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

    /// <summary>
    /// Analyses and plans an INSERT, UPDATE or DELETE: resolves the table (42P01 when there is none, 55000 when it is
    /// a view), the columns, the values' assignment casts and the parameters' types (text where a parameter is
    /// compared with or stored into a text column), and folds constant expressions.
    /// </summary>
    /// <param name="statement">An <see cref="InsertStatement"/>, <see cref="UpdateStatement"/> or <see cref="DeleteStatement"/>.</param>
    /// <param name="environment">The session environment.</param>
    /// <param name="parameterTypes">As for <see cref="Describe"/>: null for the simple protocol, else Parse's types.</param>
    /// <returns>The prepared statement.</returns>
    public static PreparedModification DescribeModification(Statement statement, ISqlEnvironment environment, IReadOnlyList<SqlType>? parameterTypes = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(environment);
        var binder = new Binder(environment, parameterTypes);
        var bound = statement switch
        {
            InsertStatement insert => binder.BindInsert(insert),
            UpdateStatement update => binder.BindUpdate(update),
            DeleteStatement delete => binder.BindDelete(delete),
            _ => throw new ArgumentException($"{statement.CommandName} is not INSERT, UPDATE or DELETE", nameof(statement)),
        };
        var folder = new ConstantFolder(new EvalContext(environment, [], CancellationToken.None));
        var planned = bound with
        {
            Rows = bound.Rows.Select(r => r.Select(e => e is null ? null : folder.Fold(e)).ToArray()).ToArray(),
            Assignments = bound.Assignments.Select(a => a with { Value = folder.Fold(a.Value) }).ToArray(),
            Where = bound.Where is null ? null : folder.Fold(bound.Where),
        };
        return new PreparedModification(planned);
    }

    /// <summary>True for the statements <see cref="DescribeModification"/> takes.</summary>
    /// <param name="statement">The statement.</param>
    /// <returns>True for INSERT, UPDATE and DELETE.</returns>
    public static bool IsModification(Statement statement) => statement is InsertStatement or UpdateStatement or DeleteStatement;

    /// <summary>Describes and runs an INSERT, UPDATE or DELETE (simple query protocol).</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="environment">The session environment.</param>
    /// <param name="cancellationToken">Cancels the execution.</param>
    /// <returns>The command and its row count.</returns>
    public static Task<ModificationResult> ExecuteModificationAsync(Statement statement, ISqlEnvironment environment, CancellationToken cancellationToken = default) =>
        DescribeModification(statement, environment).ExecuteAsync(environment, null, cancellationToken);
}
