using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ActorPostmaster.Protocol;

/// <summary>
/// Turns the bytes a client sends into frontend messages, one packet at a time, exactly as PostgreSQL 15 reads them:
/// untyped startup packets first (ProcessStartupPacket), then typed messages (SocketBackend and pq_getmessage, or the
/// authentication readers while the backend waits for a password). Pure: no sockets, no clocks.
/// </summary>
/// <remarks>
/// <para>
/// Use it System.IO.Pipelines style: pass everything read so far; on true the buffer has been advanced past what was
/// consumed, on false nothing was consumed and more bytes are needed (<c>reader.AdvanceTo(buffer.Start, buffer.End)</c>).
/// It never throws on any input.
/// </para>
/// <para>
/// The phase moves by itself from <see cref="FrontendPhase.Startup"/> to <see cref="FrontendPhase.NormalOperation"/>
/// after a StartupMessage, and to <see cref="FrontendPhase.Closed"/> after a CancelRequest, an unknown message type or a
/// <see cref="ProtocolViolation"/>. The backend sets <see cref="Phase"/> to
/// <see cref="FrontendPhase.PasswordResponse"/> or <see cref="FrontendPhase.SaslResponse"/> when it asks for a password,
/// and back to <see cref="FrontendPhase.NormalOperation"/> when authentication is done.
/// </para>
/// <para>
/// Framing errors (lengths, unknown types, startup packets) are decided here. Errors inside a well-framed message body
/// are not: they come back as a <see cref="MalformedFrontendMessage"/> because PostgreSQL raises them only when it
/// processes the message, which it does not do while it skips messages until Sync.
/// </para>
/// </remarks>
public sealed partial class FrontendDecoder
{
    /// <summary>MAX_STARTUP_PACKET_LENGTH: the largest startup packet body (after the length word) PostgreSQL accepts.</summary>
    public const int MaxStartupPacketLength = 10000;

    /// <summary>PQ_SMALL_MESSAGE_LIMIT: the largest length word of Close, Describe, Execute, Flush, Sync, Terminate, CopyDone and CopyFail.</summary>
    public const int SmallMessageLimit = 10000;

    /// <summary>PQ_LARGE_MESSAGE_LIMIT (MaxAllocSize - 1): PostgreSQL's largest length word of Query, Parse, Bind, FunctionCall and CopyData.</summary>
    public const int DefaultLargeMessageLimit = 0x3FFFFFFF - 1;

    /// <summary>PG_MAX_AUTH_TOKEN_LENGTH: the largest length word of a password or SASL message.</summary>
    public const int MaxAuthTokenLength = 65535;

    /// <summary>CANCEL_REQUEST_CODE (1234 &lt;&lt; 16 | 5678).</summary>
    public const int CancelRequestCode = 80877102;

    /// <summary>NEGOTIATE_SSL_CODE (1234 &lt;&lt; 16 | 5679).</summary>
    public const int SslRequestCode = 80877103;

    /// <summary>NEGOTIATE_GSS_CODE (1234 &lt;&lt; 16 | 5680).</summary>
    public const int GssEncRequestCode = 80877104;

    /// <summary>NAMEDATALEN: user and database names are cut to one byte less.</summary>
    public const int NameDataLength = 64;

    private ProtocolViolation? _pending;
    private bool _sslDone;
    private bool _gssDone;

    /// <summary>Creates a decoder in the startup phase.</summary>
    /// <param name="largeMessageLimit">
    /// The length-word limit of Query, Parse, Bind, FunctionCall and CopyData (PostgreSQL's PQ_LARGE_MESSAGE_LIMIT by
    /// default; at least <see cref="SmallMessageLimit"/>).
    /// </param>
    public FrontendDecoder(int largeMessageLimit = DefaultLargeMessageLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(largeMessageLimit, SmallMessageLimit);
        LargeMessageLimit = largeMessageLimit;
    }

    /// <summary>The length-word limit of the large message types.</summary>
    public int LargeMessageLimit { get; }

    /// <summary>The reader the next bytes go to (see <see cref="FrontendPhase"/>).</summary>
    public FrontendPhase Phase { get; set; } = FrontendPhase.Startup;

