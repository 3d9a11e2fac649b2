namespace ActorPostmaster.Sql;

/// <summary>One declared parameter of a <see cref="SqlFunction"/>.</summary>
/// <param name="Name">The parameter's name (for named arguments, <c>f(name =&gt; value)</c>), or null.</param>
/// <param name="Type">The parameter's type.</param>
/// <param name="HasDefault">True when the argument may be omitted.</param>
/// <param name="DefaultValue">The value used when it is omitted (of <paramref name="Type"/>'s CLR type; null is NULL).</param>
public sealed record SqlFunctionParameter(string? Name, SqlType Type, bool HasDefault = false, object? DefaultValue = null)
{
    /// <summary>A parameter without a default.</summary>
    /// <param name="name">The name, or null.</param>
    /// <param name="type">The type.</param>
    /// <returns>The parameter.</returns>
    public static SqlFunctionParameter Required(string? name, SqlType type) => new(name, type);

    /// <summary>A parameter with a default.</summary>
    /// <param name="name">The name, or null.</param>
    /// <param name="type">The type.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <returns>The parameter.</returns>
    public static SqlFunctionParameter Optional(string? name, SqlType type, object? defaultValue) => new(name, type, true, defaultValue);
}
