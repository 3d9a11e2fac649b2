using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ActorPostmaster.Hocon.Configuration;

/// <summary>
/// Flattens a resolved tree into configuration keys and values exactly as
/// <c>Microsoft.Extensions.Configuration.Json</c> flattens the equivalent JSON: keys joined with ':', array
/// elements keyed by index, strings as is, numbers as written, booleans as <c>True</c>/<c>False</c>,
/// <c>null</c> and empty objects as a null value, empty arrays as an empty string. Keys are case-insensitive and
/// two keys that differ only in case are an error, as in the JSON provider.
/// </summary>
internal static class ConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root)
        {
            Visit(key, value, data);
        }

        return data;
    }

    private static void Visit(string key, HoconValue value, Dictionary<string, string?> data)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count == 0:
                Set(key, null, data);
                break;
            case HoconObject obj:
                foreach (var (childKey, child) in obj)
                {
                    Visit(ConfigurationPath.Combine(key, childKey), child, data);
                }

                break;
            case HoconArray array when array.Count == 0:
                Set(key, string.Empty, data);
                break;
            case HoconArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(ConfigurationPath.Combine(key, i.ToString(CultureInfo.InvariantCulture)), array[i], data);
                }

                break;
            case HoconLiteral literal:
                Set(key, literal.Kind switch
                {
                    HoconValueKind.Boolean => literal == HoconLiteral.True ? bool.TrueString : bool.FalseString,
                    _ => literal.Value,
                }, data);
                break;
        }
    }

    private static void Set(string key, string? value, Dictionary<string, string?> data)
    {
        if (!data.TryAdd(key, value))
        {
            throw new FormatException($"A duplicate key '{key}' was found.");
        }
    }
}
