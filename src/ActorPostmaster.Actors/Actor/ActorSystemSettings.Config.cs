using System.Globalization;
using ActorPostmaster.Actors.Event;
using ActorPostmaster.Hocon;

namespace ActorPostmaster.Actors;

public sealed partial record ActorSystemSettings
{
    private static readonly Lazy<Config> s_reference = new(LoadReference);

    /// <summary>The kernel's reference configuration (hocon/actors.conf, embedded): every setting with its default.</summary>
    public static Config ReferenceConfig => s_reference.Value;

    /// <summary>Reads the <c>actors</c> section of <paramref name="config"/>, with <see cref="ReferenceConfig"/> as fallback.</summary>
    /// <param name="config">The application's configuration.</param>
    /// <exception cref="ConfigException">A setting has a value the kernel does not accept; the message names its path.</exception>
    public static ActorSystemSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.WithFallback(ReferenceConfig);
        var throughput = Positive(c, "actors.default-dispatcher.throughput");
        var dispatchers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in c.GetConfig("actors.dispatchers").Root.Keys)
        {
            var path = $"actors.dispatchers.\"{id}\".throughput";
            dispatchers[id] = c.HasPath(path) ? Positive(c, path) : throughput;
        }

        return new ActorSystemSettings
        {
            LogLevel = ParseLogLevel(c.GetString("actors.loglevel")),
            LogDeadLetters = ParseDeadLetters(c),
            DebugLifecycle = c.GetBoolean("actors.debug.lifecycle"),
            AskTimeout = IsInfinite(c.GetString("actors.ask-timeout")) ? null : c.GetTimeSpan("actors.ask-timeout"),
            DispatcherType = ParseDispatcherType(c.GetString("actors.default-dispatcher.type")),
            Throughput = throughput,
            DeterministicSeed = c.GetLong("actors.deterministic.seed"),
            VirtualTimeStart = ParseStart(c.GetString("actors.deterministic.start-time")),
            Dispatchers = dispatchers,
        };
    }

    private static Config LoadReference()
    {
        using var stream = typeof(ActorSystemSettings).Assembly.GetManifestResourceStream("ActorPostmaster.Actors.actors.conf")
            ?? throw new InvalidOperationException("The embedded reference configuration actors.conf is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    private static int Positive(Config c, string path)
    {
        var value = c.GetInt(path);
        return value >= 1 ? value : throw new ConfigException($"{path} must be at least 1, not {value}.");
    }

    private static LogLevel ParseLogLevel(string text) => text.ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.DebugLevel,
        "INFO" => LogLevel.InfoLevel,
        "WARNING" => LogLevel.WarningLevel,
        "ERROR" => LogLevel.ErrorLevel,
        _ => throw new ConfigException($"actors.loglevel must be DEBUG, INFO, WARNING or ERROR, not \"{text}\"."),
    };

    private static int ParseDeadLetters(Config c)
    {
        var text = c.GetString("actors.log-dead-letters");
        return text.ToUpperInvariant() switch
        {
            "ON" or "TRUE" or "YES" => 10,
            "OFF" or "FALSE" or "NO" => 0,
            _ => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw new ConfigException($"actors.log-dead-letters must be a count or on/off, not \"{text}\"."),
        };
    }

    private static DispatcherType ParseDispatcherType(string text) => text.ToUpperInvariant() switch
    {
        "THREAD-POOL" => DispatcherType.ThreadPool,
        "DETERMINISTIC" => DispatcherType.Deterministic,
        _ => throw new ConfigException($"actors.default-dispatcher.type must be thread-pool or deterministic, not \"{text}\"."),
    };

    private static bool IsInfinite(string text) => text.Equals("infinite", StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset ParseStart(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : throw new ConfigException($"actors.deterministic.start-time must be an ISO 8601 time, not \"{text}\".");
}
