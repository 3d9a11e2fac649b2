using System.Collections;

namespace ActorPostmaster.Hocon;

/// <summary>An immutable, resolved HOCON array.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    internal HoconArray(HoconValue[] items)
    {
        _items = items;
    }

    /// <summary>The empty array.</summary>
    public static HoconArray Empty { get; } = new([]);

    /// <inheritdoc/>
    public override HoconValueKind Kind => HoconValueKind.Array;

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public HoconValue this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
