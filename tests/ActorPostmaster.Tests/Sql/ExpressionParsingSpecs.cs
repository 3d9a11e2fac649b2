using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>Lexing and expression structure: literals, identifiers, operator precedence, special forms.</summary>
public sealed class ExpressionParsingSpecs
{
    private static SqlExpression Parse(string expression) => SqlParser.ParseExpression(expression);

    /// <summary>A compact rendering of the tree, with explicit parentheses.</summary>
    private static string Show(SqlExpression e) => e switch
    {
        IntegerLiteral i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NumericLiteral n => n.Text,
        StringLiteral s => $"'{s.Value}'",
        BooleanLiteral b => b.Value ? "TRUE" : "FALSE",
        NullLiteral => "NULL",
        ColumnReference c => string.Join('.', c.Names),
        ParameterReference p => $"${p.Number}",
        FunctionCall f => $"{string.Join('.', f.Names)}({string.Join(", ", f.Arguments.Select(a => (a.Name is null ? string.Empty : a.Name + " => ") + Show(a.Value)))})",
        SqlValueFunction v => v.Keyword.ToUpperInvariant(),
        TypeCast t => $"({Show(t.Operand)}::{t.Type}{(t.Type.Modifiers.Count > 0 ? "(" + string.Join(',', t.Type.Modifiers) + ")" : string.Empty)})",
        UnaryExpression u => $"({u.Operator} {Show(u.Operand)})",
        BinaryExpression b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        LogicalExpression l => $"({Show(l.Left)} {l.Operator.ToString().ToUpperInvariant()} {Show(l.Right)})",
        NotExpression n => $"(NOT {Show(n.Operand)})",
        NullTest n => $"({Show(n.Operand)} IS {(n.IsNot ? "NOT " : string.Empty)}NULL)",
        BooleanTest b => $"({Show(b.Operand)} {b.Kind})",
        DistinctFromExpression d => $"({Show(d.Left)} IS {(d.IsNot ? "NOT " : string.Empty)}DISTINCT FROM {Show(d.Right)})",
        InListExpression i => $"({Show(i.Operand)} {(i.IsNot ? "NOT " : string.Empty)}IN ({string.Join(", ", i.Values.Select(Show))}))",
        BetweenExpression b => $"({Show(b.Operand)} {(b.IsNot ? "NOT " : string.Empty)}BETWEEN {Show(b.Lower)} AND {Show(b.Upper)})",
        CaseExpression c => $"CASE{(c.Operand is null ? string.Empty : " " + Show(c.Operand))}{string.Concat(c.Whens.Select(w => $" WHEN {Show(w.Condition)} THEN {Show(w.Result)}"))}{(c.Else is null ? string.Empty : " ELSE " + Show(c.Else))} END",
        CoalesceExpression c => $"COALESCE({string.Join(", ", c.Arguments.Select(Show))})",
        MinMaxExpression m => $"{(m.IsGreatest ? "GREATEST" : "LEAST")}({string.Join(", ", m.Arguments.Select(Show))})",
        NullIfExpression n => $"NULLIF({Show(n.Left)}, {Show(n.Right)})",
        _ => e.GetType().Name,
    };

    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("1 - 2 - 3", "((1 - 2) - 3)")]
    [InlineData("2 ^ 3 ^ 2", "((2 ^ 3) ^ 2)")]
    [InlineData("-2 ^ 2", "(-2 ^ 2)")]
    [InlineData("- a ^ 2", "((- a) ^ 2)")]
    [InlineData("-1::int", "(- (1::int4))")]
    [InlineData("-(1)", "-1")]
    [InlineData("- 2147483648", "-2147483648")]
    [InlineData("-(-5)", "5")]
    [InlineData("+1", "(+ 1)")]
    [InlineData("a || b || c", "((a || b) || c)")]
    [InlineData("'a' || 1 + 2", "('a' || (1 + 2))")]
    [InlineData("a = b and c <> d or not e", "(((a = b) AND (c <> d)) OR (NOT e))")]
    [InlineData("a != b", "(a <> b)")]
    [InlineData("not a = b", "(NOT (a = b))")]
    [InlineData("a = b is null", "((a = b) IS NULL)")]
    [InlineData("a is not null and b isnull or c notnull", "(((a IS NOT NULL) AND (b IS NULL)) OR (c IS NOT NULL))")]
    [InlineData("null is null is null", "((NULL IS NULL) IS NULL)")]
    [InlineData("a is true", "(a IsTrue)")]
    [InlineData("a is not unknown", "(a IsNotUnknown)")]
    [InlineData("a is distinct from b + 1", "(a IS DISTINCT FROM (b + 1))")]
    [InlineData("a in (1, 2) and b not in (3)", "((a IN (1, 2)) AND (b NOT IN (3)))")]
    [InlineData("a between 1 and 2 and b", "((a BETWEEN 1 AND 2) AND b)")]
    [InlineData("a not between 1 + 1 and 2", "(a NOT BETWEEN (1 + 1) AND 2)")]
    [InlineData("a like 'x%'", "(a ~~ 'x%')")]
    [InlineData("a not ilike 'x%'", "(a !~~* 'x%')")]
    [InlineData("a @@ b", "(a @@ b)")]
    [InlineData("7 %- 3", "(7 %- 3)")]
    [InlineData("3 <=- 2", "(3 <= -2)")]
    [InlineData("~ 1", "(~ 1)")]
    [InlineData("x::text::varchar(3)", "((x::text)::varchar(3))")]
    [InlineData("cast(x as double precision)", "(x::float8)")]
    [InlineData("int '1'", "('1'::int4)")]
    [InlineData("pg_catalog.text 'a'", "('a'::pg_catalog.text)")]
    [InlineData("varchar(3) 'abc'", "('abc'::varchar(3))")]
    [InlineData("char 'a'", "('a'::bpchar)")]
    [InlineData("'a'::char", "('a'::bpchar(1))")]
    [InlineData("'a'::character varying(5)", "('a'::varchar(5))")]
    [InlineData("'1'::numeric(5,2)", "('1'::numeric(5,2))")]
    [InlineData("'1'::float(24)", "('1'::float4)")]
    [InlineData("'1'::timestamp with time zone", "('1'::timestamptz)")]
    [InlineData("f(a => 1, b := 2)", "f(a => 1, b => 2)")]
    [InlineData("pg_catalog.now()", "pg_catalog.now()")]
    [InlineData("current_timestamp", "CURRENT_TIMESTAMP")]
    [InlineData("case when a then 1 when b then 2 else 3 end", "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END")]
    [InlineData("case x when 1 then 'a' end", "CASE x WHEN 1 THEN 'a' END")]
    [InlineData("coalesce(a, b, 1)", "COALESCE(a, b, 1)")]
    [InlineData("greatest(1, 2)", "GREATEST(1, 2)")]
    [InlineData("least(1, 2)", "LEAST(1, 2)")]
    [InlineData("nullif(a, 0)", "NULLIF(a, 0)")]
    [InlineData("coalesce", "coalesce")]
    [InlineData("interval", "interval")]
    [InlineData("$1 + $2", "($1 + $2)")]
    [InlineData("a.b.c", "a.b.c")]
    [InlineData("\"A\".\"B c\"", "A.B c")]
    [InlineData("FooBar", "foobar")]
    [InlineData("true and false", "(TRUE AND FALSE)")]
    public void Expression_should_follow_PostgreSQLs_precedence_and_normalisation(string expression, string shown)
    {
        Assert.Equal(shown, Show(Parse(expression)));
    }

    [Theory]
    [InlineData("1", typeof(IntegerLiteral), "1")]
    [InlineData("2147483647", typeof(IntegerLiteral), "2147483647")]
    [InlineData("2147483648", typeof(NumericLiteral), "2147483648")]
    [InlineData("1.5", typeof(NumericLiteral), "1.5")]
    [InlineData(".5", typeof(NumericLiteral), ".5")]
    [InlineData("5.", typeof(NumericLiteral), "5.")]
    [InlineData("1e10", typeof(NumericLiteral), "1e10")]
    [InlineData("1.5E-3", typeof(NumericLiteral), "1.5E-3")]
    public void Numeric_literal_should_be_integer_only_when_it_fits_int4(string text, Type type, string shown)
    {
        var literal = Parse(text);

        Assert.IsType(type, literal);
        Assert.Equal(shown, Show(literal));
    }

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("'a\\b'", "a\\b")]
    [InlineData("E'a\\\\b'", "a\\b")]
    [InlineData("E'it\\'s'", "it's")]
    [InlineData("E'\\t\\n\\r\\b\\f'", "\t\n\r\b\f")]
    [InlineData("E'\\101\\x42\\u0043\\U00000044'", "ABCD")]
    [InlineData("E'\\q'", "q")]
    [InlineData("E'\\xe2\\x82\\xac'", "€")]
    [InlineData("E'\\uD83D\\uDE00'", "😀")]
    [InlineData("U&'d\\0061t\\+000061'", "data")]
    [InlineData("U&'d!0061t' UESCAPE '!'", "dat")]
    [InlineData("$$it's $ \\ fine$$", "it's $ \\ fine")]
    [InlineData("$tag$a $$ b$tag$", "a $$ b")]
    [InlineData("'a'\n'b'", "ab")]
    [InlineData("'a' \t-- comment\n 'b'\r\n'c'", "abc")]
    [InlineData("E'x'\n'\\n'", "x\n")]
    public void String_literal_should_decode_every_quoting_form(string literal, string value)
    {
        Assert.Equal(value, Assert.IsType<StringLiteral>(Parse(literal)).Value);
    }

    [Fact]
    public void Identifiers_should_fold_only_ascii_letters_and_keep_quoted_ones()
    {
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse("select ÉtÉ, \"MiXeD\", \"a\"\"b\", a$1 from T")));

        Assert.Equal(["ÉtÉ", "MiXeD", "a\"b", "a$1"], select.Targets.Select(t => Assert.IsType<ColumnReference>(t.Expression).Names[0]));
        Assert.Equal("t", select.From!.Name);
    }

    [Fact]
    public void Identifiers_should_be_truncated_to_63_bytes()
    {
        var name = new string('a', 70);

        var reference = Assert.IsType<ColumnReference>(Parse(name));

        Assert.Equal(new string('a', 63), reference.Names[0]);
    }

    [Theory]
    [InlineData("select 1 + 2", 10)]
    [InlineData("select /* x */ 1 +\n 2", 18)]
    [InlineData("select 'é' + 1", 12)]
    [InlineData("select '😀' + 1", 12)]
    public void Positions_should_be_1_based_characters_of_the_whole_query(string sql, int operatorPosition)
    {
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql)));

        Assert.Equal(operatorPosition, Assert.IsType<BinaryExpression>(select.Targets[0].Expression).Position);
    }

    [Fact]
    public void Positions_should_count_from_the_start_of_the_string_when_in_a_later_statement()
    {
        var statements = SqlParser.Parse("select 1; select x");

        var second = Assert.IsType<SelectStatement>(statements[1]);
        Assert.Equal(18, second.Targets[0].Expression.Position);
    }

    [Fact]
    public void Parameters_should_be_recorded_with_their_numbers()
    {
        var call = Assert.IsType<FunctionCall>(Parse("f($1, $12)"));

        Assert.Equal([1, 12], call.Arguments.Select(a => Assert.IsType<ParameterReference>(a.Value).Number));
    }
}
