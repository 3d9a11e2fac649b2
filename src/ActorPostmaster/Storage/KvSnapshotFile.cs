using System.Buffers;
using System.Buffers.Binary;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. <c>base/kv.snapshot</c>: every row of the kv table as of a checkpoint, the role PostgreSQL's data
/// files play after CheckPointBuffers has flushed them; replay applies the WAL from <see cref="Redo"/> on top.
/// Checkpoints between two full snapshots write only the rows changed since the last one (<see cref="KvDeltaFile"/>),
/// as PostgreSQL writes only dirty buffers; <see cref="LoadTable"/> reads both.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic <c>KVSN</c> (4 bytes), version (uint32), redo LSN (uint64), row count (int32), the
/// rows in no particular order, each key then value as length-prefixed UTF-8 (value <c>-1</c> for null), and a
/// CRC-32C of everything before it (uint32). Written atomically (<see cref="AtomicFile"/>).
/// <para>
/// PostgreSQL has no such file (its tables live in relation files validated page by page), so the texts for a
/// damaged snapshot are this project's own, worded after PostgreSQL's file messages (<c>could not open file
/// "%s": %m</c>, <c>invalid magic number ...</c>, <c>incorrect checksum in ...</c>, and slot.c's <c>... has
/// unsupported version %u</c>); they are not PostgreSQL texts.
/// </para>
/// </remarks>
/// <param name="Redo">The redo position of the checkpoint the rows belong to.</param>
/// <param name="Rows">The rows, keys unique.</param>
internal sealed record KvSnapshotFile(Lsn Redo, IReadOnlyCollection<KeyValuePair<string, string?>> Rows)
{
    /// <summary>The path relative to the data directory.</summary>
    public const string RelativePath = "base/kv.snapshot";

    /// <summary>The layout version (2: rows in any order, alongside <see cref="KvDeltaFile"/>).</summary>
    public const uint Version = 2;

    private static ReadOnlySpan<byte> Magic => "KVSN"u8;

    /// <summary>The full path of the snapshot in a data directory.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The path.</returns>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "base", "kv.snapshot");

    /// <summary>A snapshot of <paramref name="rows"/>.</summary>
    /// <param name="redo">The checkpoint's redo position.</param>
    /// <param name="rows">The rows, in any order.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException">Two rows have the same key.</exception>
    public static KvSnapshotFile Of(Lsn redo, IEnumerable<KeyValuePair<string, string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var unique = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in rows)
        {
            if (!unique.TryAdd(key, value))
            {
                throw new ArgumentException($"duplicate key \"{key}\" in snapshot", nameof(rows));
            }
        }

