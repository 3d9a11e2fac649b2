using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Xunit;

namespace ActorPostmaster.Tests.Protocol;

/// <summary>A client-side reader of backend messages, written from the protocol documentation, to check the encoder.</summary>
internal static class BackendReader
{
    public static List<BackendMessage> ReadAll(byte[] bytes)
    {
        var messages = new List<BackendMessage>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var type = (char)bytes[offset];
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 1));
            var body = bytes.AsSpan(offset + 5, length - 4).ToArray();
            messages.Add(Read(type, body));
            offset += 1 + length;
        }

        Assert.Equal(bytes.Length, offset);
        return messages;
    }

    private static BackendMessage Read(char type, byte[] body)
    {
        var cursor = new Cursor(body);
        BackendMessage message = type switch
        {
            'R' => ReadAuthentication(cursor),
            'S' => new ParameterStatus(cursor.CString(), cursor.CString()),
            'K' => new BackendKeyData(cursor.Int32(), cursor.Int32()),
            'Z' => new ReadyForQuery((char)cursor.Byte()),
            'T' => ReadRowDescription(cursor),
            'D' => ReadDataRow(cursor),
            'C' => new CommandComplete(cursor.CString()),
            'I' => EmptyQueryResponse.Instance,
            'E' => new ErrorResponse(ReadError(cursor)),
            'N' => new NoticeResponse(ReadError(cursor)),
            'v' => ReadNegotiate(cursor),
            '1' => ParseComplete.Instance,
            '2' => BindComplete.Instance,
            '3' => CloseComplete.Instance,
            'n' => NoData.Instance,
            's' => PortalSuspended.Instance,
            't' => new ParameterDescription(Enumerable.Range(0, cursor.Int16()).Select(_ => cursor.Int32()).ToList()),
            _ => throw new InvalidOperationException($"unexpected message type {type}"),
        };
        Assert.True(cursor.AtEnd, $"bytes left over in {type}");
        return message;
    }

    private static BackendMessage ReadAuthentication(Cursor cursor)
    {
        var code = cursor.Int32();
        switch (code)
        {
            case 0:
                return AuthenticationOk.Instance;
            case 3:
                return AuthenticationCleartextPassword.Instance;
            case 10:
                var mechanisms = new List<string>();
                while (cursor.Peek() != 0)
                {
                    mechanisms.Add(cursor.CString());
                }

                cursor.Byte();
                return new AuthenticationSasl(mechanisms);
            case 11:
                return new AuthenticationSaslContinue(cursor.Rest());
            case 12:
                return new AuthenticationSaslFinal(cursor.Rest());
            default:
                throw new InvalidOperationException($"authentication code {code}");
        }
    }

    private static RowDescription ReadRowDescription(Cursor cursor)
    {
        var count = cursor.Int16();
        var fields = new List<RowField>();
        for (var i = 0; i < count; i++)
        {
            var name = cursor.CString();
            Assert.Equal(0, cursor.Int32()); // table OID
            Assert.Equal(0, cursor.Int16()); // column number
            fields.Add(new RowField(name, cursor.Int32(), cursor.Int16(), cursor.Int32(), cursor.Int16()));
        }

        return new RowDescription(fields);
    }

    private static BackendMessage ReadDataRow(Cursor cursor)
    {
        var count = cursor.Int16();
        var values = new List<byte[]?>();
        for (var i = 0; i < count; i++)
        {
            var length = cursor.Int32();
            values.Add(length == -1 ? null : cursor.Bytes(length));
        }

        // Text when every value is valid UTF-8 without zero bytes, which is all a client can tell.
        var strict = new UTF8Encoding(false, true);
        try
        {
            return values.Any(v => v is not null && v.Contains((byte)0))
                ? new EncodedDataRow(values)
                : new DataRow(values.Select(v => v is null ? null : strict.GetString(v)).ToList());
        }
        catch (DecoderFallbackException)
        {
            return new EncodedDataRow(values);
        }
    }

    private static PgError ReadError(Cursor cursor)
    {
        var fields = new Dictionary<char, string>();
        while (cursor.Peek() != 0)
        {
            var code = (char)cursor.Byte();
            fields[code] = cursor.CString();
        }

        cursor.Byte();
        Assert.Equal(fields['S'], fields['V']);
        var severity = Enum.Parse<PgSeverity>(fields['V'], ignoreCase: true);
        return new PgError(
            severity,
            fields['C'],
            fields['M'],
            fields.GetValueOrDefault('D'),
            fields.GetValueOrDefault('H'),
            fields.TryGetValue('P', out var position) ? int.Parse(position, CultureInfo.InvariantCulture) : null);
    }

    private static NegotiateProtocolVersion ReadNegotiate(Cursor cursor)
    {
        var version = cursor.Int32();
        Assert.Equal(3, version >> 16);
        var count = cursor.Int32();
        return new NegotiateProtocolVersion(version & 0xFFFF, Enumerable.Range(0, count).Select(_ => cursor.CString()).ToList());
    }

    private sealed class Cursor(byte[] data)
    {
        private int _offset;

        public bool AtEnd => _offset == data.Length;

        public byte Peek() => data[_offset];

        public byte Byte() => data[_offset++];

        public short Int16()
        {
            var value = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(_offset));
            _offset += 2;
            return value;
        }

        public int Int32()
        {
            var value = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(_offset));
            _offset += 4;
            return value;
        }

        public byte[] Bytes(int count)
        {
            var value = data.AsSpan(_offset, count).ToArray();
            _offset += count;
            return value;
        }

        public byte[] Rest() => Bytes(data.Length - _offset);

        public string CString()
        {
            var end = Array.IndexOf(data, (byte)0, _offset);
            var value = Encoding.UTF8.GetString(data, _offset, end - _offset);
            _offset = end + 1;
            return value;
        }
    }
}
