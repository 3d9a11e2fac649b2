using System.Globalization;

namespace ActorPostmaster.Settings;

/// <summary>
/// The definition of one setting: name (PostgreSQL's spelling), type, unit, range, default, context, flags and
/// PostgreSQL's one-line description; it parses values the way PostgreSQL 15 does and formats them as SHOW does.
/// </summary>
public sealed class SettingDefinition
{
    private readonly EnumOption[] _options;

    internal SettingDefinition(
        string name,
        SettingType type,
        GucContext context,
        SettingValue defaultValue,
        string category,
        string description,
        SettingFlags flags = SettingFlags.None,
        SettingUnit unit = SettingUnit.None,
        double min = 0,
        double max = 0,
        IEnumerable<EnumOption>? options = null)
    {
        Name = name;
        Type = type;
        Context = context;
        DefaultValue = defaultValue;
        Category = category;
        Description = description;
        Flags = flags;
        Unit = unit;
        Minimum = min;
        Maximum = max;
        _options = options?.ToArray() ?? [];
    }

    /// <summary>The name in PostgreSQL's spelling (looked up case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The type of the value.</summary>
    public SettingType Type { get; }

    /// <summary>When the setting may change.</summary>
    public GucContext Context { get; }

    /// <summary>The built-in default (what a freshly initialised PostgreSQL 15 cluster shows, unless noted in the docs).</summary>
    public SettingValue DefaultValue { get; }

    /// <summary>PostgreSQL's category (<c>pg_settings.category</c>), e.g. "Resource Usage / Memory".</summary>
    public string Category { get; }

    /// <summary>PostgreSQL's one-line description (<c>pg_settings.short_desc</c>, the third column of SHOW ALL).</summary>
    public string Description { get; }

    /// <summary>The flags.</summary>
    public SettingFlags Flags { get; }

    /// <summary>The base unit of a numeric setting.</summary>
    public SettingUnit Unit { get; }

    /// <summary>The unit's name as pg_settings shows it (<c>kB</c>, <c>8kB</c>, <c>ms</c> …), or null.</summary>
    public string? UnitName => UnitConversion.Name(Unit);

    /// <summary>The minimum of a numeric setting.</summary>
    public double Minimum { get; }

    /// <summary>The maximum of a numeric setting.</summary>
    public double Maximum { get; }

    /// <summary>The words an enum setting accepts, hidden synonyms included.</summary>
    public IReadOnlyList<EnumOption> Options => _options;

    /// <summary>The words an enum setting lists (<c>pg_settings.enumvals</c>), in PostgreSQL's order.</summary>
    public IEnumerable<string> AvailableValues => _options.Where(o => !o.Hidden).Select(o => o.Name);

    /// <summary>True when the value is sent to clients in ParameterStatus (GUC_REPORT).</summary>
    public bool IsReported => (Flags & SettingFlags.Report) != 0;

    /// <summary>True when this is not a PostgreSQL 15 setting but an ActorPostmaster extension.</summary>
    public bool IsExtension => (Flags & SettingFlags.Extension) != 0;

    /// <summary>The default in SHOW's form.</summary>
    public string DefaultText => Format(DefaultValue);

    /// <summary>A check/normalisation step after parsing (PostgreSQL's check hooks), or null.</summary>
    internal CheckHook? Check { get; init; }

    /// <summary>A SHOW step that depends on other settings (PostgreSQL's show hooks), or null.</summary>
    internal ShowHook? ShowHook { get; init; }

    /// <summary>For a transaction-scoped setting, the name of the default_ setting it starts each transaction from.</summary>
    internal string? TransactionDefault { get; init; }

    /// <summary>
    /// Parses a value as PostgreSQL 15 does (type syntax, units and range; not the cross-setting checks, which need
    /// a session or the server): bools accept on/off/true/false/yes/no/1/0 and unique prefixes, case-insensitively;
    /// integers accept C syntax (hex, octal), reals (rounded half-to-even) and units; enums accept their words
    /// case-insensitively.
    /// </summary>
    /// <param name="text">The value as given.</param>
    /// <param name="nameForErrors">The parameter name as the user wrote it (errors quote it); defaults to <see cref="Name"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PgException">22023 with PostgreSQL's message, DETAIL and HINT.</exception>
    public SettingValue Parse(string text, string? nameForErrors = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = nameForErrors ?? Name;
        switch (Type)
        {
            case SettingType.Bool:
                return ParseBool(text) is { } b ? SettingValue.FromBool(b) : throw new PgException(SettingErrors.RequiresBoolean(name));

            case SettingType.Int:
            {
                if (!UnitConversion.TryParseInt(text, Unit, out var value, out var hint))
                {
                    throw new PgException(SettingErrors.InvalidValue(name, text, hint: hint));
                }

                if (value < Minimum || value > Maximum)
                {
                    throw new PgException(SettingErrors.OutOfRange(name, value, Unit, (int)Minimum, (int)Maximum));
                }

                return SettingValue.FromInt(value);
            }

            case SettingType.Real:
            {
                if (!UnitConversion.TryParseReal(text, Unit, out var value, out var hint))
                {
                    throw new PgException(SettingErrors.InvalidValue(name, text, hint: hint));
                }

                if (value < Minimum || value > Maximum)
                {
                    throw new PgException(SettingErrors.OutOfRange(name, value, Unit, Minimum, Maximum));
                }

                return SettingValue.FromReal(value);
            }

            case SettingType.Enum:
                foreach (var option in _options)
                {
                    if (string.Equals(option.Name, text, StringComparison.OrdinalIgnoreCase) && IsAscii(text))
                    {
                        return SettingValue.FromEnum(option.Canonical);
                    }
                }

                var available = "Available values: " + string.Join(", ", AvailableValues) + ".";
                throw new PgException(SettingErrors.InvalidValue(name, text, hint: available));

            default:
                return SettingValue.FromString(text);
        }
    }

