namespace ActorPostmaster.Settings;

/// <summary>The outcome of loading or reloading the configuration: PostgreSQL's log lines in order, and whether it failed.</summary>
/// <param name="Messages">
/// The lines to log, in PostgreSQL's order and wording (severity LOG, and FATAL for a failed start). The caller logs
/// <c>received SIGHUP, reloading configuration files</c> itself before a reload's lines.
/// </param>
/// <param name="Failed">True when the server must not start (startup errors are fatal).</param>
/// <param name="Snapshot">The server-wide settings after the (re)load.</param>
public sealed record SettingsLoadResult(IReadOnlyList<PgError> Messages, bool Failed, SettingsSnapshot Snapshot);

/// <summary>
/// The postmaster's settings: built-in defaults (with the host's presets such as server_version), the configuration
/// file and the command line (<c>-c name=value</c>), in increasing priority. <see cref="Start"/> loads them the way
/// the postmaster does at start (errors are fatal); <see cref="Reload"/> applies a changed file the way SIGHUP does:
/// reloadable settings change for every session, restart-only ones become pending, and PostgreSQL's log lines
/// describe the difference. Not thread-safe: owned by the postmaster; sessions read <see cref="Snapshot"/>.
/// </summary>
public sealed class ServerSettings
{
    private const string ConfigFileErrorState = "F0000";

    private readonly Dictionary<string, ServerVar> _vars;
    private readonly Dictionary<string, ServerVar> _placeholders = new(SettingsRegistry.NameEquality);
    private long _version;
    private bool _started;

    /// <summary>Creates the settings with the registry's defaults.</summary>
    /// <param name="registry">The registry (default: <see cref="SettingsRegistry.Default"/>).</param>
    public ServerSettings(SettingsRegistry? registry = null)
    {
        Registry = registry ?? SettingsRegistry.Default;
        _vars = new Dictionary<string, ServerVar>(SettingsRegistry.NameEquality);
        foreach (var definition in Registry.All)
        {
            _vars.Add(definition.Name, new ServerVar(definition));
        }

        Snapshot = BuildSnapshot();
    }

    /// <summary>The registry of the settings.</summary>
    public SettingsRegistry Registry { get; }

    /// <summary>The current server-wide settings, for sessions.</summary>
    public SettingsSnapshot Snapshot { get; private set; }

    /// <summary>The settings whose file value waits for a restart, in PostgreSQL's order.</summary>
    public IReadOnlyList<string> PendingRestart =>
        [.. _vars.Values.Where(v => v.PendingRestart).Select(v => v.Definition.Name).Order(SettingsRegistry.NameComparer)];

    /// <summary>
    /// Replaces a setting's built-in default: for the host's presets (server_version and server_version_num,
    /// server_encoding, data_directory, config_file, in_hot_standby while in recovery …). No context rules apply; the
    /// value must be valid for the setting. Publishes a new <see cref="Snapshot"/>.
    /// </summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">The value, as it would be written in the configuration file.</param>
    /// <exception cref="PgException">The name is unknown or the value invalid.</exception>
    public void SetDefault(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = _vars.GetValueOrDefault(name) ?? throw new PgException(SettingErrors.Unrecognized(name));
        v.Boot = ParseChecked(v.Definition, name, value, SettingSource.Default);
        Snapshot = BuildSnapshot();
    }

    /// <summary>
    /// Loads the configuration at server start: first the command-line settings (any context but internal), then the
    /// file (below the command line). Errors are fatal: the result lists the LOG lines and the FATAL line and
    /// <see cref="SettingsLoadResult.Failed"/> is set. Restart-only settings are fixed from then on.
    /// </summary>
    /// <param name="file">The configuration file, or null for none.</param>
    /// <param name="commandLine">The <c>-c name=value</c> settings, or null.</param>
    /// <returns>The messages and the new snapshot.</returns>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public SettingsLoadResult Start(ConfigFile? file = null, IEnumerable<KeyValuePair<string, string>>? commandLine = null)
    {
        if (_started)
        {
            throw new InvalidOperationException("The settings were already started.");
        }

        var messages = new List<PgError>();
        foreach (var (name, value) in commandLine ?? [])
        {
            try
            {
                var v = Resolve(name) ?? throw new PgException(SettingErrors.Unrecognized(name));
                if (v.Definition.Context == GucContext.Internal)
                {
                    throw new PgException(SettingErrors.CannotBeChanged(name));
                }

                v.CommandLine = ParseChecked(v.Definition, name, value, SettingSource.CommandLine);
            }
            catch (PgException e)
            {
                messages.Add(e.Error with { Severity = PgSeverity.Fatal });
                return new SettingsLoadResult(messages, true, Snapshot);
            }
        }

        if (file is not null && !LoadFileAtStart(file, messages))
        {
            return new SettingsLoadResult(messages, true, Snapshot);
        }

        foreach (var v in _vars.Values)
        {
            if (v.Definition.Context == GucContext.Postmaster)
            {
                v.Startup = v.CurrentEntry;
            }
        }

        _started = true;
        Snapshot = BuildSnapshot();
        return new SettingsLoadResult(messages, false, Snapshot);
    }

