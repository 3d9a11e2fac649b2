using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>A SASLInitialResponse: the mechanism the client chose and its initial response, if any.</summary>
/// <param name="Mechanism">The mechanism name.</param>
/// <param name="Data">The initial client response, or null when the client sent length -1 (none).</param>
public sealed record SaslInitialResponse(string Mechanism, byte[]? Data);

/// <summary>
/// The bodies of the 'p' message (<see cref="PasswordMessage.Payload"/>), read as PostgreSQL 15's authentication code
/// reads them: a cleartext password (recv_password_packet), a SASLInitialResponse or a SASLResponse (CheckSASLAuth).
/// </summary>
/// <remarks>
/// PostgreSQL raises these errors as ERROR, but authentication runs without an error-recovery point, so the client
/// sees them as FATAL and the connection closes; they are FATAL here.
/// </remarks>
public static class AuthenticationPayloads
{
    /// <summary>
    /// recv_password_packet: the password is a C string filling the whole message ("invalid password packet size",
    /// 08P01, otherwise) and must not be empty ("empty password returned by client", 28P01). PostgreSQL does no encoding
    /// conversion here; invalid UTF-8 is decoded with replacement characters.
    /// </summary>
    /// <param name="payload">The message body.</param>
    /// <param name="password">The password.</param>
    /// <param name="error">The FATAL, on failure.</param>
    /// <returns>True when the payload is a valid password message.</returns>
    public static bool TryParsePassword(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out string? password, [NotNullWhen(false)] out PgError? error)
    {
        password = null;
        var length = payload.IndexOf((byte)0);
        if (length < 0 || length + 1 != payload.Length)
        {
            error = new PgError(PgSeverity.Fatal, ProtocolErrors.ProtocolViolation, "invalid password packet size");
            return false;
        }

        if (length == 0)
        {
            error = new PgError(PgSeverity.Fatal, ProtocolErrors.InvalidPassword, "empty password returned by client");
            return false;
        }

        password = Encoding.UTF8.GetString(payload[..length]);
        error = null;
        return true;
    }

    /// <summary>
    /// CheckSASLAuth's first message, in its order: the mechanism (pq_getmsgrawstring: "invalid string in message"), the
    /// mechanism check of scram_init ("client selected an invalid SASL authentication mechanism"), the Int32 length
    /// (-1 for no data) and the data (pq_getmsgint / pq_getmsgbytes: "insufficient data left in message"), then
    /// pq_getmsgend ("invalid message format"). All 08P01.
    /// </summary>
    /// <param name="payload">The message body.</param>
    /// <param name="acceptedMechanisms">The mechanisms offered, or null to accept any name.</param>
    /// <param name="response">The response.</param>
    /// <param name="error">The FATAL, on failure.</param>
    /// <returns>True when the payload is a valid SASLInitialResponse.</returns>
    public static bool TryParseSaslInitialResponse(
        ReadOnlySpan<byte> payload,
        IReadOnlyCollection<string>? acceptedMechanisms,
        [NotNullWhen(true)] out SaslInitialResponse? response,
        [NotNullWhen(false)] out PgError? error)
    {
        response = null;
        try
        {
            var reader = new PqMessageReader(payload);
            var mechanism = reader.GetRawString();
            if (acceptedMechanisms is not null && !acceptedMechanisms.Contains(mechanism, StringComparer.Ordinal))
            {
                error = new PgError(PgSeverity.Fatal, ProtocolErrors.ProtocolViolation, "client selected an invalid SASL authentication mechanism");
                return false;
            }

            var length = reader.GetInt32();
            var data = length == -1 ? null : reader.GetBytes(length).ToArray();
            reader.End();
            response = new SaslInitialResponse(mechanism, data);
            error = null;
            return true;
        }
        catch (PgException e)
        {
            error = e.Error with { Severity = PgSeverity.Fatal };
            return false;
        }
    }

    /// <summary>CheckSASLAuth's later messages: the whole body is the mechanism data (there is nothing to get wrong).</summary>
    /// <param name="payload">The message body.</param>
    /// <returns>The data.</returns>
    public static byte[] ParseSaslResponse(ReadOnlySpan<byte> payload) => payload.ToArray();
}
