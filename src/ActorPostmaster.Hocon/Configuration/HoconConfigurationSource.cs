using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon;

/// <summary>
/// A HOCON file as a <see cref="IConfigurationSource"/> (see <see cref="HoconConfigurationExtensions.AddHoconFile(IConfigurationBuilder, string)"/>).
/// </summary>
public sealed class HoconConfigurationSource : FileConfigurationSource
{
    /// <summary>Builds the <see cref="HoconConfigurationProvider"/> for this source.</summary>
    /// <param name="builder">The builder that supplies the default file provider.</param>
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}
