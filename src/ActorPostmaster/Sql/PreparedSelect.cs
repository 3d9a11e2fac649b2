using System.Runtime.CompilerServices;

namespace ActorPostmaster.Sql;

/// <summary>
/// An analysed and planned SELECT: its result columns are known before any row is computed (so RowDescription can
/// be sent first, as PostgreSQL does), and it can be executed, even several times.
/// </summary>
public sealed class PreparedSelect
{
    private readonly BoundSelect _select;

    internal PreparedSelect(BoundSelect select)
    {
        _select = select;
        Columns = select.Targets
            .Select(t => new ResultColumn(t.Name, t.Expression.Type, t.Expression.TypeModifier, t.TableOid, t.ColumnNumber))
            .ToArray();
        ParameterTypes = select.Parameters.Select(p => p.Type).ToArray();
    }

    /// <summary>The result columns (RowDescription).</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The parameters' types, inferred where they were unspecified (ParameterDescription).</summary>
    public IReadOnlyList<SqlType> ParameterTypes { get; }

    /// <summary>
    /// Runs the statement, yielding rows as they are computed (a failure after some rows leaves those rows sent, as in
    /// PostgreSQL). <see cref="ISqlEnvironment.CheckForInterrupts"/> runs before each input row and each function call.
    /// </summary>
    /// <param name="environment">The session environment.</param>
    /// <param name="parameterValues">The values of $1…$n, of the types in <see cref="ParameterTypes"/>.</param>
    /// <param name="cancellationToken">Cancels the execution (also passed to functions and the relation).</param>
    /// <returns>The rows, one value per column.</returns>
    public async IAsyncEnumerable<object?[]> ExecuteAsync(
        ISqlEnvironment environment,
        IReadOnlyList<object?>? parameterValues = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        parameterValues ??= [];
        if (parameterValues.Count != ParameterTypes.Count)
        {
            throw new ArgumentException($"{ParameterTypes.Count} parameter values are required, not {parameterValues.Count}", nameof(parameterValues));
        }

        var context = new EvalContext(environment, parameterValues, cancellationToken);
        var limit = await EvaluateCountAsync(_select.Limit, context, SqlState.InvalidRowCountInLimitClause, "LIMIT");
        var offset = await EvaluateCountAsync(_select.Offset, context, SqlState.InvalidRowCountInResultOffsetClause, "OFFSET") ?? 0;
        if (limit == 0)
        {
            yield break;
        }

        IReadOnlyList<object?[]> input = _select.Relation is null
            ? [[]]
            : await _select.Relation.GetRowsAsync(environment, cancellationToken);

        if (_select.Aggregates.Count > 0)
        {
            // An aggregate without GROUP BY: one row, computed over the qualifying rows.
            var counts = new long[_select.Aggregates.Count];
            await foreach (var _ in QualifyingAsync(input, context, environment, cancellationToken))
            {
                for (var a = 0; a < counts.Length; a++)
                {
                    var argument = _select.Aggregates[a].Argument;
                    if (argument is null || await argument.EvaluateAsync(context) is not null)
                    {
                        counts[a]++;
                    }
                }
            }

            context.Row = null;
            context.Aggregates = counts.Select(c => (object?)c).ToArray();
            if (offset == 0)
            {
                yield return await ProjectAsync(context, null, null);
            }

            yield break;
        }

        if (_select.SortKeys.Count == 0)
        {
            long skipped = 0;
            long produced = 0;
            await foreach (var _ in QualifyingAsync(input, context, environment, cancellationToken))
            {
                var output = await ProjectAsync(context, null, null);
                if (skipped < offset)
                {
                    skipped++;
                    continue;
                }

                yield return output;
                if (limit is { } max && ++produced >= max)
                {
                    yield break;
                }
            }

            yield break;
        }

        // Sort: compute the keys (and the targets they are) for every qualifying row; the other targets after the
        // LIMIT, so volatile functions run only for rows that are returned.
        var sortable = new List<(object?[] Row, object?[] Keys, object?[] Targets, bool[] Computed)>();
        await foreach (var row in QualifyingAsync(input, context, environment, cancellationToken))
        {
            var targets = new object?[_select.Targets.Count];
            var computed = new bool[targets.Length];
            var keys = new object?[_select.SortKeys.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                var key = _select.SortKeys[k];
                if (key.Expression is not null)
                {
                    keys[k] = await key.Expression.EvaluateAsync(context);
                    continue;
                }

                var index = key.TargetIndex;
                if (!computed[index])
                {
                    targets[index] = await _select.Targets[index].Expression.EvaluateAsync(context);
                    computed[index] = true;
                }

                keys[k] = targets[index];
            }

            sortable.Add((row, keys, targets, computed));
        }

        var ordered = sortable.Order(Comparer<(object?[] Row, object?[] Keys, object?[] Targets, bool[] Computed)>.Create((a, b) => CompareKeys(a.Keys, b.Keys)));
        long emitted = 0;
        foreach (var (row, _, targets, computed) in ordered.Skip((int)Math.Min(offset, int.MaxValue)))
        {
            if (limit is { } max && emitted++ >= max)
            {
                yield break;
            }

            context.Row = row;
            yield return await ProjectAsync(context, targets, computed);
        }
    }

