namespace ActorPostmaster;

/// <summary>
/// What a server sends its client, one record per protocol-3.0 backend message (plus <see cref="ConnectionClosed"/>,
/// the socket closing). The in-process client API hands these out as they are; the wire server encodes them.
/// </summary>
public abstract record BackendMessage;

/// <summary>AuthenticationOk (R, 0).</summary>
public sealed record AuthenticationOk : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static AuthenticationOk Instance { get; } = new();
}

/// <summary>ParameterStatus (S): a reported run-time parameter and its value.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="Value">Its value.</param>
public sealed record ParameterStatus(string Name, string Value) : BackendMessage;

/// <summary>BackendKeyData (K): the pid and secret a CancelRequest must quote.</summary>
/// <param name="Pid">The backend's pid.</param>
/// <param name="SecretKey">Its secret key.</param>
public sealed record BackendKeyData(int Pid, int SecretKey) : BackendMessage;

/// <summary>ReadyForQuery (Z) with the transaction status: I idle, T in a transaction block, E in a failed one.</summary>
/// <param name="Status">'I', 'T' or 'E'.</param>
public sealed record ReadyForQuery(char Status) : BackendMessage;

/// <summary>One column of a RowDescription.</summary>
/// <param name="Name">The column name.</param>
/// <param name="TypeOid">The type OID.</param>
/// <param name="TypeSize">The type size (-1 for variable length).</param>
/// <param name="TypeModifier">The type modifier (-1 if none).</param>
/// <param name="Format">0 text, 1 binary.</param>
public sealed record RowField(string Name, int TypeOid, short TypeSize, int TypeModifier = -1, short Format = 0);

/// <summary>RowDescription (T).</summary>
/// <param name="Fields">The columns.</param>
public sealed record RowDescription(IReadOnlyList<RowField> Fields) : BackendMessage
{
    /// <summary>Equal when the fields are equal, in order.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(RowDescription? other) => other is not null && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc />
    public override int GetHashCode() => Fields.Aggregate(Fields.Count, (hash, field) => HashCode.Combine(hash, field));

    /// <inheritdoc />
    public override string ToString() => $"RowDescription [{string.Join(", ", Fields.Select(f => $"{f.Name}:{f.TypeOid}"))}]";
}

/// <summary>DataRow (D), values in text format (null is SQL NULL).</summary>
/// <param name="Values">The column values.</param>
public sealed record DataRow(IReadOnlyList<string?> Values) : BackendMessage
{
    /// <summary>Equal when the values are equal, in order.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(DataRow? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Aggregate(Values.Count, (hash, value) => HashCode.Combine(hash, value));

    /// <inheritdoc />
    public override string ToString() => $"DataRow [{string.Join(", ", Values.Select(v => v ?? "NULL"))}]";
}

/// <summary>CommandComplete (C) with its tag, e.g. <c>SELECT 1</c>, <c>SET</c>, <c>BEGIN</c>.</summary>
/// <param name="Tag">The command tag.</param>
public sealed record CommandComplete(string Tag) : BackendMessage;

/// <summary>EmptyQueryResponse (I): the query string held no statement.</summary>
public sealed record EmptyQueryResponse : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static EmptyQueryResponse Instance { get; } = new();
}

/// <summary>ErrorResponse (E).</summary>
/// <param name="Error">The error; its severity is ERROR, FATAL or PANIC.</param>
public sealed record ErrorResponse(PgError Error) : BackendMessage;

/// <summary>NoticeResponse (N): WARNING, NOTICE … (quickdie's 57P02 is one of these).</summary>
/// <param name="Notice">The notice.</param>
public sealed record NoticeResponse(PgError Notice) : BackendMessage;

/// <summary>The connection closed (the server closed its socket). Nothing follows.</summary>
public sealed record ConnectionClosed : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static ConnectionClosed Instance { get; } = new();
}

/// <summary>What a client sends (the frontend messages the in-process API uses).</summary>
public abstract record FrontendMessage;

/// <summary>StartupMessage: the role, the database and other parameters (application_name, options …).</summary>
/// <param name="User">The role.</param>
/// <param name="Database">The database (defaults to the role's name, as PostgreSQL does).</param>
/// <param name="Parameters">Other startup parameters.</param>
public sealed record StartupMessage(string User, string? Database, IReadOnlyDictionary<string, string> Parameters) : FrontendMessage;

/// <summary>CancelRequest, sent on a new connection instead of a StartupMessage.</summary>
/// <param name="Pid">The target backend's pid.</param>
/// <param name="SecretKey">The key from its BackendKeyData.</param>
public sealed record CancelRequestMessage(int Pid, int SecretKey) : FrontendMessage;

/// <summary>Query (Q): a simple query, possibly several statements.</summary>
/// <param name="Sql">The query text.</param>
public sealed record QueryMessage(string Sql) : FrontendMessage;

/// <summary>Terminate (X): the client is leaving.</summary>
public sealed record TerminateMessage : FrontendMessage
{
    /// <summary>The single instance.</summary>
    public static TerminateMessage Instance { get; } = new();
}
