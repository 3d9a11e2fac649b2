using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using ActorPostmaster.Hocon;
using Xunit.Abstractions;

namespace ActorPostmaster.TestKit;

/// <summary>The xUnit TestKit: derive a test class from it to get a fresh actor system per test.</summary>
/// <remarks>
/// <para>
/// Akka.NET: <c>Akka.TestKit.Xunit2.TestKit</c>. By default the system runs on the <see cref="DeterministicDispatcher"/>
/// with virtual time (seed 0, throughput 1): every expectation runs the system instead of sleeping, so tests are fast
/// and give the same result on every run. Pass settings with the thread-pool dispatcher for concurrency tests.
/// </para>
/// <para>
/// Log events (with their virtual timestamps) and dead letters go to <see cref="ITestOutputHelper"/> when one is
/// given, except those an event filter is expecting or muting. <see cref="Dispose()"/> calls <see cref="AfterAll"/> and
/// terminates the system.
/// </para>
/// </remarks>
public class TestKit : TestKitBase, IDisposable
{
    private readonly ITestOutputHelper? _output;
    private bool _disposed;

    /// <summary>A deterministic system with the default settings.</summary>
    /// <param name="output">Where logs go, or null.</param>
    public TestKit(ITestOutputHelper? output = null)
        : this(DefaultSettings, output)
    {
    }

    /// <summary>A system configured by <paramref name="config"/> on top of <see cref="DefaultConfig"/> (deterministic unless it says otherwise).</summary>
    /// <param name="config">The configuration (the <c>actors</c> section, see hocon/actors.conf).</param>
    /// <param name="output">Where logs go, or null.</param>
    public TestKit(Config config, ITestOutputHelper? output = null)
        : this(ActorSystemSettings.FromConfig(WithDefaults(config)), output, TestKitSettings.FromConfig(WithDefaults(config)))
    {
    }

    /// <summary>A system configured by the HOCON text <paramref name="hocon"/> on top of <see cref="DefaultConfig"/>.</summary>
    /// <param name="hocon">HOCON, for example <c>actors.deterministic.seed = 42</c>.</param>
    /// <param name="output">Where logs go, or null.</param>
    public TestKit(string hocon, ITestOutputHelper? output = null)
        : this(ConfigurationFactory.ParseString(hocon ?? throw new ArgumentNullException(nameof(hocon))), output)
    {
    }

    /// <summary>A system with <paramref name="settings"/>.</summary>
    /// <param name="settings">The system's settings; <see cref="DefaultSettings"/> is deterministic.</param>
    /// <param name="output">Where logs go, or null.</param>
    /// <param name="testKitSettings">Expectation timeouts, or null for the defaults.</param>
    public TestKit(ActorSystemSettings settings, ITestOutputHelper? output = null, TestKitSettings? testKitSettings = null)
        : this(CreateSystem(settings, null), output, testKitSettings)
    {
    }

    /// <summary>A TestKit around an existing system (which it terminates on dispose).</summary>
    /// <param name="system">The system.</param>
    /// <param name="output">Where logs go, or null.</param>
    /// <param name="testKitSettings">Expectation timeouts, or null for the defaults.</param>
    public TestKit(ActorSystem system, ITestOutputHelper? output = null, TestKitSettings? testKitSettings = null)
        : base(system, testKitSettings)
    {
        _output = output;
        AmbientSender.Value = TestActor; // the implicit sender of the test's own Tells, as in Akka's TestKit
        if (output is not null)
        {
            Sys.EventStream.AddSink(WriteToOutput);
        }
    }

    /// <summary>
    /// The environment variable that sets the default seed of every TestKit system (0 when unset): run a suite under
    /// another interleaving, or replay the one a failure reported.
    /// </summary>
    public const string SeedVariable = "ACTORS_DETERMINISTIC_SEED";

    /// <summary>The TestKit's defaults as HOCON, under any configuration a test passes: <see cref="DefaultSettings"/>.</summary>
    public static Config DefaultConfig { get; } = ConfigurationFactory.ParseString(
        $"actors {{ loglevel = DEBUG, default-dispatcher {{ type = deterministic, throughput = 1 }}, deterministic.seed = {DefaultSeed} }}");

    /// <summary>The TestKit's default system settings: deterministic dispatcher, throughput 1, Debug logging, the default seed.</summary>
    public static ActorSystemSettings DefaultSettings { get; } = new()
    {
        DispatcherType = DispatcherType.Deterministic,
        Throughput = 1,
        DeterministicSeed = DefaultSeed,
        LogLevel = LogLevel.DebugLevel,
    };

    /// <summary>The default seed: <see cref="SeedVariable"/> when set, else 0.</summary>
    public static long DefaultSeed { get; } =
        long.TryParse(System.Environment.GetEnvironmentVariable(SeedVariable), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : 0;

    /// <summary>Terminates the system after <see cref="AfterAll"/>.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a system for a TestKit.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="setup">Logger factory, tracer, if any.</param>
    protected static ActorSystem CreateSystem(ActorSystemSettings settings, ActorSystemSetup? setup) =>
        ActorSystem.Create("test", settings, setup);

    /// <summary>Runs before the system is terminated; override to clean up.</summary>
    protected virtual void AfterAll()
    {
    }

    /// <summary>Terminates the system and waits for it (in virtual time under the deterministic dispatcher).</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        try
        {
            AfterAll();
        }
        finally
        {
            Shutdown();
        }
    }

    /// <summary>Terminates the system; under the thread-pool dispatcher waits up to 10 seconds.</summary>
    protected void Shutdown()
    {
        var terminated = Sys.Terminate();
        if (Dispatcher is null && !terminated.Wait(TimeSpan.FromSeconds(10)))
        {
            _output?.WriteLine("WARNING: the actor system did not terminate within 10 seconds.");
        }

        Sys.EventStream.RemoveSink(WriteToOutput);
    }

    private static Config WithDefaults(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.WithFallback(DefaultConfig);
    }

    private void WriteToOutput(object @event)
    {
        string? line = @event switch
        {
            LogEvent logEvent => logEvent.ToString(),
            DeadLetter deadLetter =>
                $"[INFO][{Now.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}][deadLetters] Message [{deadLetter.Message.GetType().Name}] " +
                $"from {deadLetter.Sender} to {deadLetter.Recipient} was not delivered: {deadLetter.Message}",
            _ => null,
        };
        if (line is null || Filters.IsMuted(@event))
        {
            return;
        }

        try
        {
            _output!.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; xUnit no longer accepts output for it.
        }
    }
}
