using System.Buffers;
using System.Buffers.Binary;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. <c>base/kv.snapshot</c>: every row of the kv table as of a checkpoint, the role PostgreSQL's data
/// files play after CheckPointBuffers has flushed them; replay applies the WAL from <see cref="Redo"/> on top.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic <c>KVSN</c> (4 bytes), version (uint32), redo LSN (uint64), row count (int32), the
/// rows sorted by key (ordinal), each key then value as length-prefixed UTF-8 (value <c>-1</c> for null), and a
/// CRC-32C of everything before it (uint32). Written atomically (<see cref="AtomicFile"/>).
/// <para>
/// PostgreSQL has no such file (its tables live in relation files validated page by page), so the texts for a
/// damaged snapshot are this project's own, worded after PostgreSQL's file messages (<c>could not open file
/// "%s": %m</c>, <c>invalid magic number ...</c>, <c>incorrect checksum in ...</c>, and slot.c's <c>... has
/// unsupported version %u</c>); they are not PostgreSQL texts.
/// </para>
/// </remarks>
/// <param name="Redo">The redo position of the checkpoint the rows belong to.</param>
/// <param name="Rows">The rows, sorted by key (ordinal), keys unique.</param>
internal sealed record KvSnapshotFile(Lsn Redo, IReadOnlyList<KeyValuePair<string, string?>> Rows)
{
    /// <summary>The path relative to the data directory.</summary>
    public const string RelativePath = "base/kv.snapshot";

    /// <summary>The layout version.</summary>
    public const uint Version = 1;

    private static ReadOnlySpan<byte> Magic => "KVSN"u8;

    /// <summary>The full path of the snapshot in a data directory.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The path.</returns>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "base", "kv.snapshot");

    /// <summary>A snapshot of <paramref name="rows"/>, sorted by key.</summary>
    /// <param name="redo">The checkpoint's redo position.</param>
    /// <param name="rows">The rows, in any order.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException">A key appears twice.</exception>
    public static KvSnapshotFile Of(Lsn redo, IEnumerable<KeyValuePair<string, string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (string.Equals(sorted[i - 1].Key, sorted[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"duplicate key \"{sorted[i].Key}\" in snapshot", nameof(rows));
            }
        }

        return new KvSnapshotFile(redo, sorted);
    }

    /// <summary>The file's bytes.</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(Magic);
        BinaryFields.WriteUInt32(buffer, Version);
        BinaryFields.WriteUInt64(buffer, Redo.Value);
        BinaryFields.WriteInt32(buffer, Rows.Count);
        foreach (var row in Rows)
        {
            BinaryFields.WriteString(buffer, row.Key);
            BinaryFields.WriteString(buffer, row.Value);
        }

        BinaryFields.WriteUInt32(buffer, Crc32C.Compute(buffer.WrittenSpan));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Durably replaces the snapshot (creating <c>base</c> if needed).</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The file's size in bytes.</returns>
    public int Write(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        files.CreateDirectory(Path.Combine(dataDirectory, "base"));
        var bytes = Encode();
        AtomicFile.Write(files, PathIn(dataDirectory), bytes);
        return bytes.Length;
    }

    /// <summary>Reads and validates the snapshot.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is damaged.</exception>
    public static KvSnapshotFile Read(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = PathIn(dataDirectory);
        if (!files.Exists(path))
        {
            throw new FileNotFoundException($"could not open file \"{RelativePath}\": No such file or directory", path);
        }

        using var file = files.OpenOrCreate(path);
        var bytes = new byte[file.Length];
        var read = file.ReadAt(0, bytes);
        return Decode(bytes.AsSpan(0, read));
    }

    /// <summary>Validates and decodes the file's bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid snapshot.</exception>
    public static KvSnapshotFile Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24 || !bytes.StartsWith(Magic))
        {
            throw new InvalidDataException($"invalid magic number in file \"{RelativePath}\"");
        }

        var body = bytes[..^4];
        if (Crc32C.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]))
        {
            throw new InvalidDataException($"incorrect checksum in file \"{RelativePath}\"");
        }

        var reader = new BinaryFieldReader(body[Magic.Length..]);
        var version = reader.ReadUInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"file \"{RelativePath}\" has unsupported version {version}");
        }

        var redo = new Lsn(reader.ReadUInt64());
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"invalid row count {count} in file \"{RelativePath}\"");
        }

        var rows = new List<KeyValuePair<string, string?>>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString() ?? throw new InvalidDataException($"null key in file \"{RelativePath}\"");
            if (rows.Count > 0 && string.CompareOrdinal(rows[^1].Key, key) >= 0)
            {
                throw new InvalidDataException($"keys out of order in file \"{RelativePath}\"");
            }

            rows.Add(new(key, reader.ReadString()));
        }

        reader.ExpectEnd();
        return new KvSnapshotFile(redo, rows);
    }
}
