namespace ActorPostmaster.Sql;

/// <summary>
/// An expression as the parser produced it (PostgreSQL's raw parse tree): names are not yet resolved and literals not
/// yet typed. <see cref="Position"/> is the 1-based character position PostgreSQL reports for the node.
/// </summary>
/// <param name="Position">The 1-based character position in the whole query text.</param>
public abstract record SqlExpression(int Position);

/// <summary>An integer literal that fits in int4 (after folding a leading minus sign).</summary>
/// <param name="Value">The value.</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record IntegerLiteral(int Value, int Position) : SqlExpression(Position);

/// <summary>
/// Any other numeric literal, as written (with a folded minus sign): it becomes int8 if it is an integer that fits,
/// else numeric.
/// </summary>
/// <param name="Text">The literal text, e.g. 1.50, 1e3 or 9223372036854775808.</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record NumericLiteral(string Text, int Position) : SqlExpression(Position);

/// <summary>A string literal (of type unknown until context decides).</summary>
/// <param name="Value">The decoded value.</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record StringLiteral(string Value, int Position) : SqlExpression(Position);

/// <summary>A bit-string literal B'…' or X'…' (the bit types are not supported by evaluation).</summary>
/// <param name="Text">The prefix letter (b or x) and the digits.</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record BitStringLiteral(string Text, int Position) : SqlExpression(Position);

/// <summary>TRUE or FALSE.</summary>
/// <param name="Value">The value.</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record BooleanLiteral(bool Value, int Position) : SqlExpression(Position);

/// <summary>NULL.</summary>
/// <param name="Position">The 1-based character position.</param>
public sealed record NullLiteral(int Position) : SqlExpression(Position);

/// <summary>A column reference: <c>col</c>, <c>alias.col</c>, <c>schema.table.col</c>.</summary>
/// <param name="Names">The dotted names, case-folded as the lexer did.</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record ColumnReference(IReadOnlyList<string> Names, int Position) : SqlExpression(Position);

/// <summary><c>*</c> or <c>alias.*</c> in a target list.</summary>
/// <param name="Qualifier">The names before the star (empty for a bare star).</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record StarExpression(IReadOnlyList<string> Qualifier, int Position) : SqlExpression(Position);

/// <summary>A positional parameter <c>$n</c>.</summary>
/// <param name="Number">n (1-based).</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record ParameterReference(int Number, int Position) : SqlExpression(Position);

/// <summary>One argument of a function call, optionally named (<c>name =&gt; value</c> or <c>name := value</c>).</summary>
/// <param name="Name">The parameter name, or null for a positional argument.</param>
/// <param name="Value">The argument.</param>
/// <param name="Position">The 1-based character position of the argument (of its name when named).</param>
public sealed record FunctionArgument(string? Name, SqlExpression Value, int Position);

/// <summary>A function call <c>f(args)</c> or <c>schema.f(args)</c>.</summary>
/// <param name="Names">The (possibly qualified) function name.</param>
/// <param name="Arguments">The arguments in order.</param>
/// <param name="Position">The 1-based character position of the name.</param>
/// <param name="AggregateStar">True for <c>f(*)</c> (count(*)); <paramref name="Arguments"/> is then empty.</param>
public sealed record FunctionCall(IReadOnlyList<string> Names, IReadOnlyList<FunctionArgument> Arguments, int Position, bool AggregateStar = false)
    : SqlExpression(Position)
{
    /// <summary>The unqualified function name.</summary>
    public string Name => Names[^1];
}

/// <summary>
/// A keyword that stands for a function call without parentheses (CURRENT_TIMESTAMP, CURRENT_USER, SESSION_USER,
/// USER, CURRENT_ROLE, CURRENT_CATALOG, CURRENT_SCHEMA, CURRENT_DATE, LOCALTIMESTAMP, …).
/// </summary>
/// <param name="Keyword">The keyword in lower case; also the result column's name.</param>
/// <param name="Position">The 1-based character position.</param>
/// <param name="Precision">The fractional-second precision of CURRENT_TIMESTAMP(p) and friends, or null.</param>
public sealed record SqlValueFunction(string Keyword, int Position, int? Precision = null) : SqlExpression(Position);

/// <summary>A type name as written in a cast, normalised as PostgreSQL's grammar does (INTEGER is int4, DOUBLE PRECISION float8 …).</summary>
/// <param name="Names">The (possibly schema-qualified) type name; the last one is the type's name.</param>
/// <param name="Modifiers">The type modifiers, e.g. (5,2) of numeric(5,2).</param>
/// <param name="Position">The 1-based character position.</param>
public sealed record TypeName(IReadOnlyList<string> Names, IReadOnlyList<int> Modifiers, int Position)
{
    /// <summary>The unqualified type name; the column name of a cast to it.</summary>
    public string Name => Names[^1];

    /// <inheritdoc />
    public override string ToString() => string.Join('.', Names);
}

/// <summary><c>x::type</c>, <c>CAST(x AS type)</c> or a typed literal <c>type 'text'</c>.</summary>
/// <param name="Operand">The value to convert.</param>
/// <param name="Type">The target type.</param>
/// <param name="Position">The 1-based character position (of :: or CAST; of the type for a typed literal).</param>
public sealed record TypeCast(SqlExpression Operand, TypeName Type, int Position) : SqlExpression(Position);

/// <summary>A prefix operator: <c>-x</c>, <c>+x</c>, or any other operator written before its operand.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
/// <param name="Position">The 1-based character position of the operator.</param>
public sealed record UnaryExpression(string Operator, SqlExpression Operand, int Position) : SqlExpression(Position);

