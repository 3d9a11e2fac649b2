namespace ActorPostmaster.Sql;

/// <summary>An assignment of an INSERT … ON CONFLICT DO UPDATE or UPDATE: a column and its new value.</summary>
internal sealed record BoundAssignment(int Column, BoundExpr Value);

/// <summary>An INSERT, UPDATE or DELETE after analysis.</summary>
/// <param name="Command">INSERT, UPDATE or DELETE.</param>
/// <param name="Table">The target table.</param>
/// <param name="Rows">INSERT's rows, one expression per column (null: the column's default, NULL).</param>
/// <param name="OnConflict">INSERT's ON CONFLICT action, or null.</param>
/// <param name="Assignments">
/// UPDATE's or ON CONFLICT DO UPDATE's assignments (for the latter, columns past the table's are EXCLUDED's).
/// </param>
/// <param name="Where">The WHERE condition of UPDATE or DELETE, or null.</param>
/// <param name="KeyValue">When the WHERE is <c>key = expression without columns</c>: that expression (a key lookup).</param>
/// <param name="Parameters">The parameters.</param>
internal sealed record BoundModify(
    string Command,
    ISqlTable Table,
    IReadOnlyList<BoundExpr?[]> Rows,
    OnConflictAction? OnConflict,
    IReadOnlyList<BoundAssignment> Assignments,
    BoundExpr? Where,
    BoundExpr? KeyValue,
    IReadOnlyList<ParameterSlot> Parameters);

/// <summary>Aggregates, and parse analysis of INSERT, UPDATE and DELETE (transformInsertStmt and friends).</summary>
internal sealed partial class Binder
{
    private const string NotUpdatableDetail = "Views that do not select from a single table or view are not automatically updatable.";

    private static bool IsAggregateCall(FunctionCall call) =>
        call.Name == "count" && (call.Names.Count == 1 || call.Names[0] == "pg_catalog")
        && (call.AggregateStar || call.Arguments is [{ Name: null }]);

    private BoundAggregate BindAggregate(FunctionCall call)
    {
        if (_insideAggregate)
        {
            throw new PgException(SqlState.GroupingError, "aggregate function calls cannot be nested", position: call.Position);
        }

        if (_aggregateForbidden is not null || _aggregates is null)
        {
            throw new PgException(SqlState.GroupingError, $"aggregate functions are not allowed in {_aggregateForbidden ?? "this context"}", position: call.Position);
        }

        BoundExpr? argument = null;
        if (!call.AggregateStar)
        {
            _insideAggregate = true;
            try
            {
                argument = Bind(call.Arguments[0].Value);
            }
            finally
            {
                _insideAggregate = false;
            }
        }

        var aggregate = new BoundAggregate(_aggregates.Count, argument, call.Position);
        _aggregates.Add(aggregate);
        return aggregate;
    }

    /// <summary>A column in ON CONFLICT DO UPDATE SET: <c>excluded.col</c> (index past the table's columns) or <c>kv.col</c>.</summary>
    private BoundColumn BindConflictColumn(ColumnReference reference)
    {
        var names = reference.Names;
        var columnName = names[^1];
        var index = FindColumn(columnName);
        if (names.Count == 1)
        {
            throw index >= 0
                ? new PgException(SqlState.AmbiguousColumn, $"column reference \"{columnName}\" is ambiguous", position: reference.Position)
                : new PgException(SqlState.UndefinedColumn, $"column \"{columnName}\" does not exist", position: reference.Position);
        }

        if (names.Count == 2 && names[0] == "excluded")
        {
            if (index < 0)
            {
                throw new PgException(SqlState.UndefinedColumn, $"column excluded.{columnName} does not exist", position: reference.Position);
            }

            var column = _relation!.Columns[index];
            return new BoundColumn(_relation.Columns.Count + index, column.Type, column.TypeModifier, reference.Position);
        }

        CheckQualifier(names.Take(names.Count - 1).ToList(), reference.Position);
        if (index < 0)
        {
            throw new PgException(SqlState.UndefinedColumn, $"column {string.Join('.', names)} does not exist", position: reference.Position);
        }

        return ColumnNode(index, reference.Position);
    }

