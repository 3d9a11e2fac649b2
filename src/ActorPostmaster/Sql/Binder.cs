using System.Globalization;

namespace ActorPostmaster.Sql;

/// <summary>A target-list entry after analysis.</summary>
internal sealed record BoundTarget(string Name, BoundExpr Expression, uint TableOid, short ColumnNumber);

/// <summary>An ORDER BY key: a target (by index) or an expression of its own, and how to compare.</summary>
internal sealed record BoundSortKey(int TargetIndex, BoundExpr? Expression, bool Descending, bool NullsFirst, Func<object, object, int> Compare);

/// <summary>A SELECT after analysis.</summary>
internal sealed record BoundSelect(
    IReadOnlyList<BoundTarget> Targets,
    IRelation? Relation,
    BoundExpr? Where,
    IReadOnlyList<BoundSortKey> SortKeys,
    BoundExpr? Limit,
    BoundExpr? Offset,
    IReadOnlyList<ParameterSlot> Parameters,
    IReadOnlyList<BoundAggregate> Aggregates);

/// <summary>
/// Parse analysis (PostgreSQL's transformSelectStmt and friends): resolves the relation, columns, functions,
/// operators and casts, types every expression, and raises PostgreSQL's errors with their positions.
/// </summary>
internal sealed partial class Binder
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private readonly ISqlEnvironment _environment;
    private readonly List<ParameterSlot>? _parameters;
    private RelationReference? _fromClause;
    private IRelation? _relation;
    private string? _noColumnsContext;

    /// <summary>The aggregate calls of the SELECT being bound (null where aggregates cannot appear at all).</summary>
    private List<BoundAggregate>? _aggregates;

    /// <summary>The clause aggregates are not allowed in (WHERE, VALUES …), or null.</summary>
    private string? _aggregateForbidden;

    private bool _insideAggregate;

    /// <summary>Column references outside aggregates in the target list and ORDER BY (an error once there is an aggregate).</summary>
    private List<(string Name, int Position)>? _ungrouped;

    /// <summary>True while binding ON CONFLICT DO UPDATE SET: the target row and EXCLUDED are both in scope.</summary>
    private bool _conflictScope;

    /// <param name="environment">The session environment.</param>
    /// <param name="parameterTypes">
    /// Null for a simple query (no parameters may be referenced); otherwise the declared parameter types, where
    /// <see cref="SqlType.Unknown"/> means "infer", extended as higher-numbered parameters are referenced.
    /// </param>
    public Binder(ISqlEnvironment environment, IReadOnlyList<SqlType>? parameterTypes)
    {
        _environment = environment;
        if (parameterTypes is not null)
        {
            _parameters = parameterTypes.Select((t, i) => new ParameterSlot(i + 1, t)).ToList();
        }
    }

    public BoundSelect BindSelect(SelectStatement select)
    {
        if (select.From is { } from)
        {
            _fromClause = from;
            _relation = _environment.FindRelation(from.Schema, from.Name)
                ?? throw new PgException(SqlState.UndefinedTable, $"relation \"{from.QualifiedName}\" does not exist", position: from.Position);
        }

        var aggregates = new List<BoundAggregate>();
        _aggregates = aggregates;
        _ungrouped = [];
        var targets = new List<BoundTarget>();
        foreach (var target in select.Targets)
        {
            BindTarget(target, targets);
        }

        BoundExpr? where = null;
        if (select.Where is not null)
        {
            var ungrouped = _ungrouped;
            _ungrouped = null;
            _aggregateForbidden = "WHERE";
            where = CoerceToBoolean(Bind(select.Where), "WHERE");
            _aggregateForbidden = null;
            _ungrouped = ungrouped;
        }

        var sortKeys = select.OrderBy.Select(key => BindSortKey(key, targets)).ToList();
        if (aggregates.Count > 0 && _ungrouped.Count > 0)
        {
            var (name, position) = _ungrouped[0];
            throw new PgException(SqlState.GroupingError, $"column \"{name}\" must appear in the GROUP BY clause or be used in an aggregate function", position: position);
        }

        _ungrouped = null;
        _aggregateForbidden = "LIMIT";
        var limit = BindLimit(select.Limit, "LIMIT");
        _aggregateForbidden = "OFFSET";
        var offset = BindLimit(select.Offset, "OFFSET");
        _aggregateForbidden = null;
        _aggregates = null;

        return new BoundSelect(targets, _relation, where, sortKeys, limit, offset, CheckParameters(), aggregates);
    }

    /// <summary>The parameters, all of them typed by now (42P18 for one that is not).</summary>
    private List<ParameterSlot> CheckParameters()
    {
        var parameters = _parameters ?? [];
        foreach (var slot in parameters)
        {
            if (slot.Type == SqlType.Unknown)
            {
                throw new PgException(SqlState.IndeterminateDatatype, $"could not determine data type of parameter ${slot.Number}");
            }
        }

        return parameters;
    }

    private void BindTarget(SelectTarget target, List<BoundTarget> targets)
    {
        if (target.Expression is StarExpression star)
        {
            if (_relation is null)
            {
                if (star.Qualifier.Count == 0)
                {
                    throw new PgException(SqlState.SyntaxError, "SELECT * with no tables specified is not valid", position: star.Position);
                }

                throw MissingFromEntry(star.Qualifier[^1], star.Position);
            }

            if (star.Qualifier.Count > 0)
            {
                CheckQualifier(star.Qualifier, star.Position);
            }

            for (var i = 0; i < _relation.Columns.Count; i++)
            {
                var column = _relation.Columns[i];
                _ungrouped?.Add(($"{_fromClause!.ReferenceName}.{column.Name}", star.Position));
                targets.Add(new BoundTarget(column.Name, new BoundColumn(i, column.Type, column.TypeModifier, star.Position), _relation.Oid, (short)(i + 1)));
            }

            return;
        }

        var expression = ResolveUnknownAsText(Bind(target.Expression));
        var name = target.Alias ?? ColumnNaming.Figure(target.Expression);
        if (expression is BoundColumn column2 && _relation is not null)
        {
            targets.Add(new BoundTarget(name, expression, _relation.Oid, (short)(column2.Index + 1)));
        }
        else
        {
            targets.Add(new BoundTarget(name, expression, 0, 0));
        }
    }

    /// <summary>An unknown-typed output (a quoted literal, NULL, an untyped parameter) becomes text.</summary>
    private BoundExpr ResolveUnknownAsText(BoundExpr expression) =>
        expression.Type == SqlType.Unknown ? CoerceImplicit(expression, SqlType.Text) : expression;

    private BoundSortKey BindSortKey(SortKey key, List<BoundTarget> targets)
    {
        var targetIndex = -1;
        BoundExpr? expression = null;
        switch (key.Expression)
        {
            case ColumnReference { Names.Count: 1 } reference when targets.Any(t => t.Name == reference.Names[0]):
            {
                // SQL92: an output column name wins over an input column.
                var name = reference.Names[0];
                var matches = Enumerable.Range(0, targets.Count).Where(i => targets[i].Name == name).ToList();
                if (matches.Skip(1).Any(i => !SameExpression(targets[i].Expression, targets[matches[0]].Expression)))
                {
                    throw new PgException(SqlState.AmbiguousColumn, $"ORDER BY \"{name}\" is ambiguous", position: reference.Position);
                }

                targetIndex = matches[0];
                break;
            }

            case IntegerLiteral position:
                if (position.Value < 1 || position.Value > targets.Count)
                {
                    throw new PgException(SqlState.InvalidColumnReference, $"ORDER BY position {position.Value} is not in select list", position: position.Position);
                }

                targetIndex = position.Value - 1;
                break;
            case NumericLiteral or StringLiteral or BooleanLiteral or NullLiteral or BitStringLiteral:
                throw new PgException(SqlState.SyntaxError, "non-integer constant in ORDER BY", position: key.Expression.Position);
            default:
            {
                expression = ResolveUnknownAsText(Bind(key.Expression));
                var equal = targets.FindIndex(t => SameExpression(t.Expression, expression));
                if (equal >= 0)
                {
                    targetIndex = equal;
                    expression = null;
                }

                break;
            }
        }

        var type = expression?.Type ?? targets[targetIndex].Expression.Type;
        var compare = Operators.OrderingComparer(type)
            ?? throw new PgException(SqlState.UndefinedFunction, $"could not identify an ordering operator for type {type.DisplayName}",
                hint: "Use an explicit ordering operator or modify the query.", position: key.Expression.Position);
        var descending = key.Direction == SortDirection.Descending;
        var nullsFirst = key.Nulls == NullsOrder.Default ? descending : key.Nulls == NullsOrder.First;
        return new BoundSortKey(targetIndex, expression, descending, nullsFirst, compare);
    }

    /// <summary>PostgreSQL's equal() on expressions, for the cases ORDER BY needs.</summary>
    private static bool SameExpression(BoundExpr a, BoundExpr b) => (a, b) switch
    {
        (BoundColumn x, BoundColumn y) => x.Index == y.Index,
        (BoundConst x, BoundConst y) => x.Type == y.Type && Equals(x.Value, y.Value),
        _ => ReferenceEquals(a, b),
    };

    private BoundExpr? BindLimit(SqlExpression? expression, string clause)
    {
        if (expression is null)
        {
            return null;
        }

        _noColumnsContext = clause;
        try
        {
            var bound = Bind(expression);
            if (bound.Type == SqlType.Int8)
            {
                return bound;
            }

            if (bound.Type != SqlType.Unknown && !Coercion.CanCoerce(bound.Type, SqlType.Int8, CoercionContext.Assignment))
            {
                throw new PgException(SqlState.DatatypeMismatch, $"argument of {clause} must be type bigint, not type {bound.Type.DisplayName}",
                    position: bound.Location);
            }

            return Coerce(bound, SqlType.Int8, -1, isExplicit: false, castLocation: -1);
        }
        finally
        {
            _noColumnsContext = null;
        }
    }

    // ---- Expressions ------------------------------------------------------------------------------------------------

    private BoundExpr Bind(SqlExpression expression) => expression switch
    {
        IntegerLiteral i => new BoundConst(i.Value, SqlType.Int4, i.Position),
        NumericLiteral n => BindNumericLiteral(n),
        StringLiteral s => new BoundConst(s.Value, SqlType.Unknown, s.Position),
        BooleanLiteral b => new BoundConst(b.Value, SqlType.Bool, b.Position),
        NullLiteral n => new BoundConst(null, SqlType.Unknown, n.Position),
        BitStringLiteral b => throw new PgException(SqlState.FeatureNotSupported, "type bit is not supported", position: b.Position),
        ColumnReference c => BindColumn(c),
        ParameterReference p => BindParameter(p),
        FunctionCall f when IsAggregateCall(f) => BindAggregate(f),
        FunctionCall f => BindFunctionCall(f),
        DefaultExpression d => throw new PgException(SqlState.SyntaxError, "DEFAULT is not allowed in this context", position: d.Position),
        SqlValueFunction v => v.Precision is { } precision
            ? Coerce(BindSqlValueFunction(v), SqlType.Timestamptz, Math.Min(precision, 6), isExplicit: true, castLocation: -1)
            : BindSqlValueFunction(v),
        TypeCast c => BindTypeCast(c),
        UnaryExpression u => BindUnary(u),
        BinaryExpression b => BindBinary(b),
        LogicalExpression l => BindLogical(l),
        NotExpression n => new BoundNot(CoerceToBoolean(Bind(n.Operand), "NOT"), n.Position),
        NullTest n => new BoundNullTest(Bind(n.Operand), n.IsNot, n.Position),
        BooleanTest b => new BoundBooleanTest(CoerceToBoolean(Bind(b.Operand), BooleanTestName(b.Kind)), b.Kind, b.Position),
        DistinctFromExpression d => BindDistinct(d),
        InListExpression i => BindInList(i),
        BetweenExpression b => Bind(RewriteBetween(b)),
        CaseExpression c => BindCase(c),
        CoalesceExpression c => BindCoalesce(c),
        MinMaxExpression m => BindMinMax(m),
        NullIfExpression n => BindNullIf(n),
        StarExpression s => throw new PgException(SqlState.FeatureNotSupported, "row expansion (x.*) is not supported here", position: s.Position),
        _ => throw new PgException($"unexpected expression {expression.GetType().Name}"),
    };

    private static string BooleanTestName(BooleanTestKind kind) => kind switch
    {
        BooleanTestKind.IsTrue => "IS TRUE",
        BooleanTestKind.IsNotTrue => "IS NOT TRUE",
        BooleanTestKind.IsFalse => "IS FALSE",
        BooleanTestKind.IsNotFalse => "IS NOT FALSE",
        BooleanTestKind.IsUnknown => "IS UNKNOWN",
        _ => "IS NOT UNKNOWN",
    };

    /// <summary>make_const: an integer that fits int4 is int4, one that fits int8 is int8, anything else numeric.</summary>
    private static BoundConst BindNumericLiteral(NumericLiteral literal)
    {
        var text = literal.Text;
        if (text.AsSpan().TrimStart('-').IndexOfAnyExcept(Digits) < 0
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer is >= int.MinValue and <= int.MaxValue
                ? new BoundConst((int)integer, SqlType.Int4, literal.Position)
                : new BoundConst(integer, SqlType.Int8, literal.Position);
        }

        try
        {
            return new BoundConst(PgTextFormat.Parse(text, SqlType.Numeric), SqlType.Numeric, literal.Position);
        }
        catch (PgException e)
        {
            throw WithPosition(e, literal.Position);
        }
    }

    private static PgException WithPosition(PgException exception, int position) =>
        exception.Error.Position is null && position > 0 ? new PgException(exception.Error with { Position = position }) : exception;

    private BoundParam BindParameter(ParameterReference reference)
    {
        if (_parameters is null || reference.Number < 1)
        {
            throw new PgException(SqlState.UndefinedParameter, $"there is no parameter ${reference.Number}", position: reference.Position);
        }

        while (_parameters.Count < reference.Number)
        {
            _parameters.Add(new ParameterSlot(_parameters.Count + 1, SqlType.Unknown));
        }

        return new BoundParam(_parameters[reference.Number - 1], reference.Position);
    }

    private BoundExpr BindTypeCast(TypeCast cast)
    {
        var (type, typmod) = TypeResolution.Resolve(cast.Type);
        if (cast.Operand is NumericLiteral literal && (type == SqlType.Float8 || type == SqlType.Float4))
        {
            // numeric → float is the correctly rounded value of the literal: parse it directly, so literals beyond
            // decimal's range (1e100::float8) work.
            try
            {
                return new BoundConst(PgTextFormat.Parse(literal.Text, type), type, literal.Position);
            }
            catch (PgException e) when (e.Error.SqlState == SqlState.NumericValueOutOfRange)
            {
                // Out of float range: PostgreSQL's numeric → float cast reports the numeric's text, without a position.
                throw new PgException(SqlState.NumericValueOutOfRange,
                    $"\"{NumericMath.PlainText(literal.Text)}\" is out of range for type {type.DisplayName}");
            }
        }

        var operand = Bind(cast.Operand);
        if (operand.Type != SqlType.Unknown && !Coercion.CanCoerce(operand.Type, type, CoercionContext.Explicit))
        {
            throw new PgException(SqlState.CannotCoerce, $"cannot cast type {operand.Type.DisplayName} to {type.DisplayName}", position: cast.Position);
        }

        return Coerce(operand, type, typmod, isExplicit: true, castLocation: cast.Position);
    }

    /// <summary>
    /// Converts <paramref name="expression"/> to <paramref name="type"/>: an unknown literal through the type's input
    /// function now (errors point at the literal), an untyped parameter by deciding its type, else a cast node.
    /// </summary>
    private BoundExpr Coerce(BoundExpr expression, SqlType type, int typmod, bool isExplicit, int castLocation)
    {
        if (expression.Type == type && (typmod < 0 || typmod == expression.TypeModifier))
        {
            return expression;
        }

        if (expression is BoundConst { Type: var constType } constant && constType == SqlType.Unknown)
        {
            try
            {
                var value = constant.Value is null ? null : PgTextFormat.Parse((string)constant.Value, type, _environment.TimeZone);
                if (value is not null && typmod >= 0)
                {
                    value = Coercion.ApplyTypmod(value, type, typmod, isExplicit);
                }

                return new BoundConst(value, type, constant.Location, typmod);
            }
            catch (PgException e)
            {
                throw WithPosition(e, constant.Location);
            }
        }

        if (expression is BoundParam { Slot: var slot } && slot.Type == SqlType.Unknown)
        {
            slot.Type = type;
            return typmod < 0 ? expression : Coerce(expression, type, typmod, isExplicit, castLocation);
        }

        var from = expression.Type;
        var dependsOnTimeZone = (from == SqlType.Timestamptz && type.IsString) || (type == SqlType.Timestamptz && from.IsString);
        return new BoundCast(expression, Coercion.Converter(from, type), type, typmod, isExplicit, castLocation, dependsOnTimeZone);
    }

    private BoundExpr CoerceImplicit(BoundExpr expression, SqlType type)
    {
        if (type == SqlType.AnyNonArray)
        {
            // anytextcat/textanycat are $1::text || $2: the value is cast to text (true becomes 'true').
            return Coerce(expression, SqlType.Text, -1, isExplicit: true, castLocation: -1);
        }

        return Coerce(expression, type, -1, isExplicit: false, castLocation: -1);
    }

    private BoundExpr CoerceToBoolean(BoundExpr expression, string construct)
    {
        if (expression.Type == SqlType.Bool)
        {
            return expression;
        }

        if (expression.Type != SqlType.Unknown)
        {
            throw new PgException(SqlState.DatatypeMismatch, $"argument of {construct} must be type boolean, not type {expression.Type.DisplayName}",
                position: expression.Location);
        }

        return Coerce(expression, SqlType.Bool, -1, isExplicit: false, castLocation: -1);
    }

    // ---- Operators ----------------------------------------------------------------------------------------------

    private BoundOperator BindUnary(UnaryExpression unary)
    {
        var operand = Bind(unary.Operand);
        var candidates = Operators.Lookup(unary.Operator, prefix: true);
        var (outcome, index) = candidates.Count == 0
            ? (ResolutionOutcome.NotFound, -1)
            : OverloadResolution.Select([operand.Type], candidates.Select(c => (IReadOnlyList<SqlType>)[c.Right]).ToList());
        var signature = Operators.Signature(unary.Operator, null, operand.Type);
        switch (outcome)
        {
            case ResolutionOutcome.NotFound:
                throw new PgException(SqlState.UndefinedFunction, $"operator does not exist: {signature}",
                    hint: "No operator matches the given name and argument type. You might need to add an explicit type cast.", position: unary.Position);
            case ResolutionOutcome.Ambiguous:
                throw new PgException(SqlState.AmbiguousFunction, $"operator is not unique: {signature}",
                    hint: "Could not choose a best candidate operator. You might need to add explicit type casts.", position: unary.Position);
        }

        var chosen = candidates[index];
        return new BoundOperator(chosen, null, CoerceImplicit(operand, chosen.Right), unary.Position);
    }

    private BoundOperator BindBinary(BinaryExpression binary)
    {
        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        var chosen = ResolveBinaryOperator(binary.Operator, left.Type, right.Type, binary.Position);
        return new BoundOperator(chosen, CoerceImplicit(left, chosen.Left!), CoerceImplicit(right, chosen.Right), binary.Position);
    }

    private static OperatorDefinition ResolveBinaryOperator(string name, SqlType left, SqlType right, int position)
    {
        var candidates = Operators.Lookup(name, prefix: false);

        // With one unknown operand, first try the other operand's type on both sides.
        if ((left == SqlType.Unknown) != (right == SqlType.Unknown))
        {
            var known = left == SqlType.Unknown ? right : left;
            var same = candidates.FirstOrDefault(c => c.Left == known && c.Right == known);
            if (same is not null)
            {
                return same;
            }
        }

        var (outcome, index) = candidates.Count == 0
            ? (ResolutionOutcome.NotFound, -1)
            : OverloadResolution.Select([left, right], candidates.Select(c => (IReadOnlyList<SqlType>)[c.Left!, c.Right]).ToList());
        var signature = Operators.Signature(name, left, right);
        return outcome switch
        {
            ResolutionOutcome.Chosen => candidates[index],
            ResolutionOutcome.NotFound => throw new PgException(SqlState.UndefinedFunction, $"operator does not exist: {signature}",
                hint: "No operator matches the given name and argument types. You might need to add explicit type casts.", position: position),
            _ => throw new PgException(SqlState.AmbiguousFunction, $"operator is not unique: {signature}",
                hint: "Could not choose a best candidate operator. You might need to add explicit type casts.", position: position),
        };
    }

    private BoundLogical BindLogical(LogicalExpression logical)
    {
        // a AND b AND c is one node with three arguments, as in PostgreSQL.
        var kind = logical.Operator == LogicalOperator.And ? LogicalKind.And : LogicalKind.Or;
        var construct = kind == LogicalKind.And ? "AND" : "OR";
        var operands = new List<SqlExpression>();
        void Flatten(SqlExpression e)
        {
            if (e is LogicalExpression inner && inner.Operator == logical.Operator)
            {
                Flatten(inner.Left);
                Flatten(inner.Right);
            }
            else
            {
                operands.Add(e);
            }
        }

        Flatten(logical);
        return new BoundLogical(kind, operands.Select(o => CoerceToBoolean(Bind(o), construct)).ToList(), logical.Position);
    }

    private BoundDistinct BindDistinct(DistinctFromExpression distinct)
    {
        var left = Bind(distinct.Left);
        var right = Bind(distinct.Right);
        var equality = ResolveBinaryOperator("=", left.Type, right.Type, distinct.Position);
        return new BoundDistinct(CoerceImplicit(left, equality.Left!), CoerceImplicit(right, equality.Right), equality, distinct.IsNot, distinct.Position);
    }

    private static LogicalExpression RewriteBetween(BetweenExpression between)
    {
        var p = between.Position;
        return between.IsNot
            ? new LogicalExpression(LogicalOperator.Or, new BinaryExpression("<", between.Operand, between.Lower, p), new BinaryExpression(">", between.Operand, between.Upper, p), p)
            : new LogicalExpression(LogicalOperator.And, new BinaryExpression(">=", between.Operand, between.Lower, p), new BinaryExpression("<=", between.Operand, between.Upper, p), p);
    }

    private BoundInList BindInList(InListExpression inList)
    {
        var operand = Bind(inList.Operand);
        var items = inList.Values.Select(Bind).ToList();
        var op = inList.IsNot ? "<>" : "=";

        // When operand and items share a type category, everything is converted to their common type and one
        // operator serves all; otherwise each item gets its own operator.
        var all = new List<BoundExpr> { operand };
        all.AddRange(items);
        var common = TrySelectCommonType(all);
        if (common is not null)
        {
            var equality = ResolveBinaryOperator(op, common, common, inList.Position);
            var convertedOperand = CoerceImplicit(operand, equality.Left!);
            var convertedItems = items.Select(i => CoerceImplicit(i, equality.Right)).ToList();
            return new BoundInList(convertedOperand, convertedItems, convertedItems.Select(_ => (equality, (ValueConverter?)null)).ToList(), inList.IsNot, inList.Position);
        }

        var comparisons = new List<(OperatorDefinition, ValueConverter?)>();
        var boundItems = new List<BoundExpr>();
        foreach (var item in items)
        {
            var chosen = ResolveBinaryOperator(op, operand.Type, item.Type, inList.Position);
            boundItems.Add(CoerceImplicit(item, chosen.Right));
            comparisons.Add((chosen, operand.Type == chosen.Left ? null : Coercion.Converter(operand.Type, chosen.Left!)));
        }

        return new BoundInList(operand, boundItems, comparisons, inList.IsNot, inList.Position);
    }

    // ---- CASE, COALESCE, GREATEST/LEAST, NULLIF -------------------------------------------------------------------

    private BoundCase BindCase(CaseExpression caseExpression)
    {
        BoundExpr? operand = null;
        BoundCaseTest? placeholder = null;
        if (caseExpression.Operand is not null)
        {
            operand = Bind(caseExpression.Operand);
            if (operand.Type == SqlType.Unknown)
            {
                operand = CoerceImplicit(operand, SqlType.Text);
            }

            placeholder = new BoundCaseTest(operand.Type);
        }

        var conditions = new List<BoundExpr>();
        foreach (var when in caseExpression.Whens)
        {
            if (placeholder is null)
            {
                conditions.Add(CoerceToBoolean(Bind(when.Condition), "CASE/WHEN"));
            }
            else
            {
                var value = Bind(when.Condition);
                var equality = ResolveBinaryOperator("=", placeholder.Type, value.Type, when.Position);
                conditions.Add(new BoundOperator(equality, CoerceImplicit(placeholder, equality.Left!), CoerceImplicit(value, equality.Right), when.Position));
            }
        }

        // The ELSE result comes first when choosing the result type, as in PostgreSQL.
        var defaultResult = caseExpression.Else is null ? new BoundConst(null, SqlType.Unknown, 0) : Bind(caseExpression.Else);
        var results = caseExpression.Whens.Select(w => Bind(w.Result)).ToList();
        var type = SelectCommonType([defaultResult, .. results], "CASE");
        var arms = conditions.Zip(results, (c, r) => (c, CoerceCommon(r, type, "CASE"))).ToList();
        return new BoundCase(operand, placeholder, arms, CoerceCommon(defaultResult, type, "CASE"), type, caseExpression.Position);
    }

    private BoundCoalesce BindCoalesce(CoalesceExpression coalesce)
    {
        var arguments = coalesce.Arguments.Select(Bind).ToList();
        var type = SelectCommonType(arguments, "COALESCE");
        return new BoundCoalesce(arguments.Select(a => CoerceCommon(a, type, "COALESCE")).ToList(), type, coalesce.Position);
    }

    private BoundMinMax BindMinMax(MinMaxExpression minMax)
    {
        var construct = minMax.IsGreatest ? "GREATEST" : "LEAST";
        var arguments = minMax.Arguments.Select(Bind).ToList();
        var type = SelectCommonType(arguments, construct);
        var compare = Operators.OrderingComparer(type)
            ?? throw new PgException(SqlState.UndefinedFunction, $"could not identify a comparison function for type {type.DisplayName}", position: minMax.Position);
        return new BoundMinMax(minMax.IsGreatest, arguments.Select(a => CoerceCommon(a, type, construct)).ToList(), compare, type, minMax.Position);
    }

    /// <summary>NULLIF(a, b): the = operator for the two types; the result has the type a is converted to for it.</summary>
    private BoundNullIf BindNullIf(NullIfExpression nullIf)
    {
        var left = Bind(nullIf.Left);
        var right = Bind(nullIf.Right);
        var equality = ResolveBinaryOperator("=", left.Type, right.Type, nullIf.Position);
        return new BoundNullIf(CoerceImplicit(left, equality.Left!), CoerceImplicit(right, equality.Right), equality, nullIf.Position);
    }

    /// <summary>select_common_type: the type a CASE, COALESCE, GREATEST/LEAST or IN list resolves to.</summary>
    private static SqlType SelectCommonType(IReadOnlyList<BoundExpr> expressions, string construct)
    {
        SqlType? candidate = null;
        foreach (var expression in expressions)
        {
            var type = expression.Type;
            if (type == SqlType.Unknown)
            {
                continue;
            }

            if (candidate is null)
            {
                candidate = type;
                continue;
            }

            if (type == candidate)
            {
                continue;
            }

            if (type.Category != candidate.Category)
            {
                throw new PgException(SqlState.DatatypeMismatch, $"{construct} types {candidate.DisplayName} and {type.DisplayName} cannot be matched",
                    position: expression.Location);
            }

            if (!candidate.IsPreferred && Coercion.CanCoerce(candidate, type, CoercionContext.Implicit)
                && !Coercion.CanCoerce(type, candidate, CoercionContext.Implicit))
            {
                candidate = type;
            }
        }

        return candidate ?? SqlType.Text;
    }

    private static SqlType? TrySelectCommonType(IReadOnlyList<BoundExpr> expressions)
    {
        try
        {
            var type = SelectCommonType(expressions, "IN");
            return expressions.All(e => e.Type == SqlType.Unknown || Coercion.CanCoerce(e.Type, type, CoercionContext.Implicit)) ? type : null;
        }
        catch (PgException)
        {
            return null;
        }
    }

    private BoundExpr CoerceCommon(BoundExpr expression, SqlType type, string construct)
    {
        if (expression.Type != SqlType.Unknown && expression.Type != type && !Coercion.CanCoerce(expression.Type, type, CoercionContext.Implicit))
        {
            throw new PgException(SqlState.CannotCoerce, $"{construct} could not convert type {expression.Type.DisplayName} to {type.DisplayName}",
                position: expression.Location);
        }

        return CoerceImplicit(expression, type);
    }
}