    /// <summary>Runs the statement to completion.</summary>
    /// <param name="environment">The session environment.</param>
    /// <param name="parameterValues">The values of $1…$n.</param>
    /// <param name="cancellationToken">Cancels the execution.</param>
    /// <returns>The columns, rows and tag.</returns>
    public async Task<QueryResult> ExecuteToEndAsync(ISqlEnvironment environment, IReadOnlyList<object?>? parameterValues = null, CancellationToken cancellationToken = default)
    {
        var rows = new List<object?[]>();
        await foreach (var row in ExecuteAsync(environment, parameterValues, cancellationToken))
        {
            rows.Add(row);
        }

        return new QueryResult(Columns, rows);
    }

    private int CompareKeys(object?[] a, object?[] b)
    {
        for (var k = 0; k < a.Length; k++)
        {
            var key = _select.SortKeys[k];
            int result;
            if (a[k] is null || b[k] is null)
            {
                result = a[k] is null == b[k] is null ? 0 : (a[k] is null) == key.NullsFirst ? -1 : 1;
            }
            else
            {
                result = key.Compare(a[k]!, b[k]!);
                if (key.Descending)
                {
                    result = -result;
                }
            }

            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    /// <summary>The rows that pass WHERE, each made the context's current row before it is yielded; interrupts are checked per row.</summary>
    private async IAsyncEnumerable<object?[]> QualifyingAsync(
        IReadOnlyList<object?[]> input, EvalContext context, ISqlEnvironment environment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in input)
        {
            environment.CheckForInterrupts();
            cancellationToken.ThrowIfCancellationRequested();
            context.Row = row;
            if (await PassesAsync(context))
            {
                yield return row;
            }
        }
    }

    private async ValueTask<bool> PassesAsync(EvalContext context) =>
        _select.Where is null || await _select.Where.EvaluateAsync(context) is true;

    /// <summary>The output row: the targets already computed for sorting, the others now.</summary>
    private async ValueTask<object?[]> ProjectAsync(EvalContext context, object?[]? values, bool[]? computed)
    {
        var targets = _select.Targets;
        var output = new object?[targets.Count];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = computed is not null && computed[i] ? values![i] : await targets[i].Expression.EvaluateAsync(context);
        }

        return output;
    }

    private static async ValueTask<long?> EvaluateCountAsync(BoundExpr? expression, EvalContext context, string sqlState, string clause)
    {
        if (expression is null)
        {
            return null;
        }

        var value = (long?)await expression.EvaluateAsync(context);
        return value < 0 ? throw new PgException(sqlState, $"{clause} must not be negative") : value;
    }
}
