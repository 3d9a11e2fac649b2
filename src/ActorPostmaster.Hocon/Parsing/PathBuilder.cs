using System.Text;

namespace ActorPostmaster.Hocon.Parsing;

/// <summary>
/// Builds and renders path expressions. Outside quotes a '.' separates elements (also inside numbers and keywords,
/// so <c>10.0foo</c> is <c>10</c> then <c>0foo</c>); inside quotes it is an ordinary character. Empty elements must be
/// quoted: <c>a..b</c>, <c>.a</c> and <c>a.</c> are errors.
/// </summary>
internal static class PathBuilder
{
    /// <summary>Builds a path from the tokens of a key or substitution; whitespace at both ends is ignored.</summary>
    /// <param name="tokens">Simple-value and whitespace tokens.</param>
    /// <param name="start">Where the expression starts (for errors when it is empty).</param>
    /// <param name="what">"key" or "substitution", for messages.</param>
    public static IReadOnlyList<string> Build(IReadOnlyList<Token> tokens, SourcePosition start, string what)
    {
        var first = 0;
        var last = tokens.Count - 1;
        while (first <= last && tokens[first].Kind == TokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && tokens[last].Kind == TokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw new HoconParseException(start, $"expected a path expression in the {what} but found nothing");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = first; i <= last; i++)
        {
            var token = tokens[i];
            if (token.IsQuoted)
            {
                current.Append(token.Text);
                hasContent = true;
                continue;
            }

            var column = token.Position.Column;
            foreach (var c in token.Text)
            {
                if (c == '.' && token.Kind != TokenKind.Whitespace)
                {
                    if (!hasContent)
                    {
                        throw new HoconParseException(
                            token.Position with { Column = column },
                            $"empty element in the path of the {what}: an empty key must be quoted, as in a.\"\".b");
                    }

                    segments.Add(current.ToString());
                    current.Clear();
                    hasContent = false;
                }
                else
                {
                    current.Append(c);
                    hasContent = true;
                }

                column++;
            }
        }

        if (!hasContent)
        {
            var end = tokens[last];
            throw new HoconParseException(
                end.Position with { Column = end.Position.Column + end.Text.Length - 1 },
                $"the path of the {what} ends with '.': an empty key must be quoted, as in a.\"\"");
        }

        segments.Add(current.ToString());
        return segments;
    }

    /// <summary>
    /// Parses a path given to the <see cref="Config"/> getters, e.g. <c>akka.actor."my.key"</c>.
    /// Unquoted text may contain any character except '.', '"' and whitespace.
    /// </summary>
    public static IReadOnlyList<string> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException("A configuration path cannot be empty.", nameof(path));
        }

        if (!path.Contains('"', StringComparison.Ordinal))
        {
            var parts = path.Split('.');
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Trim().Length != part.Length)
                {
                    throw new ArgumentException(
                        $"'{path}' is not a valid path: elements cannot be empty or start or end with whitespace (quote them).",
                        nameof(path));
                }
            }

            return parts;
        }

        try
        {
            var tokens = new Lexer(path, "<path>").Tokenize();
            tokens.RemoveAt(tokens.Count - 1);
            foreach (var token in tokens)
            {
                if (!token.IsSimpleText && token.Kind != TokenKind.Whitespace)
                {
                    throw new ArgumentException($"'{path}' is not a valid path: unexpected {token.Describe()}.", nameof(path));
                }
            }

            return Build(tokens, new SourcePosition("<path>", 1, 1), "path");
        }
        catch (HoconParseException e)
        {
            throw new ArgumentException($"'{path}' is not a valid path: {e.Reason}", nameof(path), e);
        }
    }

    /// <summary>Renders a path, quoting the elements that need it, e.g. <c>a."b.c".d</c>.</summary>
    public static string Render(IEnumerable<string> segments) => string.Join('.', segments.Select(Quote));

    /// <summary>Appends a key to a rendered path.</summary>
    public static string Append(string path, string key) => path.Length == 0 ? Quote(key) : $"{path}.{Quote(key)}";

    private static string Quote(string key)
    {
        if (key.Length > 0 && key.All(c => c != '.' && !Lexer.IsWhitespace(c) && !Lexer.IsForbiddenInUnquoted(c)))
        {
            return key;
        }

        return System.Text.Json.JsonSerializer.Serialize(key);
    }
}
