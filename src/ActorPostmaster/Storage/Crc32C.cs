using System.Buffers.Binary;
using System.Numerics;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. CRC-32C (Castagnoli), the checksum PostgreSQL uses for WAL records and the control file
/// (pg_crc32c.h: INIT_CRC32C, COMP_CRC32C, FIN_CRC32C), computed with the hardware instruction where the CPU has one.
/// </summary>
internal static class Crc32C
{
    /// <summary>The checksum of <paramref name="data"/> (initial and final xor <c>0xFFFFFFFF</c>).</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The CRC-32C.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a checksum: <c>Append(Compute(a), b) == Compute(a + b)</c>, and <c>Append(0, a) == Compute(a)</c>.
    /// </summary>
    /// <param name="crc">The finished checksum of the bytes before <paramref name="data"/>.</param>
    /// <param name="data">The following bytes.</param>
    /// <returns>The checksum of both parts.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // cold but long: no tier-0 code
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= sizeof(ulong))
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return ~state;
    }
}
