using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. One WAL record (xlogrecord.h: XLogRecord) and its on-disk form.
/// </summary>
/// <remarks>
/// <para>Layout, little-endian, a 24-byte header followed by the payload:</para>
/// <code>
/// offset size field
///      0    4 total length (header + payload)   xl_tot_len
///      4    4 transaction id                    xl_xid
///      8    8 LSN of the previous record        xl_prev
///     16    1 kind (WalRecordKind)              xl_rmid + xl_info
///     17    3 zero
///     20    4 CRC-32C of bytes 0..19, then of the payload   xl_crc
///     24    … payload
/// </code>
/// <para>
/// Records start at 8-byte-aligned LSNs (MAXALIGN). Unlike PostgreSQL, which splits a record across pages and
/// segments (with continuation headers), a record here never crosses a segment boundary: when it does not fit in the
/// rest of the segment, the writer leaves that rest zeroed and the record starts at the next segment's first byte.
/// There are no page headers either; stale bytes are told apart by the prev-link and the CRC alone.
/// </para>
/// <para>
/// Payloads: strings are an int32 UTF-8 byte length (<c>-1</c> for null) and the bytes; Put is key, value; Delete
/// is key; Commit is the commit time in unix microseconds (int64); Abort is empty; Checkpoint is redo LSN (uint64),
/// next xid (uint32), timeline (uint32), shutdown (1 byte), time in unix microseconds (int64); NextXid is a uint32.
/// </para>
/// </remarks>
internal sealed class WalRecord
{
    /// <summary>SizeOfXLogRecord: the header length.</summary>
    public const int HeaderSize = 24;

    /// <summary>MAXIMUM_ALIGNOF: records start at multiples of this.</summary>
    public const int Alignment = 8;

    private const int CrcOffset = 20;

    /// <summary>Creates a record.</summary>
    /// <param name="lsn">Where it starts (<see cref="Lsn.Invalid"/> until appended).</param>
    /// <param name="xid">The transaction id (0 for none).</param>
    /// <param name="prev">The previous record's LSN.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="payload">The payload bytes.</param>
    public WalRecord(Lsn lsn, uint xid, Lsn prev, WalRecordKind kind, ReadOnlyMemory<byte> payload)
    {
        Lsn = lsn;
        Xid = xid;
        Prev = prev;
        Kind = kind;
        Payload = payload;
    }

    /// <summary>Where the record starts (ReadRecPtr).</summary>
    public Lsn Lsn { get; }

    /// <summary>The transaction id (xl_xid).</summary>
    public uint Xid { get; }

    /// <summary>The previous record's LSN (xl_prev).</summary>
    public Lsn Prev { get; }

    /// <summary>The kind.</summary>
    public WalRecordKind Kind { get; }

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The encoded length, header included (xl_tot_len).</summary>
    public int TotalLength => HeaderSize + Payload.Length;

    /// <summary>The position just past the record (EndRecPtr).</summary>
    public Lsn End => Lsn + TotalLength;

    /// <summary>MAXALIGN: rounds a position up to <see cref="Alignment"/>.</summary>
    /// <param name="lsn">The position.</param>
    /// <returns>The aligned position.</returns>
    public static Lsn Align(Lsn lsn) => new((lsn.Value + Alignment - 1) & ~(ulong)(Alignment - 1));

    /// <summary>A Put record.</summary>
    /// <param name="xid">The transaction.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (null for SQL NULL).</param>
    /// <returns>The record, not yet positioned.</returns>
    public static WalRecord Put(uint xid, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Build(xid, WalRecordKind.Put, b =>
        {
            BinaryFields.WriteString(b, key);
            BinaryFields.WriteString(b, value);
        });
    }

    /// <summary>A Delete record.</summary>
    /// <param name="xid">The transaction.</param>
    /// <param name="key">The key.</param>
    /// <returns>The record, not yet positioned.</returns>
    public static WalRecord Delete(uint xid, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Build(xid, WalRecordKind.Delete, b => BinaryFields.WriteString(b, key));
    }

    /// <summary>A Commit record (xl_xact_commit).</summary>
    /// <param name="xid">The transaction.</param>
    /// <param name="commitTime">The commit time (kept to the microsecond).</param>
    /// <returns>The record, not yet positioned.</returns>
    public static WalRecord Commit(uint xid, DateTimeOffset commitTime) =>
        Build(xid, WalRecordKind.Commit, b => BinaryFields.WriteInt64(b, UnixMicroseconds.From(commitTime)));

