namespace ActorPostmaster.Settings;

/// <summary>A ParameterStatus message's content: a reported setting's name (PostgreSQL's spelling) and SHOW value.</summary>
/// <param name="Name">The name, e.g. <c>DateStyle</c>.</param>
/// <param name="Value">The value, e.g. <c>ISO, MDY</c>.</param>
public readonly record struct ReportedParameter(string Name, string Value);

/// <summary>The result of SHOW name: the column's name (PostgreSQL's spelling of the setting) and the value.</summary>
/// <param name="ColumnName">The column name, e.g. <c>DateStyle</c> for <c>SHOW datestyle</c>.</param>
/// <param name="Value">The text.</param>
public sealed record ShowResult(string ColumnName, string Value);

/// <summary>One row of SHOW ALL: name, setting, description.</summary>
/// <param name="Name">The setting's name.</param>
/// <param name="Setting">SHOW's text of its value.</param>
/// <param name="Description">PostgreSQL's one-line description.</param>
public sealed record ShowAllRow(string Name, string Setting, string Description);

/// <summary>A role as the settings need to know it (for session_authorization, role and is_superuser).</summary>
/// <param name="Name">The role's name.</param>
/// <param name="IsSuperuser">True for a superuser.</param>
public sealed record RoleInfo(string Name, bool IsSuperuser);

/// <summary>How the settings look up roles; supplied by the host (the catalog).</summary>
public interface IRoleLookup
{
    /// <summary>Finds a role by name (exact, case-sensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The role, or null when there is no such role.</returns>
    RoleInfo? FindRole(string name);

    /// <summary>True when <paramref name="member"/> has the privileges of <paramref name="role"/> (membership).</summary>
    /// <param name="member">The member role.</param>
    /// <param name="role">The role.</param>
    /// <returns>True when a member.</returns>
    bool IsMemberOf(string member, string role);
}

/// <summary>The kind of one value in <c>SET name TO value [, …]</c>.</summary>
public enum SetArgumentKind
{
    /// <summary>A string constant or an identifier (an identifier already folded to lower case unless quoted).</summary>
    StringConstant,

    /// <summary>A numeric constant, as written (<c>1.50</c>, <c>-2</c>).</summary>
    NumericConstant,
}

/// <summary>One value of a SET statement, before PostgreSQL joins a list into one string.</summary>
/// <param name="Kind">String or number.</param>
/// <param name="Text">The string's value, or the number as written.</param>
public sealed record SetArgument(SetArgumentKind Kind, string Text)
{
    /// <summary>A string constant or identifier.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The argument.</returns>
    public static SetArgument FromString(string text) => new(SetArgumentKind.StringConstant, text);

    /// <summary>A numeric constant as written.</summary>
    /// <param name="text">The number.</param>
    /// <returns>The argument.</returns>
    public static SetArgument FromNumber(string text) => new(SetArgumentKind.NumericConstant, text);
}
