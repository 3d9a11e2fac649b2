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

    /// <summary>Overwrites <paramref name="count"/> bytes at <paramref name="offset"/> with zeros.</summary>
    public static void Zero(string path, long offset, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.Write(new byte[count]);
    }
}