    /// <summary>Formats a value as SHOW prints it (units chosen as PostgreSQL does), without cross-setting show rules.</summary>
    /// <param name="value">A value of this setting's type.</param>
    /// <returns>The text.</returns>
    public string Format(SettingValue value) => Type switch
    {
        SettingType.Bool => value.AsBool ? "on" : "off",
        SettingType.Int => UnitConversion.FormatInt(value.AsInt, Unit),
        SettingType.Real => UnitConversion.FormatReal(value.AsReal, Unit),
        _ => value.AsString,
    };

    /// <summary>The value as a plain number in the base unit (pg_settings.setting), e.g. 4096 for work_mem = 4MB.</summary>
    /// <param name="value">A value of this setting's type.</param>
    /// <returns>The text.</returns>
    public string FormatRaw(SettingValue value) => Type switch
    {
        SettingType.Int => value.AsInt.ToString(CultureInfo.InvariantCulture),
        SettingType.Real => CNumbers.FormatG(value.AsReal),
        _ => Format(value),
    };

    /// <summary>A time setting's value as a duration (statement_timeout 1500 → 1.5 s).</summary>
    /// <param name="value">A value of this setting.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="InvalidOperationException">The setting is not a time setting.</exception>
    public TimeSpan ToTimeSpan(SettingValue value) => Unit switch
    {
        SettingUnit.Milliseconds when Type == SettingType.Int => TimeSpan.FromMilliseconds(value.AsInt),
        SettingUnit.Milliseconds => TimeSpan.FromMilliseconds(value.AsReal),
        SettingUnit.Seconds => TimeSpan.FromSeconds(value.AsInt),
        SettingUnit.Minutes => TimeSpan.FromMinutes(value.AsInt),
        _ => throw new InvalidOperationException($"\"{Name}\" is not a time setting."),
    };

    /// <summary>A memory setting's value in bytes (work_mem 4096 → 4194304).</summary>
    /// <param name="value">A value of this setting.</param>
    /// <returns>The number of bytes.</returns>
    /// <exception cref="InvalidOperationException">The setting is not a memory setting.</exception>
    public long ToBytes(SettingValue value) => Unit switch
    {
        SettingUnit.Bytes => value.AsInt,
        SettingUnit.Kilobytes => value.AsInt * 1024L,
        SettingUnit.Blocks8kB => value.AsInt * 8192L,
        SettingUnit.Megabytes => value.AsInt * 1024L * 1024L,
        _ => throw new InvalidOperationException($"\"{Name}\" is not a memory setting."),
    };

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// PostgreSQL's parse_bool: case-insensitive prefixes of true/false/yes/no, "on"/"off" (at least two letters), 1 and 0.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The bool, or null when the text is not a Boolean.</returns>
    internal static bool? ParseBool(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        static bool IsPrefixOf(string text, string word) =>
            text.Length <= word.Length && IsAscii(text) &&
            string.Compare(text, 0, word, 0, text.Length, StringComparison.OrdinalIgnoreCase) == 0;

        switch (text[0])
        {
            case 't' or 'T':
                return IsPrefixOf(text, "true") ? true : null;
            case 'f' or 'F':
                return IsPrefixOf(text, "false") ? false : null;
            case 'y' or 'Y':
                return IsPrefixOf(text, "yes") ? true : null;
            case 'n' or 'N':
                return IsPrefixOf(text, "no") ? false : null;
            case 'o' or 'O':
                if (text.Length >= 2 && IsPrefixOf(text, "on"))
                {
                    return true;
                }

                return text.Length >= 2 && IsPrefixOf(text, "off") ? false : null;
            case '1':
                return text.Length == 1 ? true : null;
            case '0':
                return text.Length == 1 ? false : null;
            default:
                return null;
        }
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 127)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A check hook: validates and normalises a parsed value, or throws a <see cref="PgException"/>.</summary>
/// <param name="value">The parsed value.</param>
/// <param name="context">What is being set, where, and how to read other settings.</param>
/// <returns>The value to store.</returns>
internal delegate SettingValue CheckHook(SettingValue value, CheckContext context);

/// <summary>A show hook: SHOW's text for a value, given a way to read other settings.</summary>
/// <param name="value">The value.</param>
/// <param name="lookup">Reads another setting's current value by canonical name.</param>
/// <returns>The text.</returns>
internal delegate string ShowHook(SettingValue value, Func<string, SettingValue> lookup);

/// <summary>What a check hook knows about the assignment it checks.</summary>
internal sealed class CheckContext
{
    /// <summary>The parameter name as written by the user (errors quote it).</summary>
    public required string Name { get; init; }

    /// <summary>The value text as given.</summary>
    public required string RawText { get; init; }

    /// <summary>Where the value comes from.</summary>
    public required SettingSource Source { get; init; }

    /// <summary>The current value of a setting (by canonical name) where the assignment happens.</summary>
    public required Func<string, SettingValue> Current { get; init; }

    /// <summary>The value RESET would give a setting (by canonical name) where the assignment happens.</summary>
    public required Func<string, SettingValue> ResetValue { get; init; }

    /// <summary>The session, for session assignments (null for the configuration file and the command line).</summary>
    public SessionSettings? Session { get; init; }

    /// <summary>Where a hook puts notices (e.g. identifier truncation), or null to drop them.</summary>
    public List<PgError>? Notices { get; init; }

    /// <summary>An "invalid value" exception for this assignment.</summary>
    public PgException Invalid(string? detail = null, string? hint = null, string sqlState = "22023") =>
        new(SettingErrors.InvalidValue(Name, RawText, detail, hint, sqlState));
}