    /// <summary>The target table of a DML statement: 42P01 when there is none, 55000 when it is a view.</summary>
    private ISqlTable BindTargetTable(RelationReference reference, string verb, string gerund, string command)
    {
        var relation = _environment.FindRelation(reference.Schema, reference.Name)
            ?? throw new PgException(SqlState.UndefinedTable, $"relation \"{reference.QualifiedName}\" does not exist", position: reference.Position);
        if (relation is not ISqlTable table)
        {
            throw new PgException(SqlState.ObjectNotInPrerequisiteState, $"cannot {verb} view \"{relation.Name}\"", detail: NotUpdatableDetail,
                hint: $"To enable {gerund} the view, provide an INSTEAD OF {command} trigger or an unconditional ON {command} DO INSTEAD rule.");
        }

        _fromClause = reference;
        _relation = table;
        return table;
    }

    private int TargetColumn(ColumnName name)
    {
        var index = FindColumn(name.Name);
        return index >= 0
            ? index
            : throw new PgException(SqlState.UndefinedColumn, $"column \"{name.Name}\" of relation \"{_relation!.Name}\" does not exist", position: name.Position);
    }

    /// <summary>A value stored into <paramref name="target"/>: DEFAULT is NULL; others get the assignment cast.</summary>
    private BoundExpr BindStoredValue(SqlExpression expression, RelationColumn target)
    {
        if (expression is DefaultExpression)
        {
            return new BoundConst(null, target.Type, expression.Position, target.TypeModifier);
        }

        var value = Bind(expression);
        if (value.Type != SqlType.Unknown && value.Type != target.Type && !Coercion.CanCoerce(value.Type, target.Type, CoercionContext.Assignment))
        {
            throw new PgException(SqlState.DatatypeMismatch,
                $"column \"{target.Name}\" is of type {target.Type.DisplayName} but expression is of type {value.Type.DisplayName}",
                hint: "You will need to rewrite or cast the expression.", position: value.Location);
        }

        return Coerce(value, target.Type, target.TypeModifier, isExplicit: false, castLocation: -1);
    }

    private List<BoundAssignment> BindAssignments(IReadOnlyList<SetClause> clauses)
    {
        var assignments = new List<BoundAssignment>();
        foreach (var clause in clauses)
        {
            var column = TargetColumn(clause.Column);
            if (assignments.Any(a => a.Column == column))
            {
                throw new PgException(SqlState.SyntaxError, $"multiple assignments to same column \"{clause.Column.Name}\"");
            }

            assignments.Add(new BoundAssignment(column, BindStoredValue(clause.Value, _relation!.Columns[column])));
        }

        return assignments;
    }

