using System.Globalization;

namespace ActorPostmaster.Settings;

/// <summary>
/// A setting's value in its internal form: a bool, an integer in the setting's base unit, a real in the base unit, a
/// string, or an enum's canonical word. Immutable; compares by type and value.
/// </summary>
public readonly struct SettingValue : IEquatable<SettingValue>
{
    private readonly long _number;
    private readonly double _real;
    private readonly string? _text;

    private SettingValue(SettingType type, long number, double real, string? text)
    {
        Type = type;
        _number = number;
        _real = real;
        _text = text;
    }

    /// <summary>The type of the value.</summary>
    public SettingType Type { get; }

    /// <summary>The bool (for <see cref="SettingType.Bool"/>).</summary>
    public bool AsBool => Type == SettingType.Bool ? _number != 0 : throw WrongType(SettingType.Bool);

    /// <summary>The integer in the setting's base unit (for <see cref="SettingType.Int"/>).</summary>
    public int AsInt => Type == SettingType.Int ? (int)_number : throw WrongType(SettingType.Int);

    /// <summary>The real in the setting's base unit (for <see cref="SettingType.Real"/>).</summary>
    public double AsReal => Type == SettingType.Real ? _real : throw WrongType(SettingType.Real);

    /// <summary>The string, or the enum's canonical word (for <see cref="SettingType.String"/>, <see cref="SettingType.Enum"/>).</summary>
    public string AsString => Type is SettingType.String or SettingType.Enum ? _text ?? string.Empty : throw WrongType(SettingType.String);

    /// <summary>Creates a bool value.</summary>
    /// <param name="value">The bool.</param>
    public static SettingValue FromBool(bool value) => new(SettingType.Bool, value ? 1 : 0, 0, null);

    /// <summary>Creates an integer value (in the setting's base unit).</summary>
    /// <param name="value">The integer.</param>
    public static SettingValue FromInt(int value) => new(SettingType.Int, value, 0, null);

    /// <summary>Creates a real value (in the setting's base unit).</summary>
    /// <param name="value">The real.</param>
    public static SettingValue FromReal(double value) => new(SettingType.Real, 0, value, null);

    /// <summary>Creates a string value.</summary>
    /// <param name="value">The string.</param>
    public static SettingValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SettingValue(SettingType.String, 0, 0, value);
    }

    /// <summary>Creates an enum value from its canonical word.</summary>
    /// <param name="canonicalWord">The word, as the setting lists it (e.g. <c>remote_write</c>).</param>
    public static SettingValue FromEnum(string canonicalWord)
    {
        ArgumentNullException.ThrowIfNull(canonicalWord);
        return new SettingValue(SettingType.Enum, 0, 0, canonicalWord);
    }

    /// <summary>Equality.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(SettingValue left, SettingValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(SettingValue left, SettingValue right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(SettingValue other) =>
        Type == other.Type && _number == other._number && _real.Equals(other._real) &&
        string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SettingValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _number, _real, _text);

    /// <summary>A diagnostic rendering (not PostgreSQL's display form; use the definition or the session for that).</summary>
    public override string ToString() => Type switch
    {
        SettingType.Bool => AsBool ? "on" : "off",
        SettingType.Int => _number.ToString(CultureInfo.InvariantCulture),
        SettingType.Real => _real.ToString("R", CultureInfo.InvariantCulture),
        _ => _text ?? string.Empty,
    };

    private InvalidOperationException WrongType(SettingType wanted) =>
        new($"The value is a {Type}, not a {wanted}.");
}
