using ActorPostmaster.Hocon.Configuration;
using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon;

/// <summary>
/// Loads a HOCON file into <see cref="IConfiguration"/> keys, flattened exactly as the JSON configuration
/// provider flattens the equivalent JSON (<c>a:b</c>, <c>list:0</c>, booleans as <c>True</c>/<c>False</c>,
/// numbers as written, <c>null</c> and empty objects as null, empty arrays as an empty string).
/// </summary>
/// <remarks>
/// Includes are resolved relative to the file's physical location (or <see cref="AppContext.BaseDirectory"/> when
/// the file provider has none). Reloading on change watches the main file only, not the files it includes.
/// Errors surface as the <see cref="InvalidDataException"/> of <see cref="FileConfigurationProvider"/> with the
/// <see cref="HoconParseException"/> as its inner exception.
/// </remarks>
public sealed class HoconConfigurationProvider : FileConfigurationProvider
{
    /// <summary>Creates a provider for the given source.</summary>
    /// <param name="source">The file source.</param>
    public HoconConfigurationProvider(HoconConfigurationSource source)
        : base(source)
    {
    }

    /// <summary>Parses the file's content and replaces the provider's data.</summary>
    /// <param name="stream">The content of the file.</param>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var physicalPath = Source.FileProvider?.GetFileInfo(Source.Path ?? string.Empty).PhysicalPath;
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var root = physicalPath is null
            ? HoconReader.ParseText(text, Source.Path, null, AppContext.BaseDirectory)
            : HoconReader.ParseText(text, physicalPath, Path.GetFullPath(physicalPath), Path.GetDirectoryName(Path.GetFullPath(physicalPath)));
        Data = ConfigurationFlattener.Flatten(root);
    }
}
