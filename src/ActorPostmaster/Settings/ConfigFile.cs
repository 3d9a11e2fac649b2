using System.Text;
using System.Text.RegularExpressions;
using ActorPostmaster.Hocon;

namespace ActorPostmaster.Settings;

/// <summary>One <c>name = value</c> of a configuration file.</summary>
/// <param name="Name">The parameter name as written.</param>
/// <param name="Value">The value as written (a HOCON number, boolean or string; lists joined with ", ").</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
public sealed record ConfigFileEntry(string Name, string Value, int Line);

/// <summary>
/// The contents of ActorPostmaster's configuration file (PostgreSQL's postgresql.conf): the settings under the
/// HOCON section <c>postgresql { … }</c>, in file order. Values may be HOCON numbers, booleans or strings, with
/// PostgreSQL's units (<c>statement_timeout = 1s</c>, <c>work_mem = 4MB</c>); a HOCON list is a list value
/// (<c>search_path = ["$user", public]</c>); nested objects give custom names (<c>myapp { flag = on }</c> is
/// <c>myapp.flag</c>). A file that is not valid HOCON has a <see cref="SyntaxError"/> instead of entries.
/// </summary>
public sealed class ConfigFile
{
    /// <summary>The HOCON section holding the settings.</summary>
    public const string Section = "postgresql";

    private ConfigFile(string fileName, IReadOnlyList<ConfigFileEntry> entries, PgError? syntaxError)
    {
        FileName = fileName;
        Entries = entries;
        SyntaxError = syntaxError;
    }

    /// <summary>The file's name as log lines quote it.</summary>
    public string FileName { get; }

    /// <summary>The settings in file order (a name may repeat; the last one counts).</summary>
    public IReadOnlyList<ConfigFileEntry> Entries { get; }

    /// <summary>The LOG line for a file that could not be parsed, or null.</summary>
    public PgError? SyntaxError { get; }

    /// <summary>An empty file.</summary>
    /// <param name="fileName">The file's name.</param>
    /// <returns>The file.</returns>
    public static ConfigFile Empty(string fileName) => new(fileName, [], null);

    /// <summary>A file given as entries (for hosts that read settings from elsewhere, and for tests).</summary>
    /// <param name="fileName">The file's name.</param>
    /// <param name="entries">The entries.</param>
    /// <returns>The file.</returns>
    public static ConfigFile FromEntries(string fileName, IEnumerable<ConfigFileEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(entries);
        return new ConfigFile(fileName, [.. entries], null);
    }

    /// <summary>A file given as <c>(name, value)</c> pairs, as if written one per line.</summary>
    /// <param name="fileName">The file's name.</param>
    /// <param name="settings">The pairs.</param>
    /// <returns>The file.</returns>
    public static ConfigFile FromPairs(string fileName, params (string Name, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return FromEntries(fileName, settings.Select((s, i) => new ConfigFileEntry(s.Name, s.Value, i + 1)));
    }

    /// <summary>Reads a HOCON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The file's settings, or a syntax error.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConfigFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? AppContext.BaseDirectory);
    }

    /// <summary>Parses HOCON text.</summary>
    /// <param name="hocon">The document.</param>
    /// <param name="fileName">The file's name, for messages.</param>
    /// <param name="includeBaseDirectory">Where relative includes are resolved (default: the application's directory).</param>
    /// <returns>The file's settings, or a syntax error.</returns>
    public static ConfigFile Parse(string hocon, string fileName, string? includeBaseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        ArgumentNullException.ThrowIfNull(fileName);
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(hocon, includeBaseDirectory ?? AppContext.BaseDirectory);
        }
        catch (HoconException e)
        {
            var line = e is HoconParseException p ? p.Line : 0;
            var reason = e is HoconParseException q ? q.Reason : e.Message;
            var error = new PgError(PgSeverity.Log, "42601", $"syntax error in file \"{fileName}\" line {line}, near {reason}");
            return new ConfigFile(fileName, [], error);
        }

        return FromConfig(config, fileName, hocon);
    }

    /// <summary>Takes the settings of a parsed configuration (only its <c>postgresql</c> section).</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="fileName">The file's name, for messages.</param>
    /// <param name="sourceText">The HOCON text, to find line numbers (optional).</param>
    /// <returns>The file's settings.</returns>
    public static ConfigFile FromConfig(Config config, string fileName, string? sourceText = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(fileName);
        var entries = new List<ConfigFileEntry>();
        if (config.GetValue(Section) is HoconObject section)
        {
            var lines = sourceText?.Split('\n');
            Collect(section, string.Empty, entries, lines);
        }

        return new ConfigFile(fileName, entries, null);
    }

    private static void Collect(HoconObject obj, string prefix, List<ConfigFileEntry> entries, string[]? lines)
    {
        foreach (var (key, value) in obj)
        {
            var name = prefix + key;
            switch (value)
            {
                case HoconObject nested:
                    Collect(nested, name + ".", entries, lines);
                    break;
                case HoconArray array:
                    entries.Add(new ConfigFileEntry(name, JoinList(name, array), FindLine(lines, key)));
                    break;
                case HoconLiteral { Kind: HoconValueKind.Null }:
                    break;
                case HoconLiteral literal:
                    entries.Add(new ConfigFileEntry(name, literal.Value ?? string.Empty, FindLine(lines, key)));
                    break;
            }
        }
    }

    private static string JoinList(string name, HoconArray array)
    {
        var quote = SettingsRegistry.Default.Find(name) is { } definition && (definition.Flags & SettingFlags.ListQuote) != 0;
        return string.Join(", ", array.Select(item =>
        {
            var text = item is HoconLiteral literal ? literal.Value ?? string.Empty : item.ToString() ?? string.Empty;
            return quote ? Identifiers.Quote(text) : text;
        }));
    }

    /// <summary>The line of the last <c>key =</c>, <c>key :</c> or <c>key {</c> in the text (best effort).</summary>
    private static int FindLine(string[]? lines, string key)
    {
        if (lines is null)
        {
            return 0;
        }

        var pattern = new Regex("^\\s*(?:[\\w.\"]*\\.)?\"?" + Regex.Escape(key) + "\"?\\s*(?:[=:{]|\\+=)", RegexOptions.CultureInvariant);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (pattern.IsMatch(lines[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
