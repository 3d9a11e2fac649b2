using System.Globalization;

namespace ActorPostmaster.Protocol;

/// <summary>
/// The errors PostgreSQL 15 raises about the wire protocol itself, with its texts and SQLSTATEs. Each method names the C
/// function that raises the error. Server-log-only errors (COMMERROR) have severity <see cref="PgSeverity.Log"/>, which is
/// how the server log shows them; they are never sent to the client.
/// </summary>
public static class ProtocolErrors
{
    /// <summary>08P01, PostgreSQL's ERRCODE_PROTOCOL_VIOLATION.</summary>
    public const string ProtocolViolation = "08P01";

    /// <summary>0A000, ERRCODE_FEATURE_NOT_SUPPORTED.</summary>
    public const string FeatureNotSupported = "0A000";

    /// <summary>28000, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION.</summary>
    public const string InvalidAuthorizationSpecification = "28000";

    /// <summary>28P01, ERRCODE_INVALID_PASSWORD.</summary>
    public const string InvalidPassword = "28P01";

    /// <summary>22P03, ERRCODE_INVALID_BINARY_REPRESENTATION.</summary>
    public const string InvalidBinaryRepresentation = "22P03";

    /// <summary>22021, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE.</summary>
    public const string CharacterNotInRepertoire = "22021";

    /// <summary>22023, ERRCODE_INVALID_PARAMETER_VALUE.</summary>
    public const string InvalidParameterValue = "22023";

    /// <summary>ProcessStartupPacket (COMMERROR): the length word is below 8 or above MAX_STARTUP_PACKET_LENGTH, or a CancelRequest is not 16 bytes.</summary>
    /// <returns>The server-log entry.</returns>
    public static PgError InvalidStartupPacketLength() => Log("invalid length of startup packet");

    /// <summary>ProcessStartupPacket (COMMERROR): the connection closed inside the startup packet.</summary>
    /// <returns>The server-log entry.</returns>
    public static PgError IncompleteStartupPacket() => Log("incomplete startup packet");

    /// <summary>ProcessStartupPacket (FATAL 0A000): a protocol major version other than 3.</summary>
    /// <param name="protocolVersion">The version word of the packet (major in the high 16 bits).</param>
    /// <returns>The error.</returns>
    public static PgError UnsupportedFrontendProtocol(int protocolVersion) =>
        new(PgSeverity.Fatal, FeatureNotSupported, string.Create(
            CultureInfo.InvariantCulture,
            $"unsupported frontend protocol {(uint)protocolVersion >> 16}.{protocolVersion & 0xFFFF}: server supports 3.0 to 3.0"));

    /// <summary>ProcessStartupPacket (FATAL 08P01): the name/value list does not end exactly at the packet's last byte.</summary>
    /// <returns>The error.</returns>
    public static PgError InvalidStartupPacketLayout() =>
        new(PgSeverity.Fatal, ProtocolViolation, "invalid startup packet layout: expected terminator as last byte");

    /// <summary>ProcessStartupPacket (FATAL 28000): no <c>user</c>, or an empty one.</summary>
    /// <returns>The error.</returns>
    public static PgError NoUserNameInStartupPacket() =>
        new(PgSeverity.Fatal, InvalidAuthorizationSpecification, "no PostgreSQL user name specified in startup packet");

    /// <summary>ProcessStartupPacket (FATAL 22023): <c>replication</c> is neither a boolean nor <c>database</c>.</summary>
    /// <param name="value">The value given.</param>
    /// <returns>The error.</returns>
    public static PgError InvalidReplicationParameter(string value) =>
        new(PgSeverity.Fatal, InvalidParameterValue, $"invalid value for parameter \"replication\": \"{value}\"",
            Hint: "Valid values are: \"false\", 0, \"true\", 1, \"database\".");

    /// <summary>ProcessStartupPacket (FATAL 08P01): bytes already buffered after an SSLRequest was answered.</summary>
    /// <returns>The error.</returns>
    public static PgError UnencryptedDataAfterSslRequest() =>
        new(PgSeverity.Fatal, ProtocolViolation, "received unencrypted data after SSL request",
            "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");

    /// <summary>ProcessStartupPacket (FATAL 08P01): bytes already buffered after a GSSENCRequest was answered.</summary>
    /// <returns>The error.</returns>
    public static PgError UnencryptedDataAfterGssEncRequest() =>
        new(PgSeverity.Fatal, ProtocolViolation, "received unencrypted data after GSSAPI encryption request",
            "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");

    /// <summary>pq_getmessage (COMMERROR): a length word below 4 or above the message type's limit.</summary>
    /// <returns>The server-log entry.</returns>
    public static PgError InvalidMessageLength() => Log("invalid message length");

    /// <summary>pq_getmessage (COMMERROR): the connection closed inside a length word.</summary>
    /// <returns>The server-log entry.</returns>
    public static PgError EofWithinLengthWord() => Log("unexpected EOF within message length word");

    /// <summary>pq_getmessage (COMMERROR): the connection closed inside a message body.</summary>
    /// <returns>The server-log entry.</returns>
    public static PgError IncompleteMessage() => Log("incomplete message from client");

    /// <summary>SocketBackend (FATAL 08P01): a type byte PostgresMain does not know.</summary>
    /// <param name="type">The type byte.</param>
    /// <returns>The error.</returns>
    public static PgError InvalidFrontendMessageType(byte type) =>
        new(PgSeverity.Fatal, ProtocolViolation, string.Create(CultureInfo.InvariantCulture, $"invalid frontend message type {type}"));

