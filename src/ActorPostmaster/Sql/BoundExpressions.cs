namespace ActorPostmaster.Sql;

/// <summary>What evaluation needs: the environment, the current row, the parameter values.</summary>
internal sealed class EvalContext(ISqlEnvironment environment, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
{
    public ISqlEnvironment Environment { get; } = environment;

    public TimeZoneInfo TimeZone { get; } = environment.TimeZone;

    public IReadOnlyList<object?> Parameters { get; } = parameters;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The current input row (null without FROM).</summary>
    public object?[]? Row { get; set; }

    /// <summary>The aggregates' results, once computed (by <see cref="BoundAggregate.Index"/>).</summary>
    public object?[]? Aggregates { get; set; }

    /// <summary>The value a simple CASE compares its WHEN values with.</summary>
    public object? CaseValue { get; set; }
}

/// <summary>
/// An analysed expression: typed, names resolved, operators and functions chosen, coercions explicit. Location is the
/// 1-based position PostgreSQL's exprLocation would report for it (0 when unknown).
/// </summary>
internal abstract class BoundExpr(SqlType type, int location, int typeModifier = -1)
{
    public virtual SqlType Type { get; } = type;

    public int TypeModifier { get; } = typeModifier;

    public int Location { get; } = location;

    public virtual IReadOnlyList<BoundExpr> Children => [];

    /// <summary>True when the node itself may be computed at plan time once its inputs are constants.</summary>
    public virtual bool IsFoldable => false;

    /// <summary>True when a NULL input gives NULL (so a NULL constant input folds to NULL).</summary>
    public virtual bool IsStrict => false;

    public virtual BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;

    public abstract ValueTask<object?> EvaluateAsync(EvalContext context);

    /// <summary>The leftmost of the given locations that are known (PostgreSQL's leftmostLoc).</summary>
    protected static int Leftmost(int location, IEnumerable<BoundExpr> children)
    {
        var result = location;
        foreach (var child in children)
        {
            if (child.Location > 0 && (result <= 0 || child.Location < result))
            {
                result = child.Location;
            }
        }

        return result;
    }
}

internal sealed class BoundConst(object? value, SqlType type, int location, int typeModifier = -1) : BoundExpr(type, location, typeModifier)
{
    public object? Value { get; } = value;

    public override ValueTask<object?> EvaluateAsync(EvalContext context) => ValueTask.FromResult(Value);
}

internal sealed class BoundColumn(int index, SqlType type, int typeModifier, int location) : BoundExpr(type, location, typeModifier)
{
    public int Index { get; } = index;

    public override ValueTask<object?> EvaluateAsync(EvalContext context) =>
        ValueTask.FromResult(ValueNormalizer.Normalize(context.Row![Index], Type));
}

/// <summary>The shared, possibly still undecided, type of one parameter $n.</summary>
internal sealed class ParameterSlot(int number, SqlType type)
{
    public int Number { get; } = number;

    public SqlType Type { get; set; } = type;
}

internal sealed class BoundParam(ParameterSlot slot, int location) : BoundExpr(slot.Type, location)
{
    public ParameterSlot Slot { get; } = slot;

    public override SqlType Type => Slot.Type;

    public override ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var index = Slot.Number - 1;
        var value = index < context.Parameters.Count ? context.Parameters[index] : null;
        return ValueTask.FromResult(ValueNormalizer.Normalize(value, Type));
    }
}

/// <summary>The operand of a simple CASE, as its WHEN comparisons see it.</summary>
internal sealed class BoundCaseTest(SqlType type) : BoundExpr(type, 0)
{
    public override ValueTask<object?> EvaluateAsync(EvalContext context) => ValueTask.FromResult(context.CaseValue);
}

internal sealed class BoundCast(BoundExpr argument, ValueConverter converter, SqlType type, int typeModifier, bool isExplicit, int location, bool dependsOnTimeZone)
    : BoundExpr(type, Leftmost(location, [argument]), typeModifier)
{
    public BoundExpr Argument { get; } = argument;

    public ValueConverter Converter { get; } = converter;

    public bool IsExplicit { get; } = isExplicit;

    public int CastLocation { get; } = location;

    public bool DependsOnTimeZone { get; } = dependsOnTimeZone;

    public override IReadOnlyList<BoundExpr> Children => [Argument];

    public override bool IsFoldable => !DependsOnTimeZone;

    public override bool IsStrict => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) =>
        new BoundCast(children[0], Converter, Type, TypeModifier, IsExplicit, CastLocation, DependsOnTimeZone);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var value = await Argument.EvaluateAsync(context);
        return value is null ? null : Apply(value, context.TimeZone);
    }

    public object Apply(object value, TimeZoneInfo timeZone)
    {
        var converted = Converter(value, timeZone);
        return TypeModifier >= 0 ? Coercion.ApplyTypmod(converted, Type, TypeModifier, IsExplicit) : converted;
    }
}

