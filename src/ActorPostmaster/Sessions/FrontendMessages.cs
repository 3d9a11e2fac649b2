namespace ActorPostmaster;

/// <summary>What a client sends (the frontend messages the in-process API uses).</summary>
public abstract record FrontendMessage;

/// <summary>StartupMessage: the role, the database and other parameters (application_name, options …).</summary>
/// <param name="User">The role.</param>
/// <param name="Database">The database (defaults to the role's name, as PostgreSQL does).</param>
/// <param name="Parameters">Other startup parameters, including any <c>_pq_.</c> protocol options.</param>
/// <param name="ProtocolVersion">The protocol version asked for: major in the high 16 bits, minor in the low 16 (3.0 = 196608).</param>
public sealed record StartupMessage(string User, string? Database, IReadOnlyDictionary<string, string> Parameters, int ProtocolVersion = StartupMessage.Protocol30) : FrontendMessage
{
    /// <summary>Protocol 3.0.</summary>
    public const int Protocol30 = 3 << 16;
}

/// <summary>SSLRequest (code 80877103), before the startup packet; the server answers <see cref="EncryptionRefused"/>.</summary>
public sealed record SslRequestMessage : FrontendMessage
{
    /// <summary>The single instance.</summary>
    public static SslRequestMessage Instance { get; } = new();
}

/// <summary>GSSENCRequest (code 80877104), before the startup packet; the server answers <see cref="EncryptionRefused"/>.</summary>
public sealed record GssEncRequestMessage : FrontendMessage
{
    /// <summary>The single instance.</summary>
    public static GssEncRequestMessage Instance { get; } = new();
}

/// <summary>
/// The 'p' message: a PasswordMessage, SASLInitialResponse or SASLResponse, depending on the authentication exchange in
/// progress. Only the backend knows which, so the payload stays raw (see <c>Protocol.AuthenticationPayloads</c>).
/// </summary>
/// <param name="Payload">The message body after the length.</param>
public sealed record PasswordMessage(byte[] Payload) : FrontendMessage;

/// <summary>Parse (P): prepares a statement.</summary>
/// <param name="Statement">The statement name ("" is the unnamed statement).</param>
/// <param name="Sql">The query text (at most one statement).</param>
/// <param name="ParameterTypeOids">Declared parameter types (0 = unspecified), possibly fewer than the parameters.</param>
public sealed record ParseMessage(string Statement, string Sql, IReadOnlyList<int> ParameterTypeOids) : FrontendMessage;

/// <summary>Bind (B): makes a portal from a prepared statement and parameter values.</summary>
/// <param name="Portal">The portal name ("" is the unnamed portal).</param>
/// <param name="Statement">The prepared statement's name.</param>
/// <param name="ParameterFormats">Parameter format codes: none (all text), one (for all) or one per parameter.</param>
/// <param name="Parameters">The parameter values, encoded (null is SQL NULL).</param>
/// <param name="ResultFormats">Result-column format codes: none (all text), one (for all) or one per column.</param>
public sealed record BindMessage(
    string Portal, string Statement, IReadOnlyList<short> ParameterFormats, IReadOnlyList<byte[]?> Parameters, IReadOnlyList<short> ResultFormats)
    : FrontendMessage;

/// <summary>Describe (D) of a prepared statement ('S') or a portal ('P').</summary>
/// <param name="Kind">'S' or 'P'.</param>
/// <param name="Name">Its name.</param>
public sealed record DescribeMessage(char Kind, string Name) : FrontendMessage;

/// <summary>Execute (E): runs a portal, returning at most <paramref name="MaxRows"/> rows (0 = all).</summary>
/// <param name="Portal">The portal name.</param>
/// <param name="MaxRows">The row limit; 0 for none.</param>
public sealed record ExecuteMessage(string Portal, int MaxRows) : FrontendMessage;

/// <summary>Close (C) of a prepared statement ('S') or a portal ('P').</summary>
/// <param name="Kind">'S' or 'P'.</param>
/// <param name="Name">Its name.</param>
public sealed record CloseMessage(char Kind, string Name) : FrontendMessage;

