using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>Column references and function calls.</summary>
internal sealed partial class Binder
{
    private const int MaxFuzzyDistance = 3;

    private static PgException MissingFromEntry(string table, int position) =>
        new(SqlState.UndefinedTable, $"missing FROM-clause entry for table \"{table}\"", position: position);

    /// <summary>Checks the table part of <c>t.col</c> / <c>s.t.col</c> / <c>t.*</c> against the FROM relation.</summary>
    private void CheckQualifier(IReadOnlyList<string> qualifier, int position)
    {
        var from = _fromClause!;
        var table = qualifier[^1];
        var schema = qualifier.Count == 2 ? qualifier[0] : null;
        if (schema is null && table == from.ReferenceName)
        {
            return;
        }

        if (from.Alias is null && table == from.Name && schema == _relation!.Schema)
        {
            return;
        }

        // The relation is there but may not be named that way: by its own name when it has an alias, or with a schema.
        string? hint = null;
        if (from.Alias is not null && table == from.Name && (schema is null || schema == _relation!.Schema))
        {
            hint = $"Perhaps you meant to reference the table alias \"{from.Alias}\".";
        }
        else if (table == from.ReferenceName)
        {
            hint = $"There is an entry for table \"{table}\", but it cannot be referenced from this part of the query.";
        }

        if (hint is not null)
        {
            throw new PgException(SqlState.UndefinedTable, $"invalid reference to FROM-clause entry for table \"{table}\"", hint: hint, position: position);
        }

        throw MissingFromEntry(table, position);
    }

    private BoundColumn BindColumn(ColumnReference reference)
    {
        var names = reference.Names;
        if (names.Count > 4)
        {
            throw new PgException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', names)}", position: reference.Position);
        }

        if (names.Count == 4)
        {
            throw new PgException(SqlState.FeatureNotSupported, $"cross-database references are not implemented: {string.Join('.', names)}", position: reference.Position);
        }

        if (_noColumnsContext is not null)
        {
            throw new PgException(SqlState.InvalidColumnReference, $"argument of {_noColumnsContext} must not contain variables", position: reference.Position);
        }

        if (_conflictScope)
        {
            return BindConflictColumn(reference);
        }

        var columnName = names[^1];
        if (names.Count == 1)
        {
            if (_relation is not null)
            {
                var index = FindColumn(columnName);
                if (index >= 0)
                {
                    return ColumnNode(index, reference.Position);
                }

                if (columnName == _fromClause!.ReferenceName)
                {
                    throw new PgException(SqlState.FeatureNotSupported, "whole-row references are not supported", position: reference.Position);
                }
            }

            throw new PgException(SqlState.UndefinedColumn, $"column \"{columnName}\" does not exist", hint: FuzzyHint(columnName), position: reference.Position);
        }

        var qualifier = names.Take(names.Count - 1).ToList();
        if (_relation is null)
        {
            throw MissingFromEntry(qualifier[^1], reference.Position);
        }

        CheckQualifier(qualifier, reference.Position);
        var found = FindColumn(columnName);
        if (found < 0)
        {
            throw new PgException(SqlState.UndefinedColumn, $"column {string.Join('.', names)} does not exist", hint: FuzzyHint(columnName), position: reference.Position);
        }

        return ColumnNode(found, reference.Position);
    }

    private int FindColumn(string name)
    {
        var columns = _relation!.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private BoundColumn ColumnNode(int index, int position)
    {
        var column = _relation!.Columns[index];
        if (!_insideAggregate)
        {
            _ungrouped?.Add(($"{_fromClause!.ReferenceName}.{column.Name}", position));
        }

        return new BoundColumn(index, column.Type, column.TypeModifier, position);
    }

    /// <summary>
    /// The "Perhaps you meant to reference the column …" hint: the columns closest by Levenshtein distance, if within
    /// 3 edits and not more than half the typed name; two equally close ones are both named, three or more none.
    /// </summary>
    private string? FuzzyHint(string typed)
    {
        if (_relation is null)
        {
            return null;
        }

        var best = MaxFuzzyDistance + 1;
        string? first = null;
        string? second = null;
        var typedLength = typed.EnumerateRunes().Count();
        foreach (var column in _relation.Columns)
        {
            var distance = Levenshtein(column.Name, typed);
            if (distance > typedLength / 2)
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                first = column.Name;
                second = null;
            }
            else if (distance == best)
            {
                if (second is not null)
                {
                    // Too many at this distance: only a closer match may be suggested now.
                    first = null;
                    second = null;
                }
                else if (first is not null)
                {
                    second = column.Name;
                }
            }
        }

        var table = _fromClause!.ReferenceName;
        return (first, second) switch
        {
            (null, _) => null,
            (_, null) => $"Perhaps you meant to reference the column \"{table}.{first}\".",
            _ => $"Perhaps you meant to reference the column \"{table}.{first}\" or the column \"{table}.{second}\".",
        };
    }

