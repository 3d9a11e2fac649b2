namespace ActorPostmaster.Hocon.Tests;

/// <summary>Shortcuts for the specs.</summary>
internal static class Hocon
{
    public static Config Parse(string text) => ConfigurationFactory.ParseString(text);

    /// <summary>Asserts that the HOCON text resolves to the same tree as the JSON text.</summary>
    public static void AssertSameTree(string expectedJson, string hocon) =>
        Assert.Equal(TreeNormalizer.NormalizeJsonText(expectedJson), TreeNormalizer.Normalize(Parse(hocon).Root));

    /// <summary>Asserts that parsing fails with exactly this message (position included).</summary>
    public static HoconParseException AssertError(string hocon, string expectedMessage)
    {
        var error = Assert.Throws<HoconParseException>(() => Parse(hocon));
        Assert.Equal(expectedMessage, error.Message);
        return error;
    }

    /// <summary>Asserts that parsing fails with a message that starts with the given position and contains the text.</summary>
    public static HoconParseException AssertErrorAt(string hocon, int line, int column, string contains)
    {
        var error = Assert.Throws<HoconParseException>(() => Parse(hocon));
        Assert.StartsWith($"<string>:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(contains, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column, "<string>"), (error.Line, error.Column, error.File));
        return error;
    }
}

/// <summary>A temporary directory for include and file tests, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hocon-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
