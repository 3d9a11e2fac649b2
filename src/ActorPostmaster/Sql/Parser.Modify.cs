namespace ActorPostmaster.Sql;

/// <summary>INSERT, UPDATE and DELETE.</summary>
internal sealed partial class Parser
{
    /// <summary><c>INSERT INTO name [AS alias] [(columns)] VALUES (…)[, …] | DEFAULT VALUES [ON CONFLICT …]</c>.</summary>
    private InsertStatement ParseInsert()
    {
        ExpectKeyword("insert");
        ExpectKeyword("into");
        var table = ParseTargetName();
        if (AcceptKeyword("as"))
        {
            table = table with { Alias = ExpectColId() };
        }

        List<ColumnName>? columns = null;
        if (Current.IsPunctuation('(') && !IsSubqueryAhead())
        {
            Advance();
            columns = [ParseColumnName()];
            while (AcceptPunctuation(','))
            {
                columns.Add(ParseColumnName());
            }

            ExpectPunctuation(')');
        }

        if (Current.IsKeyword("overriding"))
        {
            throw Unsupported("OVERRIDING");
        }

        var rows = new List<IReadOnlyList<SqlExpression>>();
        if (Current.IsKeyword("default") && Peek(1).IsKeyword("values"))
        {
            Advance();
            Advance();
            columns = [];
            rows.Add([]);
        }
        else if (AcceptKeyword("values"))
        {
            do
            {
                ExpectPunctuation('(');
                var row = new List<SqlExpression> { ParseValueOrDefault() };
                while (AcceptPunctuation(','))
                {
                    row.Add(ParseValueOrDefault());
                }

                ExpectPunctuation(')');
                rows.Add(row);
            }
            while (AcceptPunctuation(','));

            if (Current.IsKeyword("order") || Current.IsKeyword("limit") || Current.IsKeyword("offset") || Current.IsKeyword("fetch"))
            {
                throw Unsupported("VALUES with " + Current.Value.ToUpperInvariant());
            }
        }
        else if (Current.IsKeyword("select") || Current.IsKeyword("table") || Current.IsKeyword("with") || Current.IsPunctuation('('))
        {
            throw Unsupported("INSERT … SELECT");
        }
        else
        {
            throw SyntaxError();
        }

        OnConflictClause? onConflict = null;
        if (Current.IsKeyword("on"))
        {
            onConflict = ParseOnConflict();
        }

        RejectReturning();
        return new InsertStatement(table, columns, rows, onConflict);
    }

    private bool IsSubqueryAhead()
    {
        var next = Peek(1);
        return next.IsKeyword("select") || next.IsKeyword("values") || next.IsKeyword("with") || next.IsKeyword("table") || next.IsPunctuation('(');
    }

    private OnConflictClause ParseOnConflict()
    {
        var position = Position(ExpectKeyword("on"));
        ExpectKeyword("conflict");
        var target = new List<ColumnName>();
        string? constraint = null;
        if (AcceptPunctuation('('))
        {
            target.Add(ParseColumnName());
            while (AcceptPunctuation(','))
            {
                target.Add(ParseColumnName());
            }

            ExpectPunctuation(')');
            if (Current.IsKeyword("where"))
            {
                throw Unsupported("ON CONFLICT … WHERE");
            }
        }
        else if (AcceptKeyword("on"))
        {
            ExpectKeyword("constraint");
            constraint = ExpectColId();
        }

        ExpectKeyword("do");
        if (AcceptKeyword("nothing"))
        {
            return new OnConflictClause(target, constraint, OnConflictAction.Nothing, [], position);
        }

        ExpectKeyword("update");
        ExpectKeyword("set");
        var assignments = ParseSetClauses();
        if (Current.IsKeyword("where"))
        {
            throw Unsupported("ON CONFLICT DO UPDATE … WHERE");
        }

        return new OnConflictClause(target, constraint, OnConflictAction.Update, assignments, position);
    }

