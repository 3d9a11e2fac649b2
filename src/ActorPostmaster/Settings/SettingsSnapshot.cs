namespace ActorPostmaster.Settings;

/// <summary>A setting's server-wide value and where it came from.</summary>
/// <param name="Value">The value.</param>
/// <param name="Source">Its source: default, configuration file or command line.</param>
public readonly record struct ServerValue(SettingValue Value, SettingSource Source);

/// <summary>
/// An immutable view of the server-wide settings (built-in defaults, configuration file, command line) at one
/// moment: what a session inherits and what RESET returns to. The postmaster publishes a new snapshot after each
/// reload; a session picks it up with <see cref="SessionSettings.UseServerSnapshot"/> before its next statement.
/// Safe to share between threads.
/// </summary>
public sealed class SettingsSnapshot
{
    private readonly Dictionary<string, ServerValue> _values;
    private readonly Dictionary<string, ServerValue> _placeholders;
    private readonly HashSet<string> _pendingRestart;

    internal SettingsSnapshot(
        SettingsRegistry registry,
        long version,
        Dictionary<string, ServerValue> values,
        Dictionary<string, ServerValue> placeholders,
        HashSet<string> pendingRestart)
    {
        Registry = registry;
        Version = version;
        _values = values;
        _placeholders = placeholders;
        _pendingRestart = pendingRestart;
    }

    /// <summary>The registry of the settings.</summary>
    public SettingsRegistry Registry { get; }

    /// <summary>Increases with every change (start, reload, host preset).</summary>
    public long Version { get; }

    /// <summary>The names of the settings whose configuration-file value waits for a restart (pg_settings.pending_restart).</summary>
    public IReadOnlyCollection<string> PendingRestart => _pendingRestart;

    /// <summary>True when the setting's file value waits for a restart.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>True when pending.</returns>
    public bool IsPendingRestart(string name) => Registry.Find(name) is { } d && _pendingRestart.Contains(d.Name);

    /// <summary>The server-wide value of a setting (case-insensitive name).</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The value and its source.</returns>
    /// <exception cref="PgException">42704 for an unknown name.</exception>
    public ServerValue Get(string name)
    {
        var definition = Registry.Find(name);
        if (definition is not null)
        {
            return _values[definition.Name];
        }

        return _placeholders.TryGetValue(name, out var placeholder) ? placeholder : throw new PgException(SettingErrors.Unrecognized(name));
    }

    /// <summary>SHOW's text for a setting's server-wide value.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The text.</returns>
    public string Show(string name)
    {
        var definition = Registry.Find(name);
        if (definition is null)
        {
            return Get(name).Value.AsString;
        }

        var value = _values[definition.Name].Value;
        return definition.ShowHook is { } hook ? hook(value, n => Get(n).Value) : definition.Format(value);
    }

    /// <summary>An integer setting's value in its base unit (e.g. max_connections, statement_timeout in ms).</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The value.</returns>
    public int GetInt(string name) => Get(name).Value.AsInt;

    /// <summary>A bool setting's value.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The value.</returns>
    public bool GetBool(string name) => Get(name).Value.AsBool;

    /// <summary>A real setting's value in its base unit.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The value.</returns>
    public double GetReal(string name) => Get(name).Value.AsReal;

    /// <summary>A string or enum setting's value.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The value.</returns>
    public string GetString(string name) => Get(name).Value.AsString;

    /// <summary>A time setting's value as a duration (e.g. authentication_timeout, checkpoint_timeout).</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The duration.</returns>
    public TimeSpan GetTimeSpan(string name) => Registry.Get(name).ToTimeSpan(Get(name).Value);

    /// <summary>A memory setting's value in bytes (e.g. shared_buffers).</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The number of bytes.</returns>
    public long GetBytes(string name) => Registry.Get(name).ToBytes(Get(name).Value);

    internal bool TryGetPlaceholder(string name, out ServerValue value) => _placeholders.TryGetValue(name, out value);

    internal IEnumerable<KeyValuePair<string, ServerValue>> Placeholders => _placeholders;
}