internal sealed class BoundOperator(OperatorDefinition definition, BoundExpr? left, BoundExpr right, int location)
    : BoundExpr(definition.Result, Leftmost(location, left is null ? [right] : [left, right]))
{
    public OperatorDefinition Definition { get; } = definition;

    public BoundExpr? Left { get; } = left;

    public BoundExpr Right { get; } = right;

    public int OperatorLocation { get; } = location;

    public override IReadOnlyList<BoundExpr> Children => Left is null ? [Right] : [Left, Right];

    public override bool IsFoldable => !Definition.DependsOnTimeZone;

    public override bool IsStrict => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => Left is null
        ? new BoundOperator(Definition, null, children[0], OperatorLocation)
        : new BoundOperator(Definition, children[0], children[1], OperatorLocation);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        object? left = null;
        if (Left is not null)
        {
            left = await Left.EvaluateAsync(context);
            if (left is null)
            {
                return null;
            }
        }

        var right = await Right.EvaluateAsync(context);
        if (right is null)
        {
            return null;
        }

        return Definition.Invoke(left ?? right, right, context.TimeZone);
    }
}

internal sealed class BoundFunctionCall(SqlFunction function, IReadOnlyList<BoundExpr> arguments, int location)
    : BoundExpr(function.ReturnType, Leftmost(location, arguments))
{
    public SqlFunction Function { get; } = function;

    public IReadOnlyList<BoundExpr> Arguments { get; } = arguments;

    public int CallLocation { get; } = location;

    public override IReadOnlyList<BoundExpr> Children => Arguments;

    public override bool IsFoldable => Function.Volatility == SqlVolatility.Immutable;

    public override bool IsStrict => Function.IsStrict;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundFunctionCall(Function, children, CallLocation);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var values = new object?[Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await Arguments[i].EvaluateAsync(context);
            if (values[i] is null && Function.IsStrict)
            {
                return null;
            }
        }

        context.Environment.CheckForInterrupts();
        var result = await Function.Implementation(new SqlCallContext(context.Environment, Function, context.CancellationToken), values);
        return Function.ReturnType == SqlType.Void ? PgVoid.Value : ValueNormalizer.Normalize(result, Type);
    }
}

internal enum LogicalKind
{
    And,
    Or,
}

internal sealed class BoundLogical(LogicalKind kind, IReadOnlyList<BoundExpr> arguments, int location)
    : BoundExpr(SqlType.Bool, Leftmost(location, arguments))
{
    public LogicalKind Kind { get; } = kind;

    public IReadOnlyList<BoundExpr> Arguments { get; } = arguments;

    public int OwnLocation { get; } = location;

    public override IReadOnlyList<BoundExpr> Children => Arguments;

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundLogical(Kind, children, OwnLocation);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        // AND stops at the first false, OR at the first true; otherwise NULL wins over the neutral value.
        var decisive = Kind == LogicalKind.Or;
        var sawNull = false;
        foreach (var argument in Arguments)
        {
            var value = await argument.EvaluateAsync(context);
            if (value is null)
            {
                sawNull = true;
            }
            else if ((bool)value == decisive)
            {
                return decisive;
            }
        }

        return sawNull ? null : !decisive;
    }
}

internal sealed class BoundNot(BoundExpr argument, int location) : BoundExpr(SqlType.Bool, Leftmost(location, [argument]))
{
    public BoundExpr Argument { get; } = argument;

    public int OwnLocation { get; } = location;

    public override IReadOnlyList<BoundExpr> Children => [Argument];

    public override bool IsFoldable => true;

    public override bool IsStrict => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundNot(children[0], OwnLocation);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context) =>
        await Argument.EvaluateAsync(context) is bool b ? !b : null;
}

internal sealed class BoundNullTest(BoundExpr argument, bool isNot, int location) : BoundExpr(SqlType.Bool, Leftmost(location, [argument]))
{
    public BoundExpr Argument { get; } = argument;

    public bool IsNot { get; } = isNot;

    public int OwnLocation { get; } = location;

    public override IReadOnlyList<BoundExpr> Children => [Argument];

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundNullTest(children[0], IsNot, OwnLocation);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context) =>
        (await Argument.EvaluateAsync(context) is null) != IsNot;
}

internal sealed class BoundBooleanTest(BoundExpr argument, BooleanTestKind kind, int location) : BoundExpr(SqlType.Bool, Leftmost(location, [argument]))
{
    public BoundExpr Argument { get; } = argument;

    public BooleanTestKind Kind { get; } = kind;

    public int OwnLocation { get; } = location;

    public override IReadOnlyList<BoundExpr> Children => [Argument];

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundBooleanTest(children[0], Kind, OwnLocation);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var value = (bool?)await Argument.EvaluateAsync(context);
        return Kind switch
        {
            BooleanTestKind.IsTrue => value == true,
            BooleanTestKind.IsNotTrue => value != true,
            BooleanTestKind.IsFalse => value == false,
            BooleanTestKind.IsNotFalse => value != false,
            BooleanTestKind.IsUnknown => value is null,
            _ => value is not null,
        };
    }
}

