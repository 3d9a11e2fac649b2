namespace ActorPostmaster.Tests.Storage;

/// <summary>A per-test directory under the system temp directory, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ap-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Test-only damage to files on disk.</summary>
internal static class FileDamage
{
    /// <summary>Xors <paramref name="mask"/> into the byte at <paramref name="offset"/>.</summary>
    public static void FlipBits(string path, long offset, byte mask = 0xFF)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        if (b < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "past the end of the file");
        }

        stream.Position = offset;
        stream.WriteByte((byte)(b ^ mask));
    }

    /// <summary>Overwrites the byte at <paramref name="offset"/>.</summary>
    public static void WriteByte(string path, long offset, byte value) => Write(path, offset, [value]);

    /// <summary>Overwrites 4 bytes at <paramref name="offset"/> with a little-endian uint32.</summary>
    public static void WriteUInt32(string path, long offset, uint value) => Write(path, offset, BitConverter.GetBytes(value));

    /// <summary>Overwrites 8 bytes at <paramref name="offset"/> with a little-endian uint64.</summary>
    public static void WriteUInt64(string path, long offset, ulong value) => Write(path, offset, BitConverter.GetBytes(value));

    /// <summary>Overwrites <paramref name="count"/> bytes at <paramref name="offset"/> with zeros.</summary>
    public static void Zero(string path, long offset, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.Write(new byte[count]);
    }

    private static void Write(string path, long offset, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.Write(bytes);
    }
}
