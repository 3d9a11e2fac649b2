namespace ActorPostmaster.Sql;

/// <summary>A column of an <see cref="IRelation"/>.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its type.</param>
/// <param name="TypeModifier">Its type modifier (atttypmod), or -1.</param>
public sealed record RelationColumn(string Name, SqlType Type, int TypeModifier = -1);