/// <summary>IS [NOT] DISTINCT FROM: equality where NULL equals NULL.</summary>
internal sealed class BoundDistinct(BoundExpr left, BoundExpr right, OperatorDefinition equality, bool isNot, int location)
    : BoundExpr(SqlType.Bool, Leftmost(location, [left, right]))
{
    public override IReadOnlyList<BoundExpr> Children => [left, right];

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundDistinct(children[0], children[1], equality, isNot, location);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var a = await left.EvaluateAsync(context);
        var b = await right.EvaluateAsync(context);
        var distinct = a is null || b is null ? (a is null) != (b is null) : !(bool)equality.Invoke(a, b, context.TimeZone)!;
        return distinct != isNot;
    }
}

/// <summary>x [NOT] IN (…): the operand evaluated once, compared with each item (OR, or AND of &lt;&gt; for NOT IN).</summary>
internal sealed class BoundInList(BoundExpr operand, IReadOnlyList<BoundExpr> items, IReadOnlyList<(OperatorDefinition Operator, ValueConverter? Convert)> comparisons, bool isNot, int location)
    : BoundExpr(SqlType.Bool, Leftmost(location, [operand, .. items]))
{
    public override IReadOnlyList<BoundExpr> Children => [operand, .. items];

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) =>
        new BoundInList(children[0], children.Skip(1).ToList(), comparisons, isNot, location);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var value = await operand.EvaluateAsync(context);
        var sawNull = false;
        for (var i = 0; i < items.Count; i++)
        {
            var item = await items[i].EvaluateAsync(context);
            if (value is null || item is null)
            {
                sawNull = true;
                continue;
            }

            var (op, convert) = comparisons[i];
            var left = convert is null ? value : convert(value, context.TimeZone);
            if ((bool)op.Invoke(left, item, context.TimeZone)! != isNot)
            {
                return !isNot;
            }
        }

        return sawNull ? null : isNot;
    }
}

internal sealed class BoundCase(BoundExpr? operand, BoundCaseTest? placeholder, IReadOnlyList<(BoundExpr Condition, BoundExpr Result)> arms, BoundExpr defaultResult, SqlType type, int location)
    : BoundExpr(type, location)
{
    public BoundExpr? Operand { get; } = operand;

    public BoundCaseTest? Placeholder { get; } = placeholder;

    public IReadOnlyList<(BoundExpr Condition, BoundExpr Result)> Arms { get; } = arms;

    public BoundExpr Default { get; } = defaultResult;

    public override IReadOnlyList<BoundExpr> Children =>
        [.. Operand is null ? [] : new[] { Operand }, .. Arms.SelectMany(a => new[] { a.Condition, a.Result }), Default];

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var saved = context.CaseValue;
        var operand = Operand is null ? null : await Operand.EvaluateAsync(context);
        foreach (var (condition, result) in Arms)
        {
            context.CaseValue = operand;
            var matched = await condition.EvaluateAsync(context);
            context.CaseValue = saved;
            if (matched is true)
            {
                return await result.EvaluateAsync(context);
            }
        }

        return await Default.EvaluateAsync(context);
    }
}

internal sealed class BoundCoalesce(IReadOnlyList<BoundExpr> arguments, SqlType type, int location) : BoundExpr(type, location)
{
    public IReadOnlyList<BoundExpr> Arguments { get; } = arguments;

    public override IReadOnlyList<BoundExpr> Children => Arguments;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundCoalesce(children, Type, Location);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        foreach (var argument in Arguments)
        {
            var value = await argument.EvaluateAsync(context);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }
}

internal sealed class BoundMinMax(bool isGreatest, IReadOnlyList<BoundExpr> arguments, Func<object, object, int> compare, SqlType type, int location)
    : BoundExpr(type, location)
{
    public override IReadOnlyList<BoundExpr> Children => arguments;

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundMinMax(isGreatest, children, compare, Type, Location);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        object? best = null;
        foreach (var argument in arguments)
        {
            var value = await argument.EvaluateAsync(context);
            if (value is not null && (best is null || (compare(value, best) > 0) == isGreatest && compare(value, best) != 0))
            {
                best = value;
            }
        }

        return best;
    }
}

internal sealed class BoundNullIf(BoundExpr left, BoundExpr right, OperatorDefinition equality, int location)
    : BoundExpr(left.Type, location, left.TypeModifier)
{
    public override IReadOnlyList<BoundExpr> Children => [left, right];

    public override bool IsFoldable => true;

    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundNullIf(children[0], children[1], equality, Location);

    public override async ValueTask<object?> EvaluateAsync(EvalContext context)
    {
        var value = await left.EvaluateAsync(context);
        if (value is null)
        {
            return null;
        }

        var other = await right.EvaluateAsync(context);
        if (other is null)
        {
            return value;
        }

        return (bool)equality.Invoke(value, other, context.TimeZone)! ? null : value;
    }
}

/// <summary>count(*) or count(expr): its value is computed over the input rows and read from the context.</summary>
internal sealed class BoundAggregate(int index, BoundExpr? argument, int location) : BoundExpr(SqlType.Int8, location)
{
    public int Index { get; } = index;

    /// <summary>The argument (null for count(*)).</summary>
    public BoundExpr? Argument { get; } = argument;

    public override ValueTask<object?> EvaluateAsync(EvalContext context) => ValueTask.FromResult(context.Aggregates![Index]);
}
