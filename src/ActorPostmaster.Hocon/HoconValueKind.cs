using System.Diagnostics.CodeAnalysis;

namespace ActorPostmaster.Hocon;

/// <summary>The JSON type of a resolved <see cref="HoconValue"/>.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are the JSON type names, as in System.Text.Json.JsonValueKind.")]
public enum HoconValueKind
{
    /// <summary>A <see cref="HoconObject"/>.</summary>
    Object,

    /// <summary>A <see cref="HoconArray"/>.</summary>
    Array,

    /// <summary>A <see cref="HoconLiteral"/> string (quoted, unquoted, triple-quoted or concatenated).</summary>
    String,

    /// <summary>A <see cref="HoconLiteral"/> number, kept as written in the file.</summary>
    Number,

    /// <summary>A <see cref="HoconLiteral"/> <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>The <see cref="HoconLiteral"/> <c>null</c>.</summary>
    Null,
}