    /// <summary>
    /// recv_password_packet (ERROR, FATAL during authentication): something other than a 'p' message when a password was
    /// asked for.
    /// </summary>
    /// <param name="type">The type byte.</param>
    /// <returns>The error.</returns>
    public static PgError ExpectedPasswordResponse(byte type) =>
        new(PgSeverity.Fatal, ProtocolViolation, string.Create(CultureInfo.InvariantCulture, $"expected password response, got message type {type}"));

    /// <summary>CheckSASLAuth (ERROR, FATAL during authentication): something other than a 'p' message in a SASL exchange.</summary>
    /// <param name="type">The type byte.</param>
    /// <returns>The error.</returns>
    public static PgError ExpectedSaslResponse(byte type) =>
        new(PgSeverity.Fatal, ProtocolViolation, string.Create(CultureInfo.InvariantCulture, $"expected SASL response, got message type {type}"));

    /// <summary>pq_getmsgbyte (ERROR 08P01): no byte left.</summary>
    /// <returns>The error.</returns>
    public static PgError NoDataLeft() => new(PgSeverity.Error, ProtocolViolation, "no data left in message");

    /// <summary>pq_copymsgbytes / pq_getmsgbytes (ERROR 08P01): fewer bytes left than asked for.</summary>
    /// <returns>The error.</returns>
    public static PgError InsufficientData() => new(PgSeverity.Error, ProtocolViolation, "insufficient data left in message");

    /// <summary>pq_getmsgstring / pq_getmsgrawstring (ERROR 08P01): no terminating zero byte inside the message.</summary>
    /// <returns>The error.</returns>
    public static PgError InvalidString() => new(PgSeverity.Error, ProtocolViolation, "invalid string in message");

    /// <summary>pq_getmsgend (ERROR 08P01): bytes left over after the last field.</summary>
    /// <returns>The error.</returns>
    public static PgError InvalidMessageFormat() => new(PgSeverity.Error, ProtocolViolation, "invalid message format");

    /// <summary>PostgresMain, 'D' (ERROR 08P01): a Describe of something other than 'S' or 'P'.</summary>
    /// <param name="subtype">The subtype byte.</param>
    /// <returns>The error.</returns>
    public static PgError InvalidDescribeSubtype(byte subtype) =>
        new(PgSeverity.Error, ProtocolViolation, string.Create(CultureInfo.InvariantCulture, $"invalid DESCRIBE message subtype {subtype}"));

    /// <summary>PostgresMain, 'C' (ERROR 08P01): a Close of something other than 'S' or 'P'.</summary>
    /// <param name="subtype">The subtype byte.</param>
    /// <returns>The error.</returns>
    public static PgError InvalidCloseSubtype(byte subtype) =>
        new(PgSeverity.Error, ProtocolViolation, string.Create(CultureInfo.InvariantCulture, $"invalid CLOSE message subtype {subtype}"));

    /// <summary>exec_bind_message (ERROR 08P01): more than one parameter format code, but not one per parameter.</summary>
    /// <param name="formats">The number of format codes.</param>
    /// <param name="parameters">The number of parameters.</param>
    /// <returns>The error.</returns>
    public static PgError BindParameterFormatCount(int formats, int parameters) =>
        new(PgSeverity.Error, ProtocolViolation, string.Create(
            CultureInfo.InvariantCulture, $"bind message has {formats} parameter formats but {parameters} parameters"));

    /// <summary>exec_bind_message (ERROR 08P01): the parameter count differs from the prepared statement's.</summary>
    /// <param name="parameters">The number of parameters in the Bind.</param>
    /// <param name="statement">The statement name ("" for the unnamed statement).</param>
    /// <param name="required">The statement's parameter count.</param>
    /// <returns>The error.</returns>
    public static PgError BindParameterCount(int parameters, string statement, int required) =>
        new(PgSeverity.Error, ProtocolViolation, string.Create(
            CultureInfo.InvariantCulture, $"bind message supplies {parameters} parameters, but prepared statement \"{statement}\" requires {required}"));

    /// <summary>PortalSetResultFormat (ERROR 08P01): more than one result format code, but not one per column.</summary>
    /// <param name="formats">The number of format codes.</param>
    /// <param name="columns">The number of result columns.</param>
    /// <returns>The error.</returns>
    public static PgError BindResultFormatCount(int formats, int columns) =>
        new(PgSeverity.Error, ProtocolViolation, string.Create(
            CultureInfo.InvariantCulture, $"bind message has {formats} result formats but query has {columns} columns"));

    /// <summary>exec_bind_message and printtup (ERROR 22023): a format code other than 0 (text) or 1 (binary).</summary>
    /// <param name="format">The format code.</param>
    /// <returns>The error.</returns>
    public static PgError UnsupportedFormatCode(int format) =>
        new(PgSeverity.Error, InvalidParameterValue, string.Create(CultureInfo.InvariantCulture, $"unsupported format code: {format}"));

    /// <summary>exec_bind_message (ERROR 22P03): the type's receive function did not consume the whole value.</summary>
    /// <param name="parameterNumber">The 1-based parameter number.</param>
    /// <returns>The error.</returns>
    public static PgError IncorrectBinaryFormat(int parameterNumber) =>
        new(PgSeverity.Error, InvalidBinaryRepresentation, string.Create(
            CultureInfo.InvariantCulture, $"incorrect binary data format in bind parameter {parameterNumber}"));

    /// <summary>auth_failed (FATAL 28P01) for password, md5 and scram-sha-256 authentication.</summary>
    /// <param name="user">The user name of the startup packet.</param>
    /// <returns>The error.</returns>
    public static PgError PasswordAuthenticationFailed(string user) =>
        new(PgSeverity.Fatal, InvalidPassword, $"password authentication failed for user \"{user}\"");

    private static PgError Log(string message) => new(PgSeverity.Log, ProtocolViolation, message);
}
