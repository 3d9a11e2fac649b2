using System.Globalization;
using ActorPostmaster.Hocon.Parsing;

namespace ActorPostmaster.Hocon;

/// <summary>
/// An immutable, fully resolved configuration with Akka-style typed getters.
/// </summary>
/// <remarks>
/// <para>
/// Paths are HOCON path expressions: <c>akka.actor.provider</c>, with quotes around elements that contain a dot
/// (<c>a."b.c"</c>). An empty or malformed path (such as <c>a..b</c>) throws an <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// Missing values: a getter without a default throws a <see cref="ConfigException"/> naming the path when the
/// path is missing or holds <c>null</c>; an overload with a default returns the default in both cases. A value
/// of the wrong type throws in both forms. Automatic conversions follow the spec: numbers and booleans read as
/// strings, and strings read as numbers or booleans (<c>true</c>/<c>false</c>/<c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>).
/// Objects and arrays are never converted.
/// </para>
/// <para>
/// Substitutions are resolved when a document is parsed, against that document (and environment variables) only;
/// <see cref="WithFallback(Config)"/> merges resolved trees and does not re-resolve substitutions.
/// </para>
/// </remarks>
public sealed class Config
{
    /// <summary>The merged trees, highest priority first (one tree unless fallbacks were added).</summary>
    private readonly HoconObject[] _layers;

    /// <summary>Creates a configuration over a resolved tree.</summary>
    /// <param name="root">The root object.</param>
    public Config(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _layers = [root];
        Root = root;
    }

    private Config(HoconObject[] layers)
    {
        _layers = layers;
        Root = layers.Length == 1 ? layers[0] : (HoconObject)HoconObject.MergeStack(layers);
    }

    /// <summary>The configuration with no values.</summary>
    public static Config Empty { get; } = new(HoconObject.Empty);

    /// <summary>The root object of the tree.</summary>
    public HoconObject Root { get; }

    /// <summary>True when the root object has no keys.</summary>
    public bool IsEmpty => Root.Count == 0;

    /// <summary>Returns the value at <paramref name="path"/>, or null when the path is missing.</summary>
    /// <param name="path">A path expression.</param>
    public HoconValue? GetValue(string path)
    {
        HoconValue current = Root;
        foreach (var key in PathBuilder.Parse(path))
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> exists and its value is not <c>null</c>.</summary>
    /// <param name="path">A path expression.</param>
    public bool HasPath(string path) => GetValue(path) is { Kind: not HoconValueKind.Null };

    /// <summary>
    /// Returns the object at <paramref name="path"/> as a configuration of its own (paths relative to it).
    /// A missing path or a <c>null</c> gives <see cref="Empty"/>, as in Akka.
    /// </summary>
    /// <param name="path">A path expression.</param>
    /// <exception cref="ConfigException">The value is not an object.</exception>
    public Config GetConfig(string path) => GetValue(path) switch
    {
        null or { Kind: HoconValueKind.Null } => Empty,
        HoconObject obj when _layers.Length == 1 => new Config(obj),
        HoconObject => new Config(LayersAt(PathBuilder.Parse(path))),
        var other => throw WrongType(path, other, "an object"),
    };

    /// <summary>The objects each layer holds at <paramref name="path"/>, down to the first layer that hides the rest.</summary>
    private HoconObject[] LayersAt(IReadOnlyList<string> path)
    {
        var result = new List<HoconObject>(_layers.Length);
        foreach (var layer in _layers)
        {
            HoconValue current = layer;
            var missing = false;
            foreach (var key in path)
            {
                if (current is not HoconObject obj)
                {
                    break;
                }

                if (!obj.TryGetValue(key, out var next))
                {
                    missing = true;
                    break;
                }

                current = next;
            }

            if (missing)
            {
                continue;
            }

            if (current is not HoconObject found)
            {
                // A non-object at the path or on the way to it hides every lower layer.
                break;
            }

            result.Add(found);
        }

        return [.. result];
    }

    /// <summary>
    /// Merges this configuration over <paramref name="fallback"/>: values in this configuration win, and where
    /// both hold objects at the same path the objects are merged recursively (the HOCON duplicate-key rule).
    /// Merging is done in adjacent pairs, so a non-object hides every fallback below it: with
    /// <c>{a:{x:1}}</c>, then <c>{a:42}</c>, then <c>{a:{y:2}}</c>, <c>a</c> is <c>{x:1}</c>.
    /// </summary>
    /// <param name="fallback">The configuration that supplies values this one lacks.</param>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return ReferenceEquals(fallback, this) || fallback.IsEmpty ? this : new Config([.. _layers, .. fallback._layers]);
    }

