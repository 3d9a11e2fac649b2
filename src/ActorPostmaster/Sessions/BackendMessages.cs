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

/// <summary>DataRow (D) whose values are already encoded, each in the format Bind chose for its column (text or binary).</summary>
/// <param name="Values">The encoded column values (null is SQL NULL).</param>
public sealed record EncodedDataRow(IReadOnlyList<byte[]?> Values) : BackendMessage
{
    /// <summary>Equal when the values are byte-for-byte equal, in order.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(EncodedDataRow? other) =>
        other is not null && Values.Count == other.Values.Count
        && Values.Zip(other.Values).All(p => p.First is null ? p.Second is null : p.Second is not null && p.First.AsSpan().SequenceEqual(p.Second));

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;

    /// <inheritdoc />
    public override string ToString() => $"EncodedDataRow [{string.Join(", ", Values.Select(v => v is null ? "NULL" : Convert.ToHexString(v)))}]";
}

/// <summary>AuthenticationCleartextPassword (R, 3): the client is to send its password in a PasswordMessage.</summary>
public sealed record AuthenticationCleartextPassword : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static AuthenticationCleartextPassword Instance { get; } = new();
}

/// <summary>AuthenticationSASL (R, 10): the SASL mechanisms the server offers (PostgreSQL 15: only SCRAM-SHA-256 without TLS).</summary>
/// <param name="Mechanisms">The mechanism names, in preference order.</param>
public sealed record AuthenticationSasl(IReadOnlyList<string> Mechanisms) : BackendMessage
{
    /// <summary>Equal when the mechanisms are equal, in order.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(AuthenticationSasl? other) => other is not null && Mechanisms.SequenceEqual(other.Mechanisms);

    /// <inheritdoc />
    public override int GetHashCode() => Mechanisms.Count;
}

/// <summary>AuthenticationSASLContinue (R, 11): the server-first-message of SCRAM.</summary>
/// <param name="Data">The mechanism data.</param>
public sealed record AuthenticationSaslContinue(byte[] Data) : BackendMessage;

/// <summary>AuthenticationSASLFinal (R, 12): the server-final-message of SCRAM (the server signature).</summary>
/// <param name="Data">The mechanism data.</param>
public sealed record AuthenticationSaslFinal(byte[] Data) : BackendMessage;

/// <summary>
/// NegotiateProtocolVersion (v): sent after a StartupMessage that asked for a newer minor version of protocol 3 or named
/// <c>_pq_.</c> options the server does not know.
/// </summary>
/// <param name="NewestMinorVersion">The newest minor version the server supports (0).</param>
/// <param name="UnrecognizedOptions">The <c>_pq_.</c> options it did not recognise.</param>
public sealed record NegotiateProtocolVersion(int NewestMinorVersion, IReadOnlyList<string> UnrecognizedOptions) : BackendMessage
{
    /// <summary>Equal when the version and the options are equal, in order.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(NegotiateProtocolVersion? other) =>
        other is not null && NewestMinorVersion == other.NewestMinorVersion && UnrecognizedOptions.SequenceEqual(other.UnrecognizedOptions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NewestMinorVersion, UnrecognizedOptions.Count);
}

/// <summary>The single byte <c>N</c> that answers an SSLRequest or a GSSENCRequest: no encryption; go on in the clear.</summary>
public sealed record EncryptionRefused : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static EncryptionRefused Instance { get; } = new();
}

/// <summary>ParseComplete (1).</summary>
public sealed record ParseComplete : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static ParseComplete Instance { get; } = new();
}

/// <summary>BindComplete (2).</summary>
public sealed record BindComplete : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static BindComplete Instance { get; } = new();
}

/// <summary>CloseComplete (3).</summary>
public sealed record CloseComplete : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static CloseComplete Instance { get; } = new();
}

/// <summary>NoData (n): the statement or portal described returns no rows.</summary>
public sealed record NoData : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static NoData Instance { get; } = new();
}

/// <summary>PortalSuspended (s): Execute stopped at its row limit; the portal can be executed again.</summary>
public sealed record PortalSuspended : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static PortalSuspended Instance { get; } = new();
}

/// <summary>ParameterDescription (t): the type OIDs of a prepared statement's parameters.</summary>
/// <param name="TypeOids">The OIDs, one per parameter.</param>
public sealed record ParameterDescription(IReadOnlyList<int> TypeOids) : BackendMessage
{
    /// <summary>Equal when the OIDs are equal, in order.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(ParameterDescription? other) => other is not null && TypeOids.SequenceEqual(other.TypeOids);

    /// <inheritdoc />
    public override int GetHashCode() => TypeOids.Count;
}

/// <summary>The connection closed (the server closed its socket). Nothing follows.</summary>
public sealed record ConnectionClosed : BackendMessage
{
    /// <summary>The single instance.</summary>
    public static ConnectionClosed Instance { get; } = new();
}

/// <summary>
/// An error in the pre-3.0 format: the byte 'E', then <c>SEVERITY:  message\n</c> and a zero byte, with no length word.
/// PostgreSQL 15 still sends its "unsupported frontend protocol" FATAL this way to a client that asked for protocol 1 or
/// 2, so that such a client can show it (send_message_to_frontend, pq_putmessage_v2).
/// </summary>
/// <param name="Error">The error.</param>
public sealed record LegacyErrorResponse(PgError Error) : BackendMessage;
