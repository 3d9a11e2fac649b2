using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>
/// Writes backend messages in the protocol-3.0 wire format, byte for byte as PostgreSQL 15 does: a type byte, an Int32
/// length that counts itself but not the type byte, then the body, all integers big-endian (pq_beginmessage,
/// pq_sendint*, pq_sendstring, pq_endmessage).
/// </summary>
/// <remarks>
/// <para>
/// Strings are sent as C strings in UTF8 (client_encoding is UTF8 here). A C string cannot hold a zero byte, so a
/// string with an embedded U+0000 is cut there, which is what PostgreSQL's strlen-based senders would do.
/// </para>
/// <para>
/// Two entries are not ordinary messages: <see cref="EncryptionRefused"/> is the single byte <c>N</c> with no length
/// (the answer to SSLRequest and GSSENCRequest), and <see cref="ConnectionClosed"/> writes nothing (the caller closes the
/// socket). <see cref="LegacyErrorResponse"/> is the pre-3.0 error format PostgreSQL still uses to refuse protocol 1 and 2.
/// </para>
/// </remarks>
public static class BackendEncoder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Appends the wire form of <paramref name="message"/> to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="ArgumentException">A message type this encoder does not know.</exception>
    public static void Write(IBufferWriter<byte> writer, BackendMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case AuthenticationOk:
                WriteAuthentication(writer, 0, []);
                break;
            case AuthenticationCleartextPassword:
                WriteAuthentication(writer, 3, []);
                break;
            case AuthenticationSasl sasl:
                WriteAuthenticationSasl(writer, sasl);
                break;
            case AuthenticationSaslContinue saslContinue:
                WriteAuthentication(writer, 11, saslContinue.Data ?? []);
                break;
            case AuthenticationSaslFinal saslFinal:
                WriteAuthentication(writer, 12, saslFinal.Data ?? []);
                break;
            case ParameterStatus status:
                WriteStrings(writer, (byte)'S', status.Name, status.Value);
                break;
            case BackendKeyData key:
                WriteBackendKeyData(writer, key);
                break;
            case ReadyForQuery ready:
                WriteReadyForQuery(writer, ready);
                break;
            case RowDescription description:
                WriteRowDescription(writer, description);
                break;
            case DataRow row:
                WriteDataRow(writer, row);
                break;
            case EncodedDataRow encoded:
                WriteEncodedDataRow(writer, encoded);
                break;
            case CommandComplete complete:
                WriteStrings(writer, (byte)'C', complete.Tag);
                break;
            case EmptyQueryResponse:
                WriteEmpty(writer, (byte)'I');
                break;
            case ErrorResponse error:
                WriteErrorFields(writer, (byte)'E', error.Error);
                break;
            case NoticeResponse notice:
                WriteErrorFields(writer, (byte)'N', notice.Notice);
                break;
            case NegotiateProtocolVersion negotiate:
                WriteNegotiateProtocolVersion(writer, negotiate);
                break;
            case EncryptionRefused:
                writer.GetSpan(1)[0] = (byte)'N';
                writer.Advance(1);
                break;
            case ParseComplete:
                WriteEmpty(writer, (byte)'1');
                break;
            case BindComplete:
                WriteEmpty(writer, (byte)'2');
                break;
            case CloseComplete:
                WriteEmpty(writer, (byte)'3');
                break;
            case NoData:
                WriteEmpty(writer, (byte)'n');
                break;
            case PortalSuspended:
                WriteEmpty(writer, (byte)'s');
                break;
            case ParameterDescription parameters:
                WriteParameterDescription(writer, parameters);
                break;
            case LegacyErrorResponse legacy:
                WriteLegacyError(writer, legacy.Error);
                break;
            case ConnectionClosed:
                break;
            default:
                throw new ArgumentException($"no wire format for {message.GetType().Name}", nameof(message));
        }
    }

    /// <summary>The wire form of <paramref name="message"/> as a new array.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode(BackendMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire form of several messages, concatenated.</summary>
    /// <param name="messages">The messages, in order.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode(IEnumerable<BackendMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var message in messages)
        {
            Write(buffer, message);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAuthentication(IBufferWriter<byte> writer, int code, ReadOnlySpan<byte> data)
    {
        var body = new MessageBuilder(writer, (byte)'R', 4 + data.Length);
        body.Int32(code);
        body.Bytes(data);
        body.Finish();
    }

    private static void WriteAuthenticationSasl(IBufferWriter<byte> writer, AuthenticationSasl sasl)
    {
        var length = 4 + 1;
        foreach (var mechanism in sasl.Mechanisms)
        {
            length += CStringLength(mechanism);
        }

        var body = new MessageBuilder(writer, (byte)'R', length);
        body.Int32(10);
        foreach (var mechanism in sasl.Mechanisms)
        {
            body.CString(mechanism);
        }

        body.Byte(0);
        body.Finish();
    }

    private static void WriteStrings(IBufferWriter<byte> writer, byte type, string first, string? second = null)
    {
        var length = CStringLength(first) + (second is null ? 0 : CStringLength(second));
        var body = new MessageBuilder(writer, type, length);
        body.CString(first);
        if (second is not null)
        {
            body.CString(second);
        }

        body.Finish();
    }

    private static void WriteBackendKeyData(IBufferWriter<byte> writer, BackendKeyData key)
    {
        var body = new MessageBuilder(writer, (byte)'K', 8);
        body.Int32(key.Pid);
        body.Int32(key.SecretKey);
        body.Finish();
    }

    private static void WriteReadyForQuery(IBufferWriter<byte> writer, ReadyForQuery ready)
    {
        var body = new MessageBuilder(writer, (byte)'Z', 1);
        body.Byte((byte)ready.Status);
        body.Finish();
    }

    private static void WriteEmpty(IBufferWriter<byte> writer, byte type) => new MessageBuilder(writer, type, 0).Finish();

    private static void WriteRowDescription(IBufferWriter<byte> writer, RowDescription description)
    {
        // SendRowDescriptionMessage: int16 count; per column name, table OID, column number, type OID, typlen, typmod, format.
        var length = 2;
        foreach (var field in description.Fields)
        {
            length += CStringLength(field.Name) + 4 + 2 + 4 + 2 + 4 + 2;
        }

        var body = new MessageBuilder(writer, (byte)'T', length);
        body.Int16((short)description.Fields.Count);
        foreach (var field in description.Fields)
        {
            body.CString(field.Name);
            body.Int32(0);
            body.Int16(0);
            body.Int32(field.TypeOid);
            body.Int16(field.TypeSize);
            body.Int32(field.TypeModifier);
            body.Int16(field.Format);
        }

        body.Finish();
    }

    private static void WriteDataRow(IBufferWriter<byte> writer, DataRow row)
    {
        var length = 2;
        foreach (var value in row.Values)
        {
            length += 4 + (value is null ? 0 : Utf8.GetByteCount(value));
        }

        var body = new MessageBuilder(writer, (byte)'D', length);
        body.Int16((short)row.Values.Count);
        foreach (var value in row.Values)
        {
            if (value is null)
            {
                body.Int32(-1);
            }
            else
            {
                body.Int32(Utf8.GetByteCount(value));
                body.Utf8(value);
            }
        }

        body.Finish();
    }

    private static void WriteEncodedDataRow(IBufferWriter<byte> writer, EncodedDataRow row)
    {
        var length = 2;
        foreach (var value in row.Values)
        {
            length += 4 + (value?.Length ?? 0);
        }

        var body = new MessageBuilder(writer, (byte)'D', length);
        body.Int16((short)row.Values.Count);
        foreach (var value in row.Values)
        {
            body.Int32(value?.Length ?? -1);
            if (value is not null)
            {
                body.Bytes(value);
            }
        }

        body.Finish();
    }

    /// <summary>send_message_to_frontend: S, V, C, M, then D, H and P when present, and a terminating zero byte.</summary>
    private static void WriteErrorFields(IBufferWriter<byte> writer, byte type, PgError error)
    {
        var fields = ErrorFields(error);
        var length = 1;
        foreach (var (_, value) in fields)
        {
            length += 1 + CStringLength(value);
        }

        var body = new MessageBuilder(writer, type, length);
        foreach (var (code, value) in fields)
        {
            body.Byte((byte)code);
            body.CString(value);
        }

        body.Byte(0);
        body.Finish();
    }

    private static List<(char Code, string Value)> ErrorFields(PgError error)
    {
        var fields = new List<(char, string)>(7)
        {
            ('S', error.SeverityText),
            ('V', error.SeverityText),
            ('C', error.SqlState),
            ('M', error.Message),
        };
        if (error.Detail is not null)
        {
            fields.Add(('D', error.Detail));
        }

        if (error.Hint is not null)
        {
            fields.Add(('H', error.Hint));
        }

        if (error.Position is > 0)
        {
            fields.Add(('P', error.Position.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    /// <summary>
    /// SendNegotiateProtocolVersion: PostgreSQL 15 writes PG_PROTOCOL_LATEST, the whole version word (3.0 is
    /// 0x00030000), where the protocol documentation speaks of the newest minor version; libpq reads it as a version word.
    /// </summary>
    private static void WriteNegotiateProtocolVersion(IBufferWriter<byte> writer, NegotiateProtocolVersion negotiate)
    {
        var length = 8;
        foreach (var option in negotiate.UnrecognizedOptions)
        {
            length += CStringLength(option);
        }

        var body = new MessageBuilder(writer, (byte)'v', length);
        body.Int32(StartupMessage.Protocol30 | (negotiate.NewestMinorVersion & 0xFFFF));
        body.Int32(negotiate.UnrecognizedOptions.Count);
        foreach (var option in negotiate.UnrecognizedOptions)
        {
            body.CString(option);
        }

        body.Finish();
    }

    private static void WriteParameterDescription(IBufferWriter<byte> writer, ParameterDescription parameters)
    {
        var body = new MessageBuilder(writer, (byte)'t', 2 + (4 * parameters.TypeOids.Count));
        body.Int16((short)parameters.TypeOids.Count);
        foreach (var oid in parameters.TypeOids)
        {
            body.Int32(oid);
        }

        body.Finish();
    }

    /// <summary>pq_putmessage_v2: 'E', then "SEVERITY:  message\n" and its zero byte; no length word.</summary>
    private static void WriteLegacyError(IBufferWriter<byte> writer, PgError error)
    {
        var text = CStringPart(error.SeverityText + ":  " + error.Message) + "\n";
        var count = Utf8.GetByteCount(text);
        var span = writer.GetSpan(count + 2);
        span[0] = (byte)'E';
        Utf8.GetBytes(text, span[1..]);
        span[count + 1] = 0;
        writer.Advance(count + 2);
    }

    private static string CStringPart(string value)
    {
        var zero = value.IndexOf('\0', StringComparison.Ordinal);
        return zero < 0 ? value : value[..zero];
    }

    private static int CStringLength(string value) => Utf8.GetByteCount(CStringPart(value)) + 1;

    /// <summary>One message written straight into the writer's span: the header first, then the body, then a length check.</summary>
    private ref struct MessageBuilder
    {
        private readonly IBufferWriter<byte> _writer;
        private readonly Span<byte> _span;
        private int _position;

        public MessageBuilder(IBufferWriter<byte> writer, byte type, int bodyLength)
        {
            _writer = writer;
            _span = writer.GetSpan(5 + bodyLength)[..(5 + bodyLength)];
            _span[0] = type;
            BinaryPrimitives.WriteInt32BigEndian(_span[1..], 4 + bodyLength);
            _position = 5;
        }

        public void Byte(byte value) => _span[_position++] = value;

        public void Int16(short value)
        {
            BinaryPrimitives.WriteInt16BigEndian(_span[_position..], value);
            _position += 2;
        }

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(_span[_position..], value);
            _position += 4;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_span[_position..]);
            _position += value.Length;
        }

        public void Utf8(string value) => _position += BackendEncoder.Utf8.GetBytes(value, _span[_position..]);

        public void CString(string value)
        {
            Utf8(CStringPart(value));
            Byte(0);
        }

        public readonly void Finish()
        {
            if (_position != _span.Length)
            {
                throw new InvalidOperationException($"message length mismatch: wrote {_position} of {_span.Length} bytes");
            }

            _writer.Advance(_position);
        }
    }
}
