using System.Runtime.CompilerServices;
using System.Text;
using ActorPostmaster.Hocon.Parsing;

namespace ActorPostmaster.Hocon.Resolution;

/// <summary>
/// Resolves the substitutions of a parsed document and produces the immutable <see cref="HoconObject"/> tree.
/// </summary>
/// <remarks>
/// <para>
/// Every key holds a stack of definitions (see <see cref="ObjectNode"/>). The value of a key is computed from the
/// top of its stack down: a non-object ends the walk (it hides everything below it), objects are merged with the
/// objects below them, and an optional substitution that is undefined is skipped (the earlier value remains).
/// Lookups are lazy: <c>${a.b}</c> resolves only what it needs to find <c>a.b</c>, so an object may refer to
/// its own fields.
/// </para>
/// <para>
/// Substitutions and concatenations are memoized per occurrence. While one is being resolved it is "active"; a
/// lookup whose path runs through a stack that holds an active definition looks only at the definitions below
/// it (this is how <c>a = ${a} [1]</c> sees the earlier <c>a</c>), except that an active object concatenation
/// is looked into piece by piece. Reaching an active definition any other way is a cycle and is reported with
/// the chain of fields involved.
/// </para>
/// <para>
/// Recursion depth follows the chain of substitutions; when the stack runs low the resolver stops with a
/// <see cref="HoconParseException"/> instead of overflowing.
/// </para>
/// </remarks>
internal sealed class Resolver
{
    private readonly ObjectNode _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<Node, HoconValue?> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Node Node, string Location)> _active = [];
    private readonly HashSet<Node> _activeSet = new(ReferenceEqualityComparer.Instance);

    /// <param name="root">The root object of the whole document, includes merged in.</param>
    /// <param name="environment">Looks up environment variables (the fallback for substitutions).</param>
    public Resolver(ObjectNode root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public HoconObject Resolve() => ResolveDefinitions(string.Empty, [_root]) as HoconObject ?? HoconObject.Empty;

    /// <summary>Computes the value of a merge stack (definitions oldest first); null when nothing is defined.</summary>
    private HoconValue? ResolveDefinitions(string location, List<Node> definitions)
    {
        List<Node>? objects = null;
        for (var i = definitions.Count - 1; i >= 0; i--)
        {
            var definition = definitions[i];
            HoconValue? value;
            switch (definition)
            {
                case ObjectNode or ValueNode { Value: HoconObject }:
                    (objects ??= []).Add(definition);
                    continue;
                case ValueNode valueNode:
                    value = objects is null ? valueNode.Value : null;
                    break;
                case ArrayNode array:
                    value = objects is null ? ResolveArray(location, array) : null;
                    break;
                default:
                    value = ResolveDynamic(definition, location);
                    if (value is null)
                    {
                        continue;
                    }

                    if (value is HoconObject)
                    {
                        (objects ??= []).Add(new ValueNode(value, definition.Position));
                        continue;
                    }

                    break;
            }

            if (objects is null)
            {
                return value;
            }

            // A non-object below an object is hidden by it.
            break;
        }

        return objects is null ? null : MergeObjects(location, objects);
    }

    /// <summary>Merges object definitions (given newest first) key by key.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private HoconObject MergeObjects(string location, List<Node> objects)
    {
        if (objects is [ValueNode { Value: HoconObject single }])
        {
            return single;
        }

        // Gather the definitions of each key, oldest first, in order of first appearance.
        var keys = new List<string>();
        var fields = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        for (var i = objects.Count - 1; i >= 0; i--)
        {
            switch (objects[i])
            {
                case ObjectNode obj:
                    foreach (var key in obj.Keys)
                    {
                        FieldDefinitions(keys, fields, key).AddRange(obj.Definitions(key));
                    }

                    break;
                case ValueNode { Value: HoconObject resolved } node:
                    foreach (var (key, value) in resolved)
                    {
                        FieldDefinitions(keys, fields, key).Add(new ValueNode(value, node.Position));
                    }

                    break;
            }
        }

        var result = new List<KeyValuePair<string, HoconValue>>(keys.Count);
        foreach (var key in keys)
        {
            var value = ResolveDefinitions(PathBuilder.Append(location, key), fields[key]);
            if (value is not null)
            {
                result.Add(new(key, value));
            }
        }

        return new HoconObject(result);
    }

    private static List<Node> FieldDefinitions(List<string> keys, Dictionary<string, List<Node>> fields, string key)
    {
        if (!fields.TryGetValue(key, out var list))
        {
            list = [];
            fields.Add(key, list);
            keys.Add(key);
        }

        return list;
    }

    private HoconArray ResolveArray(string location, ArrayNode array)
    {
        var items = new List<HoconValue>(array.Elements.Count);
        for (var i = 0; i < array.Elements.Count; i++)
        {
            var value = ResolveDefinitions($"{location}[{i}]", [array.Elements[i]]);
            if (value is not null)
            {
                items.Add(value);
            }
        }

        return new HoconArray([.. items]);
    }

    /// <summary>Resolves a substitution or a concatenation once; null means undefined.</summary>
    private HoconValue? ResolveDynamic(Node node, string location)
    {
        if (_memo.TryGetValue(node, out var memo))
        {
            return memo;
        }

        if (_activeSet.Contains(node))
        {
            throw CycleError(node, node.Position, string.Empty);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw TooDeep(node);
        }

        _active.Add((node, location));
        _activeSet.Add(node);
        HoconValue? value;
        try
        {
            value = node switch
            {
                SubstitutionNode substitution => ResolveSubstitution(substitution),
                ConcatNode concat => ResolveConcat(concat, location),
                _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
            };
        }
        finally
        {
            _active.RemoveAt(_active.Count - 1);
            _activeSet.Remove(node);
        }

        _memo[node] = value;
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private HoconParseException TooDeep(Node node) =>
        new(node.Position, $"substitutions refer to one another too deeply ({_active.Count} levels) to be resolved");

    /// <summary>"substitution cycle: a = ${b} -> b = ${a} -> a" followed by <paramref name="suffix"/>.</summary>
    private HoconParseException CycleError(Node start, SourcePosition position, string suffix)
    {
        var index = _active.FindIndex(a => ReferenceEquals(a.Node, start));
        var links = new List<string>();
        for (var i = index; i < _active.Count; i++)
        {
            if (_active[i].Node is SubstitutionNode substitution)
            {
                links.Add($"{Describe(_active[i].Location)} = {substitution.Text}");
            }
        }

        var message = new StringBuilder("substitution cycle: ");
        message.AppendJoin(" -> ", links).Append(" -> ").Append(Describe(_active[index].Location)).Append(suffix);
        return new HoconParseException(position, message.ToString());
    }

    private static string Describe(string location) => location.Length == 0 ? "<root>" : location;

    private HoconValue? ResolveSubstitution(SubstitutionNode substitution)
    {
        Node? cycle = null;
        var value = substitution.IncludePrefix.Count > 0 ? Lookup(substitution.PrefixedPath, ref cycle) : null;
        return value ?? Lookup(substitution.Path, ref cycle) ?? ResolveOutsideConfiguration(substitution, cycle);
    }

    /// <summary>The fallback for a substitution not found in the configuration: an environment variable, or undefined, or an error.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private HoconLiteral? ResolveOutsideConfiguration(SubstitutionNode substitution, Node? cycle)
    {
        var environment = _environment(string.Join('.', substitution.Path));
        if (!string.IsNullOrEmpty(environment))
        {
            return HoconLiteral.FromString(environment);
        }

        if (substitution.Optional)
        {
            return null;
        }

        if (cycle is not null)
        {
            throw CycleError(cycle, substitution.Position, $"; {substitution.Text} has no earlier value to fall back on");
        }

        throw new HoconParseException(
            substitution.Position,
            $"could not resolve substitution {substitution.Text}: '{PathBuilder.Render(substitution.Path)}' is not defined in the configuration"
            + " nor as an environment variable (use ${?...} for an optional substitution)");
    }

    /// <summary>
    /// Looks a path up from the root, resolving only what is needed. Returns null when the path is undefined;
    /// <paramref name="cycle"/> receives the active definition a lookup had to look below, if any.
    /// </summary>
    private HoconValue? Lookup(IReadOnlyList<string> path, ref Node? cycle)
    {
        List<Node> definitions = [_root];
        var location = string.Empty;
        for (var k = 0; k < path.Count; k++)
        {
            definitions = ChildDefinitions(LookBehindActive(definitions, ref cycle), path[k], location);
            if (definitions.Count == 0)
            {
                return null;
            }

            location = PathBuilder.Append(location, path[k]);
        }

        return ResolveDefinitions(location, LookBehindActive(definitions, ref cycle));
    }

    /// <summary>
    /// The definitions of <paramref name="key"/> (oldest first) within the value whose definitions are given,
    /// resolving only the substitutions needed to know which definitions are objects.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private List<Node> ChildDefinitions(List<Node> definitions, string key, string location)
    {
        var children = new List<Node>();
        for (var i = definitions.Count - 1; i >= 0; i--)
        {
            var definition = definitions[i];
            if (definition is SubstitutionNode or ConcatNode)
            {
                var value = ResolveDynamic(definition, location);
                if (value is null)
                {
                    continue;
                }

                definition = new ValueNode(value, definition.Position);
            }

            if (definition is ObjectNode obj)
            {
                if (obj.TryGetDefinitions(key, out var fieldDefinitions))
                {
                    for (var j = fieldDefinitions.Count - 1; j >= 0; j--)
                    {
                        children.Add(fieldDefinitions[j]);
                    }
                }
            }
            else if (definition is ValueNode { Value: HoconObject resolved })
            {
                if (resolved.TryGetValue(key, out var child))
                {
                    children.Add(new ValueNode(child, definition.Position));
                }
            }
            else
            {
                // A non-object: it either hides the objects below it or is not an object at all.
                break;
            }
        }

        children.Reverse();
        return children;
    }

    /// <summary>
    /// Looks behind the definitions that are being resolved. An active object concatenation (<c>${base} { ... }</c>)
    /// is replaced by its pieces, which is what it merges to, so that fields can still be found in the parts already
    /// known; any other active definition is dropped together with everything that overrides it.
    /// </summary>
    private List<Node> LookBehindActive(List<Node> definitions, ref Node? cycle)
    {
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            if (!_activeSet.Contains(definition))
            {
                continue;
            }

            if (definition is ConcatNode concat && concat.Pieces.Any(p => p is ObjectNode))
            {
                var expanded = new List<Node>(definitions.Count + concat.Pieces.Count);
                expanded.AddRange(definitions.Take(i));
                expanded.AddRange(concat.Pieces.Where(p => p is not WhitespaceNode));
                expanded.AddRange(definitions.Skip(i + 1));
                definitions = expanded;
                i--;
                continue;
            }

            cycle ??= definition;
            return definitions.GetRange(0, i);
        }

        return definitions;
    }

    private HoconValue? ResolveConcat(ConcatNode concat, string location)
    {
        var values = new List<(Node Piece, HoconValue? Value)>(concat.Pieces.Count);
        HoconValueKind? kind = null;
        foreach (var piece in concat.Pieces)
        {
            var value = piece switch
            {
                WhitespaceNode => null,
                ValueNode node => node.Value,
                ArrayNode array => ResolveArray(location, array),
                _ => ResolveDefinitions(location, [piece]),
            };
            values.Add((piece, value));
            if (value is null)
            {
                continue;
            }

            var pieceKind = value.Kind is HoconValueKind.Object or HoconValueKind.Array ? value.Kind : HoconValueKind.String;
            if (kind is not null && kind != pieceKind)
            {
                throw new HoconParseException(
                    piece.Position,
                    $"cannot concatenate {Article(pieceKind)} with {Article(kind.Value)} in the value of {Describe(location)}");
            }

            kind = pieceKind;
        }

        switch (kind)
        {
            case null:
                return null;
            case HoconValueKind.Object:
                var merged = HoconObject.Empty;
                foreach (var (_, value) in values)
                {
                    if (value is HoconObject obj)
                    {
                        merged = HoconObject.Merge(obj, merged);
                    }
                }

                return merged;
            case HoconValueKind.Array:
                var items = new List<HoconValue>();
                foreach (var (_, value) in values)
                {
                    if (value is HoconArray array)
                    {
                        items.AddRange(array);
                    }
                }

                return new HoconArray([.. items]);
            default:
                var text = new StringBuilder();
                foreach (var (piece, value) in values)
                {
                    if (piece is WhitespaceNode whitespace)
                    {
                        text.Append(whitespace.Text);
                    }
                    else if (value is HoconLiteral literal)
                    {
                        // A substitution that evaluates to null contributes nothing; a literal null is "null".
                        text.Append(piece is SubstitutionNode && literal.Kind == HoconValueKind.Null ? string.Empty : literal.ConcatenationText);
                    }
                }

                return HoconLiteral.FromString(text.ToString());
        }
    }

    private static string Article(HoconValueKind kind) => kind switch
    {
        HoconValueKind.Object => "an object",
        HoconValueKind.Array => "an array",
        _ => "a string",
    };
}
