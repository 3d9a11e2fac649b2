namespace ActorPostmaster.Sql;

/// <summary>
/// Plan-time simplification (PostgreSQL's eval_const_expressions): immutable operators, casts and functions over
/// constants are computed once, so their errors (division by zero …) surface before any row; a strict function with
/// a NULL constant argument is NULL without a call; CASE drops arms whose condition is constantly false and stops at
/// one constantly true; AND/OR drop neutral constants; COALESCE drops NULL constants and stops at a non-null one.
/// </summary>
internal sealed class ConstantFolder(EvalContext context)
{
    public BoundExpr Fold(BoundExpr expression)
    {
        switch (expression)
        {
            case BoundConst or BoundColumn or BoundParam or BoundCaseTest:
                return expression;
            case BoundCase caseExpression:
                return FoldCase(caseExpression);
            case BoundLogical logical:
                return FoldLogical(logical);
            case BoundCoalesce coalesce:
                return FoldCoalesce(coalesce);
        }

        var children = expression.Children;
        var folded = children.Select(Fold).ToList();
        var node = folded.Where((c, i) => !ReferenceEquals(c, children[i])).Any() ? expression.WithChildren(folded) : expression;
        if (node.IsStrict && folded.Any(c => c is BoundConst { Value: null }))
        {
            return new BoundConst(null, node.Type, node.Location, node.TypeModifier);
        }

        return node.IsFoldable && folded.All(c => c is BoundConst) ? Evaluate(node) : node;
    }

    private BoundExpr Evaluate(BoundExpr node)
    {
        var pending = node.EvaluateAsync(context);
        if (!pending.IsCompleted)
        {
            // An immutable function that really awaits: leave it to execution.
            _ = pending.AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return node;
        }

        return new BoundConst(pending.GetAwaiter().GetResult(), node.Type, node.Location, node.TypeModifier);
    }

    private BoundExpr FoldCase(BoundCase caseExpression)
    {
        var operand = caseExpression.Operand is null ? null : Fold(caseExpression.Operand);
        var substitute = operand is BoundConst && caseExpression.Placeholder is not null;
        var arms = new List<(BoundExpr Condition, BoundExpr Result)>();
        BoundExpr? defaultResult = null;
        foreach (var (condition, result) in caseExpression.Arms)
        {
            var test = Fold(substitute ? Substitute(condition, caseExpression.Placeholder!, operand!) : condition);
            if (test is BoundConst { Value: false or null })
            {
                continue;
            }

            if (test is BoundConst { Value: true })
            {
                defaultResult = Fold(result);
                break;
            }

            arms.Add((test, Fold(result)));
        }

        defaultResult ??= Fold(caseExpression.Default);
        if (arms.Count == 0)
        {
            return defaultResult;
        }

        return new BoundCase(substitute ? null : operand, substitute ? null : caseExpression.Placeholder, arms, defaultResult, caseExpression.Type, caseExpression.Location);
    }

    private static BoundExpr Substitute(BoundExpr expression, BoundCaseTest placeholder, BoundExpr replacement)
    {
        if (ReferenceEquals(expression, placeholder))
        {
            return replacement;
        }

        if (expression is BoundCase)
        {
            return expression;
        }

        var children = expression.Children;
        if (children.Count == 0)
        {
            return expression;
        }

        var replaced = children.Select(c => Substitute(c, placeholder, replacement)).ToList();
        return replaced.Where((c, i) => !ReferenceEquals(c, children[i])).Any() ? expression.WithChildren(replaced) : expression;
    }

    private BoundExpr FoldLogical(BoundLogical logical)
    {
        var neutral = logical.Kind == LogicalKind.And;
        var kept = new List<BoundExpr>();
        foreach (var argument in logical.Arguments)
        {
            var folded = Fold(argument);
            if (folded is BoundConst { Value: bool value })
            {
                if (value != neutral)
                {
                    return new BoundConst(!neutral, SqlType.Bool, logical.Location);
                }

                continue;
            }

            kept.Add(folded);
        }

        return kept.Count switch
        {
            0 => new BoundConst(neutral, SqlType.Bool, logical.Location),
            1 => kept[0],
            _ => new BoundLogical(logical.Kind, kept, logical.OwnLocation),
        };
    }

    private BoundExpr FoldCoalesce(BoundCoalesce coalesce)
    {
        var kept = new List<BoundExpr>();
        foreach (var argument in coalesce.Arguments)
        {
            var folded = Fold(argument);
            if (folded is BoundConst { Value: null })
            {
                continue;
            }

            kept.Add(folded);
            if (folded is BoundConst)
            {
                break;
            }
        }

        return kept.Count switch
        {
            0 => new BoundConst(null, coalesce.Type, coalesce.Location),
            1 => kept[0],
            _ => new BoundCoalesce(kept, coalesce.Type, coalesce.Location),
        };
    }
}
