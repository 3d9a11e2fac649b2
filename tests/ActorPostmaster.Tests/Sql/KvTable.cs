using ActorPostmaster.Sql;

namespace ActorPostmaster.Tests.Sql;

/// <summary>An in-memory <c>kv (k text primary key, v text)</c>: the test double of the storage layer's table.</summary>
internal sealed class KvTable : ISqlTable, ITableCatalog
{
    private readonly SortedDictionary<string, string?> _rows = new(StringComparer.Ordinal);

    public string Schema => "public";

    public string Name => "kv";

    public uint Oid => 16384;

    public IReadOnlyList<RelationColumn> Columns { get; } = [new("k", SqlType.Text), new("v", SqlType.Text)];

    public int KeyColumn => 0;

    public string KeyConstraintName => "kv_pkey";

    /// <summary>How many times the rows were scanned.</summary>
    public int Scans { get; private set; }

    /// <summary>How many key lookups were made.</summary>
    public int Lookups { get; private set; }

    public IReadOnlyDictionary<string, string?> Rows => _rows;

    public KvTable With(params (string K, string? V)[] rows)
    {
        foreach (var (k, v) in rows)
        {
            _rows[k] = v;
        }

        return this;
    }

    public ISqlTable? Find(ISqlEnvironment environment, string? schema, string name) =>
        name == Name && schema is null or "public" ? this : null;

    public ValueTask<IReadOnlyList<object?[]>> GetRowsAsync(ISqlEnvironment environment, CancellationToken cancellationToken)
    {
        Scans++;
        return ValueTask.FromResult<IReadOnlyList<object?[]>>(_rows.Select(r => new object?[] { r.Key, r.Value }).ToList());
    }

    public ValueTask<object?[]?> GetAsync(ISqlEnvironment environment, object key, CancellationToken cancellationToken)
    {
        Lookups++;
        return ValueTask.FromResult(_rows.TryGetValue((string)key, out var v) ? new object?[] { key, v } : null);
    }

    public ValueTask<bool> TryInsertAsync(ISqlEnvironment environment, object?[] row, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_rows.TryAdd((string)row[0]!, (string?)row[1]));

    public ValueTask<bool> UpdateAsync(ISqlEnvironment environment, object key, object?[] row, CancellationToken cancellationToken)
    {
        if (!_rows.Remove((string)key))
        {
            return ValueTask.FromResult(false);
        }

        _rows[(string)row[0]!] = (string?)row[1];
        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> DeleteAsync(ISqlEnvironment environment, object key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_rows.Remove((string)key));
}
