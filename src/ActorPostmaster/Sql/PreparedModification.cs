namespace ActorPostmaster.Sql;

/// <summary>What an INSERT, UPDATE or DELETE did: its command and row count, and so its CommandComplete tag.</summary>
/// <param name="CommandName">INSERT, UPDATE or DELETE.</param>
/// <param name="RowCount">The rows inserted (or updated by ON CONFLICT DO UPDATE), updated or deleted.</param>
public sealed record ModificationResult(string CommandName, long RowCount)
{
    /// <summary>The CommandComplete tag: <c>INSERT 0 n</c>, <c>UPDATE n</c> or <c>DELETE n</c>.</summary>
    public string CommandTag => CommandName == "INSERT" ? $"INSERT 0 {RowCount}" : $"{CommandName} {RowCount}";
}

/// <summary>
/// An analysed INSERT, UPDATE or DELETE on an <see cref="ISqlTable"/>: its parameter types are known (Describe answers
/// ParameterDescription, then NoData), and it can be executed, even several times.
/// </summary>
public sealed class PreparedModification
{
    private readonly BoundModify _statement;

    internal PreparedModification(BoundModify statement)
    {
        _statement = statement;
        ParameterTypes = statement.Parameters.Select(p => p.Type).ToArray();
    }

    /// <summary>INSERT, UPDATE or DELETE.</summary>
    public string CommandName => _statement.Command;

    /// <summary>The parameters' types, inferred where they were unspecified (ParameterDescription).</summary>
    public IReadOnlyList<SqlType> ParameterTypes { get; }

    /// <summary>The target table.</summary>
    public ISqlTable Table => _statement.Table;

    /// <summary>
    /// Runs the statement. Its changes go through the table (inside the session's transaction); an error part way
    /// leaves the earlier rows changed, for the transaction's abort to undo.
    /// </summary>
    /// <param name="environment">The session environment.</param>
    /// <param name="parameterValues">The values of $1…$n, of the types in <see cref="ParameterTypes"/>.</param>
    /// <param name="cancellationToken">Cancels the execution (also passed to the table).</param>
    /// <returns>The command and its row count.</returns>
    /// <exception cref="PgException">23505, 23502, 21000 and any evaluation error.</exception>
    public async Task<ModificationResult> ExecuteAsync(
        ISqlEnvironment environment, IReadOnlyList<object?>? parameterValues = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        parameterValues ??= [];
        if (parameterValues.Count != ParameterTypes.Count)
        {
            throw new ArgumentException($"{ParameterTypes.Count} parameter values are required, not {parameterValues.Count}", nameof(parameterValues));
        }

        var context = new EvalContext(environment, parameterValues, cancellationToken);
        var count = _statement.Command switch
        {
            "INSERT" => await InsertAsync(context),
            "UPDATE" => await UpdateAsync(context),
            _ => await DeleteAsync(context),
        };
        return new ModificationResult(_statement.Command, count);
    }

    private ISqlTable Target => _statement.Table;

    private async Task<long> InsertAsync(EvalContext context)
    {
        var environment = context.Environment;
        var token = context.CancellationToken;
        var columns = Target.Columns;
        var affected = new HashSet<object>();
        long count = 0;
        foreach (var expressions in _statement.Rows)
        {
            environment.CheckForInterrupts();
            token.ThrowIfCancellationRequested();
            context.Row = null;
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = expressions[i] is { } expression ? await expression.EvaluateAsync(context) : null;
            }

            var key = CheckKey(row, context);
            if (await Target.TryInsertAsync(environment, row, token))
            {
                affected.Add(key);
                count++;
                continue;
            }

            switch (_statement.OnConflict)
            {
                case null:
                    throw DuplicateKey(key, context);
                case OnConflictAction.Nothing:
                    continue;
            }

            if (!affected.Add(key))
            {
                throw new PgException(SqlState.CardinalityViolation, "ON CONFLICT DO UPDATE command cannot affect row a second time",
                    hint: "Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
            }

            var existing = await Target.GetAsync(environment, key, token)
                ?? throw new PgException(SqlState.InternalError, "the conflicting row vanished");
            context.Row = [.. existing, .. row];
            var updated = await ApplyAssignmentsAsync(existing, context);
            var newKey = CheckKey(updated, context);
            if (!Equals(newKey, key))
            {
                if (await Target.GetAsync(environment, newKey, token) is not null)
                {
                    throw DuplicateKey(newKey, context);
                }

                affected.Add(newKey);
            }

            if (await Target.UpdateAsync(environment, key, updated, token))
            {
                count++;
            }
        }

        return count;
    }

