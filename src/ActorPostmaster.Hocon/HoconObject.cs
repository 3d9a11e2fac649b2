using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorPostmaster.Hocon;

/// <summary>
/// An immutable, resolved HOCON object. Keys are compared ordinally (case-sensitively) and enumerate in the order
/// in which they first appeared in the source.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "HoconObject is the HOCON/JSON name of the type.")]
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly string[] _keys;

    internal HoconObject(IReadOnlyList<KeyValuePair<string, HoconValue>> fields)
    {
        _fields = new Dictionary<string, HoconValue>(fields.Count, StringComparer.Ordinal);
        _keys = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            _keys[i] = fields[i].Key;
            _fields.Add(fields[i].Key, fields[i].Value);
        }
    }

    /// <summary>The empty object.</summary>
    public static HoconObject Empty { get; } = new([]);

    /// <inheritdoc/>
    public override HoconValueKind Kind => HoconValueKind.Object;

    /// <inheritdoc/>
    public int Count => _keys.Length;

    /// <summary>The keys, in the order in which they first appeared.</summary>
    public IEnumerable<string> Keys => _keys;

    /// <summary>The values, in key order.</summary>
    public IEnumerable<HoconValue> Values => _keys.Select(k => _fields[k]);

    /// <inheritdoc/>
    public HoconValue this[string key] => _fields[key];

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator()
    {
        foreach (var key in _keys)
        {
            yield return new KeyValuePair<string, HoconValue>(key, _fields[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Merges two objects as HOCON merges duplicate keys: keys present in only one object are kept, for keys in
    /// both the value of <paramref name="preferred"/> wins unless both values are objects, which merge recursively.
    /// </summary>
    internal static HoconObject Merge(HoconObject preferred, HoconObject fallback) =>
        fallback.Count == 0 ? preferred : preferred.Count == 0 ? fallback : (HoconObject)MergeStack([preferred, fallback]);

    /// <summary>
    /// Merges a stack of values, highest priority first, the way HOCON merges duplicate keys: the first value wins
    /// unless it is an object, in which case it merges with the objects directly below it; the first non-object
    /// below an object hides itself and everything below it (merging is done in adjacent pairs).
    /// </summary>
    internal static HoconValue MergeStack(IReadOnlyList<HoconValue> topFirst)
    {
        if (topFirst[0] is not HoconObject first)
        {
            return topFirst[0];
        }

        var objects = new List<HoconObject> { first };
        for (var i = 1; i < topFirst.Count && topFirst[i] is HoconObject next; i++)
        {
            if (next.Count > 0)
            {
                objects.Add(next);
            }
        }

        if (objects.Count == 1)
        {
            return first;
        }

        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = objects.Count - 1; i >= 0; i--)
        {
            foreach (var key in objects[i]._keys)
            {
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        var fields = new List<KeyValuePair<string, HoconValue>>(keys.Count);
        var stack = new List<HoconValue>(objects.Count);
        foreach (var key in keys)
        {
            stack.Clear();
            foreach (var obj in objects)
            {
                if (obj._fields.TryGetValue(key, out var value))
                {
                    stack.Add(value);
                }
            }

            fields.Add(new(key, stack.Count == 1 ? stack[0] : MergeStack(stack)));
        }

        return new HoconObject(fields);
    }
}