    /// <summary>An Abort record (xl_xact_abort).</summary>
    /// <param name="xid">The transaction.</param>
    /// <returns>The record, not yet positioned.</returns>
    public static WalRecord Abort(uint xid) => new(Lsn.Invalid, xid, Lsn.Invalid, WalRecordKind.Abort, ReadOnlyMemory<byte>.Empty);

    /// <summary>A Checkpoint record (CreateCheckPoint's XLOG_CHECKPOINT_*).</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>The record, not yet positioned.</returns>
    public static WalRecord Checkpoint(CheckpointPayload checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Build(0, WalRecordKind.Checkpoint, b =>
        {
            BinaryFields.WriteUInt64(b, checkpoint.Redo.Value);
            BinaryFields.WriteUInt32(b, checkpoint.NextXid);
            BinaryFields.WriteUInt32(b, checkpoint.Timeline);
            BinaryFields.WriteByte(b, checkpoint.Shutdown ? (byte)1 : (byte)0);
            BinaryFields.WriteInt64(b, UnixMicroseconds.From(checkpoint.Time));
        });
    }

    /// <summary>A NextXid record (reserved).</summary>
    /// <param name="nextXid">The next transaction id.</param>
    /// <returns>The record, not yet positioned.</returns>
    public static WalRecord NextXid(uint nextXid) => Build(0, WalRecordKind.NextXid, b => BinaryFields.WriteUInt32(b, nextXid));

    /// <summary>The same record placed at <paramref name="lsn"/> with prev-link <paramref name="prev"/>.</summary>
    /// <param name="lsn">Where it starts.</param>
    /// <param name="prev">The previous record's LSN.</param>
    /// <returns>The positioned record.</returns>
    public WalRecord At(Lsn lsn, Lsn prev) => new(lsn, Xid, prev, Kind, Payload);

    /// <summary>The key and value of a Put record.</summary>
    /// <returns>The row.</returns>
    public (string Key, string? Value) DecodePut()
    {
        var reader = Fields(WalRecordKind.Put);
        var key = reader.ReadString() ?? throw new InvalidDataException("null key in WAL record");
        var value = reader.ReadString();
        reader.ExpectEnd();
        return (key, value);
    }

    /// <summary>The key of a Delete record.</summary>
    /// <returns>The key.</returns>
    public string DecodeDelete()
    {
        var reader = Fields(WalRecordKind.Delete);
        var key = reader.ReadString() ?? throw new InvalidDataException("null key in WAL record");
        reader.ExpectEnd();
        return key;
    }

    /// <summary>The commit time of a Commit record.</summary>
    /// <returns>The time.</returns>
    public DateTimeOffset DecodeCommit()
    {
        var reader = Fields(WalRecordKind.Commit);
        var micros = reader.ReadInt64();
        reader.ExpectEnd();
        return UnixMicroseconds.To(micros);
    }

    /// <summary>The checkpoint of a Checkpoint record.</summary>
    /// <returns>The checkpoint.</returns>
    public CheckpointPayload DecodeCheckpoint()
    {
        var reader = Fields(WalRecordKind.Checkpoint);
        var checkpoint = new CheckpointPayload(
            new Lsn(reader.ReadUInt64()), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadByte() != 0,
            UnixMicroseconds.To(reader.ReadInt64()));
        reader.ExpectEnd();
        return checkpoint;
    }

    /// <summary>The next xid of a NextXid record.</summary>
    /// <returns>The xid.</returns>
    public uint DecodeNextXid()
    {
        var reader = Fields(WalRecordKind.NextXid);
        var xid = reader.ReadUInt32();
        reader.ExpectEnd();
        return xid;
    }

