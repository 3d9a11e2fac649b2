using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>The state of a SCRAM exchange (scram_state.state in auth-scram.c).</summary>
public enum ScramExchangeState
{
    /// <summary>SCRAM_AUTH_INIT: waiting for the client-first-message.</summary>
    Initial,

    /// <summary>SCRAM_AUTH_SALT_SENT: the server-first-message went out; waiting for the client-final-message.</summary>
    SaltSent,

    /// <summary>SCRAM_AUTH_FINISHED: the proof was right; the server-final-message went out.</summary>
    Finished,

    /// <summary>The exchange failed or raised an error; it takes no more input.</summary>
    Failed,
}

/// <summary>What one step of a SCRAM exchange decided (PG_SASL_EXCHANGE_CONTINUE, _SUCCESS, _FAILURE, or an ERROR).</summary>
public enum ScramExchangeStatus
{
    /// <summary>Send <see cref="ScramExchangeResult.ServerMessage"/> in an AuthenticationSASLContinue and read another SASLResponse.</summary>
    Continue,

    /// <summary>Send <see cref="ScramExchangeResult.ServerMessage"/> in an AuthenticationSASLFinal, then AuthenticationOk.</summary>
    Success,

    /// <summary>
    /// Wrong password (or a mock exchange): PostgreSQL's auth_failed sends FATAL 28P01
    /// <see cref="ProtocolErrors.PasswordAuthenticationFailed"/> for the startup packet's user.
    /// </summary>
    Failure,

    /// <summary>A malformed message: send <see cref="ScramExchangeResult.Error"/> (a FATAL) and close.</summary>
    Error,
}

/// <summary>One step of a SCRAM exchange.</summary>
/// <param name="Status">What happened.</param>
/// <param name="ServerMessage">The mechanism data to send (Continue and Success), else null.</param>
/// <param name="Error">The FATAL to send (Error), else null.</param>
public sealed record ScramExchangeResult(ScramExchangeStatus Status, byte[]? ServerMessage, PgError? Error)
{
    /// <summary>
    /// The message to send for this step: AuthenticationSASLContinue, AuthenticationSASLFinal (to be followed by
    /// AuthenticationOk), or the ErrorResponse of an error; null for <see cref="ScramExchangeStatus.Failure"/>, whose
    /// message needs the user name.
    /// </summary>
    public BackendMessage? Reply => Status switch
    {
        ScramExchangeStatus.Continue => new AuthenticationSaslContinue(ServerMessage ?? []),
        ScramExchangeStatus.Success => new AuthenticationSaslFinal(ServerMessage ?? []),
        ScramExchangeStatus.Error when Error is not null => new ErrorResponse(Error),
        _ => null,
    };

    internal static ScramExchangeResult Failed(PgError error) => new(ScramExchangeStatus.Error, null, error);
}

/// <summary>
/// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL 15's auth-scram.c runs it without TLS (so no
/// channel binding and no SCRAM-SHA-256-PLUS), with its error texts. Errors are FATAL here because PostgreSQL raises
/// them during authentication, where there is no error recovery and ERROR becomes FATAL.
/// </summary>
/// <remarks>
/// Feed it the body of the SASLInitialResponse (<see cref="ProcessInitialResponse"/>), then of each SASLResponse
/// (<see cref="ProcessResponse"/>), and send what each <see cref="ScramExchangeResult"/> says. The user name in the
/// client-first-message is ignored, as PostgreSQL ignores it (the startup packet's user counts).
/// </remarks>
public sealed class ScramServerExchange
{
    /// <summary>SCRAM_RAW_NONCE_LEN: random bytes in the server's part of the nonce (base64, so 24 characters).</summary>
    public const int RawNonceLength = 18;

    private static readonly Encoding Latin1 = Encoding.Latin1;

    private readonly ScramVerifier _verifier;
    private readonly string _serverNonce;
    private char _channelBindingFlag;
    private string _clientNonce = string.Empty;
    private string _clientFirstMessageBare = string.Empty;
    private string _serverFirstMessage = string.Empty;

    /// <summary>Starts an exchange against <paramref name="verifier"/> (a mock one for an unknown role or one without a SCRAM secret).</summary>
    /// <param name="verifier">The role's secret.</param>
    public ScramServerExchange(ScramVerifier verifier)
        : this(verifier, PgBase64.Encode(RandomNumberGenerator.GetBytes(RawNonceLength)))
    {
    }

