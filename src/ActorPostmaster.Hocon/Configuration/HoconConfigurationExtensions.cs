using ActorPostmaster.Hocon.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace ActorPostmaster.Hocon;

/// <summary>
/// Adds HOCON documents to an <see cref="IConfigurationBuilder"/>. Keys and values are flattened exactly as the
/// JSON provider flattens the equivalent JSON, so a HOCON file can replace an <c>appsettings.json</c>.
/// </summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds a required HOCON file (relative paths are resolved by the builder's file provider).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file path.</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path) =>
        AddHoconFile(builder, provider: null, path, optional: false, reloadOnChange: false);

    /// <summary>Adds a HOCON file.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file path.</param>
    /// <param name="optional">Whether a missing file is ignored.</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional) =>
        AddHoconFile(builder, provider: null, path, optional, reloadOnChange: false);

    /// <summary>Adds a HOCON file.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file path.</param>
    /// <param name="optional">Whether a missing file is ignored.</param>
    /// <param name="reloadOnChange">Whether the configuration reloads when the file changes (included files are not watched).</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange) =>
        AddHoconFile(builder, provider: null, path, optional, reloadOnChange);

    /// <summary>Adds a HOCON file read through a file provider.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="provider">The file provider, or null for the builder's (or, for an absolute path, one for its directory).</param>
    /// <param name="path">The file path, relative to the provider.</param>
    /// <param name="optional">Whether a missing file is ignored.</param>
    /// <param name="reloadOnChange">Whether the configuration reloads when the file changes (included files are not watched).</param>
    public static IConfigurationBuilder AddHoconFile(
        this IConfigurationBuilder builder, IFileProvider? provider, string path, bool optional, bool reloadOnChange)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddHoconFile(source =>
        {
            source.FileProvider = provider;
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds a HOCON file configured by a delegate.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configureSource">Sets up the source (path, optional, reload, file provider).</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, Action<HoconConfigurationSource>? configureSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(configureSource);
    }

    /// <summary>Adds a HOCON document read from a stream (loaded once, when the configuration is built).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="stream">The document, UTF-8.</param>
    public static IConfigurationBuilder AddHoconStream(this IConfigurationBuilder builder, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stream);
        return builder.Add<HoconStreamConfigurationSource>(source => source.Stream = stream);
    }

    /// <summary>Adds a HOCON document held in a string (errors name it <c>&lt;string&gt;</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="hocon">The document.</param>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string hocon)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hocon);
        return builder.Add(new HoconStringConfigurationSource(hocon));
    }
}
