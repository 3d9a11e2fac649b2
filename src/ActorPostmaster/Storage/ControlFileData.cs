using System.Buffers.Binary;
using System.Globalization;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. <c>global/pg_control</c>: where the last checkpoint is and what state the cluster was left in
/// (pg_control.h: ControlFileData, named so to stay apart from the in-memory
/// <see cref="global::ActorPostmaster.ControlFile"/>; xlog.c: WriteControlFile, ReadControlFile, UpdateControlFile).
/// </summary>
/// <remarks>
/// <para>The file is <see cref="FileSize"/> bytes (PG_CONTROL_FILE_SIZE), little-endian, zero-padded:</para>
/// <code>
/// offset size field
///      0    8 system identifier
///      8    4 layout version (PG_CONTROL_VERSION's role)
///     12    4 state (DbState)
///     16    8 time of last update, unix microseconds
///     24    8 latest checkpoint location
///     32    8 latest checkpoint's redo location
///     40    4 timeline
///     44    4 next transaction id
///     48    4 WAL segment size
///     52    4 CRC-32C of bytes 0..51
/// </code>
/// <para>
/// The layout version at offset 8 plays PG_CONTROL_VERSION's role, so a mismatch is reported with ReadControlFile's
/// DETAIL naming PG_CONTROL_VERSION, with this layout's numbers. There is no catalog version, block size or other
/// compile-time setting to compare, so ReadControlFile's other incompatibility checks have no counterpart here.
/// </para>
/// <para>It is replaced atomically (<see cref="AtomicFile"/>), unlike PostgreSQL, which overwrites it in place and
/// relies on the write of one 512-byte sector being atomic.</para>
/// </remarks>
/// <param name="SystemIdentifier">The cluster's unique identifier (system_identifier).</param>
/// <param name="State">The cluster state.</param>
/// <param name="Checkpoint">The latest checkpoint record's LSN (checkPoint).</param>
/// <param name="Redo">The latest checkpoint's redo position (checkPointCopy.redo).</param>
/// <param name="Timeline">The latest checkpoint's timeline (checkPointCopy.ThisTimeLineID).</param>
/// <param name="NextXid">The next transaction id (checkPointCopy.nextXid).</param>
/// <param name="Time">When the file was last updated (time), to the microsecond.</param>
/// <param name="WalSegmentSize">The WAL segment size (xlog_seg_size).</param>
internal sealed record ControlFileData(
    ulong SystemIdentifier,
    DbState State,
    Lsn Checkpoint,
    Lsn Redo,
    uint Timeline,
    uint NextXid,
    DateTimeOffset Time,
    int WalSegmentSize)
{
    /// <summary>XLOG_CONTROL_FILE: the path relative to the data directory.</summary>
    public const string RelativePath = "global/pg_control";

    /// <summary>PG_CONTROL_FILE_SIZE: the file's size.</summary>
    public const int FileSize = 8192;

    /// <summary>The layout version this code writes and reads.</summary>
    public const uint Version = 1;

    private const int CrcOffset = 52;

    /// <summary>The full path of the control file in a data directory.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The path.</returns>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "global", "pg_control");

    /// <summary>The file's bytes.</summary>
    /// <returns><see cref="FileSize"/> bytes.</returns>
    public byte[] Encode()
    {
        var bytes = new byte[FileSize];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, SystemIdentifier);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)State);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], UnixMicroseconds.From(Time));
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], Checkpoint.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], Redo.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], Timeline);
        BinaryPrimitives.WriteUInt32LittleEndian(span[44..], NextXid);
        BinaryPrimitives.WriteInt32LittleEndian(span[48..], WalSegmentSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[CrcOffset..], Crc32C.Compute(span[..CrcOffset]));
        return bytes;
    }

    /// <summary>WriteControlFile / UpdateControlFile: durably replaces the file (creating <c>global</c> if needed).</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    public void Write(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        WalSegments.ValidateSegmentSize(WalSegmentSize);
        files.CreateDirectory(Path.Combine(dataDirectory, "global"));
        AtomicFile.Write(files, PathIn(dataDirectory), Encode());
    }

    /// <summary>ReadControlFile: reads and validates the file.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <returns>The control file.</returns>
    /// <exception cref="FileNotFoundException">
    /// <c>could not open file "global/pg_control": No such file or directory</c>.
    /// </exception>
    /// <exception cref="IncompatibleControlFileException">
    /// Another layout version: <c>database files are incompatible with server</c>, with ReadControlFile's DETAIL and
    /// HINT.
    /// </exception>
    /// <exception cref="InvalidDataException">
    /// A short file (<c>could not read file "global/pg_control": read %d of %zu</c>), a bad CRC (<c>incorrect checksum in control file</c>) or an invalid segment
    /// size (<c>WAL segment size must be a power of two between 1 MB and 1 GB, but the control file specifies %d
    /// bytes</c>). The texts are PostgreSQL 15's.
    /// </exception>
    public static ControlFileData Read(IStorageFiles files, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = PathIn(dataDirectory);
        if (!files.Exists(path))
        {
            throw new FileNotFoundException($"could not open file \"{RelativePath}\": No such file or directory", path);
        }

        var bytes = new byte[FileSize];
        int read;
        using (var file = files.OpenOrCreate(path))
        {
            read = file.ReadAt(0, bytes);
        }

        if (read != FileSize)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"could not read file \"{RelativePath}\": read {read} of {FileSize}"));
        }

        return Decode(bytes);
    }

    /// <summary>Validates and decodes the file's bytes (version, then CRC, then segment size, as ReadControlFile).</summary>
    /// <param name="bytes">The file's first <see cref="FileSize"/> bytes.</param>
    /// <returns>The control file.</returns>
    /// <exception cref="IncompatibleControlFileException">Another layout version.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a valid control file.</exception>
    public static ControlFileData Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < FileSize)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"could not read file \"{RelativePath}\": read {bytes.Length} of {FileSize}"));
        }

        // PostgreSQL 15 also checks for a byte-swapped PG_CONTROL_VERSION (another DETAIL, "(0x%08x)", and a hint
        // about byte ordering); this layout is little-endian on every platform, so that case does not arise here.
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (version != Version)
        {
            throw new IncompatibleControlFileException(string.Create(
                CultureInfo.InvariantCulture,
                $"The database cluster was initialized with PG_CONTROL_VERSION {version}, but the server was compiled with PG_CONTROL_VERSION {Version}."));
        }

        if (Crc32C.Compute(bytes[..CrcOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[CrcOffset..]))
        {
            throw new InvalidDataException("incorrect checksum in control file");
        }

        var segmentSize = BinaryPrimitives.ReadInt32LittleEndian(bytes[48..]);
        if (!WalSegments.IsValidSegmentSize(segmentSize))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"WAL segment size must be a power of two between 1 MB and 1 GB, but the control file specifies {segmentSize} {(segmentSize == 1 ? "byte" : "bytes")}"));
        }

        return new ControlFileData(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            (DbState)BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]),
            new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..])),
            new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(bytes[32..])),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[40..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[44..]),
            UnixMicroseconds.To(BinaryPrimitives.ReadInt64LittleEndian(bytes[16..])),
            segmentSize);
    }
}
