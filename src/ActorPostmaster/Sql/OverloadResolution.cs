namespace ActorPostmaster.Sql;

/// <summary>The outcome of choosing among overloads.</summary>
internal enum ResolutionOutcome
{
    /// <summary>One candidate was chosen.</summary>
    Chosen,

    /// <summary>No candidate accepts the argument types.</summary>
    NotFound,

    /// <summary>Several candidates fit and none is best.</summary>
    Ambiguous,
}

/// <summary>
/// PostgreSQL's overload resolution for functions and operators (documentation chapter 10, "Type Conversion"):
/// exact match; then candidates the arguments can reach by implicit casts (an unknown literal reaches anything);
/// then most exact matches; then most preferred types where conversion is needed; then the type categories the
/// unknown arguments can take (string wins); then assuming unknowns have the known arguments' common type.
/// </summary>
internal static class OverloadResolution
{
    public static (ResolutionOutcome Outcome, int Index) Select(IReadOnlyList<SqlType> arguments, IReadOnlyList<IReadOnlyList<SqlType>> candidates)
    {
        var count = arguments.Count;

        // Exact match.
        for (var c = 0; c < candidates.Count; c++)
        {
            if (Enumerable.Range(0, count).All(i => arguments[i] == candidates[c][i]))
            {
                return (ResolutionOutcome.Chosen, c);
            }
        }

        // Candidates reachable by implicit coercion.
        var viable = Enumerable.Range(0, candidates.Count)
            .Where(c => Enumerable.Range(0, count).All(i => Accepts(arguments[i], candidates[c][i])))
            .ToList();
        if (viable.Count <= 1)
        {
            return viable.Count == 0 ? (ResolutionOutcome.NotFound, -1) : (ResolutionOutcome.Chosen, viable[0]);
        }

        // Most exact matches on the known arguments.
        viable = KeepBest(viable, c => Enumerable.Range(0, count).Count(i => arguments[i] != SqlType.Unknown && arguments[i] == candidates[c][i]));
        if (viable.Count == 1)
        {
            return (ResolutionOutcome.Chosen, viable[0]);
        }

        // Most positions with an exact match or a preferred type of the argument's own category.
        viable = KeepBest(viable, c => Enumerable.Range(0, count).Count(i =>
        {
            var argument = arguments[i];
            var parameter = candidates[c][i];
            return argument != SqlType.Unknown && (argument == parameter || (parameter.IsPreferred && parameter.Category == argument.Category));
        }));
        if (viable.Count == 1)
        {
            return (ResolutionOutcome.Chosen, viable[0]);
        }

        // Unknown arguments: pick a category per position (string if any candidate takes one, else the one all agree
        // on), keep candidates of that category, and of a preferred type if any candidate takes one.
        var unknownPositions = Enumerable.Range(0, count).Where(i => arguments[i] == SqlType.Unknown).ToList();
        if (unknownPositions.Count > 0)
        {
            var resolved = true;
            var categories = new Dictionary<int, (char Category, bool Preferred)>();
            foreach (var position in unknownPositions)
            {
                var types = viable.Select(c => candidates[c][position]).ToList();
                char category;
                if (types.Any(t => t.Category == 'S'))
                {
                    category = 'S';
                }
                else if (types.Select(t => t.Category).Distinct().Count() == 1)
                {
                    category = types[0].Category;
                }
                else
                {
                    resolved = false;
                    break;
                }

                categories[position] = (category, types.Any(t => t.Category == category && t.IsPreferred));
            }

            if (resolved)
            {
                var kept = viable.Where(c => categories.All(entry =>
                {
                    var type = candidates[c][entry.Key];
                    return type.Category == entry.Value.Category && (!entry.Value.Preferred || type.IsPreferred);
                })).ToList();
                if (kept.Count == 1)
                {
                    return (ResolutionOutcome.Chosen, kept[0]);
                }

                if (kept.Count > 0)
                {
                    viable = kept;
                }
            }

            // Last resort: all known arguments share one type; assume the unknowns have it too.
            var known = Enumerable.Range(0, count).Where(i => arguments[i] != SqlType.Unknown).Select(i => arguments[i]).Distinct().ToList();
            if (known.Count == 1)
            {
                var assumed = Enumerable.Repeat(known[0], count).ToList();
                var fitting = viable.Where(c => Enumerable.Range(0, count).All(i => Accepts(assumed[i], candidates[c][i]))).ToList();
                if (fitting.Count == 1)
                {
                    return (ResolutionOutcome.Chosen, fitting[0]);
                }
            }
        }

        return (ResolutionOutcome.Ambiguous, -1);
    }

    private static bool Accepts(SqlType argument, SqlType parameter) =>
        argument == parameter || Coercion.CanCoerce(argument, parameter, CoercionContext.Implicit);

    private static List<int> KeepBest(List<int> candidates, Func<int, int> score)
    {
        var best = candidates.Max(score);
        return candidates.Where(c => score(c) == best).ToList();
    }
}