    private static int Levenshtein(string a, string b)
    {
        var x = a.EnumerateRunes().ToArray();
        var y = b.EnumerateRunes().ToArray();
        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (var j = 0; j <= y.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
            {
                var substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[y.Length];
    }

    // ---- Functions ----------------------------------------------------------------------------------------------

    private BoundFunctionCall BindSqlValueFunction(SqlValueFunction function)
    {
        var name = function.Keyword switch
        {
            "current_timestamp" => "now",
            "current_user" or "user" or "current_role" => "current_user",
            "session_user" => "session_user",
            "current_catalog" => "current_database",
            "current_schema" => "current_schema",
            _ => throw new PgException(SqlState.FeatureNotSupported, $"{function.Keyword.ToUpperInvariant()} is not supported", position: function.Position),
        };
        return BindFunctionCall(new FunctionCall([name], [], function.Position));
    }

    private BoundFunctionCall BindFunctionCall(FunctionCall call)
    {
        if (call.AggregateStar && _environment.Functions.Lookup(call.Name).Count > 0)
        {
            throw new PgException(SqlState.WrongObjectType, $"{call.Name}(*) specified, but {call.Name} is not an aggregate function", position: call.Position);
        }

        // Named-argument rules (checked in the order the arguments appear).
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in call.Arguments)
        {
            if (argument.Name is not null)
            {
                if (!seenNames.Add(argument.Name))
                {
                    throw new PgException(SqlState.SyntaxError, $"argument name \"{argument.Name}\" used more than once", position: argument.Position);
                }
            }
            else if (seenNames.Count > 0)
            {
                throw new PgException(SqlState.SyntaxError, "positional argument cannot follow named argument", position: argument.Position);
            }
        }

        var names = call.Names;
        if (names.Count > 3)
        {
            throw new PgException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', names)}", position: call.Position);
        }

        if (names.Count == 3)
        {
            throw new PgException(SqlState.FeatureNotSupported, $"cross-database references are not implemented: {string.Join('.', names)}", position: call.Position);
        }

        var schema = names.Count == 2 ? names[0] : null;
        if (schema is not null && schema is not "pg_catalog" and not "public" and not "information_schema")
        {
            throw new PgException(SqlState.InvalidSchemaName, $"schema \"{schema}\" does not exist", position: call.Position);
        }

        var arguments = call.Arguments.Select(a => Bind(a.Value)).ToList();
        var argumentTypes = arguments.Select(a => a.Type).ToList();
        var overloads = schema is null or "pg_catalog" ? _environment.Functions.Lookup(call.Name) : [];

        // Map each overload's parameters onto the call's arguments (positional first, then by name, then defaults).
        var viable = new List<(SqlFunction Function, int[] ParameterOfArgument)>();
        foreach (var function in overloads)
        {
            var mapping = MapArguments(function, call.Arguments);
            if (mapping is not null)
            {
                viable.Add((function, mapping));
            }
        }

        var (outcome, index) = viable.Count == 0
            ? (ResolutionOutcome.NotFound, -1)
            : OverloadResolution.Select(argumentTypes, viable.Select(v => (IReadOnlyList<SqlType>)v.ParameterOfArgument.Select(p => v.Function.Parameters[p].Type).ToList()).ToList());
        if (outcome != ResolutionOutcome.Chosen)
        {
            var signature = new StringBuilder(string.Join('.', names)).Append('(');
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i > 0)
                {
                    signature.Append(", ");
                }

                if (call.Arguments[i].Name is { } argumentName)
                {
                    signature.Append(argumentName).Append(" => ");
                }

                signature.Append(argumentTypes[i].DisplayName);
            }

            signature.Append(')');
            throw outcome == ResolutionOutcome.NotFound
                ? new PgException(SqlState.UndefinedFunction, $"function {signature} does not exist",
                    hint: "No function matches the given name and argument types. You might need to add explicit type casts.", position: call.Position)
                : new PgException(SqlState.AmbiguousFunction, $"function {signature} is not unique",
                    hint: "Could not choose a best candidate function. You might need to add explicit type casts.", position: call.Position);
        }

        var (chosen, parameterOfArgument) = viable[index];
        var bound = new BoundExpr[chosen.Parameters.Count];
        for (var i = 0; i < arguments.Count; i++)
        {
            bound[parameterOfArgument[i]] = CoerceImplicit(arguments[i], chosen.Parameters[parameterOfArgument[i]].Type);
        }

        for (var p = 0; p < bound.Length; p++)
        {
            var parameter = chosen.Parameters[p];
            bound[p] ??= new BoundConst(ValueNormalizer.Normalize(parameter.DefaultValue, parameter.Type), parameter.Type, 0);
        }

        return new BoundFunctionCall(chosen, bound, call.Position);
    }

    /// <summary>For each call argument, the index of the parameter it binds to; null when the call does not fit.</summary>
    private static int[]? MapArguments(SqlFunction function, IReadOnlyList<FunctionArgument> arguments)
    {
        var parameters = function.Parameters;
        if (arguments.Count > parameters.Count)
        {
            return null;
        }

        var assigned = new bool[parameters.Count];
        var mapping = new int[arguments.Count];
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i].Name;
            var target = name is null ? i : FindParameter(parameters, name);
            if (target < 0 || assigned[target])
            {
                return null;
            }

            assigned[target] = true;
            mapping[i] = target;
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            if (!assigned[p] && !parameters[p].HasDefault)
            {
                return null;
            }
        }

        return mapping;
    }

    private static int FindParameter(IReadOnlyList<SqlFunctionParameter> parameters, string name)
    {
        for (var p = 0; p < parameters.Count; p++)
        {
            if (parameters[p].Name == name)
            {
                return p;
            }
        }

        return -1;
    }
}
