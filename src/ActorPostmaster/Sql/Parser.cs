using System.Globalization;

namespace ActorPostmaster.Sql;

/// <summary>
/// A construct PostgreSQL's grammar accepts but this surface does not implement; the statement holding it becomes an
/// <see cref="UnsupportedStatement"/>.
/// </summary>
internal sealed class UnsupportedSyntaxException(string feature, int position) : Exception(feature)
{
    public string Feature { get; } = feature;

    public int Position { get; } = position;
}

/// <summary>
/// A recursive-descent parser over <see cref="SqlLexer"/> tokens for the statements the SQL surface supports. Where
/// PostgreSQL's LALR grammar would report a syntax error, this parser reports it at the same token.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>The first keywords of every statement PostgreSQL 15 knows (for those not implemented here).</summary>
    private static readonly HashSet<string> StatementKeywords =
    [
        "abort", "alter", "analyze", "analyse", "begin", "call", "checkpoint", "close", "cluster", "comment", "commit", "copy",
        "create", "deallocate", "declare", "delete", "discard", "do", "drop", "end", "execute", "explain", "fetch", "grant",
        "import", "insert", "listen", "load", "lock", "merge", "move", "notify", "prepare", "reassign", "refresh", "reindex",
        "release", "reset", "revoke", "rollback", "savepoint", "security", "select", "set", "show", "start", "table",
        "truncate", "unlisten", "update", "vacuum", "values", "with",
    ];

    private static readonly HashSet<string> CreateModifiers =
        ["or", "replace", "unique", "temp", "temporary", "unlogged", "global", "local", "trusted", "procedural", "default"];

    private readonly SourceText _source;
    private readonly SqlLexer _lexer;
    private readonly List<Token> _lookahead = [];
    private int _depth;
    private int _targetLabelDepth = -1;

    public Parser(SourceText source)
    {
        _source = source;
        _lexer = new SqlLexer(source);
    }

    private Token Current => Peek(0);

    public IReadOnlyList<Statement> ParseStatements()
    {
        var statements = new List<Statement>();
        while (true)
        {
            while (Current.IsPunctuation(';'))
            {
                Advance();
            }

            if (Current.Kind == TokenKind.EndOfInput)
            {
                return statements;
            }

            statements.Add(ParseStatementOrUnsupported());
            if (Current.Kind != TokenKind.EndOfInput && !Current.IsPunctuation(';'))
            {
                throw SyntaxError();
            }
        }
    }

    public SqlExpression ParseStandaloneExpression()
    {
        try
        {
            var expression = ParseExpression();
            if (Current.Kind != TokenKind.EndOfInput)
            {
                throw SyntaxError();
            }

            return expression;
        }
        catch (UnsupportedSyntaxException unsupported)
        {
            throw new PgException(SqlState.FeatureNotSupported, $"{unsupported.Feature} is not supported", position: unsupported.Position);
        }
    }

    private Token Peek(int offset)
    {
        while (_lookahead.Count <= offset)
        {
            _lookahead.Add(_lexer.Next());
        }

        return _lookahead[offset];
    }

    private Token Advance()
    {
        var token = Peek(0);
        _lookahead.RemoveAt(0);
        if (token.Kind == TokenKind.Punctuation)
        {
            _depth += token.Value[0] switch
            {
                '(' or '[' => 1,
                ')' or ']' => -1,
                _ => 0,
            };
        }

        return token;
    }

    private int Position(Token token) => _source.Position(token.Start);

    private PgException SyntaxError() => _source.SyntaxError(Current);

    private UnsupportedSyntaxException Unsupported(string feature) => new(feature, Position(Current));

    private static UnsupportedSyntaxException Unsupported(string feature, int position) => new(feature, position);

    private bool AcceptKeyword(string word)
    {
        if (Current.IsKeyword(word))
        {
            Advance();
            return true;
        }

        return false;
    }

    private Token ExpectKeyword(string word) => Current.IsKeyword(word) ? Advance() : throw SyntaxError();

    private bool AcceptPunctuation(char c)
    {
        if (Current.IsPunctuation(c))
        {
            Advance();
            return true;
        }

        return false;
    }

    private Token ExpectPunctuation(char c) => Current.IsPunctuation(c) ? Advance() : throw SyntaxError();

    private static bool IsColId(Token t) =>
        t.Kind == TokenKind.Identifier && t.Keyword is null or KeywordCategory.Unreserved or KeywordCategory.ColumnName;

    private static bool IsTypeFunctionName(Token t) =>
        t.Kind == TokenKind.Identifier && t.Keyword is null or KeywordCategory.Unreserved or KeywordCategory.TypeFunctionName;

    private static bool IsNonReservedWord(Token t) => t.Kind == TokenKind.Identifier && t.Keyword != KeywordCategory.Reserved;

    private static bool IsBareLabel(Token t) => t.Kind == TokenKind.Identifier && (t.Keyword is null || Keywords.IsBareLabel(t.Value));

    private string ExpectColId() => IsColId(Current) ? Advance().Value : throw SyntaxError();

    private string ExpectColLabel() => Current.Kind == TokenKind.Identifier ? Advance().Value : throw SyntaxError();

    private string ExpectStringConstant() => Current.Kind == TokenKind.String ? Advance().Value : throw SyntaxError();

    private Statement ParseStatementOrUnsupported()
    {
        var first = Current;
        _depth = 0;
        try
        {
            return ParseStatement();
        }
        catch (UnsupportedSyntaxException unsupported)
        {
            SkipToStatementEnd();
            return new UnsupportedStatement(CommandNameOf(first), unsupported.Feature, unsupported.Position);
        }
    }

    /// <summary>
    /// Skips the rest of a statement that is not implemented; unbalanced parentheses are still the syntax error
    /// PostgreSQL would report.
    /// </summary>
    private void SkipToStatementEnd()
    {
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.EndOfInput || t.IsPunctuation(';'))
            {
                if (_depth != 0)
                {
                    throw SyntaxError();
                }

                return;
            }

            if ((t.IsPunctuation(')') || t.IsPunctuation(']')) && _depth == 0)
            {
                throw SyntaxError();
            }

            Advance();
        }
    }

    private static string CommandNameOf(Token first) =>
        first.IsPunctuation('(') || first.IsKeyword("table") || first.IsKeyword("values") || first.IsKeyword("with")
            ? "SELECT"
            : first.Value.ToUpperInvariant();

    private Statement ParseStatement()
    {
        var t = Current;
        if (t.IsPunctuation('('))
        {
            return ParseSelectStatement();
        }

        if (t.Kind != TokenKind.Identifier || t.Keyword is null || !StatementKeywords.Contains(t.Value))
        {
            throw SyntaxError();
        }

        switch (t.Value)
        {
            case "select":
            case "table":
            case "values":
            case "with":
                return ParseSelectStatement();
            case "show":
                return ParseShow();
            case "set":
                return ParseSet();
            case "reset":
                return ParseReset();
            case "begin":
            case "start":
                return ParseBegin();
            case "commit":
            case "end":
            case "rollback":
            case "abort":
                return ParseCommitOrRollback();
            case "savepoint":
                Advance();
                return new TransactionStatement(TransactionCommand.Savepoint, [], SavepointName: ExpectColId());
            case "release":
                Advance();
                return new TransactionStatement(TransactionCommand.Release, [], SavepointName: ParseSavepointName());
            case "discard":
                return ParseDiscard();
            case "checkpoint":
                Advance();
                return new CheckpointStatement();
            case "insert":
                return ParseInsert();
            case "update":
                return ParseUpdate();
            case "delete":
                return ParseDelete();
            case "prepare" when Peek(1).IsKeyword("transaction"):
                return UnsupportedCommand("PREPARE TRANSACTION", 2);
            case "create" or "drop" or "alter":
                return UnsupportedCreateDropAlter();
            default:
                return UnsupportedCommand(t.Value.ToUpperInvariant(), 1);
        }
    }

    private UnsupportedStatement UnsupportedCommand(string name, int words)
    {
        var position = Position(Current);
        for (var i = 0; i < words; i++)
        {
            Advance();
        }

        SkipToStatementEnd();
        return new UnsupportedStatement(name, name, position);
    }

    private UnsupportedStatement UnsupportedCreateDropAlter()
    {
        var position = Position(Current);
        var name = Advance().Value.ToUpperInvariant();
        var offset = 0;
        while (Peek(offset).Keyword is not null && CreateModifiers.Contains(Peek(offset).Value))
        {
            offset++;
        }

        var objectKind = Peek(offset);
        if (objectKind.Kind == TokenKind.Identifier && objectKind.Keyword is not null)
        {
            name += " " + objectKind.Value.ToUpperInvariant();
            var second = Peek(offset + 1);
            if (objectKind.Value is "materialized" or "foreign" or "event" or "access" or "text" or "user" && second.Keyword is not null)
            {
                name += " " + second.Value.ToUpperInvariant();
            }
        }

        SkipToStatementEnd();
        return new UnsupportedStatement(name, name, position);
    }

    // ---- SHOW / SET / RESET -------------------------------------------------------------------------------------

    /// <summary>var_name: ColId ('.' ColId)*, joined with dots.</summary>
    private string ParseVarName()
    {
        var name = ExpectColId();
        while (Current.IsPunctuation('.'))
        {
            Advance();
            name += "." + ExpectColId();
        }

        return name;
    }

    private ShowStatement ParseShow()
    {
        ExpectKeyword("show");
        var special = ParseSpecialSettingName();
        if (special is not null)
        {
            return new ShowStatement(special);
        }

        if (AcceptKeyword("all"))
        {
            return new ShowStatement("all");
        }

        return new ShowStatement(ParseVarName());
    }

    /// <summary>TIME ZONE, TRANSACTION ISOLATION LEVEL, SESSION AUTHORIZATION (the names SHOW and RESET share).</summary>
    private string? ParseSpecialSettingName()
    {
        if (Current.IsKeyword("time") && Peek(1).IsKeyword("zone"))
        {
            Advance();
            Advance();
            return "timezone";
        }

        if (Current.IsKeyword("transaction") && Peek(1).IsKeyword("isolation"))
        {
            Advance();
            Advance();
            ExpectKeyword("level");
            return "transaction_isolation";
        }

        if (Current.IsKeyword("session") && Peek(1).IsKeyword("authorization"))
        {
            Advance();
            Advance();
            return "session_authorization";
        }

        return null;
    }

    private ResetStatement ParseReset()
    {
        ExpectKeyword("reset");
        var special = ParseSpecialSettingName();
        if (special is not null)
        {
            return new ResetStatement(special);
        }

        if (AcceptKeyword("all"))
        {
            return new ResetStatement(null);
        }

        return new ResetStatement(ParseVarName());
    }

    private Statement ParseSet()
    {
        ExpectKeyword("set");
        var isLocal = false;
        if ((Current.IsKeyword("local") || Current.IsKeyword("session")) && IsSetScopePrefix(Peek(1)))
        {
            isLocal = Advance().Value == "local";
        }

        var t = Current;
        if (t.IsKeyword("transaction") && !IsSetOperator(Peek(1)) && !Peek(1).IsPunctuation('.') && !Peek(1).IsKeyword("snapshot"))
        {
            Advance();
            return new SetTransactionStatement(ParseTransactionModes(required: true), SessionCharacteristics: false);
        }

        if (t.IsKeyword("session") && Peek(1).IsKeyword("characteristics"))
        {
            Advance();
            Advance();
            ExpectKeyword("as");
            ExpectKeyword("transaction");
            return new SetTransactionStatement(ParseTransactionModes(required: true), SessionCharacteristics: true);
        }

        if (t.IsKeyword("time") && Peek(1).IsKeyword("zone"))
        {
            Advance();
            Advance();
            return ParseTimeZoneValue(isLocal);
        }

        if (t.IsKeyword("catalog") && !IsSetOperator(Peek(1)))
        {
            Advance();
            var position = Position(Current);
            ExpectStringConstant();
            throw new PgException(SqlState.FeatureNotSupported, "current database cannot be changed", position: position);
        }

        if (t.IsKeyword("schema") && !IsSetOperator(Peek(1)))
        {
            Advance();
            return new SetStatement("search_path", SetAction.Value, [new SetValue(ExpectStringConstant(), SetValueKind.Quoted)], isLocal);
        }

        if (t.IsKeyword("names") && !IsSetOperator(Peek(1)))
        {
            Advance();
            if (Current.Kind == TokenKind.String)
            {
                return new SetStatement("client_encoding", SetAction.Value, [new SetValue(Advance().Value, SetValueKind.Quoted)], isLocal);
            }

            AcceptKeyword("default");
            return new SetStatement("client_encoding", SetAction.Default, [], isLocal);
        }

        if (t.IsKeyword("role") && !IsSetOperator(Peek(1)))
        {
            Advance();
            return new SetStatement("role", SetAction.Value, [ParseNonReservedWordOrString()], isLocal);
        }

        if (t.IsKeyword("session") && Peek(1).IsKeyword("authorization"))
        {
            Advance();
            Advance();
            if (AcceptKeyword("default"))
            {
                return new SetStatement("session_authorization", SetAction.Default, [], isLocal);
            }

            return new SetStatement("session_authorization", SetAction.Value, [ParseNonReservedWordOrString()], isLocal);
        }

        if (t.IsKeyword("xml") && Peek(1).IsKeyword("option"))
        {
            Advance();
            Advance();
            var option = Current.IsKeyword("document") || Current.IsKeyword("content") ? Advance().Value : throw SyntaxError();
            return new SetStatement("xmloption", SetAction.Value, [new SetValue(option, SetValueKind.Word)], isLocal);
        }

        if (t.IsKeyword("transaction") && Peek(1).IsKeyword("snapshot"))
        {
            Advance();
            Advance();
            return new SetStatement("transaction_snapshot", SetAction.Value, [new SetValue(ExpectStringConstant(), SetValueKind.Quoted)], isLocal);
        }

        var name = ParseVarName();
        if (Current.IsKeyword("from"))
        {
            Advance();
            ExpectKeyword("current");
            return new SetStatement(name, SetAction.FromCurrent, [], isLocal);
        }

        if (!IsSetOperator(Current))
        {
            throw SyntaxError();
        }

        Advance();
        if (AcceptKeyword("default"))
        {
            return new SetStatement(name, SetAction.Default, [], isLocal);
        }

        var values = new List<SetValue> { ParseSetValue() };
        while (AcceptPunctuation(','))
        {
            values.Add(ParseSetValue());
        }

        return new SetStatement(name, SetAction.Value, values, isLocal);
    }

    private static bool IsSetOperator(Token t) => t.IsKeyword("to") || t.IsPunctuation('=');

    /// <summary>After SET, LOCAL or SESSION is a scope prefix unless it is itself the setting's name.</summary>
    private static bool IsSetScopePrefix(Token next) =>
        !IsSetOperator(next) && !next.IsPunctuation('.') && !next.IsKeyword("from")
        && !next.IsKeyword("characteristics") && !next.IsKeyword("authorization");

    private SetStatement ParseTimeZoneValue(bool isLocal)
    {
        var t = Current;
        if (t.Kind == TokenKind.String)
        {
            Advance();
            return new SetStatement("timezone", SetAction.Value, [new SetValue(t.Value, SetValueKind.Quoted)], isLocal);
        }

        if (t.IsKeyword("default") || t.IsKeyword("local"))
        {
            Advance();
            return new SetStatement("timezone", SetAction.Default, [], isLocal);
        }

        if (t.IsKeyword("interval"))
        {
            throw Unsupported("SET TIME ZONE INTERVAL");
        }

        if (t.IsPlainIdentifier)
        {
            Advance();
            return new SetStatement("timezone", SetAction.Value, [new SetValue(t.Value, SetValueKind.Word)], isLocal);
        }

        var number = ParseNumericOnly() ?? throw SyntaxError();
        return new SetStatement("timezone", SetAction.Value, [number], isLocal);
    }

    private SetValue ParseNonReservedWordOrString()
    {
        var t = Current;
        if (t.Kind == TokenKind.String)
        {
            Advance();
            return new SetValue(t.Value, SetValueKind.Quoted);
        }

        if (IsNonReservedWord(t))
        {
            Advance();
            return new SetValue(t.Value, SetValueKind.Word);
        }

        throw SyntaxError();
    }

    /// <summary>var_value: TRUE | FALSE | ON | NonReservedWord | Sconst | NumericOnly.</summary>
    private SetValue ParseSetValue()
    {
        var t = Current;
        if (t.IsKeyword("true") || t.IsKeyword("false") || t.IsKeyword("on"))
        {
            Advance();
            return new SetValue(t.Value, SetValueKind.Word);
        }

        if (t.Kind == TokenKind.String || IsNonReservedWord(t))
        {
            return ParseNonReservedWordOrString();
        }

        return ParseNumericOnly() ?? throw SyntaxError();
    }

    /// <summary>NumericOnly: [+|-] (Iconst | Fconst); integers get their canonical text, other numbers keep theirs.</summary>
    private SetValue? ParseNumericOnly()
    {
        var negative = false;
        var signed = false;
        if (Current.IsPunctuation('+') || Current.IsPunctuation('-'))
        {
            if (Peek(1).Kind is not TokenKind.Integer and not TokenKind.Numeric)
            {
                Advance();
                throw SyntaxError();
            }

            signed = true;
            negative = Advance().Value == "-";
        }

        var t = Current;
        if (t.Kind == TokenKind.Integer)
        {
            Advance();
            var value = negative ? -(long)t.IntValue : t.IntValue;
            return new SetValue(value.ToString(CultureInfo.InvariantCulture), SetValueKind.WholeNumber);
        }

        if (t.Kind == TokenKind.Numeric)
        {
            Advance();
            return new SetValue(negative ? "-" + t.Value : t.Value, SetValueKind.Numeric);
        }

        return signed ? throw SyntaxError() : null;
    }

    // ---- Transactions -------------------------------------------------------------------------------------------

    private TransactionStatement ParseBegin()
    {
        if (AcceptKeyword("start"))
        {
            ExpectKeyword("transaction");
            return new TransactionStatement(TransactionCommand.StartTransaction, ParseTransactionModes(required: false));
        }

        ExpectKeyword("begin");
        if (!AcceptKeyword("work"))
        {
            AcceptKeyword("transaction");
        }

        return new TransactionStatement(TransactionCommand.Begin, ParseTransactionModes(required: false));
    }

    private Statement ParseCommitOrRollback()
    {
        var keyword = Current.Value;
        var isRollback = keyword is "rollback" or "abort";
        if (keyword is "commit" or "rollback" && Peek(1).IsKeyword("prepared"))
        {
            return UnsupportedCommand(keyword.ToUpperInvariant() + " PREPARED", 2);
        }

        Advance();
        if (!AcceptKeyword("work"))
        {
            AcceptKeyword("transaction");
        }

        if (keyword == "rollback" && AcceptKeyword("to"))
        {
            return new TransactionStatement(TransactionCommand.RollbackToSavepoint, [], SavepointName: ParseSavepointName());
        }

        var chain = false;
        if (AcceptKeyword("and"))
        {
            chain = !AcceptKeyword("no");
            ExpectKeyword("chain");
        }

        return new TransactionStatement(isRollback ? TransactionCommand.Rollback : TransactionCommand.Commit, [], chain);
    }

    /// <summary>[SAVEPOINT] name — where "savepoint" itself may be the name.</summary>
    private string ParseSavepointName()
    {
        if (Current.IsKeyword("savepoint") && IsColId(Peek(1)))
        {
            Advance();
        }

        return ExpectColId();
    }

    private List<TransactionMode> ParseTransactionModes(bool required)
    {
        var modes = new List<TransactionMode>();
        if (!required && !IsTransactionModeStart(Current))
        {
            return modes;
        }

        modes.Add(ParseTransactionMode());
        while (true)
        {
            if (Current.IsPunctuation(',') )
            {
                Advance();
                modes.Add(ParseTransactionMode());
            }
            else if (IsTransactionModeStart(Current))
            {
                modes.Add(ParseTransactionMode());
            }
            else
            {
                return modes;
            }
        }
    }

    private static bool IsTransactionModeStart(Token t) =>
        t.IsKeyword("isolation") || t.IsKeyword("read") || t.IsKeyword("deferrable") || t.IsKeyword("not");

    private TransactionMode ParseTransactionMode()
    {
        if (AcceptKeyword("isolation"))
        {
            ExpectKeyword("level");
            string level;
            if (AcceptKeyword("serializable"))
            {
                level = "serializable";
            }
            else if (AcceptKeyword("repeatable"))
            {
                ExpectKeyword("read");
                level = "repeatable read";
            }
            else if (AcceptKeyword("read"))
            {
                level = AcceptKeyword("committed") ? "read committed" : AcceptKeyword("uncommitted") ? "read uncommitted" : throw SyntaxError();
            }
            else
            {
                throw SyntaxError();
            }

            return new TransactionMode("transaction_isolation", level);
        }

        if (AcceptKeyword("read"))
        {
            var readOnly = AcceptKeyword("only") ? "on" : AcceptKeyword("write") ? "off" : throw SyntaxError();
            return new TransactionMode("transaction_read_only", readOnly);
        }

        if (AcceptKeyword("deferrable"))
        {
            return new TransactionMode("transaction_deferrable", "on");
        }

        ExpectKeyword("not");
        ExpectKeyword("deferrable");
        return new TransactionMode("transaction_deferrable", "off");
    }

    private DiscardStatement ParseDiscard()
    {
        ExpectKeyword("discard");
        var target = Current switch
        {
            var t when t.IsKeyword("all") => DiscardTarget.All,
            var t when t.IsKeyword("plans") => DiscardTarget.Plans,
            var t when t.IsKeyword("sequences") => DiscardTarget.Sequences,
            var t when t.IsKeyword("temp") || t.IsKeyword("temporary") => DiscardTarget.Temp,
            _ => throw SyntaxError(),
        };
        Advance();
        return new DiscardStatement(target);
    }

    // ---- SELECT -------------------------------------------------------------------------------------------------

    private static readonly HashSet<string> TargetFollowers =
    [
        "from", "into", "where", "group", "having", "window", "order", "limit", "offset", "fetch", "for", "union",
        "intersect", "except", "returning",
    ];

    /// <summary>True for a token that may follow a target-list entry (so a keyword before it is a column label).</summary>
    private static bool EndsTarget(Token t) =>
        t.Kind == TokenKind.EndOfInput || t.IsPunctuation(';') || t.IsPunctuation(',') || t.IsPunctuation(')')
        || (t.Keyword is not null && TargetFollowers.Contains(t.Value));

    private SelectStatement ParseSelectStatement()
    {
        var select = ParseSelectCore();
        return ParseSelectTail(select);
    }

    private SelectStatement ParseSelectCore()
    {
        if (Current.IsPunctuation('('))
        {
            Advance();
            var inner = ParseSelectStatement();
            ExpectPunctuation(')');
            return inner;
        }

        if (Current.IsKeyword("values"))
        {
            throw Unsupported("VALUES");
        }

        if (Current.IsKeyword("with"))
        {
            throw Unsupported("WITH");
        }

        if (AcceptKeyword("table"))
        {
            AcceptKeyword("only");
            var relation = ParseRelationName(allowAlias: false);
            return new SelectStatement([new SelectTarget(new StarExpression([], relation.Position), null, relation.Position)], relation, null, [], null, null);
        }

        ExpectKeyword("select");
        if (Current.IsKeyword("distinct"))
        {
            throw Unsupported("SELECT DISTINCT");
        }

        AcceptKeyword("all");
        var targets = new List<SelectTarget>();
        if (!EndsTarget(Current) || Current.IsPunctuation(','))
        {
            targets.Add(ParseTarget());
            while (AcceptPunctuation(','))
            {
                targets.Add(ParseTarget());
            }
        }

        if (Current.IsKeyword("into"))
        {
            throw Unsupported("SELECT INTO");
        }

        RelationReference? from = null;
        if (AcceptKeyword("from"))
        {
            from = ParseFromClause();
        }

        SqlExpression? where = null;
        if (AcceptKeyword("where"))
        {
            if (Current.IsKeyword("current") && Peek(1).IsKeyword("of"))
            {
                throw Unsupported("WHERE CURRENT OF");
            }

            where = ParseExpression();
        }

        if (Current.IsKeyword("group") && Peek(1).IsKeyword("by"))
        {
            throw Unsupported("GROUP BY");
        }

        if (Current.IsKeyword("having"))
        {
            throw Unsupported("HAVING");
        }

        if (Current.IsKeyword("window"))
        {
            throw Unsupported("WINDOW");
        }

        return new SelectStatement(targets, from, where, [], null, null);
    }

    private SelectStatement ParseSelectTail(SelectStatement select)
    {
        if (Current.IsKeyword("union") || Current.IsKeyword("intersect") || Current.IsKeyword("except"))
        {
            throw Unsupported(Current.Value.ToUpperInvariant());
        }

        var orderBy = select.OrderBy;
        if (Current.IsKeyword("order"))
        {
            if (orderBy.Count > 0)
            {
                throw Unsupported("ORDER BY of a parenthesized SELECT");
            }

            Advance();
            ExpectKeyword("by");
            var keys = new List<SortKey> { ParseSortKey() };
            while (AcceptPunctuation(','))
            {
                keys.Add(ParseSortKey());
            }

            orderBy = keys;
        }

        var limit = select.Limit;
        var offset = select.Offset;
        var sawLimit = false;
        var sawOffset = false;
        while (true)
        {
            if (!sawLimit && Current.IsKeyword("limit"))
            {
                var limitPosition = Position(Current);
                Advance();
                sawLimit = true;
                var value = AcceptKeyword("all") ? null : ParseExpression();
                if (Current.IsPunctuation(','))
                {
                    throw new PgException(SqlState.SyntaxError, "LIMIT #,# syntax is not supported",
                        hint: "Use separate LIMIT and OFFSET clauses.", position: limitPosition);
                }

                limit = MergeLimit(select.Limit, value, "LIMIT");
            }
            else if (!sawOffset && Current.IsKeyword("offset"))
            {
                Advance();
                sawOffset = true;
                var value = ParseExpression();
                if (Current.IsKeyword("row") || Current.IsKeyword("rows"))
                {
                    Advance();
                }

                offset = MergeLimit(select.Offset, value, "OFFSET");
            }
            else if (Current.IsKeyword("fetch"))
            {
                throw Unsupported("FETCH FIRST");
            }
            else
            {
                break;
            }
        }

        if (Current.IsKeyword("for"))
        {
            throw Unsupported("SELECT FOR " + Peek(1).Value.ToUpperInvariant());
        }

        return select with { OrderBy = orderBy, Limit = limit, Offset = offset };
    }

    private SqlExpression? MergeLimit(SqlExpression? inner, SqlExpression? outer, string clause) =>
        inner is not null ? throw Unsupported($"{clause} of a parenthesized SELECT that has one") : outer;

    private SelectTarget ParseTarget()
    {
        var position = Position(Current);
        if (Current.IsPunctuation('*'))
        {
            Advance();
            return new SelectTarget(new StarExpression([], position), null, position);
        }

        var savedLabelDepth = _targetLabelDepth;
        _targetLabelDepth = _depth;
        SqlExpression expression;
        try
        {
            expression = ParseExpression();
        }
        finally
        {
            _targetLabelDepth = savedLabelDepth;
        }

        string? alias = null;
        if (Current.IsKeyword("as"))
        {
            Advance();
            alias = ExpectColLabel();
        }
        else if (IsBareLabel(Current))
        {
            alias = Advance().Value;
        }

        return new SelectTarget(expression, alias, position);
    }

    private RelationReference ParseFromClause()
    {
        if (Current.IsPunctuation('('))
        {
            throw Unsupported("subquery in FROM");
        }

        if (Current.IsKeyword("lateral"))
        {
            throw Unsupported("LATERAL");
        }

        AcceptKeyword("only");
        var relation = ParseRelationName(allowAlias: true);
        if (Current.IsPunctuation(','))
        {
            throw Unsupported("FROM with more than one relation");
        }

        if (Current.Keyword is not null && Current.Value is "join" or "inner" or "left" or "right" or "full" or "cross" or "natural")
        {
            throw Unsupported("JOIN");
        }

        if (Current.IsKeyword("tablesample"))
        {
            throw Unsupported("TABLESAMPLE");
        }

        return relation;
    }

    private RelationReference ParseRelationName(bool allowAlias)
    {
        var position = Position(Current);
        var names = new List<string> { ExpectColId() };
        while (Current.IsPunctuation('.'))
        {
            Advance();
            names.Add(ExpectColLabel());
        }

        if (Current.IsPunctuation('('))
        {
            throw Unsupported("function in FROM", position);
        }

        AcceptPunctuation('*');
        if (names.Count > 3)
        {
            throw new PgException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', names)}", position: position);
        }

        if (names.Count == 3)
        {
            throw Unsupported("cross-database reference", position);
        }

        string? alias = null;
        if (allowAlias)
        {
            if (AcceptKeyword("as"))
            {
                alias = ExpectColId();
            }
            else if (IsColId(Current))
            {
                alias = Advance().Value;
            }

            if (alias is not null && Current.IsPunctuation('('))
            {
                throw Unsupported("column aliases in FROM");
            }
        }

        return new RelationReference(names.Count == 2 ? names[0] : null, names[^1], alias, position);
    }

    private SortKey ParseSortKey()
    {
        var expression = ParseExpression();
        var direction = SortDirection.Default;
        if (AcceptKeyword("asc"))
        {
            direction = SortDirection.Ascending;
        }
        else if (AcceptKeyword("desc"))
        {
            direction = SortDirection.Descending;
        }
        else if (Current.IsKeyword("using"))
        {
            throw Unsupported("ORDER BY USING");
        }

        var nulls = NullsOrder.Default;
        if (Current.IsKeyword("nulls") && (Peek(1).IsKeyword("first") || Peek(1).IsKeyword("last")))
        {
            Advance();
            nulls = Advance().Value == "first" ? NullsOrder.First : NullsOrder.Last;
        }

        return new SortKey(expression, direction, nulls);
    }
}
