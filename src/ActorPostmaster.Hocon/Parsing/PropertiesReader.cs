using System.Text;

namespace ActorPostmaster.Hocon.Parsing;

/// <summary>
/// Reads a Java properties file (the format of <c>java.util.Properties.load</c>) into an object: each key is split
/// on '.' (keeping empty elements) into a path, and every value is a string. When a key is both a value and a
/// parent (<c>a=1</c> and <c>a.b=2</c>) the object wins, as the HOCON spec requires; a repeated key keeps its last value.
/// </summary>
internal static class PropertiesReader
{
    public static ObjectNode Read(string text, SourcePosition position)
    {
        var tree = new Tree();
        foreach (var (key, value) in Parse(text))
        {
            tree.Set(key.Split('.'), value);
        }

        return tree.ToNode(position);
    }

    /// <summary>Splits the text into key/value pairs, in file order.</summary>
    internal static IEnumerable<(string Key, string Value)> Parse(string text)
    {
        var pos = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            pos = 1;
        }

        while (pos < text.Length)
        {
            var line = ReadLogicalLine(text, ref pos);
            if (line is null)
            {
                continue;
            }

            var i = 0;
            var key = new StringBuilder();
            while (i < line.Length && line[i] is not ('=' or ':') && !IsBlank(line[i]))
            {
                i = Unescape(line, i, key);
            }

            while (i < line.Length && IsBlank(line[i]))
            {
                i++;
            }

            if (i < line.Length && line[i] is '=' or ':')
            {
                i++;
                while (i < line.Length && IsBlank(line[i]))
                {
                    i++;
                }
            }

            var value = new StringBuilder();
            while (i < line.Length)
            {
                i = Unescape(line, i, value);
            }

            yield return (key.ToString(), value.ToString());
        }
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\f';

    /// <summary>
    /// Reads one logical line (joining lines that end with an odd number of backslashes, dropping the leading
    /// blanks of continuation lines). Returns null for blank and comment lines. Escapes stay in the result.
    /// </summary>
    private static string? ReadLogicalLine(string text, ref int pos)
    {
        var builder = new StringBuilder();
        var first = true;
        while (true)
        {
            while (pos < text.Length && IsBlank(text[pos]))
            {
                pos++;
            }

            var start = pos;
            while (pos < text.Length && text[pos] is not ('\n' or '\r'))
            {
                pos++;
            }

            var segment = text.AsSpan(start, pos - start);
            if (pos < text.Length)
            {
                pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
            }

            if (first && (segment.IsEmpty || segment[0] is '#' or '!'))
            {
                return null;
            }

            first = false;
            var backslashes = 0;
            while (backslashes < segment.Length && segment[segment.Length - 1 - backslashes] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 1)
            {
                builder.Append(segment[..^1]);
                if (pos < text.Length)
                {
                    continue;
                }

                return builder.ToString();
            }

            builder.Append(segment);
            return builder.ToString();
        }
    }

    /// <summary>Appends the (possibly escaped) character at <paramref name="i"/> and returns the next index.</summary>
    private static int Unescape(string line, int i, StringBuilder output)
    {
        if (line[i] != '\\' || i + 1 >= line.Length)
        {
            output.Append(line[i]);
            return i + 1;
        }

        var c = line[i + 1];
        switch (c)
        {
            case 't': output.Append('\t'); return i + 2;
            case 'n': output.Append('\n'); return i + 2;
            case 'r': output.Append('\r'); return i + 2;
            case 'f': output.Append('\f'); return i + 2;
            case 'u' when i + 6 <= line.Length
                && int.TryParse(line.AsSpan(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code):
                output.Append((char)code);
                return i + 6;
            default:
                output.Append(c);
                return i + 2;
        }
    }

    /// <summary>A mutable tree of property values where objects win over strings.</summary>
    private sealed class Tree
    {
        private readonly Dictionary<string, Tree> _children = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private string? _value;

        public void Set(string[] path, string value)
        {
            var node = this;
            foreach (var key in path)
            {
                if (!node._children.TryGetValue(key, out var child))
                {
                    child = new Tree();
                    node._children.Add(key, child);
                    node._order.Add(key);
                }

                node = child;
            }

            node._value = value;
        }

        public ObjectNode ToNode(SourcePosition position)
        {
            var obj = new ObjectNode(position);
            foreach (var key in _order)
            {
                var child = _children[key];
                obj.Add(key, child._children.Count > 0
                    ? child.ToNode(position)
                    : new ValueNode(HoconLiteral.FromString(child._value ?? string.Empty), position));
            }

            return obj;
        }
    }
}