/// <summary>Sync (S): ends an extended-query cycle; the server answers ReadyForQuery.</summary>
public sealed record SyncMessage : FrontendMessage
{
    /// <summary>The single instance.</summary>
    public static SyncMessage Instance { get; } = new();
}

/// <summary>Flush (H): send whatever is pending.</summary>
public sealed record FlushMessage : FrontendMessage
{
    /// <summary>The single instance.</summary>
    public static FlushMessage Instance { get; } = new();
}

/// <summary>CopyData (d), CopyDone (c) or CopyFail (f) outside COPY: PostgreSQL accepts and ignores them.</summary>
/// <param name="Type">The message type byte.</param>
public sealed record CopyFrontendMessage(byte Type) : FrontendMessage;

/// <summary>FunctionCall (F): the fast-path function call interface, which ActorPostmaster does not implement.</summary>
public sealed record FunctionCallMessage : FrontendMessage
{
    /// <summary>The single instance.</summary>
    public static FunctionCallMessage Instance { get; } = new();
}

/// <summary>A message of a type PostgreSQL does not know; the backend answers FATAL 08P01 "invalid frontend message type %d".</summary>
/// <param name="Type">The type byte.</param>
public sealed record UnknownFrontendMessage(byte Type) : FrontendMessage;

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

/// <summary>
/// A message whose framing was sound but whose body PostgreSQL could not parse (a missing string terminator, too few
/// bytes, bytes left over, a bad subtype, invalid UTF-8 in a string). PostgreSQL raises <see cref="Error"/> (an ERROR)
/// when it processes the message, so, like any other message, it is skipped while the backend ignores messages until
/// Sync; <see cref="Type"/> still counts for that (a malformed Sync ends the skipping, a malformed Parse starts it).
/// </summary>
/// <param name="Type">The message type byte ('Q', 'P', 'B', 'D', 'C', 'E', 'S', 'H').</param>
/// <param name="Error">The ERROR PostgreSQL raises for it.</param>
public sealed record MalformedFrontendMessage(byte Type, PgError Error) : FrontendMessage
{
    /// <summary>
    /// For a Bind whose portal and statement names parsed: how far the rest got. exec_bind_message looks up the
    /// statement, checks the counts and converts parameters while it reads, so those errors can come first.
    /// </summary>
    public MalformedBind? Bind { get; init; }
}

/// <summary>Where in its body a Bind stopped parsing (exec_bind_message reads the message and acts on it as it goes).</summary>
public enum BindParseStage
{
    /// <summary>In the parameter format codes or the parameter count: after the statement lookup, before the count checks.</summary>
    ParameterFormats,

    /// <summary>
    /// In a parameter value: after the count checks, the aborted-transaction check and the portal's creation, and after
    /// converting the parameters before it (<see cref="MalformedBind.Parameters"/>).
    /// </summary>
    ParameterValues,

    /// <summary>In the result format codes, or bytes left at the end: after every parameter was converted.</summary>
    ResultFormats,
}

/// <summary>What a malformed Bind held up to the point its body stopped parsing.</summary>
/// <param name="Portal">The portal name.</param>
/// <param name="Statement">The statement name.</param>
/// <param name="FailedAt">Where the body stopped parsing.</param>
/// <param name="ParameterFormats">The parameter format codes read (complete unless <paramref name="FailedAt"/> is the first stage).</param>
/// <param name="ParameterCount">The parameter count the message declared (0 if it was not read).</param>
/// <param name="Parameters">The parameter values read before the failure.</param>
public sealed record MalformedBind(
    string Portal, string Statement, BindParseStage FailedAt, IReadOnlyList<short> ParameterFormats, int ParameterCount, IReadOnlyList<byte[]?> Parameters);

/// <summary>
/// Not a client message: the transport found the client's bytes malformed (pq_getmessage, ProcessStartupPacket). The
/// owner logs <paramref name="Error"/>, sends <paramref name="Replies"/> (empty for a COMMERROR, which only the server
/// log sees), and ends the session.
/// </summary>
/// <param name="Error">What PostgreSQL reports (severity LOG for a COMMERROR, FATAL when the client is told).</param>
/// <param name="Replies">What the client is sent before the connection closes.</param>
public sealed record ProtocolViolationMessage(PgError Error, IReadOnlyList<BackendMessage> Replies) : FrontendMessage;