    private async Task<long> UpdateAsync(EvalContext context)
    {
        var environment = context.Environment;
        var token = context.CancellationToken;
        long count = 0;
        foreach (var row in await TargetRowsAsync(context))
        {
            context.Row = row;
            var updated = await ApplyAssignmentsAsync(row, context);
            var key = row[Target.KeyColumn]!;
            var newKey = CheckKey(updated, context);
            if (!Equals(newKey, key) && await Target.GetAsync(environment, newKey, token) is not null)
            {
                throw DuplicateKey(newKey, context);
            }

            if (await Target.UpdateAsync(environment, key, updated, token))
            {
                count++;
            }
        }

        return count;
    }

    private async Task<long> DeleteAsync(EvalContext context)
    {
        long count = 0;
        foreach (var row in await TargetRowsAsync(context))
        {
            if (await Target.DeleteAsync(context.Environment, row[Target.KeyColumn]!, context.CancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The rows UPDATE or DELETE acts on (all found before any is changed): by key lookup, else by a scan.</summary>
    private async Task<List<object?[]>> TargetRowsAsync(EvalContext context)
    {
        var environment = context.Environment;
        var token = context.CancellationToken;
        IReadOnlyList<object?[]> candidates;
        if (Binder.KeyLookup(_statement.Where, Target) is { } keyExpression)
        {
            context.Row = null;
            var key = await keyExpression.EvaluateAsync(context);
            candidates = key is not null && await Target.GetAsync(environment, key, token) is { } found ? [found] : [];
        }
        else
        {
            candidates = await Target.GetRowsAsync(environment, token);
        }

        var rows = new List<object?[]>();
        foreach (var row in candidates)
        {
            environment.CheckForInterrupts();
            token.ThrowIfCancellationRequested();
            context.Row = row;
            if (_statement.Where is null || await _statement.Where.EvaluateAsync(context) is true)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>A copy of <paramref name="row"/> with the assignments, all evaluated against the current context row.</summary>
    private async Task<object?[]> ApplyAssignmentsAsync(object?[] row, EvalContext context)
    {
        var updated = (object?[])row.Clone();
        foreach (var assignment in _statement.Assignments)
        {
            updated[assignment.Column] = await assignment.Value.EvaluateAsync(context);
        }

        return updated;
    }

    /// <summary>The row's key; 23502 when it is null.</summary>
    private object CheckKey(object?[] row, EvalContext context)
    {
        var key = row[Target.KeyColumn];
        if (key is not null)
        {
            return key;
        }

        var values = row.Select((value, i) => Format(value, i, context) ?? "null");
        throw new PgException(SqlState.NotNullViolation,
            $"null value in column \"{Target.Columns[Target.KeyColumn].Name}\" of relation \"{Target.Name}\" violates not-null constraint",
            detail: $"Failing row contains ({string.Join(", ", values)}).");
    }

    private PgException DuplicateKey(object key, EvalContext context) =>
        new(SqlState.UniqueViolation, $"duplicate key value violates unique constraint \"{Target.KeyConstraintName}\"",
            detail: $"Key ({Target.Columns[Target.KeyColumn].Name})=({Format(key, Target.KeyColumn, context)}) already exists.");

    private string? Format(object? value, int column, EvalContext context) =>
        PgTextFormat.Format(value, Target.Columns[column].Type, context.TimeZone);
}