        return new KvSnapshotFile(redo, unique);
    }

    /// <summary>The file's bytes.</summary>
    /// <returns>The encoded snapshot.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // cold but long: no tier-0 code
    public byte[] Encode()
    {
        var buffer = BeginEncoding(Magic, Rows.Count);
        BinaryFields.WriteUInt64(buffer, Redo.Value);
        BinaryFields.WriteInt32(buffer, Rows.Count);
        foreach (var row in Rows)
        {
            BinaryFields.WriteString(buffer, row.Key);
            BinaryFields.WriteString(buffer, row.Value);
        }

        return FinishEncoding(buffer);
    }

    /// <summary>Writes the snapshot atomically.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="IOException">The write or a flush failed; the previous snapshot is intact.</exception>
    public int Write(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return WriteInBase(files, dataDirectory, PathIn(dataDirectory), Encode());
    }

    /// <summary>Reads and validates the snapshot of a data directory.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The snapshot; its rows are a dictionary the caller may keep.</returns>
    /// <exception cref="FileNotFoundException">There is no snapshot.</exception>
    /// <exception cref="InvalidDataException">The file is damaged.</exception>
    public static KvSnapshotFile Read(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return Decode(ReadAll(files, PathIn(dataDirectory), RelativePath));
    }

    /// <summary>Decodes and validates a snapshot.</summary>
    /// <param name="bytes">The file's contents.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InvalidDataException">The contents are damaged.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // cold but long: no tier-0 code
    public static KvSnapshotFile Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = Open(bytes, Magic, RelativePath);
        var redo = new Lsn(reader.ReadUInt64());
        var count = ReadCount(ref reader, RelativePath);
        var rows = new Dictionary<string, string?>(Math.Min(count, bytes.Length / 8), StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString() ?? throw new InvalidDataException($"null key in file \"{RelativePath}\"");
            if (!rows.TryAdd(key, reader.ReadString()))
            {
                throw new InvalidDataException($"duplicate key in file \"{RelativePath}\"");
            }
        }

        reader.ExpectEnd();
        return new KvSnapshotFile(redo, rows);
    }

    /// <summary>
    /// The table as the last checkpoint left it: the snapshot, checked now and decoded when first needed, with the delta
    /// on top when the delta belongs to it (written after it; a delta left over from before the snapshot was replaced is
    /// ignored).
    /// </summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The table, and the snapshot's redo position.</returns>
    /// <exception cref="FileNotFoundException">There is no snapshot.</exception>
    /// <exception cref="InvalidDataException">The snapshot or the delta is damaged.</exception>
    public static (RecoveredTable Table, Lsn SnapshotRedo) LoadTable(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var bytes = ReadAll(files, PathIn(dataDirectory), RelativePath);
        var reader = Open(bytes, Magic, RelativePath);
        var redo = new Lsn(reader.ReadUInt64());
        var count = ReadCount(ref reader, RelativePath);
        var table = new RecoveredTable(bytes, count);
        if (files.Exists(KvDeltaFile.PathIn(dataDirectory)))
        {
            var delta = KvDeltaFile.Read(files, dataDirectory);
            if (delta.SnapshotRedo == redo)
            {
                foreach (var change in delta.Changes)
                {
                    table.Change(change);
                }
            }
        }

        return (table, redo);
    }

    /// <summary>The start of a snapshot or delta file: its magic number and the layout version.</summary>
    internal static ArrayBufferWriter<byte> BeginEncoding(ReadOnlySpan<byte> magic, int entries)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (entries * 32));
        buffer.Write(magic);
        BinaryFields.WriteUInt32(buffer, Version);
        return buffer;
    }

    /// <summary>The end of a snapshot or delta file: the CRC-32C of everything before it.</summary>
    internal static byte[] FinishEncoding(ArrayBufferWriter<byte> buffer)
    {
        BinaryFields.WriteUInt32(buffer, Crc32C.Compute(buffer.WrittenSpan));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a file of the <c>base</c> directory atomically.</summary>
    /// <returns>The number of bytes written.</returns>
    internal static int WriteInBase(IStorageFiles files, string dataDirectory, string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(files);
        files.CreateDirectory(Path.Combine(dataDirectory, "base"));
        AtomicFile.Write(files, path, bytes);
        return bytes.Length;
    }

    internal static byte[] ReadAll(IStorageFiles files, string path, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!files.Exists(path))
        {
            throw new FileNotFoundException($"could not open file \"{relativePath}\": No such file or directory", path);
        }

        using var file = files.OpenOrCreate(path);
        var bytes = new byte[file.Length];
        var read = file.ReadAt(0, bytes);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>Checks the magic number, the checksum and the version; the reader continues after the version.</summary>
    internal static BinaryFieldReader Open(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic, string relativePath)
    {
        if (bytes.Length < 24 || !bytes.StartsWith(magic))
        {
            throw new InvalidDataException($"invalid magic number in file \"{relativePath}\"");
        }

        var body = bytes[..^4];
        if (Crc32C.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]))
        {
            throw new InvalidDataException($"incorrect checksum in file \"{relativePath}\"");
        }

        var reader = new BinaryFieldReader(body[magic.Length..]);
        var version = reader.ReadUInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"file \"{relativePath}\" has unsupported version {version}");
        }

        return reader;
    }

    internal static int ReadCount(ref BinaryFieldReader reader, string relativePath)
    {
        var count = reader.ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"invalid row count {count} in file \"{relativePath}\"");
    }
}