    /// <summary>Reads a string; numbers are returned as written and booleans as <c>true</c>/<c>false</c>.</summary>
    /// <param name="path">A path expression.</param>
    public string GetString(string path) => AsString(path, Require(path));

    /// <summary>Reads a string, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public string? GetString(string path, string? defaultValue) =>
        TryFind(path, out var value) ? AsString(path, value) : defaultValue;

    /// <summary>Reads a boolean: <c>true</c>/<c>false</c>, or the strings true, false, yes, no, on, off (any case).</summary>
    /// <param name="path">A path expression.</param>
    public bool GetBoolean(string path) => AsBoolean(path, Require(path));

    /// <summary>Reads a boolean, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public bool GetBoolean(string path, bool defaultValue) =>
        TryFind(path, out var value) ? AsBoolean(path, value) : defaultValue;

    /// <summary>Reads a 32-bit integer (a number or a numeric string with no fractional part).</summary>
    /// <param name="path">A path expression.</param>
    public int GetInt(string path) => ToInt(path, AsLong(path, Require(path)));

    /// <summary>Reads a 32-bit integer, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public int GetInt(string path, int defaultValue) =>
        TryFind(path, out var value) ? ToInt(path, AsLong(path, value)) : defaultValue;

    /// <summary>Reads a 64-bit integer (a number or a numeric string with no fractional part).</summary>
    /// <param name="path">A path expression.</param>
    public long GetLong(string path) => AsLong(path, Require(path));

    /// <summary>Reads a 64-bit integer, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public long GetLong(string path, long defaultValue) =>
        TryFind(path, out var value) ? AsLong(path, value) : defaultValue;

    /// <summary>Reads a floating-point number (a number or a numeric string, e.g. <c>.33</c>).</summary>
    /// <param name="path">A path expression.</param>
    public double GetDouble(string path) => AsDouble(path, Require(path));

    /// <summary>Reads a floating-point number, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public double GetDouble(string path, double defaultValue) =>
        TryFind(path, out var value) ? AsDouble(path, value) : defaultValue;

    /// <summary>
    /// Reads a duration: a number is milliseconds; a string is a number and a unit (<c>ns</c>, <c>us</c>,
    /// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, their long forms such as <c>seconds</c>, and
    /// <c>nano(s)</c>/<c>micro(s)</c>/<c>milli(s)</c>), e.g. <c>500ms</c>, <c>1.5 s</c>. The string
    /// <c>infinite</c> gives <see cref="Timeout.InfiniteTimeSpan"/>. Precision is one tick (100 ns); finer parts are truncated.
    /// </summary>
    /// <param name="path">A path expression.</param>
    public TimeSpan GetTimeSpan(string path) => AsTimeSpan(path, Require(path));

    /// <summary>Reads a duration, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) =>
        TryFind(path, out var value) ? AsTimeSpan(path, value) : defaultValue;

    /// <summary>
    /// Reads a size in bytes: a number is bytes; a string is a number and a unit: <c>B</c>/<c>byte(s)</c>;
    /// powers of ten <c>kB</c>/<c>KB</c>, <c>MB</c>, <c>GB</c>, ... <c>YB</c> and <c>kilobyte(s)</c> etc.; powers
    /// of two <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>, <c>M</c>/<c>m</c>/<c>Mi</c>/<c>MiB</c>, ... and <c>kibibyte(s)</c>
    /// etc. Fractions of a byte are truncated. Returns null when the value is <c>null</c>.
    /// </summary>
    /// <param name="path">A path expression.</param>
    /// <exception cref="ConfigException">The path is missing, or the size is invalid or does not fit in a <see cref="long"/>.</exception>
    public long? GetByteSize(string path)
    {
        var value = GetValue(path) ?? throw Missing(path);
        return value.Kind == HoconValueKind.Null ? null : AsByteSize(path, value);
    }

