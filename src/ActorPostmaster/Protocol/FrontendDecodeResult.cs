namespace ActorPostmaster.Protocol;

/// <summary>
/// What <see cref="FrontendDecoder.TryDecode"/> produced from the bytes of one packet: a <see cref="DecodedMessage"/>
/// or a <see cref="ProtocolViolation"/> that ends the connection.
/// </summary>
public abstract record FrontendDecodeResult;

/// <summary>
/// A frontend message. This includes <see cref="UnknownFrontendMessage"/> (the backend answers FATAL 08P01
/// <see cref="ProtocolErrors.InvalidFrontendMessageType"/> and closes) and <see cref="MalformedFrontendMessage"/> (an
/// ERROR the backend raises when it gets to the message, unless it is skipping messages until Sync).
/// </summary>
/// <param name="Message">The message.</param>
public sealed record DecodedMessage(FrontendMessage Message) : FrontendDecodeResult
{
    /// <summary>
    /// For a <see cref="StartupMessage"/>: the NegotiateProtocolVersion ProcessStartupPacket sends right after reading
    /// it, when the packet asked for protocol 3.x with x above 0 or named <c>_pq_.</c> options (in packet order), or null.
    /// Sending it is the backend's decision; this is what PostgreSQL 15 sends.
    /// </summary>
    public NegotiateProtocolVersion? ProtocolNegotiation { get; init; }
}

/// <summary>
/// Input PostgreSQL refuses in a way that ends the connection: the server sends <see cref="Replies"/> (nothing for a
/// COMMERROR, which only reaches the server log) and closes the socket. The decoder takes no further input afterwards.
/// </summary>
/// <param name="Error">
/// The error: FATAL for what PostgreSQL reports to the client, severity <see cref="PgSeverity.Log"/> for a COMMERROR
/// (server log only).
/// </param>
/// <param name="Replies">What to send before closing, in order (empty for a COMMERROR).</param>
public sealed record ProtocolViolation(PgError Error, IReadOnlyList<BackendMessage> Replies) : FrontendDecodeResult
{
    /// <summary>A COMMERROR: logged by the server, nothing sent, the connection closed.</summary>
    /// <param name="error">The server-log entry.</param>
    /// <returns>The violation.</returns>
    public static ProtocolViolation LogOnly(PgError error) => new(error, []);

    /// <summary>A FATAL sent as an ErrorResponse, then the connection closed.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The violation.</returns>
    public static ProtocolViolation Fatal(PgError error) => new(error, [new ErrorResponse(error)]);

    /// <summary>Whether anything reaches the client (false for a COMMERROR).</summary>
    public bool SendToClient => Replies.Count > 0;

    /// <summary>Always true: every violation ends the connection (kept explicit for callers).</summary>
    public bool CloseConnection { get; } = true;

    /// <summary>Equal when the errors are equal and the replies are equal, in order.</summary>
    /// <param name="other">The other violation.</param>
    public bool Equals(ProtocolViolation? other) =>
        other is not null && Error == other.Error && Replies.SequenceEqual(other.Replies);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Error, Replies.Count);
}
