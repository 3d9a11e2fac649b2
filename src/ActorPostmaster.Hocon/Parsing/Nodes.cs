namespace ActorPostmaster.Hocon.Parsing;

/// <summary>
/// A node of the unresolved document the parser builds. Nodes are mutable only while parsing (objects merge
/// later definitions in); the resolver reads them and never changes them.
/// </summary>
internal abstract class Node(SourcePosition position)
{
    public SourcePosition Position { get; } = position;
}

/// <summary>A value that needs no resolution: a literal from the source, or a value the resolver already computed.</summary>
internal sealed class ValueNode(HoconValue value, SourcePosition position) : Node(position)
{
    public HoconValue Value { get; } = value;
}

/// <summary>An array whose elements may still contain substitutions.</summary>
internal sealed class ArrayNode(SourcePosition position) : Node(position)
{
    public List<Node> Elements { get; } = [];
}

/// <summary><c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class SubstitutionNode(
    IReadOnlyList<string> path, bool optional, IReadOnlyList<string> includePrefix, string text, SourcePosition position)
    : Node(position)
{
    /// <summary>The path as written.</summary>
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    /// <summary>
    /// For a substitution in an included file, the path of the object the file was included into; the
    /// substitution is looked up at <c>prefix + path</c> first, then at <c>path</c>. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> IncludePrefix { get; } = includePrefix;

    /// <summary><see cref="IncludePrefix"/> followed by <see cref="Path"/>.</summary>
    public IReadOnlyList<string> PrefixedPath { get; } = includePrefix.Count == 0 ? path : [.. includePrefix, .. path];

    /// <summary>The source text, e.g. <c>${?a.b}</c>, for messages.</summary>
    public string Text { get; } = text;
}

/// <summary>A value concatenation that contains at least one substitution; resolved when its pieces are known.</summary>
internal sealed class ConcatNode(IReadOnlyList<Node> pieces, SourcePosition position) : Node(position)
{
    /// <summary>Values, substitutions and the <see cref="WhitespaceNode"/>s between them.</summary>
    public IReadOnlyList<Node> Pieces { get; } = pieces;
}

/// <summary>Unquoted whitespace between two pieces of a concatenation (kept only if the result is a string).</summary>
internal sealed class WhitespaceNode(string text, SourcePosition position) : Node(position)
{
    public string Text { get; } = text;
}

/// <summary>
/// An object under construction. Each key holds its definitions in source order ("the merge stack"): a later
/// object definition is merged into an earlier adjacent one at once, a later non-object value that needs no
/// resolution hides all earlier ones, and anything else (substitutions, concatenations) is stacked and
/// merged during resolution.
/// </summary>
internal sealed class ObjectNode(SourcePosition position) : Node(position)
{
    private readonly Dictionary<string, List<Node>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public IReadOnlyList<string> Keys => _keys;

    public IReadOnlyList<Node> Definitions(string key) => _fields[key];

    public bool TryGetDefinitions(string key, out IReadOnlyList<Node> definitions)
    {
        var found = _fields.TryGetValue(key, out var list);
        definitions = list ?? (IReadOnlyList<Node>)[];
        return found;
    }

    /// <summary>Adds a definition of <paramref name="key"/> after the existing ones.</summary>
    public void Add(string key, Node value)
    {
        if (!_fields.TryGetValue(key, out var definitions))
        {
            definitions = new List<Node>(1);
            _fields.Add(key, definitions);
            _keys.Add(key);
        }

        if (value is ObjectNode obj && definitions.Count > 0 && definitions[^1] is ObjectNode previous)
        {
            previous.MergeFrom(obj);
            return;
        }

        if (value is ArrayNode or ValueNode { Value: not HoconObject })
        {
            // A value of known non-object type hides everything before it.
            definitions.Clear();
        }

        definitions.Add(value);
    }

    /// <summary>Adds a definition at a path: <c>a.b.c = v</c> is <c>a { b { c = v } }</c>.</summary>
    public void Add(IReadOnlyList<string> path, Node value, SourcePosition position)
    {
        var node = value;
        for (var i = path.Count - 1; i > 0; i--)
        {
            var wrapper = new ObjectNode(position);
            wrapper.Add(path[i], node);
            node = wrapper;
        }

        Add(path[0], node);
    }

    /// <summary>Adds every definition of <paramref name="later"/> after this object's own, as for duplicate keys.</summary>
    public void MergeFrom(ObjectNode later)
    {
        foreach (var key in later._keys)
        {
            foreach (var definition in later._fields[key])
            {
                Add(key, definition);
            }
        }
    }
}