    /// <summary>Reads a size in bytes, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public long? GetByteSize(string path, long? defaultValue) =>
        TryFind(path, out var value) ? AsByteSize(path, value) : defaultValue;

    /// <summary>Reads an array of simple values as strings (a new list each call).</summary>
    /// <param name="path">A path expression.</param>
    public IList<string> GetStringList(string path) => AsStringList(path, Require(path));

    /// <summary>Reads an array of simple values as strings, or returns <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="defaultValue">The value for a missing path.</param>
    public IList<string> GetStringList(string path, IList<string> defaultValue) =>
        TryFind(path, out var value) ? AsStringList(path, value) : defaultValue;

    /// <summary>Renders the configuration as indented JSON.</summary>
    public override string ToString() => Root.ToString();

    private bool TryFind(string path, out HoconValue value)
    {
        value = GetValue(path)!;
        return value is { Kind: not HoconValueKind.Null };
    }

    private HoconValue Require(string path)
    {
        var value = GetValue(path) ?? throw Missing(path);
        return value.Kind == HoconValueKind.Null
            ? throw new ConfigException(path, $"Configuration value at path '{path}' is null.")
            : value;
    }

    private static ConfigException Missing(string path) =>
        new(path, $"Configuration path '{path}' was not found.");

    private static ConfigException WrongType(string path, HoconValue value, string expected) =>
        new(path, $"Configuration value at path '{path}' is {Describe(value)}, not {expected}.");

    private static ConfigException Invalid(string path, HoconValue value, string expected, string? reason = null) =>
        new(path, $"Configuration value at path '{path}' ({Describe(value)}) is not {expected}{(reason is null ? "." : ": " + reason + ".")}");

    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        HoconLiteral { Kind: HoconValueKind.Number } literal => $"the number {literal.Value}",
        HoconLiteral { Kind: HoconValueKind.Boolean } literal => $"the boolean {literal.Value}",
        HoconLiteral { Kind: HoconValueKind.Null } => "null",
        HoconLiteral literal => $"the string \"{literal.Value}\"",
        _ => value.Kind.ToString(),
    };

    private static string AsString(string path, HoconValue value) =>
        value is HoconLiteral { Value: { } text } ? text : throw WrongType(path, value, "a string");

    private static bool AsBoolean(string path, HoconValue value)
    {
        var text = AsString(path, value).Trim().ToLowerInvariant();
        return text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Invalid(path, value, "a boolean", "expected true, false, yes, no, on or off"),
        };
    }

    private static long AsLong(string path, HoconValue value)
    {
        var text = AsString(path, value).Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue)
        {
            return (long)number;
        }

        throw Invalid(path, value, "an integer");
    }

    private static int ToInt(string path, long value) =>
        value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ConfigException(path, $"Configuration value at path '{path}' ({value}) does not fit in a 32-bit integer.");

    private static double AsDouble(string path, HoconValue value)
    {
        var text = AsString(path, value).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Invalid(path, value, "a number");
    }

    private static TimeSpan AsTimeSpan(string path, HoconValue value)
    {
        var text = AsString(path, value);
        if (string.Equals(text.Trim(), "infinite", StringComparison.Ordinal))
        {
            return Timeout.InfiniteTimeSpan;
        }

        return Units.TryParseDuration(text, out var result, out var error) ? result : throw Invalid(path, value, "a duration", error);
    }

    private static long AsByteSize(string path, HoconValue value) =>
        Units.TryParseByteSize(AsString(path, value), out var result, out var error)
            ? result
            : throw Invalid(path, value, "a size in bytes", error);

    private static string[] AsStringList(string path, HoconValue value)
    {
        if (value is not HoconArray array)
        {
            throw WrongType(path, value, "an array");
        }

        var result = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            result[i] = array[i] is HoconLiteral { Value: { } text }
                ? text
                : throw WrongType($"{path}[{i}]", array[i], "a string");
        }

        return result;
    }
}
