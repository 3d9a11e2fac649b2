namespace ActorPostmaster.Sql;

/// <summary>Expressions: precedence climbing with PostgreSQL 15's operator precedence and associativity.</summary>
internal sealed partial class Parser
{
    // Precedence levels, lowest first (gram.y's %left/%right/%nonassoc list).
    private const int PrecOr = 1;
    private const int PrecAnd = 2;
    private const int PrecNot = 3;
    private const int PrecIs = 4;
    private const int PrecComparison = 5;
    private const int PrecLike = 6;
    private const int PrecOp = 8;
    private const int PrecAdditive = 9;
    private const int PrecMultiplicative = 10;
    private const int PrecExponent = 11;
    private const int PrecAt = 12;
    private const int PrecCollate = 13;
    private const int PrecUnary = 14;
    private const int PrecSubscript = 15;

    /// <summary>Keywords that introduce special function syntax (when followed by a parenthesis).</summary>
    private static readonly HashSet<string> UnsupportedSpecialFunctions =
    [
        "extract", "overlay", "position", "substring", "trim", "treat", "normalize", "xmlconcat", "xmlelement", "xmlexists",
        "xmlforest", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "grouping", "xmlattributes", "xmlnamespaces", "xmltable",
    ];

    private static readonly HashSet<string> SqlValueFunctions =
    [
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_role", "current_user",
        "session_user", "user", "current_catalog", "current_schema",
    ];

    private enum Infix
    {
        None,
        Or,
        And,
        Is,
        IsNullPostfix,
        NotNullPostfix,
        Comparison,
        Between,
        In,
        Like,
        Similar,
        Operator,
        Additive,
        Multiplicative,
        Exponent,
        At,
        Collate,
        Subscript,
    }

    private SqlExpression ParseExpression() => ParseExpression(0);

    private SqlExpression ParseExpression(int minPrecedence)
    {
        var left = ParsePrefix();
        var lastNonAssociative = -1;
        while (true)
        {
            var (kind, precedence) = ClassifyInfix();
            if (kind == Infix.None || precedence < minPrecedence)
            {
                return left;
            }

            if (precedence == lastNonAssociative)
            {
                // A non-associative operator cannot take an operand built by an operator of its own level.
                throw SyntaxError();
            }

            lastNonAssociative = -1;
            var t = Current;
            var position = Position(t);
            switch (kind)
            {
                case Infix.Or:
                case Infix.And:
                    Advance();
                    left = new LogicalExpression(kind == Infix.Or ? LogicalOperator.Or : LogicalOperator.And, left, ParseExpression(precedence + 1), position);
                    break;
                case Infix.IsNullPostfix:
                case Infix.NotNullPostfix:
                    Advance();
                    left = new NullTest(left, kind == Infix.NotNullPostfix, position);
                    break;
                case Infix.Is:
                    left = ParseIsTest(left);
                    break;
                case Infix.Comparison:
                    Advance();
                    var op = t.Kind switch
                    {
                        TokenKind.LessEquals => "<=",
                        TokenKind.GreaterEquals => ">=",
                        TokenKind.NotEquals => "<>",
                        _ => t.Value,
                    };
                    if (Current.IsKeyword("any") || Current.IsKeyword("all") || Current.IsKeyword("some"))
                    {
                        throw Unsupported($"{op} {Current.Value.ToUpperInvariant()}");
                    }

                    left = new BinaryExpression(op, left, ParseExpression(precedence + 1), position);
                    lastNonAssociative = precedence;
                    break;
                case Infix.Between:
                case Infix.In:
                case Infix.Like:
                case Infix.Similar:
                    left = ParseNegatablePredicate(left, kind);
                    lastNonAssociative = precedence;
                    break;
                case Infix.Operator:
                case Infix.Additive:
                case Infix.Multiplicative:
                case Infix.Exponent:
                    Advance();
                    if (kind == Infix.Operator && (Current.IsKeyword("any") || Current.IsKeyword("all") || Current.IsKeyword("some")))
                    {
                        throw Unsupported($"{t.Value} {Current.Value.ToUpperInvariant()}");
                    }

                    left = new BinaryExpression(t.Value, left, ParseExpression(precedence + 1), position);
                    break;
                case Infix.At:
                    throw Unsupported("AT TIME ZONE");
                case Infix.Collate:
                    throw Unsupported("COLLATE");
                case Infix.Subscript:
                    throw Unsupported("array subscript");
            }
        }
    }

