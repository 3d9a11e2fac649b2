using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>The startup phase: ProcessStartupPacket of PostgreSQL 15's postmaster.c.</summary>
public sealed partial class FrontendDecoder
{
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The NegotiateProtocolVersion PostgreSQL 15 sends after <paramref name="startup"/>: when it asked for protocol 3.x
    /// with x above 0, or named <c>_pq_.</c> options (none are defined, so all are unrecognized); otherwise null.
    /// </summary>
    /// <param name="startup">The startup message.</param>
    /// <returns>The message, or null.</returns>
    public static NegotiateProtocolVersion? ProtocolNegotiationFor(StartupMessage startup)
    {
        ArgumentNullException.ThrowIfNull(startup);
        var options = startup.Parameters.Keys.Where(IsProtocolOption).ToList();
        return NegotiationFor(startup.ProtocolVersion, options);
    }

    private static bool IsProtocolOption(string name) => name.StartsWith("_pq_.", StringComparison.Ordinal);

    private static NegotiateProtocolVersion? NegotiationFor(int protocolVersion, List<string> protocolOptions) =>
        (protocolVersion & 0xFFFF) > 0 || protocolOptions.Count > 0 ? new NegotiateProtocolVersion(0, protocolOptions) : null;

    /// <summary>parse_bool: a unique prefix of true/false/yes/no (any case), on/off with at least two letters, 1 or 0.</summary>
    private static bool IsPgBool(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        static bool Prefix(string value, string word, int minimum = 1) =>
            value.Length >= minimum && value.Length <= word.Length && word.StartsWith(value, StringComparison.OrdinalIgnoreCase);

        return Prefix(value, "true") || Prefix(value, "false") || Prefix(value, "yes") || Prefix(value, "no")
            || Prefix(value, "on", 2) || Prefix(value, "off", 2) || value is "1" or "0";
    }

    /// <summary>The bytes up to the next zero (strlen; the packet copy always ends with an extra zero byte).</summary>
    private static int StrLen(byte[] packet, int offset) => Array.IndexOf(packet, (byte)0, offset) - offset;

    /// <summary>A name or value of the startup packet; PostgreSQL does no encoding check here, so invalid UTF-8 is replaced.</summary>
    private static string Text(byte[] packet, int offset, int count) => LenientUtf8.GetString(packet, offset, count);

    /// <summary>The name cut to NAMEDATALEN - 1 bytes, byte-wise as ProcessStartupPacket does.</summary>
    private static string NameText(byte[] packet, int offset, int count) => Text(packet, offset, Math.Min(count, NameDataLength - 1));

    private FrontendDecodeResult? DecodeStartupPacket(ref ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
        {
            return null;
        }

        // The length word counts itself; the body must hold at least the 4-byte code.
        var bodyLength = ReadInt32(buffer, 0) - 4L;
        if (bodyLength < 4 || bodyLength > MaxStartupPacketLength)
        {
            buffer = buffer.Slice(4);
            return ProtocolViolation.LogOnly(ProtocolErrors.InvalidStartupPacketLength());
        }

        if (buffer.Length < 4 + bodyLength)
        {
            return null;
        }

        // A copy with one extra zero byte, so that every string that starts inside the packet is terminated.
        var packet = new byte[bodyLength + 1];
        buffer.Slice(4, bodyLength).CopyTo(packet);
        buffer = buffer.Slice(4 + bodyLength);
        var code = BinaryPrimitives.ReadInt32BigEndian(packet);

        if (code == CancelRequestCode)
        {
            if (bodyLength != 12)
            {
                return ProtocolViolation.LogOnly(ProtocolErrors.InvalidStartupPacketLength());
            }

            Phase = FrontendPhase.Closed; // nothing is ever sent back on a cancel connection
            return new DecodedMessage(new CancelRequestMessage(
                BinaryPrimitives.ReadInt32BigEndian(packet.AsSpan(4)), BinaryPrimitives.ReadInt32BigEndian(packet.AsSpan(8))));
        }

        if (code == SslRequestCode && !_sslDone)
        {
            // 'N' goes out; then anything already buffered arrived before any TLS handshake could have protected it.
            _sslDone = true;
            if (!buffer.IsEmpty)
            {
                _pending = ProtocolViolation.Fatal(ProtocolErrors.UnencryptedDataAfterSslRequest());
            }

            return new DecodedMessage(SslRequestMessage.Instance);
        }

        if (code == GssEncRequestCode && !_gssDone)
        {
            _gssDone = true;
            if (!buffer.IsEmpty)
            {
                _pending = ProtocolViolation.Fatal(ProtocolErrors.UnencryptedDataAfterGssEncRequest());
            }

            return new DecodedMessage(GssEncRequestMessage.Instance);
        }

        // Anything else is a protocol version; a repeated SSLRequest or GSSENCRequest lands here as "1234.5679".
        var major = (uint)code >> 16;
        if (major != 3)
        {
            var error = ProtocolErrors.UnsupportedFrontendProtocol(code);

            // FrontendProtocol is set to the client's version first, so a 1.x or 2.x client gets the old error format
            // (a version word of zero counts as "not set yet" and gets the new one).
            return major < 3 && code != 0 ? new ProtocolViolation(error, [new LegacyErrorResponse(error)]) : ProtocolViolation.Fatal(error);
        }

        return DecodeStartupParameters(packet, (int)bodyLength, code);
    }

    /// <summary>The name/value scan of a protocol-3 startup packet, then the layout and user checks, in PostgreSQL's order.</summary>
    private FrontendDecodeResult DecodeStartupParameters(byte[] packet, int length, int protocolVersion)
    {
        string? user = null;
        string? database = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var protocolOptions = new List<string>();
        var offset = 4;
        while (offset < length)
        {
            var nameLength = StrLen(packet, offset);
            if (nameLength == 0)
            {
                break; // the terminator
            }

            var valueOffset = offset + nameLength + 1;
            if (valueOffset >= length)
            {
                break; // a name without a value: the layout check below complains
            }

            var valueLength = StrLen(packet, valueOffset);
            var name = Text(packet, offset, nameLength);
            switch (name)
            {
                case "database":
                    database = NameText(packet, valueOffset, valueLength);
                    break;
                case "user":
                    user = NameText(packet, valueOffset, valueLength);
                    break;
                default:
                    var value = Text(packet, valueOffset, valueLength);
                    if (name == "replication" && value != "database" && !IsPgBool(value))
                    {
                        return ProtocolViolation.Fatal(ProtocolErrors.InvalidReplicationParameter(value));
                    }

                    if (IsProtocolOption(name))
                    {
                        protocolOptions.Add(name);
                    }

                    parameters[name] = value;
                    break;
            }

            offset = valueOffset + valueLength + 1;
        }

        if (offset != length - 1)
        {
            return ProtocolViolation.Fatal(ProtocolErrors.InvalidStartupPacketLayout());
        }

        // NegotiateProtocolVersion is queued before the user check, so a FATAL for a missing user follows it.
        var negotiation = NegotiationFor(protocolVersion, protocolOptions);
        if (string.IsNullOrEmpty(user))
        {
            var error = ProtocolErrors.NoUserNameInStartupPacket();
            return new ProtocolViolation(error, negotiation is null ? [new ErrorResponse(error)] : [negotiation, new ErrorResponse(error)]);
        }

        Phase = FrontendPhase.NormalOperation;
        var startup = new StartupMessage(user, string.IsNullOrEmpty(database) ? null : database, parameters, protocolVersion);
        return new DecodedMessage(startup) { ProtocolNegotiation = negotiation };
    }
}
