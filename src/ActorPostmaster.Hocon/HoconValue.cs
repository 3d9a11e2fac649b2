using System.Text;

namespace ActorPostmaster.Hocon;

/// <summary>
/// A resolved HOCON value: a <see cref="HoconObject"/>, a <see cref="HoconArray"/> or a <see cref="HoconLiteral"/>.
/// Values are immutable and contain no substitutions: they are produced only after the whole document has been
/// parsed, merged and resolved.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue()
    {
    }

    /// <summary>The JSON type of this value.</summary>
    public abstract HoconValueKind Kind { get; }

    /// <summary>Renders the value as indented JSON (numbers as written in the source).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder, 0);
        return builder.ToString();
    }

    private void Render(StringBuilder builder, int indent)
    {
        switch (this)
        {
            case HoconObject obj:
                if (obj.Count == 0)
                {
                    builder.Append("{}");
                    return;
                }

                builder.Append("{\n");
                var i = 0;
                foreach (var (key, value) in obj)
                {
                    builder.Append(' ', (indent + 1) * 2).Append(Quote(key)).Append(" : ");
                    value.Render(builder, indent + 1);
                    builder.Append(++i < obj.Count ? ",\n" : "\n");
                }

                builder.Append(' ', indent * 2).Append('}');
                return;
            case HoconArray array:
                if (array.Count == 0)
                {
                    builder.Append("[]");
                    return;
                }

                builder.Append("[\n");
                for (var j = 0; j < array.Count; j++)
                {
                    builder.Append(' ', (indent + 1) * 2);
                    array[j].Render(builder, indent + 1);
                    builder.Append(j + 1 < array.Count ? ",\n" : "\n");
                }

                builder.Append(' ', indent * 2).Append(']');
                return;
            case HoconLiteral literal:
                builder.Append(literal.Kind switch
                {
                    HoconValueKind.String => Quote(literal.Value!),
                    HoconValueKind.Null => "null",
                    _ => literal.Value,
                });
                return;
        }
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