    /// <summary><c>UPDATE [ONLY] name [[AS] alias] SET … [WHERE …]</c>.</summary>
    private UpdateStatement ParseUpdate()
    {
        ExpectKeyword("update");
        AcceptKeyword("only");
        var table = ParseTargetName();
        AcceptPunctuation('*');
        if (AcceptKeyword("as"))
        {
            table = table with { Alias = ExpectColId() };
        }
        else if (IsColId(Current) && !Current.IsKeyword("set"))
        {
            table = table with { Alias = Advance().Value };
        }

        ExpectKeyword("set");
        var assignments = ParseSetClauses();
        if (Current.IsKeyword("from"))
        {
            throw Unsupported("UPDATE … FROM");
        }

        var where = ParseModifyWhere();
        RejectReturning();
        return new UpdateStatement(table, assignments, where);
    }

    /// <summary><c>DELETE FROM [ONLY] name [[AS] alias] [WHERE …]</c>.</summary>
    private DeleteStatement ParseDelete()
    {
        ExpectKeyword("delete");
        ExpectKeyword("from");
        AcceptKeyword("only");
        var table = ParseTargetName();
        AcceptPunctuation('*');
        if (AcceptKeyword("as"))
        {
            table = table with { Alias = ExpectColId() };
        }
        else if (IsColId(Current))
        {
            table = table with { Alias = Advance().Value };
        }

        if (Current.IsKeyword("using"))
        {
            throw Unsupported("DELETE … USING");
        }

        var where = ParseModifyWhere();
        RejectReturning();
        return new DeleteStatement(table, where);
    }

    private SqlExpression? ParseModifyWhere()
    {
        if (!AcceptKeyword("where"))
        {
            return null;
        }

        if (Current.IsKeyword("current") && Peek(1).IsKeyword("of"))
        {
            throw Unsupported("WHERE CURRENT OF");
        }

        return ParseExpression();
    }

    private void RejectReturning()
    {
        if (Current.IsKeyword("returning"))
        {
            throw Unsupported("RETURNING");
        }
    }

    /// <summary>The target of INSERT/UPDATE/DELETE: <c>[schema.]name</c>.</summary>
    private RelationReference ParseTargetName()
    {
        var position = Position(Current);
        var names = new List<string> { ExpectColId() };
        while (Current.IsPunctuation('.'))
        {
            Advance();
            names.Add(ExpectColLabel());
        }

        if (names.Count > 3)
        {
            throw new PgException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', names)}", position: position);
        }

        if (names.Count == 3)
        {
            throw Unsupported("cross-database reference", position);
        }

        return new RelationReference(names.Count == 2 ? names[0] : null, names[^1], null, position);
    }

    private ColumnName ParseColumnName()
    {
        var position = Position(Current);
        var name = ExpectColId();
        if (Current.IsPunctuation('.') || Current.IsPunctuation('['))
        {
            throw Unsupported("assignment to a field or array element");
        }

        return new ColumnName(name, position);
    }

    private List<SetClause> ParseSetClauses()
    {
        var clauses = new List<SetClause>();
        do
        {
            if (Current.IsPunctuation('('))
            {
                throw Unsupported("multiple-column assignment");
            }

            var column = ParseColumnName();
            ExpectPunctuation('=');
            clauses.Add(new SetClause(column, ParseValueOrDefault()));
        }
        while (AcceptPunctuation(','));

        return clauses;
    }

    /// <summary>An expression, or DEFAULT where a VALUES entry or a SET value may be DEFAULT.</summary>
    private SqlExpression ParseValueOrDefault()
    {
        if (Current.IsKeyword("default") && (Peek(1).IsPunctuation(',') || Peek(1).IsPunctuation(')') || Peek(1).Kind == TokenKind.EndOfInput
            || Peek(1).IsPunctuation(';') || Peek(1).IsKeyword("where") || Peek(1).IsKeyword("returning") || Peek(1).IsKeyword("from")))
        {
            return new DefaultExpression(Position(Advance()));
        }

        return ParseExpression();
    }
}
