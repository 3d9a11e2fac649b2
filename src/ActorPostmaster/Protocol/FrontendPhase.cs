namespace ActorPostmaster.Protocol;

/// <summary>Which of PostgreSQL's readers the next bytes of a connection go to.</summary>
public enum FrontendPhase
{
    /// <summary>
    /// ProcessStartupPacket: untyped packets (Int32 length, Int32 code): StartupMessage, SSLRequest, GSSENCRequest,
    /// CancelRequest. The decoder leaves it by itself after a StartupMessage.
    /// </summary>
    Startup,

    /// <summary>
    /// recv_password_packet (the backend sent AuthenticationCleartextPassword or MD5Password): only a 'p' message, at most
    /// PG_MAX_AUTH_TOKEN_LENGTH bytes; anything else is FATAL "expected password response, got message type %d".
    /// </summary>
    PasswordResponse,

    /// <summary>
    /// CheckSASLAuth (the backend sent AuthenticationSASL or SASLContinue): only a 'p' message, at most
    /// PG_MAX_AUTH_TOKEN_LENGTH bytes; anything else is FATAL "expected SASL response, got message type %d". PostgreSQL
    /// answers a framing error here (an invalid length) with auth_failed's FATAL 28P01, which the backend sends.
    /// </summary>
    SaslResponse,

    /// <summary>SocketBackend: typed messages of PostgresMain's loop, each type with its size limit.</summary>
    NormalOperation,

    /// <summary>The connection is done (a CancelRequest, a violation, an unknown message type): no further input is read.</summary>
    Closed,
}