    /// <summary>
    /// Decodes the next packet from <paramref name="buffer"/>, advancing it past the bytes consumed. Returns false, and
    /// consumes nothing, when more bytes are needed (or the decoder is <see cref="FrontendPhase.Closed"/>).
    /// </summary>
    /// <param name="buffer">The bytes received and not yet consumed.</param>
    /// <param name="result">The message or the violation.</param>
    /// <returns>True when a result was produced.</returns>
    public bool TryDecode(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out FrontendDecodeResult? result)
    {
        if (_pending is not null)
        {
            result = _pending;
            _pending = null;
            Phase = FrontendPhase.Closed;
            return true;
        }

        result = Phase switch
        {
            FrontendPhase.Startup => DecodeStartupPacket(ref buffer),
            FrontendPhase.PasswordResponse or FrontendPhase.SaslResponse or FrontendPhase.NormalOperation => DecodeTypedMessage(ref buffer),
            _ => null,
        };
        if (result is ProtocolViolation)
        {
            Phase = FrontendPhase.Closed;
        }

        return result is not null;
    }

    /// <summary>
    /// What PostgreSQL logs (a COMMERROR) when the client closes the connection with <paramref name="unconsumed"/> still
    /// unread: "incomplete startup packet", "unexpected EOF within message length word", "incomplete message from client",
    /// or null when it logs nothing (a clean end between messages; also no data at all, or a partial length word after an
    /// SSLRequest or GSSENCRequest was refused). Whether an open transaction makes the backend log "unexpected EOF on
    /// client connection with an open transaction" is the backend's affair.
    /// </summary>
    /// <param name="unconsumed">The bytes left after the last <see cref="TryDecode"/>.</param>
    /// <returns>The server-log entry, or null.</returns>
    public PgError? EndOfStream(in ReadOnlySequence<byte> unconsumed)
    {
        if (unconsumed.IsEmpty)
        {
            return null;
        }

        return Phase switch
        {
            FrontendPhase.Startup when unconsumed.Length < 4 && (_sslDone || _gssDone) => null,
            FrontendPhase.Startup => ProtocolErrors.IncompleteStartupPacket(),
            FrontendPhase.Closed => null,
            _ when unconsumed.Length < 5 => ProtocolErrors.EofWithinLengthWord(),
            _ => ProtocolErrors.IncompleteMessage(),
        };
    }

    /// <summary>SocketBackend's switch: the length-word limit of a message type in normal operation, or 0 for an unknown type.</summary>
    /// <param name="type">The type byte.</param>
    /// <returns>The limit, or 0.</returns>
    public int MessageLimit(byte type) => type switch
    {
        (byte)'Q' or (byte)'F' or (byte)'B' or (byte)'P' or (byte)'d' => LargeMessageLimit,
        (byte)'X' or (byte)'C' or (byte)'D' or (byte)'E' or (byte)'H' or (byte)'S' or (byte)'c' or (byte)'f' => SmallMessageLimit,
        _ => 0,
    };

    private static int ReadInt32(in ReadOnlySequence<byte> buffer, int offset)
    {
        Span<byte> word = stackalloc byte[4];
        buffer.Slice(offset, 4).CopyTo(word);
        return BinaryPrimitives.ReadInt32BigEndian(word);
    }

    /// <summary>SocketBackend + pq_getmessage (or recv_password_packet / CheckSASLAuth during authentication).</summary>
    private FrontendDecodeResult? DecodeTypedMessage(ref ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return null;
        }

        var type = buffer.FirstSpan[0];
        int limit;
        if (Phase is FrontendPhase.PasswordResponse or FrontendPhase.SaslResponse)
        {
            if (type != (byte)'p')
            {
                buffer = buffer.Slice(1);
                return ProtocolViolation.Fatal(Phase == FrontendPhase.SaslResponse
                    ? ProtocolErrors.ExpectedSaslResponse(type)
                    : ProtocolErrors.ExpectedPasswordResponse(type));
            }

            limit = MaxAuthTokenLength;
        }
        else
        {
            limit = MessageLimit(type);
            if (limit == 0)
            {
                // SocketBackend raises FATAL on the type byte alone, before reading any length.
                buffer = buffer.Slice(1);
                Phase = FrontendPhase.Closed;
                return new DecodedMessage(new UnknownFrontendMessage(type));
            }
        }

        if (buffer.Length < 5)
        {
            return null;
        }

        var length = ReadInt32(buffer, 1);
        if (length < 4 || length > limit)
        {
            buffer = buffer.Slice(5);
            return ProtocolViolation.LogOnly(ProtocolErrors.InvalidMessageLength());
        }

        if (buffer.Length < 1L + length)
        {
            return null;
        }

        var bodySequence = buffer.Slice(5, length - 4);
        ReadOnlySpan<byte> body = bodySequence.IsSingleSegment ? bodySequence.FirstSpan : bodySequence.ToArray();
        var message = Phase == FrontendPhase.NormalOperation ? ParseMessage(type, body) : new PasswordMessage(body.ToArray());
        buffer = buffer.Slice(1L + length);
        return new DecodedMessage(message);
    }
}
