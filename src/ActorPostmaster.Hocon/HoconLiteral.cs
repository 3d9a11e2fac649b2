namespace ActorPostmaster.Hocon;

/// <summary>
/// A simple (non-object, non-array) value: a string, a number, a boolean or null.
/// </summary>
public sealed class HoconLiteral : HoconValue
{
    private HoconLiteral(HoconValueKind kind, string? value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The <c>null</c> value.</summary>
    public static HoconLiteral Null { get; } = new(HoconValueKind.Null, null);

    /// <summary>The <c>true</c> value.</summary>
    public static HoconLiteral True { get; } = new(HoconValueKind.Boolean, "true");

    /// <summary>The <c>false</c> value.</summary>
    public static HoconLiteral False { get; } = new(HoconValueKind.Boolean, "false");

    /// <inheritdoc/>
    public override HoconValueKind Kind { get; }

    /// <summary>
    /// The text of the value: the string itself, the number exactly as written in the source (e.g. <c>1e5</c>,
    /// <c>42.10</c>), <c>"true"</c>/<c>"false"</c> for booleans, and <see langword="null"/> for <c>null</c>.
    /// </summary>
    public string? Value { get; }

    /// <summary>Creates a string value.</summary>
    /// <param name="value">The string.</param>
    internal static HoconLiteral FromString(string value) => new(HoconValueKind.String, value);

    /// <summary>Creates a number value from its JSON text (kept as written).</summary>
    /// <param name="text">The number as written, e.g. <c>42</c> or <c>-1.5e3</c>.</param>
    internal static HoconLiteral FromNumberText(string text) => new(HoconValueKind.Number, text);

    /// <summary>Returns <see cref="True"/> or <see cref="False"/>.</summary>
    /// <param name="value">The boolean.</param>
    internal static HoconLiteral FromBoolean(bool value) => value ? True : False;

    /// <summary>
    /// The text this value contributes to a string value concatenation: the string, the number as written,
    /// <c>true</c>/<c>false</c>, or <c>null</c>.
    /// </summary>
    internal string ConcatenationText => Value ?? "null";
}