    /// <summary>The record's bytes, header and payload, with <see cref="Prev"/> as the prev-link.</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        var bytes = new byte[TotalLength];
        EncodeTo(bytes);
        return bytes;
    }

    /// <summary>Writes the record's bytes (XLogRecordAssemble plus the CRC of XLogInsert).</summary>
    /// <param name="destination">At least <see cref="TotalLength"/> bytes.</param>
    public void EncodeTo(Span<byte> destination)
    {
        var bytes = destination[..TotalLength];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)TotalLength);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], Xid);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], Prev.Value);
        bytes[16] = (byte)Kind;
        bytes[17..CrcOffset].Clear();
        Payload.Span.CopyTo(bytes[HeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[CrcOffset..], Checksum(bytes));
    }

    /// <summary>The total length field of an encoded header.</summary>
    /// <param name="header">At least the first 4 bytes of a record.</param>
    /// <returns>xl_tot_len.</returns>
    public static uint ReadTotalLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32LittleEndian(header);

    /// <summary>
    /// Validates and decodes a record as XLogReadRecord does: ValidXLogRecordHeader (length, kind, prev-link), then
    /// ValidXLogRecord (CRC). Messages are PostgreSQL 15's.
    /// </summary>
    /// <param name="bytes">Exactly the record's bytes (its length field's worth), or fewer when it was cut short.</param>
    /// <param name="lsn">Where the record starts.</param>
    /// <param name="expectedPrev">
    /// The previous record's LSN, or null when reading at a random position (then the prev-link must only lie before
    /// <paramref name="lsn"/>).
    /// </param>
    /// <param name="record">The record, when valid.</param>
    /// <param name="error">Why it is not valid.</param>
    /// <returns>Whether the record is valid.</returns>
    public static bool TryDecode(
        ReadOnlySpan<byte> bytes, Lsn lsn, Lsn? expectedPrev, out WalRecord? record, out string? error)
    {
        record = null;
        // PostgreSQL reports only xl_tot_len < SizeOfXLogRecord with this message. Here it is also used for a
        // length that disagrees with the bytes given (a record cut short, or running past its segment, which
        // PostgreSQL would instead detect while reading the continuation pages).
        var length = bytes.Length >= 4 ? ReadTotalLength(bytes) : 0;
        if (length < HeaderSize || length != bytes.Length)
        {
            error = InvalidLength(lsn, length);
            return false;
        }

        // PostgreSQL tests only xl_rmid > RM_MAX_ID here; the kind byte stands for xl_rmid and xl_info together, and
        // non-zero bytes 17..19 (always written as zero) are refused with the same message, printing the kind byte.
        var kind = bytes[16];
        if (!Enum.IsDefined((WalRecordKind)kind) || bytes[17] != 0 || bytes[18] != 0 || bytes[19] != 0)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"invalid resource manager ID {kind} at {lsn}");
            return false;
        }

        var prev = new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
        if (expectedPrev is { } expected ? prev != expected : prev >= lsn)
        {
            error = $"record with incorrect prev-link {prev} at {lsn}";
            return false;
        }

        if (Checksum(bytes) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[CrcOffset..]))
        {
            error = $"incorrect resource manager data checksum in record at {lsn}";
            return false;
        }

        error = null;
        record = new WalRecord(
            lsn, BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]), prev, (WalRecordKind)kind, bytes[HeaderSize..].ToArray());
        return true;
    }

    /// <summary>
    /// The message for an impossible length, PostgreSQL 15's <c>invalid record length at %X/%X: wanted %u, got %u</c>
    /// with SizeOfXLogRecord (24) as the wanted length.
    /// </summary>
    /// <remarks>
    /// PostgreSQL uses it only for a length below the header size (a zeroed tail gives <c>got 0</c>). The reader
    /// here also uses it for a length that runs past the end of the segment, since records never cross segments;
    /// then "wanted 24" is still printed although the length is too large rather than too small.
    /// </remarks>
    /// <param name="lsn">Where the record should start.</param>
    /// <param name="length">The length found.</param>
    /// <returns>The message.</returns>
    public static string InvalidLength(Lsn lsn, uint length) =>
        string.Create(CultureInfo.InvariantCulture, $"invalid record length at {lsn}: wanted {HeaderSize}, got {length}");

    private static uint Checksum(ReadOnlySpan<byte> record) =>
        Crc32C.Append(Crc32C.Compute(record[..CrcOffset]), record[HeaderSize..]);

    private static WalRecord Build(uint xid, WalRecordKind kind, Action<ArrayBufferWriter<byte>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        fields(buffer);
        return new WalRecord(Lsn.Invalid, xid, Lsn.Invalid, kind, buffer.WrittenMemory.ToArray());
    }

    private BinaryFieldReader Fields(WalRecordKind expected)
    {
        if (Kind != expected)
        {
            throw new InvalidOperationException($"a {Kind} record has no {expected} payload");
        }

        return new BinaryFieldReader(Payload.Span);
    }
}
