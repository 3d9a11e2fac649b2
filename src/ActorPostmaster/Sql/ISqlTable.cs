namespace ActorPostmaster.Sql;

/// <summary>
/// A table that INSERT, UPDATE and DELETE change: the statement's view of it inside the session's current transaction.
/// Rows are <c>object?[]</c> with one CLR value per column (string for text); <see cref="IRelation.GetRowsAsync"/>
/// gives the rows visible to the statement (scans, count(*), UPDATE and DELETE with a WHERE not on the key).
/// </summary>
/// <remarks>
/// The SQL layer checks the primary key's NOT NULL constraint and raises 23505 itself (from the false results below),
/// so an implementation only stores and looks up rows.
/// </remarks>
public interface ISqlTable : IRelation
{
    /// <summary>The index in <see cref="IRelation.Columns"/> of the primary-key column (0 for kv).</summary>
    int KeyColumn { get; }

    /// <summary>The primary key constraint's name (kv_pkey), quoted by 23505 and ON CONFLICT ON CONSTRAINT.</summary>
    string KeyConstraintName { get; }

    /// <summary>The visible row with this key, or null.</summary>
    /// <param name="environment">The environment of the statement.</param>
    /// <param name="key">The key (never null).</param>
    /// <param name="cancellationToken">The execution's cancellation token.</param>
    /// <returns>The row (not to be modified by the caller) or null.</returns>
    ValueTask<object?[]?> GetAsync(ISqlEnvironment environment, object key, CancellationToken cancellationToken);

    /// <summary>Inserts <paramref name="row"/> unless a visible row has its key.</summary>
    /// <param name="environment">The environment of the statement.</param>
    /// <param name="row">The new row, one value per column; its key is not null.</param>
    /// <param name="cancellationToken">The execution's cancellation token.</param>
    /// <returns>True when inserted; false (no change) when the key exists.</returns>
    ValueTask<bool> TryInsertAsync(ISqlEnvironment environment, object?[] row, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row with key <paramref name="key"/> by <paramref name="row"/>, whose key may differ (the caller has
    /// checked that the new key is free).
    /// </summary>
    /// <param name="environment">The environment of the statement.</param>
    /// <param name="key">The key of the row to replace.</param>
    /// <param name="row">The new row; its key is not null.</param>
    /// <param name="cancellationToken">The execution's cancellation token.</param>
    /// <returns>False when there is no such row.</returns>
    ValueTask<bool> UpdateAsync(ISqlEnvironment environment, object key, object?[] row, CancellationToken cancellationToken);

    /// <summary>Deletes the row with key <paramref name="key"/>.</summary>
    /// <param name="environment">The environment of the statement.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">The execution's cancellation token.</param>
    /// <returns>False when there is no such row.</returns>
    ValueTask<bool> DeleteAsync(ISqlEnvironment environment, object key, CancellationToken cancellationToken);
}

/// <summary>
/// Where a host finds its tables: the hook a storage layer implements to supply them to sessions
/// (<c>PostmasterOptions.Tables</c>).
/// </summary>
public interface ITableCatalog
{
    /// <summary>
    /// The table <paramref name="name"/> (in <paramref name="schema"/>, or on the search path when null), as
    /// <paramref name="environment"/>'s session sees it, or null when there is none.
    /// </summary>
    /// <param name="environment">The session looking the table up.</param>
    /// <param name="schema">The schema as written, or null.</param>
    /// <param name="name">The table's name.</param>
    /// <returns>The table or null.</returns>
    ISqlTable? Find(ISqlEnvironment environment, string? schema, string name);
}
