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
    internal static HoconObject Merge(HoconObject preferred, HoconObject fallback)
    {
        if (fallback.Count == 0)
        {
            return preferred;
        }

        if (preferred.Count == 0)
        {
            return fallback;
        }

        var fields = new List<KeyValuePair<string, HoconValue>>(fallback.Count + preferred.Count);
        foreach (var (key, lower) in fallback)
        {
            if (!preferred.TryGetValue(key, out var upper))
            {
                fields.Add(new(key, lower));
            }
            else if (upper is HoconObject upperObject && lower is HoconObject lowerObject)
            {
                fields.Add(new(key, Merge(upperObject, lowerObject)));
            }
            else
            {
                fields.Add(new(key, upper));
            }
        }

        foreach (var (key, upper) in preferred)
        {
            if (!fallback.ContainsKey(key))
            {
                fields.Add(new(key, upper));
            }
        }

        return new HoconObject(fields);
    }
}
