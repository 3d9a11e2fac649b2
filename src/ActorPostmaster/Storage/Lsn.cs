using System.Globalization;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. A WAL position, PostgreSQL's <c>XLogRecPtr</c>: a byte offset into the (conceptually endless) WAL
/// stream. Printed as <c>LSN_FORMAT_ARGS</c> does, <c>%X/%X</c> of the high and low 32 bits.
/// </summary>
/// <param name="Value">The byte position.</param>
internal readonly record struct Lsn(ulong Value) : IComparable<Lsn>
{
    /// <summary><c>InvalidXLogRecPtr</c>: no position.</summary>
    public static readonly Lsn Invalid = new(0);

    /// <summary>Whether this is not <see cref="Invalid"/> (<c>XLogRecPtrIsInvalid</c> negated).</summary>
    public bool IsValid => Value != 0;

    /// <summary>The position <paramref name="bytes"/> further on.</summary>
    /// <param name="lsn">The position.</param>
    /// <param name="bytes">The distance (may be negative).</param>
    /// <returns>The new position.</returns>
    public static Lsn operator +(Lsn lsn, long bytes) => new(unchecked(lsn.Value + (ulong)bytes));

    /// <summary>The distance in bytes between two positions.</summary>
    /// <param name="left">The later position.</param>
    /// <param name="right">The earlier position.</param>
    /// <returns><c>left - right</c>.</returns>
    public static long operator -(Lsn left, Lsn right) => unchecked((long)(left.Value - right.Value));

    /// <summary>Compares positions.</summary>
    /// <param name="left">The left position.</param>
    /// <param name="right">The right position.</param>
    /// <returns>Whether left comes before right.</returns>
    public static bool operator <(Lsn left, Lsn right) => left.Value < right.Value;

    /// <summary>Compares positions.</summary>
    /// <param name="left">The left position.</param>
    /// <param name="right">The right position.</param>
    /// <returns>Whether left comes after right.</returns>
    public static bool operator >(Lsn left, Lsn right) => left.Value > right.Value;

    /// <summary>Compares positions.</summary>
    /// <param name="left">The left position.</param>
    /// <param name="right">The right position.</param>
    /// <returns>Whether left does not come after right.</returns>
    public static bool operator <=(Lsn left, Lsn right) => left.Value <= right.Value;

    /// <summary>Compares positions.</summary>
    /// <param name="left">The left position.</param>
    /// <param name="right">The right position.</param>
    /// <returns>Whether left does not come before right.</returns>
    public static bool operator >=(Lsn left, Lsn right) => left.Value >= right.Value;

    /// <summary>Parses <c>%X/%X</c> (pg_lsn_in).</summary>
    /// <param name="text">The text, e.g. <c>0/15405A8</c>.</param>
    /// <returns>The position.</returns>
    /// <exception cref="FormatException">The text is not an LSN.</exception>
    public static Lsn Parse(string text) =>
        TryParse(text, out var lsn) ? lsn : throw new FormatException($"invalid input syntax for type pg_lsn: \"{text}\"");

    /// <summary>Parses <c>%X/%X</c>: two groups of 1 to 8 hexadecimal digits.</summary>
    /// <param name="text">The text.</param>
    /// <param name="lsn">The position, when the text is one.</param>
    /// <returns>Whether the text is an LSN.</returns>
    public static bool TryParse(string? text, out Lsn lsn)
    {
        lsn = Invalid;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash is < 1 or > 8 || text.Length - slash - 1 is < 1 or > 8)
        {
            return false;
        }

        const NumberStyles hex = NumberStyles.AllowHexSpecifier;
        if (!uint.TryParse(text.AsSpan(0, slash), hex, CultureInfo.InvariantCulture, out var high)
            || !uint.TryParse(text.AsSpan(slash + 1), hex, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        lsn = new Lsn(((ulong)high << 32) | low);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(Lsn other) => Value.CompareTo(other.Value);

    /// <summary>The position as <c>%X/%X</c>.</summary>
    /// <returns>For example <c>0/15405A8</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(uint)(Value >> 32):X}/{(uint)Value:X}");
}