    /// <summary>What the current token does after an operand, and at which precedence.</summary>
    private (Infix Kind, int Precedence) ClassifyInfix()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Punctuation:
                return t.Value[0] switch
                {
                    '<' or '>' or '=' => (Infix.Comparison, PrecComparison),
                    '+' or '-' => (Infix.Additive, PrecAdditive),
                    '*' or '/' or '%' => (Infix.Multiplicative, PrecMultiplicative),
                    '^' => (Infix.Exponent, PrecExponent),
                    '[' => (Infix.Subscript, PrecSubscript),
                    _ => (Infix.None, 0),
                };
            case TokenKind.LessEquals:
            case TokenKind.GreaterEquals:
            case TokenKind.NotEquals:
                return (Infix.Comparison, PrecComparison);
            case TokenKind.Operator:
                return (Infix.Operator, PrecOp);
            case TokenKind.Identifier when t.Keyword is not null:
                break;
            default:
                return (Infix.None, 0);
        }

        // Keywords that are operators here, unless they are a column label: at the top level of a target-list entry,
        // a bare label followed by what may follow the entry.
        var next = Peek(1);
        var label = _depth == _targetLabelDepth && Keywords.IsBareLabel(t.Value) && EndsTarget(next);
        return t.Value switch
        {
            "or" when !label => (Infix.Or, PrecOr),
            "and" when !label => (Infix.And, PrecAnd),
            "is" when !label => (Infix.Is, PrecIs),
            "isnull" => (Infix.IsNullPostfix, PrecIs),
            "notnull" => (Infix.NotNullPostfix, PrecIs),
            "between" when !label => (Infix.Between, PrecLike),
            "in" when !label => (Infix.In, PrecLike),
            "like" or "ilike" when !label => (Infix.Like, PrecLike),
            "similar" when !label && next.IsKeyword("to") => (Infix.Similar, PrecLike),
            "not" when !label && (next.IsKeyword("between") || next.IsKeyword("in") || next.IsKeyword("like")
                                  || next.IsKeyword("ilike") || next.IsKeyword("similar")) => NotPredicateKind(next),
            "at" when next.IsKeyword("time") || next.IsKeyword("local") => (Infix.At, PrecAt),
            "collate" when !label => (Infix.Collate, PrecCollate),
            _ => (Infix.None, 0),
        };
    }

    private static (Infix Kind, int Precedence) NotPredicateKind(Token next) => next.Value switch
    {
        "between" => (Infix.Between, PrecLike),
        "in" => (Infix.In, PrecLike),
        "similar" => (Infix.Similar, PrecLike),
        _ => (Infix.Like, PrecLike),
    };

    private SqlExpression ParseIsTest(SqlExpression operand)
    {
        var position = Position(Advance());
        var isNot = AcceptKeyword("not");
        var t = Current;
        if (t.IsKeyword("null"))
        {
            Advance();
            return new NullTest(operand, isNot, position);
        }

        if (t.IsKeyword("true") || t.IsKeyword("false") || t.IsKeyword("unknown"))
        {
            Advance();
            var kind = (t.Value, isNot) switch
            {
                ("true", false) => BooleanTestKind.IsTrue,
                ("true", true) => BooleanTestKind.IsNotTrue,
                ("false", false) => BooleanTestKind.IsFalse,
                ("false", true) => BooleanTestKind.IsNotFalse,
                ("unknown", false) => BooleanTestKind.IsUnknown,
                _ => BooleanTestKind.IsNotUnknown,
            };
            return new BooleanTest(operand, kind, position);
        }

        if (t.IsKeyword("distinct"))
        {
            Advance();
            ExpectKeyword("from");
            return new DistinctFromExpression(operand, ParseExpression(PrecIs + 1), isNot, position);
        }

        if (t.IsKeyword("document") || t.IsKeyword("normalized") || t.IsKeyword("of") || t.IsKeyword("json")
            || (t.Keyword is not null && t.Value is "nfc" or "nfd" or "nfkc" or "nfkd"))
        {
            throw Unsupported("IS " + (isNot ? "NOT " : string.Empty) + t.Value.ToUpperInvariant());
        }

        throw SyntaxError();
    }

    private SqlExpression ParseNegatablePredicate(SqlExpression operand, Infix kind)
    {
        var position = Position(Current);
        var isNot = AcceptKeyword("not");
        var keyword = Advance();
        switch (kind)
        {
            case Infix.Between:
            {
                if (Current.IsKeyword("symmetric"))
                {
                    throw Unsupported("BETWEEN SYMMETRIC");
                }

                AcceptKeyword("asymmetric");
                var lower = ParseExpression(PrecComparison);
                ExpectKeyword("and");
                var upper = ParseExpression(PrecLike + 1);
                return new BetweenExpression(operand, lower, upper, isNot, position);
            }

            case Infix.In:
            {
                ExpectPunctuation('(');
                if (IsSubqueryStart())
                {
                    throw Unsupported("IN (subquery)");
                }

                var values = new List<SqlExpression> { ParseExpression() };
                while (AcceptPunctuation(','))
                {
                    values.Add(ParseExpression());
                }

                ExpectPunctuation(')');
                return new InListExpression(operand, values, isNot, position);
            }

            case Infix.Like:
            {
                var ilike = keyword.Value == "ilike";
                var pattern = ParseExpression(PrecLike + 1);
                if (Current.IsKeyword("escape"))
                {
                    throw Unsupported("LIKE … ESCAPE");
                }

                var op = (ilike, isNot) switch
                {
                    (false, false) => "~~",
                    (false, true) => "!~~",
                    (true, false) => "~~*",
                    _ => "!~~*",
                };
                return new BinaryExpression(op, operand, pattern, position);
            }

            default:
                throw Unsupported("SIMILAR TO", position);
        }
    }

    private bool IsSubqueryStart()
    {
        var offset = 0;
        while (Peek(offset).IsPunctuation('('))
        {
            offset++;
        }

        var t = Peek(offset);
        return t.IsKeyword("select") || t.IsKeyword("values") || t.IsKeyword("with") || t.IsKeyword("table");
    }

    /// <summary>Prefix operators (NOT, unary minus and plus, any other operator) or a primary expression.</summary>
    private SqlExpression ParsePrefix()
    {
        var t = Current;
        var position = Position(t);
        if (t.IsKeyword("not"))
        {
            Advance();
            return new NotExpression(ParseExpression(PrecNot), position);
        }

        if (t.IsPunctuation('-'))
        {
            Advance();
            return Negate(ParseExpression(PrecUnary), t.Value, position);
        }

        if (t.IsPunctuation('+'))
        {
            Advance();
            return new UnaryExpression("+", ParseExpression(PrecUnary), position);
        }

        if (t.Kind == TokenKind.Operator)
        {
            Advance();
            return new UnaryExpression(t.Value, ParseExpression(PrecOp), position);
        }

        return ParsePostfix(ParsePrimary());
    }

    /// <summary>PostgreSQL folds a minus sign into a numeric constant at parse time (doNegate).</summary>
    private static SqlExpression Negate(SqlExpression operand, string op, int position) => operand switch
    {
        IntegerLiteral i => new IntegerLiteral(-i.Value, position),
        NumericLiteral n => new NumericLiteral(n.Text.StartsWith('-') ? n.Text[1..] : "-" + n.Text, position),
        _ => new UnaryExpression(op, operand, position),
    };

    /// <summary>Typecasts (::) bind tighter than everything but the dot.</summary>
    private SqlExpression ParsePostfix(SqlExpression expression)
    {
        while (Current.Kind == TokenKind.Typecast)
        {
            var position = Position(Advance());
            expression = new TypeCast(expression, ParseTypeName(), position);
        }

        return expression;
    }

    private SqlExpression ParsePrimary()
    {
        var t = Current;
        var position = Position(t);
        switch (t.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new IntegerLiteral(t.IntValue, position);
            case TokenKind.Numeric:
                Advance();
                return new NumericLiteral(t.Value, position);
            case TokenKind.String:
                Advance();
                return new StringLiteral(t.Value, position);
            case TokenKind.BitString:
                Advance();
                return new BitStringLiteral(t.Value, position);
            case TokenKind.Parameter:
                Advance();
                if (Current.IsPunctuation('['))
                {
                    throw Unsupported("array subscript");
                }

                return new ParameterReference(t.IntValue, position);
            case TokenKind.Punctuation when t.Value == "(":
                return ParseParenthesized();
            case TokenKind.Identifier:
                return ParseIdentifierPrimary();
            default:
                throw SyntaxError();
        }
    }

    private SqlExpression ParseParenthesized()
    {
        if (IsSubqueryStart())
        {
            throw Unsupported("subquery");
        }

        var open = Advance();
        var inner = ParseExpression();
        if (Current.IsPunctuation(','))
        {
            throw Unsupported("row constructor", Position(open));
        }

        ExpectPunctuation(')');
        if (Current.IsPunctuation('.') || Current.IsPunctuation('['))
        {
            throw Unsupported("field selection");
        }

        return inner;
    }

    private SqlExpression ParseIdentifierPrimary()
    {
        var t = Current;
        var position = Position(t);
        var next = Peek(1);
        if (t.Keyword is not null)
        {
            switch (t.Value)
            {
                case "true":
                case "false":
                    Advance();
                    return new BooleanLiteral(t.Value == "true", position);
                case "null":
                    Advance();
                    return new NullLiteral(position);
                case "case":
                    return ParseCase();
                case "cast":
                    return ParseCast();
                case "coalesce" when next.IsPunctuation('('):
                    Advance();
                    return new CoalesceExpression(ParseParenthesizedList(), position);
                case "greatest" or "least" when next.IsPunctuation('('):
                    Advance();
                    return new MinMaxExpression(t.Value == "greatest", ParseParenthesizedList(), position);
                case "nullif" when next.IsPunctuation('('):
                {
                    Advance();
                    ExpectPunctuation('(');
                    var left = ParseExpression();
                    ExpectPunctuation(',');
                    var right = ParseExpression();
                    ExpectPunctuation(')');
                    return new NullIfExpression(left, right, position);
                }

                case "exists":
                case "array":
                    if (next.IsPunctuation('(') || next.IsPunctuation('['))
                    {
                        throw Unsupported(t.Value == "exists" ? "EXISTS" : "ARRAY");
                    }

                    break;
                case "row" when next.IsPunctuation('('):
                    throw Unsupported("row constructor");
                case "collation" when next.IsKeyword("for"):
                    throw Unsupported("COLLATION FOR");
                case "default":
                    throw Unsupported("DEFAULT");
                case var word when SqlValueFunctions.Contains(word):
                    Advance();
                    if (Current.IsPunctuation('(') && word is "current_time" or "current_timestamp" or "localtime" or "localtimestamp")
                    {
                        Advance();
                        var precision = Current.Kind == TokenKind.Integer ? Advance().IntValue : throw SyntaxError();
                        ExpectPunctuation(')');
                        return new SqlValueFunction(word, position, precision);
                    }

                    return new SqlValueFunction(word, position);
                case var word when UnsupportedSpecialFunctions.Contains(word) && next.IsPunctuation('('):
                    throw Unsupported(word.ToUpperInvariant());
            }

            if (IsConstTypeStart(t, next) || (t.IsKeyword("double") && next.IsKeyword("precision")))
            {
                var typeName = ParseTypeName(constantLiteral: true);
                if (Current.Kind != TokenKind.String)
                {
                    throw SyntaxError();
                }

                var literal = Advance();
                if (typeName.Name == "interval" && IsIntervalField(Current))
                {
                    throw Unsupported("interval field qualifier");
                }

                return new TypeCast(new StringLiteral(literal.Value, Position(literal)), typeName, typeName.Position);
            }
        }

        return ParseNamePrimary();
    }

    /// <summary>A type keyword that starts a typed literal (<c>INT '1'</c>, <c>DOUBLE PRECISION '1'</c>, <c>INTERVAL '1 day'</c>…).</summary>
    private static bool IsConstTypeStart(Token t, Token next)
    {
        if (t.Keyword != KeywordCategory.ColumnName)
        {
            return false;
        }

        return t.Value switch
        {
            "int" or "integer" or "smallint" or "bigint" or "real" or "boolean" or "dec" or "decimal" or "numeric" or "float" =>
                next.Kind == TokenKind.String || next.IsPunctuation('('),
            "double" => true,
            "char" or "character" or "varchar" or "nchar" or "national" or "bit" =>
                next.Kind == TokenKind.String || next.IsPunctuation('(') || next.IsKeyword("varying") || next.IsKeyword("character")
                || next.IsKeyword("char"),
            "timestamp" or "time" =>
                next.Kind == TokenKind.String || next.IsPunctuation('(') || next.IsKeyword("with") || next.IsKeyword("without"),
            "interval" => next.Kind == TokenKind.String || next.IsPunctuation('('),
            _ => false,
        };
    }

    private static bool IsIntervalField(Token t) =>
        t.Keyword is not null && t.Value is "year" or "month" or "day" or "hour" or "minute" or "second";

    /// <summary>A column reference, a function call, or a typed literal with a generic type name.</summary>
    private SqlExpression ParseNamePrimary()
    {
        var first = Current;
        var position = Position(first);
        var names = new List<string> { Advance().Value };
        var qualified = false;
        while (Current.IsPunctuation('.'))
        {
            Advance();
            qualified = true;
            if (Current.IsPunctuation('*'))
            {
                Advance();
                if (!IsColId(first))
                {
                    throw _source.SyntaxError(first);
                }

                return new StarExpression(names, position);
            }

            if (Current.Kind != TokenKind.Identifier)
            {
                throw SyntaxError();
            }

            names.Add(Advance().Value);
        }

        if (Current.IsPunctuation('('))
        {
            if (!(qualified ? IsColId(first) : IsTypeFunctionName(first)))
            {
                throw qualified ? _source.SyntaxError(first) : SyntaxError();
            }

            return ParseFunctionCall(names, position);
        }

        if (Current.Kind == TokenKind.String && (qualified ? IsColId(first) : IsTypeFunctionName(first)))
        {
            // func_name Sconst: a typed literal with a generic type name (text 'x', pg_catalog.int4 '1').
            var literal = Advance();
            return new TypeCast(new StringLiteral(literal.Value, Position(literal)), new TypeName(names, [], position), position);
        }

        if (!IsColId(first))
        {
            throw _source.SyntaxError(first);
        }

        if (Current.IsPunctuation('['))
        {
            throw Unsupported("array subscript");
        }

        return new ColumnReference(names, position);
    }

    private SqlExpression ParseFunctionCall(List<string> names, int position)
    {
        ExpectPunctuation('(');
        var arguments = new List<FunctionArgument>();
        var star = AcceptPunctuation('*');
        if (!star && (Current.IsKeyword("distinct") || Current.IsKeyword("all")))
        {
            throw Unsupported("aggregate function");
        }

        if (!star && !Current.IsPunctuation(')'))
        {
            while (true)
            {
                if (Current.IsKeyword("variadic"))
                {
                    throw Unsupported("VARIADIC");
                }

                var argPosition = Position(Current);
                if (IsTypeFunctionName(Current) && Peek(1).Kind is TokenKind.EqualsGreater or TokenKind.ColonEquals)
                {
                    var name = Advance().Value;
                    Advance();
                    arguments.Add(new FunctionArgument(name, ParseExpression(), argPosition));
                }
                else
                {
                    arguments.Add(new FunctionArgument(null, ParseExpression(), argPosition));
                }

                if (Current.IsKeyword("order"))
                {
                    throw Unsupported("aggregate function");
                }

                if (!AcceptPunctuation(','))
                {
                    break;
                }
            }
        }

        ExpectPunctuation(')');
        if (Current.IsKeyword("within") || Current.IsKeyword("filter") || Current.IsKeyword("over"))
        {
            throw Unsupported(Current.IsKeyword("over") ? "window function" : "aggregate function");
        }

        if (Current.Kind == TokenKind.String)
        {
            // func_name '(' modifiers ')' Sconst: a typed literal with type modifiers, e.g. varchar(3) 'abc'.
            var modifiers = arguments.Select(a => a.Name is null && a.Value is IntegerLiteral i ? i.Value : throw Unsupported("type modifier expression", a.Position)).ToList();
            var literal = Advance();
            return new TypeCast(new StringLiteral(literal.Value, Position(literal)), new TypeName(names, modifiers, position), position);
        }

        return new FunctionCall(names, arguments, position, star);
    }

    private List<SqlExpression> ParseParenthesizedList()
    {
        ExpectPunctuation('(');
        var items = new List<SqlExpression> { ParseExpression() };
        while (AcceptPunctuation(','))
        {
            items.Add(ParseExpression());
        }

        ExpectPunctuation(')');
        return items;
    }

    private CaseExpression ParseCase()
    {
        var position = Position(Advance());
        SqlExpression? operand = null;
        if (!Current.IsKeyword("when"))
        {
            operand = ParseExpression();
        }

        var whens = new List<CaseWhen>();
        do
        {
            var whenPosition = Position(ExpectKeyword("when"));
            var condition = ParseExpression();
            ExpectKeyword("then");
            whens.Add(new CaseWhen(condition, ParseExpression(), whenPosition));
        }
        while (Current.IsKeyword("when"));

        SqlExpression? elseResult = null;
        if (AcceptKeyword("else"))
        {
            elseResult = ParseExpression();
        }

        ExpectKeyword("end");
        return new CaseExpression(operand, whens, elseResult, position);
    }

    private TypeCast ParseCast()
    {
        var position = Position(Advance());
        ExpectPunctuation('(');
        var operand = ParseExpression();
        ExpectKeyword("as");
        var type = ParseTypeName();
        ExpectPunctuation(')');
        return new TypeCast(operand, type, position);
    }

    /// <summary>Typename: the SQL-standard type syntaxes normalised to catalog names, or a generic (possibly qualified) name.</summary>
    private TypeName ParseTypeName(bool constantLiteral = false)
    {
        if (Current.IsKeyword("setof"))
        {
            throw Unsupported("SETOF");
        }

        var t = Current;
        var position = Position(t);
        TypeName type;
        if ((t.Keyword == KeywordCategory.ColumnName && IsSqlTypeKeyword(t.Value)) || (t.IsKeyword("double") && Peek(1).IsKeyword("precision")))
        {
            type = ParseSqlTypeKeyword(position, constantLiteral);
        }
        else if (IsTypeFunctionName(t))
        {
            var names = new List<string> { Advance().Value };
            while (Current.IsPunctuation('.'))
            {
                Advance();
                names.Add(ExpectColLabel());
            }

            if (Current.Kind == TokenKind.Operator && Current.Value == "%")
            {
                throw Unsupported("%TYPE");
            }

            type = new TypeName(names, ParseTypeModifiers(), position);
        }
        else
        {
            throw SyntaxError();
        }

        if (Current.IsPunctuation('[') || Current.IsKeyword("array"))
        {
            throw Unsupported("array type");
        }

        return type;
    }

    private static bool IsSqlTypeKeyword(string word) => word is "int" or "integer" or "smallint" or "bigint" or "real" or "float"
        or "double" or "decimal" or "dec" or "numeric" or "boolean" or "char" or "character" or "varchar" or "nchar" or "national"
        or "bit" or "timestamp" or "time" or "interval";

    /// <param name="position">The type name's position.</param>
    /// <param name="constantLiteral">True for a typed literal, where CHAR without a length is unrestricted (not char(1)).</param>
    private TypeName ParseSqlTypeKeyword(int position, bool constantLiteral)
    {
        var word = Advance().Value;
        TypeName Simple(string name) => new([name], [], position);
        switch (word)
        {
            case "int":
            case "integer":
                return Simple("int4");
            case "smallint":
                return Simple("int2");
            case "bigint":
                return Simple("int8");
            case "real":
                return Simple("float4");
            case "boolean":
                return Simple("bool");
            case "double":
                ExpectKeyword("precision");
                return Simple("float8");
            case "float":
            {
                if (!Current.IsPunctuation('('))
                {
                    return Simple("float8");
                }

                Advance();
                var precisionToken = Current;
                if (precisionToken.Kind != TokenKind.Integer)
                {
                    throw SyntaxError();
                }

                Advance();
                ExpectPunctuation(')');
                return precisionToken.IntValue switch
                {
                    < 1 => throw new PgException(SqlState.InvalidParameterValue, "precision for type float must be at least 1 bit", position: Position(precisionToken)),
                    <= 24 => Simple("float4"),
                    <= 53 => Simple("float8"),
                    _ => throw new PgException(SqlState.InvalidParameterValue, "precision for type float must be less than 54 bits", position: Position(precisionToken)),
                };
            }

            case "decimal":
            case "dec":
            case "numeric":
                return new TypeName(["numeric"], ParseTypeModifiers(), position);
            case "char":
            case "character":
            case "nchar":
            case "national":
            {
                if (word == "national")
                {
                    if (!AcceptKeyword("character"))
                    {
                        ExpectKeyword("char");
                    }
                }

                var varying = AcceptKeyword("varying");
                var modifiers = ParseTypeModifiers();
                return varying ? new TypeName(["varchar"], modifiers, position) : new TypeName(["bpchar"], modifiers.Count == 0 && !constantLiteral ? [1] : modifiers, position);
            }

            case "varchar":
                return new TypeName(["varchar"], ParseTypeModifiers(), position);
            case "bit":
            {
                var varying = AcceptKeyword("varying");
                var modifiers = ParseTypeModifiers();
                return new TypeName([varying ? "varbit" : "bit"], modifiers, position);
            }

            case "timestamp":
            case "time":
            {
                var modifiers = ParseTypeModifiers();
                var withZone = false;
                if (AcceptKeyword("with"))
                {
                    ExpectKeyword("time");
                    ExpectKeyword("zone");
                    withZone = true;
                }
                else if (AcceptKeyword("without"))
                {
                    ExpectKeyword("time");
                    ExpectKeyword("zone");
                }

                var name = word == "timestamp" ? (withZone ? "timestamptz" : "timestamp") : (withZone ? "timetz" : "time");
                return new TypeName([name], modifiers, position);
            }

            default:
            {
                // interval [(p)]; field qualifiers are not supported.
                var modifiers = ParseTypeModifiers();
                if (IsIntervalField(Current))
                {
                    throw Unsupported("interval field qualifier");
                }

                return new TypeName(["interval"], modifiers, position);
            }
        }
    }

    private List<int> ParseTypeModifiers()
    {
        var modifiers = new List<int>();
        if (!Current.IsPunctuation('('))
        {
            return modifiers;
        }

        Advance();
        while (true)
        {
            var negative = AcceptPunctuation('-');
            if (Current.Kind != TokenKind.Integer)
            {
                if (Current.Kind is TokenKind.String or TokenKind.Numeric || IsColId(Current))
                {
                    throw Unsupported("type modifier expression");
                }

                throw SyntaxError();
            }

            var value = Advance().IntValue;
            modifiers.Add(negative ? -value : value);
            if (!AcceptPunctuation(','))
            {
                break;
            }
        }

        ExpectPunctuation(')');
        return modifiers;
    }
}