/// <summary>
/// A binary operator: arithmetic, comparison (<c>!=</c> is <c>&lt;&gt;</c>), <c>||</c>, LIKE (<c>~~</c>), ILIKE
/// (<c>~~*</c>) and their negations, or any other operator.
/// </summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Position">The 1-based character position of the operator.</param>
public sealed record BinaryExpression(string Operator, SqlExpression Left, SqlExpression Right, int Position) : SqlExpression(Position);

/// <summary>AND or OR.</summary>
public enum LogicalOperator
{
    /// <summary>AND.</summary>
    And,

    /// <summary>OR.</summary>
    Or,
}

/// <summary><c>a AND b</c> or <c>a OR b</c>.</summary>
/// <param name="Operator">AND or OR.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Position">The 1-based character position of the keyword.</param>
public sealed record LogicalExpression(LogicalOperator Operator, SqlExpression Left, SqlExpression Right, int Position) : SqlExpression(Position);

/// <summary><c>NOT a</c>.</summary>
/// <param name="Operand">The operand.</param>
/// <param name="Position">The 1-based character position of NOT.</param>
public sealed record NotExpression(SqlExpression Operand, int Position) : SqlExpression(Position);

/// <summary><c>x IS [NOT] NULL</c>, <c>x ISNULL</c>, <c>x NOTNULL</c>.</summary>
/// <param name="Operand">The operand.</param>
/// <param name="IsNot">True for IS NOT NULL.</param>
/// <param name="Position">The 1-based character position of IS.</param>
public sealed record NullTest(SqlExpression Operand, bool IsNot, int Position) : SqlExpression(Position);

/// <summary>Which boolean test.</summary>
public enum BooleanTestKind
{
    /// <summary>IS TRUE.</summary>
    IsTrue,

    /// <summary>IS NOT TRUE.</summary>
    IsNotTrue,

    /// <summary>IS FALSE.</summary>
    IsFalse,

    /// <summary>IS NOT FALSE.</summary>
    IsNotFalse,

    /// <summary>IS UNKNOWN.</summary>
    IsUnknown,

    /// <summary>IS NOT UNKNOWN.</summary>
    IsNotUnknown,
}

/// <summary><c>x IS [NOT] TRUE|FALSE|UNKNOWN</c>.</summary>
/// <param name="Operand">The operand.</param>
/// <param name="Kind">The test.</param>
/// <param name="Position">The 1-based character position of IS.</param>
public sealed record BooleanTest(SqlExpression Operand, BooleanTestKind Kind, int Position) : SqlExpression(Position);

/// <summary><c>a IS [NOT] DISTINCT FROM b</c>.</summary>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="IsNot">True for IS NOT DISTINCT FROM.</param>
/// <param name="Position">The 1-based character position of IS.</param>
public sealed record DistinctFromExpression(SqlExpression Left, SqlExpression Right, bool IsNot, int Position) : SqlExpression(Position);

/// <summary><c>x [NOT] IN (a, b, …)</c>.</summary>
/// <param name="Operand">The tested value.</param>
/// <param name="Values">The list.</param>
/// <param name="IsNot">True for NOT IN.</param>
/// <param name="Position">The 1-based character position of IN (or NOT).</param>
public sealed record InListExpression(SqlExpression Operand, IReadOnlyList<SqlExpression> Values, bool IsNot, int Position) : SqlExpression(Position);

/// <summary><c>x [NOT] BETWEEN a AND b</c>.</summary>
/// <param name="Operand">The tested value.</param>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="IsNot">True for NOT BETWEEN.</param>
/// <param name="Position">The 1-based character position of BETWEEN (or NOT).</param>
public sealed record BetweenExpression(SqlExpression Operand, SqlExpression Lower, SqlExpression Upper, bool IsNot, int Position)
    : SqlExpression(Position);

/// <summary>One <c>WHEN … THEN …</c> arm.</summary>
/// <param name="Condition">The condition (or the value compared with the CASE operand).</param>
/// <param name="Result">The result.</param>
/// <param name="Position">The 1-based character position of WHEN.</param>
public sealed record CaseWhen(SqlExpression Condition, SqlExpression Result, int Position);

/// <summary><c>CASE [operand] WHEN … THEN … [ELSE …] END</c>.</summary>
/// <param name="Operand">The operand of a simple CASE, or null.</param>
/// <param name="Whens">The arms.</param>
/// <param name="Else">The ELSE result, or null.</param>
/// <param name="Position">The 1-based character position of CASE.</param>
public sealed record CaseExpression(SqlExpression? Operand, IReadOnlyList<CaseWhen> Whens, SqlExpression? Else, int Position)
    : SqlExpression(Position);

/// <summary><c>COALESCE(a, b, …)</c>.</summary>
/// <param name="Arguments">The arguments.</param>
/// <param name="Position">The 1-based character position of COALESCE.</param>
public sealed record CoalesceExpression(IReadOnlyList<SqlExpression> Arguments, int Position) : SqlExpression(Position);

/// <summary><c>GREATEST(…)</c> or <c>LEAST(…)</c>.</summary>
/// <param name="IsGreatest">True for GREATEST.</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="Position">The 1-based character position of the keyword.</param>
public sealed record MinMaxExpression(bool IsGreatest, IReadOnlyList<SqlExpression> Arguments, int Position) : SqlExpression(Position);

/// <summary><c>NULLIF(a, b)</c>.</summary>
/// <param name="Left">The value.</param>
/// <param name="Right">The value that makes the result NULL.</param>
/// <param name="Position">The 1-based character position of NULLIF.</param>
public sealed record NullIfExpression(SqlExpression Left, SqlExpression Right, int Position) : SqlExpression(Position);

/// <summary><c>DEFAULT</c> as an INSERT value or the value of an UPDATE SET clause (the column's default: NULL here).</summary>
/// <param name="Position">The 1-based character position.</param>
public sealed record DefaultExpression(int Position) : SqlExpression(Position);
