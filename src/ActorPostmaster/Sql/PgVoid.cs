namespace ActorPostmaster.Sql;

/// <summary>
/// The value of type void: what a function declared to return void yields (not NULL; its text form is empty).
/// </summary>
public sealed class PgVoid
{
    private PgVoid()
    {
    }

    /// <summary>The only void value.</summary>
    public static PgVoid Value { get; } = new();

    /// <inheritdoc />
    public override string ToString() => string.Empty;
}
