namespace ActorPostmaster.Sql;

/// <summary>
/// The name PostgreSQL gives an unaliased result column (FigureColname): a column reference's column, a function's
/// name, a cast's type name unless its operand has a better name, CASE's ELSE name or "case", coalesce, greatest,
/// least, nullif, the SQL keyword of CURRENT_TIMESTAMP and friends; anything else is ?column?.
/// </summary>
internal static class ColumnNaming
{
    public static string Figure(SqlExpression expression) => Figure(expression, out _) ?? "?column?";

    /// <summary>The name and its strength: 2 for a real name, 1 for a fallback (type name, "case"), 0 for none.</summary>
    private static string? Figure(SqlExpression expression, out int strength)
    {
        switch (expression)
        {
            case ColumnReference column:
                strength = 2;
                return column.Names[^1];
            case FunctionCall call:
                strength = 2;
                return call.Name;
            case SqlValueFunction function:
                strength = 2;
                return function.Keyword;
            case CoalesceExpression:
                strength = 2;
                return "coalesce";
            case MinMaxExpression minMax:
                strength = 2;
                return minMax.IsGreatest ? "greatest" : "least";
            case NullIfExpression:
                strength = 2;
                return "nullif";
            case TypeCast cast:
            {
                var inner = Figure(cast.Operand, out strength);
                if (strength <= 1)
                {
                    strength = 1;
                    return cast.Type.Name;
                }

                return inner;
            }

            case CaseExpression caseExpression:
            {
                strength = 0;
                var inner = caseExpression.Else is null ? null : Figure(caseExpression.Else, out strength);
                if (inner is null || strength <= 1)
                {
                    strength = 1;
                    return "case";
                }

                return inner;
            }

            default:
                strength = 0;
                return null;
        }
    }
}
