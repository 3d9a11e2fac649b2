using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon.Configuration;

/// <summary>A HOCON document held in a string; unlike a stream it can be loaded any number of times.</summary>
internal sealed class HoconStringConfigurationSource(string hocon) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(hocon);

    private sealed class Provider(string hocon) : ConfigurationProvider
    {
        public override void Load() =>
            Data = ConfigurationFlattener.Flatten(HoconReader.ParseText(hocon, null, null, AppContext.BaseDirectory));
    }
}
