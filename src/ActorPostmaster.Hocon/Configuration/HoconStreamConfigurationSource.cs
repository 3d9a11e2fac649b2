using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon;

/// <summary>
/// A HOCON document read once from a stream (see <see cref="HoconConfigurationExtensions.AddHoconStream"/>).
/// </summary>
public sealed class HoconStreamConfigurationSource : StreamConfigurationSource
{
    /// <summary>Builds the <see cref="HoconStreamConfigurationProvider"/> for this source.</summary>
    /// <param name="builder">The configuration builder (unused).</param>
    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStreamConfigurationProvider(this);
}