/// <summary>
/// INTERNAL API. <c>base/kv.delta</c>: the rows changed since <c>base/kv.snapshot</c> was written (a deleted row as a
/// tombstone), as of a later checkpoint. Each checkpoint that does not write a whole new snapshot rewrites it whole
/// (it is cumulative), so recovery reads at most two files.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic <c>KVDL</c>, version (uint32), the redo LSN of the snapshot it belongs to (uint64),
/// its own checkpoint's redo LSN (uint64), change count (int32), each change as key, a deleted flag byte and, when not
/// deleted, value (strings as in the snapshot), and a CRC-32C (uint32). Written atomically.
/// </remarks>
/// <param name="SnapshotRedo">The redo position of the snapshot the changes apply to.</param>
/// <param name="Redo">The redo position of the checkpoint that wrote it.</param>
/// <param name="Changes">The changed rows, keys unique.</param>
internal sealed record KvDeltaFile(Lsn SnapshotRedo, Lsn Redo, IReadOnlyList<KvChange> Changes)
{
    /// <summary>The path relative to the data directory.</summary>
    public const string RelativePath = "base/kv.delta";

    private static ReadOnlySpan<byte> Magic => "KVDL"u8;

    /// <summary>The full path of the delta in a data directory.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The path.</returns>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "base", "kv.delta");

    /// <summary>The file's bytes.</summary>
    /// <returns>The encoded delta.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // cold but long: no tier-0 code
    public byte[] Encode()
    {
        var buffer = KvSnapshotFile.BeginEncoding(Magic, Changes.Count);
        BinaryFields.WriteUInt64(buffer, SnapshotRedo.Value);
        BinaryFields.WriteUInt64(buffer, Redo.Value);
        BinaryFields.WriteInt32(buffer, Changes.Count);
        foreach (var change in Changes)
        {
            BinaryFields.WriteString(buffer, change.Key);
            buffer.Write(change.Deleted ? [1] : [0]);
            if (!change.Deleted)
            {
                BinaryFields.WriteString(buffer, change.Value);
            }
        }

        return KvSnapshotFile.FinishEncoding(buffer);
    }

    /// <summary>Writes the delta atomically.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="IOException">The write or a flush failed; the previous delta is intact.</exception>
    public int Write(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return KvSnapshotFile.WriteInBase(files, dataDirectory, PathIn(dataDirectory), Encode());
    }

    /// <summary>Reads and validates the delta of a data directory.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The delta.</returns>
    /// <exception cref="FileNotFoundException">There is no delta.</exception>
    /// <exception cref="InvalidDataException">The file is damaged.</exception>
    public static KvDeltaFile Read(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return Decode(KvSnapshotFile.ReadAll(files, PathIn(dataDirectory), RelativePath));
    }

    /// <summary>Decodes and validates a delta.</summary>
    /// <param name="bytes">The file's contents.</param>
    /// <returns>The delta.</returns>
    /// <exception cref="InvalidDataException">The contents are damaged.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // cold but long: no tier-0 code
    public static KvDeltaFile Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = KvSnapshotFile.Open(bytes, Magic, RelativePath);
        var snapshotRedo = new Lsn(reader.ReadUInt64());
        var redo = new Lsn(reader.ReadUInt64());
        var count = KvSnapshotFile.ReadCount(ref reader, RelativePath);
        var changes = new List<KvChange>(Math.Min(count, bytes.Length / 6));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString() ?? throw new InvalidDataException($"null key in file \"{RelativePath}\"");
            if (!keys.Add(key))
            {
                throw new InvalidDataException($"duplicate key in file \"{RelativePath}\"");
            }

            var deleted = reader.ReadByte() switch
            {
                0 => false,
                1 => true,
                var flag => throw new InvalidDataException($"invalid deleted flag {flag} in file \"{RelativePath}\""),
            };
            changes.Add(new KvChange(key, deleted ? null : reader.ReadString(), deleted));
        }

        reader.ExpectEnd();
        return new KvDeltaFile(snapshotRedo, redo, changes);
    }
}
