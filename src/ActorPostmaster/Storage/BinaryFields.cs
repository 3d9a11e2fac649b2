using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. Appends little-endian fields to a buffer: integers, and strings as an int32 byte length
/// (<c>-1</c> for null) followed by UTF-8.
/// </summary>
internal static class BinaryFields
{
    /// <summary>Appends a string.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="value">The string, or null.</param>
    public static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteInt32(buffer, -1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    /// <summary>Appends an int32.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="value">The value.</param>
    public static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    /// <summary>Appends a uint32.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="value">The value.</param>
    public static void WriteUInt32(ArrayBufferWriter<byte> buffer, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    /// <summary>Appends an int64.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="value">The value.</param>
    public static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    /// <summary>Appends a uint64.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="value">The value.</param>
    public static void WriteUInt64(ArrayBufferWriter<byte> buffer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    /// <summary>Appends one byte.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="value">The value.</param>
    public static void WriteByte(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }
}

/// <summary>
/// INTERNAL API. Reads the fields <see cref="BinaryFields"/> writes; a field running past the end is an
/// <see cref="InvalidDataException"/>.
/// </summary>
/// <param name="data">The bytes.</param>
internal ref struct BinaryFieldReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position == _data.Length;

    /// <summary>Reads a string.</summary>
    /// <returns>The string, or null.</returns>
    public string? ReadString()
    {
        var length = ReadInt32();
        return length switch
        {
            -1 => null,
            < -1 => throw new InvalidDataException($"invalid string length {length}"),
            _ => Encoding.UTF8.GetString(Take(length)),
        };
    }

    /// <summary>Reads an int32.</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a uint32.</summary>
    /// <returns>The value.</returns>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Reads an int64.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a uint64.</summary>
    /// <returns>The value.</returns>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads one byte.</summary>
    /// <returns>The value.</returns>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Refuses bytes left over after the last field.</summary>
    /// <exception cref="InvalidDataException">Bytes are left.</exception>
    public readonly void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw new InvalidDataException($"{_data.Length - _position} unexpected trailing bytes");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new InvalidDataException($"field of {count} bytes runs past the end at offset {_position}");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
