namespace ActorPostmaster.Sql;

/// <summary>One column of a result, as RowDescription describes it.</summary>
/// <param name="Name">The column's name as PostgreSQL derives it (alias, column name, function name, type name of a cast, or ?column?).</param>
/// <param name="Type">The column's type.</param>
/// <param name="TypeModifier">The type modifier (e.g. varchar(10) is 14), or -1.</param>
/// <param name="TableOid">The OID of the relation the column comes straight from, or 0.</param>
/// <param name="ColumnNumber">Its attribute number in that relation, or 0.</param>
public sealed record ResultColumn(string Name, SqlType Type, int TypeModifier = -1, uint TableOid = 0, short ColumnNumber = 0)
{
    /// <summary>The type's OID.</summary>
    public int TypeOid => Type.Oid;

    /// <summary>The type's size as RowDescription reports it (typlen).</summary>
    public short TypeSize => Type.Size;

    /// <summary>The text form of a value of this column, or null for NULL.</summary>
    /// <param name="value">The value.</param>
    /// <param name="timeZone">The session's TimeZone.</param>
    /// <returns>The text.</returns>
    public string? Format(object? value, TimeZoneInfo? timeZone = null) => PgTextFormat.Format(value, Type, timeZone);
}
