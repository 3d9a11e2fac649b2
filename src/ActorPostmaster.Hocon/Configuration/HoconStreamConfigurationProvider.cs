using ActorPostmaster.Hocon.Configuration;
using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon;

/// <summary>
/// Loads a HOCON document from a stream into <see cref="IConfiguration"/> keys, flattened as
/// <see cref="HoconConfigurationProvider"/> does. Errors name the document <c>&lt;string&gt;</c>; relative includes are
/// resolved against <see cref="AppContext.BaseDirectory"/>. As with every stream provider, it loads only once.
/// </summary>
public sealed class HoconStreamConfigurationProvider : StreamConfigurationProvider
{
    /// <summary>Creates a provider for the given source.</summary>
    /// <param name="source">The stream source.</param>
    public HoconStreamConfigurationProvider(HoconStreamConfigurationSource source)
        : base(source)
    {
    }

    /// <summary>Parses the stream and replaces the provider's data.</summary>
    /// <param name="stream">The HOCON document (UTF-8, with or without a byte-order mark).</param>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        Data = ConfigurationFlattener.Flatten(HoconReader.ParseText(reader.ReadToEnd(), null, null, AppContext.BaseDirectory));
    }
}