    /// <summary>Starts an exchange with a fixed server nonce (test vectors and replays).</summary>
    /// <param name="verifier">The role's secret.</param>
    /// <param name="serverNonce">The server's part of the nonce (printable ASCII, no comma).</param>
    internal ScramServerExchange(ScramVerifier verifier, string serverNonce)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(serverNonce);
        _verifier = verifier;
        _serverNonce = serverNonce;
    }

    /// <summary>Where the exchange is.</summary>
    public ScramExchangeState State { get; private set; } = ScramExchangeState.Initial;

    /// <summary>The mechanisms to offer in AuthenticationSASL without TLS.</summary>
    public static IReadOnlyList<string> Mechanisms { get; } = [ScramVerifier.MechanismName];

    /// <summary>
    /// CheckSASLAuth's first round: parses the SASLInitialResponse (<see cref="AuthenticationPayloads.TryParseSaslInitialResponse"/>,
    /// whose errors come first), then runs the exchange on its data (or answers an empty challenge when it had none).
    /// </summary>
    /// <param name="payload">The body of the 'p' message.</param>
    /// <returns>The step's result.</returns>
    public ScramExchangeResult ProcessInitialResponse(ReadOnlySpan<byte> payload)
    {
        if (!AuthenticationPayloads.TryParseSaslInitialResponse(payload, Mechanisms, out var response, out var error))
        {
            State = ScramExchangeState.Failed;
            return ScramExchangeResult.Failed(error);
        }

        return Exchange(response.Data);
    }

    /// <summary>CheckSASLAuth's later rounds: the whole SASLResponse body is the mechanism data.</summary>
    /// <param name="payload">The body of the 'p' message.</param>
    /// <returns>The step's result.</returns>
    public ScramExchangeResult ProcessResponse(ReadOnlySpan<byte> payload) => Exchange(payload.ToArray());

    /// <summary>scram_exchange: one message of mechanism data (null: the SASLInitialResponse carried none).</summary>
    /// <param name="input">The client's message.</param>
    /// <returns>The step's result.</returns>
    public ScramExchangeResult Exchange(byte[]? input)
    {
        try
        {
            var result = Step(input);
            if (result.Status == ScramExchangeStatus.Failure)
            {
                State = ScramExchangeState.Failed;
            }

            return result;
        }
        catch (PgException e)
        {
            State = ScramExchangeState.Failed;
            return ScramExchangeResult.Failed(e.Error);
        }
    }

    private static PgException Malformed(string detail) =>
        new(new PgError(PgSeverity.Fatal, ProtocolErrors.ProtocolViolation, "malformed SCRAM message", detail));

    /// <summary>sanitize_char: a printable ASCII character in single quotes, anything else as 0x%02x.</summary>
    private static string SanitizeChar(char c) =>
        c is >= (char)0x21 and <= (char)0x7E ? $"'{c}'" : "0x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>is_scram_printable: %x21-2B / %x2D-7E.</summary>
    private static bool IsPrintable(string value) => value.All(c => c is >= (char)0x21 and <= (char)0x7E and not ',');

    private ScramExchangeResult Step(byte[]? input)
    {
        if (input is null)
        {
            if (State != ScramExchangeState.Initial)
            {
                throw new PgException(new PgError(PgSeverity.Fatal, "XX000", "invalid SCRAM exchange state"));
            }

            return new ScramExchangeResult(ScramExchangeStatus.Continue, [], null);
        }

        if (input.Length == 0)
        {
            throw Malformed("The message is empty.");
        }

        if (Array.IndexOf(input, (byte)0) >= 0)
        {
            throw Malformed("Message length does not match input length.");
        }

        // One char per byte, so positions and sanitize_char work on bytes, and the texts hash back to the same bytes.
        var text = Latin1.GetString(input);
        switch (State)
        {
            case ScramExchangeState.Initial:
                ReadClientFirstMessage(text);
                _serverFirstMessage = string.Create(
                    CultureInfo.InvariantCulture, $"r={_clientNonce}{_serverNonce},s={_verifier.SaltText},i={_verifier.Iterations}");
                State = ScramExchangeState.SaltSent;
                return new ScramExchangeResult(ScramExchangeStatus.Continue, Latin1.GetBytes(_serverFirstMessage), null);

            case ScramExchangeState.SaltSent:
                var (finalNonce, proof, withoutProof) = ReadClientFinalMessage(text);
                if (finalNonce != _clientNonce + _serverNonce)
                {
                    throw new PgException(new PgError(
                        PgSeverity.Fatal, ProtocolErrors.ProtocolViolation, "invalid SCRAM response", "Nonce does not match."));
                }

                // The proof is checked even for a mock exchange, so that timing does not tell whether the role exists.
                var authMessage = Latin1.GetBytes(_clientFirstMessageBare + "," + _serverFirstMessage + "," + withoutProof);
                if (!VerifyClientProof(proof, authMessage) || _verifier.IsMock)
                {
                    return new ScramExchangeResult(ScramExchangeStatus.Failure, null, null);
                }

                var serverSignature = HMACSHA256.HashData(_verifier.ServerKey, authMessage);
                State = ScramExchangeState.Finished;
                return new ScramExchangeResult(ScramExchangeStatus.Success, Latin1.GetBytes("v=" + PgBase64.Encode(serverSignature)), null);

            default:
                throw new PgException(new PgError(PgSeverity.Fatal, "XX000", "invalid SCRAM exchange state"));
        }
    }

    private bool VerifyClientProof(byte[] proof, byte[] authMessage)
    {
        var clientSignature = HMACSHA256.HashData(_verifier.StoredKey, authMessage);
        var clientKey = new byte[ScramVerifier.KeyLength];
        for (var i = 0; i < clientKey.Length; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(clientKey), _verifier.StoredKey);
    }

    /// <summary>read_client_first_message: gs2 header, then n= (ignored), r= (printable), then any extensions (ignored).</summary>
    private void ReadClientFirstMessage(string input)
    {
        var cursor = new AttributeCursor(input);
        var flag = cursor.Current;
        switch (flag)
        {
            case 'n':
            case 'y':
                // 'y': the client supports channel binding but thinks the server does not; right, without TLS.
                cursor.Advance();
                if (cursor.Current != ',')
                {
                    throw Malformed($"Comma expected, but found character \"{SanitizeChar(cursor.Current)}\".");
                }

                cursor.Advance();
                break;
            case 'p':
                throw Malformed(
                    "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.");
            default:
                throw Malformed($"Unexpected channel-binding flag \"{SanitizeChar(flag)}\".");
        }

        _channelBindingFlag = flag;
        if (cursor.Current == 'a')
        {
            throw new PgException(new PgError(
                PgSeverity.Fatal, ProtocolErrors.FeatureNotSupported, "client uses authorization identity, but it is not supported"));
        }

        if (cursor.Current != ',')
        {
            throw Malformed($"Unexpected attribute \"{SanitizeChar(cursor.Current)}\" in client-first-message.");
        }

        cursor.Advance();
        _clientFirstMessageBare = cursor.Rest;
        if (cursor.Current == 'm')
        {
            throw new PgException(new PgError(
                PgSeverity.Fatal, ProtocolErrors.FeatureNotSupported, "client requires an unsupported SCRAM extension"));
        }

        cursor.ReadAttributeValue('n');
        _clientNonce = cursor.ReadAttributeValue('r');
        if (!IsPrintable(_clientNonce))
        {
            throw new PgException(new PgError(PgSeverity.Fatal, ProtocolErrors.ProtocolViolation, "non-printable characters in SCRAM nonce"));
        }

        while (!cursor.AtEnd)
        {
            cursor.ReadAnyAttribute(out _);
        }
    }

    /// <summary>read_client_final_message: c= (must repeat the gs2 header), r=, extensions up to p=, nothing after.</summary>
    private (string Nonce, byte[] Proof, string WithoutProof) ReadClientFinalMessage(string input)
    {
        var cursor = new AttributeCursor(input);
        var channelBinding = cursor.ReadAttributeValue('c');
        if (!(channelBinding == "biws" && _channelBindingFlag == 'n') && !(channelBinding == "eSws" && _channelBindingFlag == 'y'))
        {
            throw new PgException(new PgError(
                PgSeverity.Fatal, ProtocolErrors.ProtocolViolation, "unexpected SCRAM channel-binding attribute in client-final-message"));
        }

        var nonce = cursor.ReadAttributeValue('r');
        char attribute;
        string value;
        int proofStart;
        do
        {
            proofStart = cursor.Position - 1; // the comma before the attribute
            value = cursor.ReadAnyAttribute(out attribute);
        }
        while (attribute != 'p');

        var proof = PgBase64.Decode(value);
        if (proof is not { Length: ScramVerifier.KeyLength })
        {
            throw Malformed("Malformed proof in client-final-message.");
        }

        if (!cursor.AtEnd)
        {
            throw Malformed("Garbage found at the end of client-final-message.");
        }

        return (nonce, proof, input[..proofStart]);
    }

    /// <summary>The attribute readers of auth-scram.c (read_attr_value, read_any_attr) over a message without zero bytes.</summary>
    private sealed class AttributeCursor(string text)
    {
        public int Position { get; private set; }

        /// <summary>The current character, or '\0' at the end (where the C string's terminator is).</summary>
        public char Current => Position < text.Length ? text[Position] : '\0';

        public bool AtEnd => Position >= text.Length;

        public string Rest => text[Math.Min(Position, text.Length)..];

        public void Advance() => Position++;

        /// <summary>read_attr_value: exactly <paramref name="attribute"/>, '=', then the value up to a comma (consumed) or the end.</summary>
        public string ReadAttributeValue(char attribute)
        {
            if (Current != attribute)
            {
                throw Malformed($"Expected attribute \"{attribute}\" but found \"{SanitizeChar(Current)}\".");
            }

            Advance();
            if (Current != '=')
            {
                throw Malformed($"Expected character \"=\" for attribute \"{attribute}\".");
            }

            Advance();
            return ReadValue();
        }

        /// <summary>read_any_attr: a letter, '=', then the value.</summary>
        public string ReadAnyAttribute(out char attribute)
        {
            attribute = Current;
            if (attribute == '\0')
            {
                throw Malformed("Attribute expected, but found end of string.");
            }

            if (!char.IsAsciiLetter(attribute))
            {
                throw Malformed($"Attribute expected, but found invalid character \"{SanitizeChar(attribute)}\".");
            }

            Advance();
            if (Current != '=')
            {
                throw Malformed($"Expected character \"=\" for attribute \"{attribute}\".");
            }

            Advance();
            return ReadValue();
        }

        private string ReadValue()
        {
            var start = Position;
            while (!AtEnd && Current != ',')
            {
                Advance();
            }

            var value = text[start..Position];
            if (!AtEnd)
            {
                Advance();
            }

            return value;
        }
    }
}