    /// <summary>
    /// Re-reads the configuration file (SIGHUP). Settings removed from the file return to their default (or the
    /// command line's value); changed reloadable settings take their new value; restart-only settings that differ
    /// become pending; invalid values are reported and leave the setting as it was. Unknown names or a syntax error
    /// cancel the whole reload. The messages are PostgreSQL's log lines, in its order.
    /// </summary>
    /// <param name="file">The file's new contents.</param>
    /// <returns>The messages and the new snapshot.</returns>
    public SettingsLoadResult Reload(ConfigFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var messages = new List<PgError>();
        if (file.SyntaxError is { } syntax)
        {
            messages.Add(syntax);
            messages.Add(ContainsErrors(file.FileName, "no changes were applied"));
            return new SettingsLoadResult(messages, false, Snapshot);
        }

        var entries = LastOccurrences(file);
        var unknown = false;
        foreach (var entry in file.Entries)
        {
            if (Registry.Find(entry.Name) is null && !SettingsRegistry.IsValidCustomName(entry.Name))
            {
                messages.Add(new PgError(PgSeverity.Log, "42704",
                    $"unrecognized configuration parameter \"{entry.Name}\" in file \"{file.FileName}\" line {entry.Line}"));
                unknown = true;
            }
        }

        if (unknown)
        {
            messages.Add(ContainsErrors(file.FileName, "no changes were applied"));
            return new SettingsLoadResult(messages, false, Snapshot);
        }

        var inFile = new HashSet<string>(entries.Select(e => e.Name), SettingsRegistry.NameEquality);
        var error = false;

        // Settings that came from the file and are no longer in it, in PostgreSQL's order.
        foreach (var v in _vars.Values.Concat(_placeholders.Values).OrderBy(v => v.Definition.Name, SettingsRegistry.NameComparer))
        {
            if (inFile.Contains(v.Definition.Name))
            {
                continue;
            }

            if (v.Definition.Context == GucContext.Postmaster)
            {
                if (v.Startup is { Source: SettingSource.ConfigurationFile })
                {
                    v.PendingRestart = true;
                    messages.Add(Log("55P02", SettingErrors.RequiresRestart(v.Definition.Name).Message));
                    error = true;
                }

                continue;
            }

            if (v.File is not null && v.CommandLine is null)
            {
                v.File = null;
                messages.Add(Log("00000", $"parameter \"{v.Definition.Name}\" removed from configuration file, reset to default"));
            }
            else
            {
                v.File = null;
            }
        }

        foreach (var entry in entries)
        {
            var v = Resolve(entry.Name, create: true)!;
            var definition = v.Definition;
            if ((definition.Flags & SettingFlags.TransactionScoped) != 0)
            {
                continue;
            }

            if (definition.Context == GucContext.Internal)
            {
                messages.Add(Log("55P02", SettingErrors.CannotBeChanged(entry.Name).Message));
                error = true;
                continue;
            }

            SettingValue value;
            try
            {
                value = ParseChecked(definition, entry.Name, entry.Value, SettingSource.ConfigurationFile);
            }
            catch (PgException e)
            {
                messages.Add(e.Error with { Severity = PgSeverity.Log });
                error = true;
                continue;
            }

            if (definition.Context == GucContext.Postmaster)
            {
                if (value != v.Current.Value)
                {
                    v.PendingRestart = true;
                    messages.Add(Log("55P02", SettingErrors.RequiresRestart(entry.Name).Message));
                    error = true;
                }
                else
                {
                    v.PendingRestart = false;
                }

                continue;
            }

            var before = Show(v);
            v.File = value;
            if (before != Show(v))
            {
                messages.Add(Log("00000", $"parameter \"{entry.Name}\" changed to \"{entry.Value}\""));
            }
        }

        if (error)
        {
            messages.Add(ContainsErrors(file.FileName, "unaffected changes were applied"));
        }

        Snapshot = BuildSnapshot();
        return new SettingsLoadResult(messages, false, Snapshot);
    }

    /// <summary>SHOW's text for a setting's server-wide value.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The text.</returns>
    public string Show(string name) => Snapshot.Show(name);

    /// <summary>True when the setting's file value waits for a restart.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>True when pending.</returns>
    public bool IsPendingRestart(string name) => _vars.TryGetValue(name, out var v) && v.PendingRestart;

