using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorPostmaster.Hocon.Tests;

/// <summary>
/// Renders HOCON and JSON trees to one canonical text (keys sorted, numbers by value, strings quoted) so that two
/// trees can be compared with a readable diff.
/// </summary>
internal static class TreeNormalizer
{
    public static string Normalize(HoconValue value)
    {
        var builder = new StringBuilder();
        Write(value, builder, 0);
        return builder.ToString();
    }

    public static string Normalize(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(element, builder, 0);
        return builder.ToString();
    }

    public static string NormalizeJsonText(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Normalize(document.RootElement);
    }

    private static void Write(HoconValue value, StringBuilder builder, int indent)
    {
        switch (value)
        {
            case HoconObject obj:
                WriteObject(obj.Select(kv => (kv.Key, (Action<int>)(i => Write(kv.Value, builder, i)))), builder, indent);
                break;
            case HoconArray array:
                WriteArray(array.Select(v => (Action<int>)(i => Write(v, builder, i))), builder, indent);
                break;
            case HoconLiteral literal:
                builder.Append(literal.Kind switch
                {
                    HoconValueKind.String => Quote(literal.Value!),
                    HoconValueKind.Number => Number(literal.Value!),
                    HoconValueKind.Boolean => literal.Value,
                    _ => "null",
                });
                break;
        }
    }

    private static void Write(JsonElement element, StringBuilder builder, int indent)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element.EnumerateObject().Select(p => (p.Name, (Action<int>)(i => Write(p.Value, builder, i)))), builder, indent);
                break;
            case JsonValueKind.Array:
                WriteArray(element.EnumerateArray().Select(v => (Action<int>)(i => Write(v, builder, i))), builder, indent);
                break;
            case JsonValueKind.String:
                builder.Append(Quote(element.GetString()!));
                break;
            case JsonValueKind.Number:
                builder.Append(Number(element.GetRawText()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteObject(IEnumerable<(string Key, Action<int> Write)> fields, StringBuilder builder, int indent)
    {
        var sorted = fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append("{\n");
        foreach (var (key, write) in sorted)
        {
            builder.Append(' ', (indent + 1) * 2).Append(Quote(key)).Append(": ");
            write(indent + 1);
            builder.Append('\n');
        }

        builder.Append(' ', indent * 2).Append('}');
    }

    private static void WriteArray(IEnumerable<Action<int>> items, StringBuilder builder, int indent)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append("[\n");
        foreach (var write in list)
        {
            builder.Append(' ', (indent + 1) * 2);
            write(indent + 1);
            builder.Append('\n');
        }

        builder.Append(' ', indent * 2).Append(']');
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Number(string text) =>
        "#" + decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("G29", CultureInfo.InvariantCulture);
}
