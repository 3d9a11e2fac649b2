using ActorPostmaster.Hocon.Parsing;
using ActorPostmaster.Hocon.Resolution;

namespace ActorPostmaster.Hocon;

/// <summary>Parses and resolves documents: the common path of <see cref="ConfigurationFactory"/> and the configuration providers.</summary>
internal static class HoconReader
{
    /// <summary>The name of documents that do not come from a file.</summary>
    public const string StringSourceName = "<string>";

    public static HoconObject ParseText(string text, string? sourceName, string? fullPath, string? includeBaseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var loader = new DocumentLoader();
        var root = loader.LoadText(text, sourceName ?? StringSourceName, fullPath, includeBaseDirectory);
        if (root is not ObjectNode obj)
        {
            throw new HoconParseException(root.Position, "the root of a configuration must be an object, not an array");
        }

        return new Resolver(obj, Environment.GetEnvironmentVariable).Resolve();
    }

    public static HoconObject ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var text = File.ReadAllText(fullPath);
        if (string.Equals(Path.GetExtension(fullPath), ".properties", StringComparison.OrdinalIgnoreCase))
        {
            var properties = PropertiesReader.Read(text, new SourcePosition(path, 1, 1));
            return new Resolver(properties, Environment.GetEnvironmentVariable).Resolve();
        }

        return ParseText(text, path, fullPath, Path.GetDirectoryName(fullPath));
    }
}