    private bool LoadFileAtStart(ConfigFile file, List<PgError> messages)
    {
        if (file.SyntaxError is { } syntax)
        {
            messages.Add(syntax);
            messages.Add(new PgError(PgSeverity.Fatal, ConfigFileErrorState, $"configuration file \"{file.FileName}\" contains errors"));
            return false;
        }

        var error = false;
        foreach (var entry in file.Entries)
        {
            if (Registry.Find(entry.Name) is null && !SettingsRegistry.IsValidCustomName(entry.Name))
            {
                messages.Add(new PgError(PgSeverity.Log, "42704",
                    $"unrecognized configuration parameter \"{entry.Name}\" in file \"{file.FileName}\" line {entry.Line}"));
                error = true;
            }
        }

        if (!error)
        {
            foreach (var entry in LastOccurrences(file))
            {
                var v = Resolve(entry.Name, create: true)!;
                if ((v.Definition.Flags & SettingFlags.TransactionScoped) != 0)
                {
                    continue;
                }

                if (v.Definition.Context == GucContext.Internal)
                {
                    messages.Add(Log("55P02", SettingErrors.CannotBeChanged(entry.Name).Message));
                    error = true;
                    continue;
                }

                try
                {
                    v.File = ParseChecked(v.Definition, entry.Name, entry.Value, SettingSource.ConfigurationFile);
                }
                catch (PgException e)
                {
                    messages.Add(e.Error with { Severity = PgSeverity.Log });
                    error = true;
                }
            }
        }

        if (error)
        {
            messages.Add(new PgError(PgSeverity.Fatal, ConfigFileErrorState, $"configuration file \"{file.FileName}\" contains errors"));
        }

        return !error;
    }

    private static List<ConfigFileEntry> LastOccurrences(ConfigFile file)
    {
        var last = new Dictionary<string, int>(SettingsRegistry.NameEquality);
        for (var i = 0; i < file.Entries.Count; i++)
        {
            last[file.Entries[i].Name] = i;
        }

        return [.. file.Entries.Where((e, i) => last[e.Name] == i)];
    }

    private static PgError Log(string sqlState, string message) => new(PgSeverity.Log, sqlState, message);

    private static PgError ContainsErrors(string fileName, string outcome) =>
        new(PgSeverity.Log, ConfigFileErrorState, $"configuration file \"{fileName}\" contains errors; {outcome}");

    private ServerVar? Resolve(string name, bool create = true)
    {
        if (_vars.TryGetValue(name, out var v))
        {
            return v;
        }

        if (_placeholders.TryGetValue(name, out v))
        {
            return v;
        }

        if (!create || !SettingsRegistry.IsValidCustomName(name))
        {
            return null;
        }

        v = new ServerVar(SettingsRegistry.Placeholder(name));
        _placeholders.Add(name, v);
        return v;
    }

    private SettingValue ParseChecked(SettingDefinition definition, string name, string text, SettingSource source)
    {
        var value = definition.Parse(text, name);
        if (definition.Check is { } check)
        {
            value = check(value, new CheckContext
            {
                Name = name,
                RawText = text,
                Source = source,
                Current = n => Current(n).Value,
                ResetValue = n => Current(n).Value,
            });
        }

        return value;
    }

    private ServerValue Current(string name) =>
        _vars.TryGetValue(name, out var v) || _placeholders.TryGetValue(name, out v)
            ? v.Current
            : throw new PgException(SettingErrors.Unrecognized(name));

    private string Show(ServerVar v) =>
        v.Definition.ShowHook is { } hook ? hook(v.Current.Value, n => Current(n).Value) : v.Definition.Format(v.Current.Value);

    private SettingsSnapshot BuildSnapshot()
    {
        var values = new Dictionary<string, ServerValue>(SettingsRegistry.NameEquality);
        foreach (var (name, v) in _vars)
        {
            values.Add(name, v.Current);
        }

        var placeholders = new Dictionary<string, ServerValue>(SettingsRegistry.NameEquality);
        foreach (var v in _placeholders.Values)
        {
            if (v.File is not null || v.CommandLine is not null)
            {
                placeholders.Add(v.Definition.Name, v.Current);
            }
        }

        var pending = new HashSet<string>(
            _vars.Values.Where(v => v.PendingRestart).Select(v => v.Definition.Name),
            SettingsRegistry.NameEquality);
        return new SettingsSnapshot(Registry, ++_version, values, placeholders, pending);
    }

    private sealed class ServerVar(SettingDefinition definition)
    {
        public SettingDefinition Definition { get; } = definition;

        public SettingValue Boot { get; set; } = definition.DefaultValue;

        public SettingValue? File { get; set; }

        public SettingValue? CommandLine { get; set; }

        /// <summary>For restart-only settings after start: the value fixed at start.</summary>
        public ServerValue? Startup { get; set; }

        public bool PendingRestart { get; set; }

        public ServerValue CurrentEntry =>
            CommandLine is { } c ? new ServerValue(c, SettingSource.CommandLine)
            : File is { } f ? new ServerValue(f, SettingSource.ConfigurationFile)
            : new ServerValue(Boot, SettingSource.Default);

        public ServerValue Current => Startup ?? CurrentEntry;
    }
}
