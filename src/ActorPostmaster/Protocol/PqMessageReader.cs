using System.Buffers.Binary;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>
/// A cursor over one message body with the semantics and the errors of PostgreSQL's pqformat.c readers
/// (<c>pq_getmsgbyte</c>, <c>pq_getmsgint</c>, <c>pq_getmsgbytes</c>, <c>pq_getmsgstring</c>, <c>pq_getmsgend</c> …).
/// Each failure throws a <see cref="PgException"/> carrying the ERROR PostgreSQL raises at that point.
/// </summary>
internal ref struct PqMessageReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _cursor;

    public PqMessageReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _cursor = 0;
    }

    /// <summary>Bytes not read yet (<c>msg-&gt;len - msg-&gt;cursor</c>).</summary>
    public readonly int Remaining => _data.Length - _cursor;

    /// <summary>Bytes read so far (<c>msg-&gt;cursor</c>).</summary>
    public readonly int Position => _cursor;

    /// <summary>pq_getmsgbyte: one unsigned byte; "no data left in message" at the end.</summary>
    public byte GetByte()
    {
        if (_cursor >= _data.Length)
        {
            throw new PgException(ProtocolErrors.NoDataLeft());
        }

        return _data[_cursor++];
    }

    /// <summary>pq_getmsgint(msg, 2): an unsigned 16-bit integer (0 … 65535).</summary>
    public int GetUInt16() => BinaryPrimitives.ReadUInt16BigEndian(GetBytes(2));

    /// <summary>pq_getmsgint(msg, 2) stored into an int16 (format codes).</summary>
    public short GetInt16() => BinaryPrimitives.ReadInt16BigEndian(GetBytes(2));

    /// <summary>pq_getmsgint(msg, 4) as a signed 32-bit integer (lengths, OIDs reinterpreted).</summary>
    public int GetInt32() => BinaryPrimitives.ReadInt32BigEndian(GetBytes(4));

    /// <summary>pq_getmsgint64.</summary>
    public long GetInt64() => BinaryPrimitives.ReadInt64BigEndian(GetBytes(8));

    /// <summary>pq_getmsgbytes / pq_copymsgbytes: "insufficient data left in message" when fewer remain (or a negative count).</summary>
    public ReadOnlySpan<byte> GetBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new PgException(ProtocolErrors.InsufficientData());
        }

        var bytes = _data.Slice(_cursor, count);
        _cursor += count;
        return bytes;
    }

    /// <summary>The rest of the message (pq_getmsgbytes(msg, msg-&gt;len - msg-&gt;cursor)).</summary>
    public ReadOnlySpan<byte> GetRest() => GetBytes(Remaining);

    /// <summary>
    /// pq_getmsgstring: a null-terminated string, converted from the client encoding (UTF8 here, so verified: an invalid
    /// sequence is ERROR 22021). "invalid string in message" when no terminator lies inside the message.
    /// </summary>
    public string GetString()
    {
        var bytes = GetRawStringBytes();
        PgUtf8.Verify(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// pq_getmsgrawstring: like <see cref="GetString"/> without the encoding conversion (PostgreSQL keeps the bytes as
    /// they are; invalid UTF-8 is decoded with replacement characters here).
    /// </summary>
    public string GetRawString() => Encoding.UTF8.GetString(GetRawStringBytes());

    /// <summary>pq_getmsgend: "invalid message format" when bytes remain.</summary>
    public readonly void End()
    {
        if (_cursor != _data.Length)
        {
            throw new PgException(ProtocolErrors.InvalidMessageFormat());
        }
    }

    private ReadOnlySpan<byte> GetRawStringBytes()
    {
        var rest = _data[_cursor..];
        var length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            throw new PgException(ProtocolErrors.InvalidString());
        }

        _cursor += length + 1;
        return rest[..length];
    }
}
