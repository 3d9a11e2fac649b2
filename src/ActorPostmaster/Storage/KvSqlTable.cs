using ActorPostmaster.Sql;

namespace ActorPostmaster.Storage;

/// <summary>
/// <c>kv (k text primary key, v text)</c> as SQL sees it in one session's transaction: reads see the latest committed
/// rows plus the transaction's own changes; writes take row locks and wait for other writers of the same key.
/// </summary>
/// <param name="transaction">
/// The session's current transaction, asked at every use: a prepared statement keeps this table across transactions.
/// </param>
internal sealed class KvSqlTable(Func<KvTransaction> transaction) : ISqlTable
{
    /// <summary>The table's name.</summary>
    public const string TableName = "kv";

    /// <summary>PostgreSQL's first user OID, as the table would get in a fresh cluster.</summary>
    public const uint TableOid = 16384;

    private static readonly IReadOnlyList<RelationColumn> s_columns = [new("k", SqlType.Text), new("v", SqlType.Text)];

    /// <inheritdoc />
    public string Schema => "public";

    /// <inheritdoc />
    public string Name => TableName;

    /// <inheritdoc />
    public uint Oid => TableOid;

    /// <inheritdoc />
    public IReadOnlyList<RelationColumn> Columns => s_columns;

    /// <inheritdoc />
    public int KeyColumn => 0;

    /// <inheritdoc />
    public string KeyConstraintName => "kv_pkey";

    /// <summary>Whether <paramref name="schema"/>.<paramref name="name"/> names this table.</summary>
    /// <param name="schema">The schema as written, or null.</param>
    /// <param name="name">The name.</param>
    /// <returns>True for kv and public.kv.</returns>
    public static bool Names(string? schema, string name) => name == TableName && schema is null or "public";

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<object?[]>> GetRowsAsync(ISqlEnvironment environment, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<object?[]>>([.. transaction().Scan().Select(r => new object?[] { r.Key, r.Value })]);

    /// <inheritdoc />
    public ValueTask<object?[]?> GetAsync(ISqlEnvironment environment, object key, CancellationToken cancellationToken)
    {
        var (found, value) = transaction().Get((string)key);
        return ValueTask.FromResult(found ? new object?[] { key, value } : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryInsertAsync(ISqlEnvironment environment, object?[] row, CancellationToken cancellationToken) =>
        transaction().TryInsertAsync((string)row[0]!, (string?)row[1], cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> UpdateAsync(ISqlEnvironment environment, object key, object?[] row, CancellationToken cancellationToken)
    {
        var oldKey = (string)key;
        var newKey = (string)row[0]!;
        if (newKey == oldKey)
        {
            return await transaction().UpdateAsync(oldKey, (string?)row[1], cancellationToken).ConfigureAwait(false);
        }

        // A new key: the old row goes, the new one comes (the SQL layer checked that the new key is free).
        if (!await transaction().DeleteAsync(oldKey, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        return await transaction().TryInsertAsync(newKey, (string?)row[1], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(ISqlEnvironment environment, object key, CancellationToken cancellationToken) =>
        transaction().DeleteAsync((string)key, cancellationToken);
}