    public BoundModify BindInsert(InsertStatement insert)
    {
        var table = BindTargetTable(insert.Table, "insert into", "inserting into", "INSERT");
        var columnCount = table.Columns.Count;
        List<int> targets;
        if (insert.Columns is null)
        {
            targets = Enumerable.Range(0, columnCount).ToList();
        }
        else
        {
            targets = [];
            foreach (var name in insert.Columns)
            {
                var index = TargetColumn(name);
                if (targets.Contains(index))
                {
                    throw new PgException(SqlState.DuplicateColumn, $"column \"{name.Name}\" specified more than once", position: name.Position);
                }

                targets.Add(index);
            }
        }

        // VALUES cannot see the target's columns.
        var reference = _fromClause;
        _fromClause = null;
        _relation = null;
        _aggregateForbidden = "VALUES";
        var rows = new List<BoundExpr?[]>();
        var width = insert.Rows[0].Count;
        foreach (var values in insert.Rows)
        {
            if (values.Count != width)
            {
                throw new PgException(SqlState.SyntaxError, "VALUES lists must all be the same length", position: values[0].Position);
            }

            if (values.Count > targets.Count)
            {
                throw new PgException(SqlState.SyntaxError, "INSERT has more expressions than target columns", position: values[targets.Count].Position);
            }

            if (insert.Columns is not null && values.Count < targets.Count)
            {
                throw new PgException(SqlState.SyntaxError, "INSERT has more target columns than expressions", position: insert.Columns[values.Count].Position);
            }

            var row = new BoundExpr?[columnCount];
            for (var i = 0; i < values.Count; i++)
            {
                row[targets[i]] = values[i] is DefaultExpression ? null : BindStoredValue(values[i], table.Columns[targets[i]]);
            }

            rows.Add(row);
        }

        _aggregateForbidden = null;
        _fromClause = reference;
        _relation = table;

        OnConflictAction? action = null;
        var assignments = new List<BoundAssignment>();
        if (insert.OnConflict is { } conflict)
        {
            action = conflict.Action;
            if (conflict.ConstraintName is { } constraint)
            {
                if (constraint != table.KeyConstraintName)
                {
                    throw new PgException(SqlState.UndefinedObject, $"constraint \"{constraint}\" for table \"{table.Name}\" does not exist");
                }
            }
            else if (conflict.Target.Count > 0)
            {
                var inferred = new HashSet<int>();
                foreach (var name in conflict.Target)
                {
                    var index = FindColumn(name.Name);
                    if (index < 0)
                    {
                        throw new PgException(SqlState.UndefinedColumn, $"column \"{name.Name}\" does not exist", position: name.Position);
                    }

                    inferred.Add(index);
                }

                if (inferred.Count != 1 || !inferred.Contains(table.KeyColumn))
                {
                    throw new PgException(SqlState.InvalidColumnReference, "there is no unique or exclusion constraint matching the ON CONFLICT specification");
                }
            }
            else if (conflict.Action == OnConflictAction.Update)
            {
                throw new PgException(SqlState.SyntaxError, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    hint: "For example, ON CONFLICT (column_name).", position: conflict.Position);
            }

            if (conflict.Action == OnConflictAction.Update)
            {
                _conflictScope = true;
                _aggregateForbidden = "UPDATE";
                try
                {
                    assignments = BindAssignments(conflict.Assignments);
                }
                finally
                {
                    _conflictScope = false;
                    _aggregateForbidden = null;
                }
            }
        }

        return new BoundModify("INSERT", table, rows, action, assignments, null, null, CheckParameters());
    }

    public BoundModify BindUpdate(UpdateStatement update)
    {
        var table = BindTargetTable(update.Table, "update", "updating", "UPDATE");
        _aggregateForbidden = "UPDATE";
        var assignments = BindAssignments(update.Assignments);
        var where = BindModifyWhere(update.Where);
        return new BoundModify("UPDATE", table, [], null, assignments, where, null, CheckParameters());
    }

    public BoundModify BindDelete(DeleteStatement delete)
    {
        var table = BindTargetTable(delete.Table, "delete from", "deleting from", "DELETE");
        var where = BindModifyWhere(delete.Where);
        return new BoundModify("DELETE", table, [], null, [], where, null, CheckParameters());
    }

    private BoundExpr? BindModifyWhere(SqlExpression? where)
    {
        if (where is null)
        {
            return null;
        }

        _aggregateForbidden = "WHERE";
        try
        {
            return CoerceToBoolean(Bind(where), "WHERE");
        }
        finally
        {
            _aggregateForbidden = null;
        }
    }

    /// <summary>
    /// The expression a WHERE compares the key with, when the WHERE is exactly <c>key = expression</c> (either side)
    /// in the key's own type and the expression reads no column: such a statement looks the row up by key.
    /// </summary>
    internal static BoundExpr? KeyLookup(BoundExpr? where, ISqlTable table)
    {
        if (where is not BoundOperator { Definition.Name: "=", Left: { } left, Right: var right } equality)
        {
            return null;
        }

        var keyType = table.Columns[table.KeyColumn].Type;
        if (equality.Definition.Left != keyType || equality.Definition.Right != keyType)
        {
            return null;
        }

        if (left is BoundColumn l && l.Index == table.KeyColumn && !ReadsColumns(right))
        {
            return right;
        }

        return right is BoundColumn r && r.Index == table.KeyColumn && !ReadsColumns(left) ? left : null;
    }

    private static bool ReadsColumns(BoundExpr expression) =>
        expression is BoundColumn or BoundAggregate || expression.Children.Any(ReadsColumns);
}
