using System.Globalization;
using System.Text;

namespace ActorPostmaster.Hocon.Parsing;

/// <summary>
/// Splits HOCON text into tokens. Comments are dropped; whitespace other than newlines is kept as tokens because
/// it matters for value concatenation. A leading UTF-8 byte-order mark is skipped.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public Lexer(string text, string file)
    {
        _text = text;
        _file = file;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            _pos = 1;
        }
    }

    /// <summary>Tokenizes the whole text; the last token is always <see cref="TokenKind.End"/>.</summary>
    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.End);
        return tokens;
    }

    /// <summary>
    /// Whether <paramref name="c"/> is HOCON whitespace: Unicode space, line and paragraph separators, the ASCII
    /// control whitespace, the file/group/record/unit separators, and the byte-order mark.
    /// </summary>
    public static bool IsWhitespace(char c)
    {
        switch (c)
        {
            case ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u001C' or '\u001D' or '\u001E' or '\u001F' or '\uFEFF':
                return true;
            case < '\u0080':
                return false;
            default:
                var category = char.GetUnicodeCategory(c);
                return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator;
        }
    }

    /// <summary>Whether <paramref name="c"/> is one of the characters the spec forbids in unquoted text.</summary>
    public static bool IsForbiddenInUnquoted(char c) => c switch
    {
        '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@'
            or '*' or '&' or '\\' => true,
        _ => false,
    };

    private SourcePosition Position => new(_file, _line, _column);

    private char Current => _text[_pos];

    private bool AtEnd => _pos >= _text.Length;

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private static HoconParseException Error(SourcePosition position, string reason) => new(position, reason);

    private Token Next()
    {
        while (true)
        {
            if (AtEnd)
            {
                return new Token(TokenKind.End, string.Empty, Position);
            }

            var c = Current;
            if (c == '#' || (c == '/' && PeekAt(1) == '/'))
            {
                while (!AtEnd && Current != '\n')
                {
                    Advance();
                }

                continue;
            }

            var start = Position;
            switch (c)
            {
                case '\n':
                    Advance();
                    return new Token(TokenKind.Newline, "\n", start);
                case '{':
                    Advance();
                    return new Token(TokenKind.OpenBrace, "{", start);
                case '}':
                    Advance();
                    return new Token(TokenKind.CloseBrace, "}", start);
                case '[':
                    Advance();
                    return new Token(TokenKind.OpenBracket, "[", start);
                case ']':
                    Advance();
                    return new Token(TokenKind.CloseBracket, "]", start);
                case ',':
                    Advance();
                    return new Token(TokenKind.Comma, ",", start);
                case ':':
                    Advance();
                    return new Token(TokenKind.Colon, ":", start);
                case '=':
                    Advance();
                    return new Token(TokenKind.Equals, "=", start);
                case '+':
                    if (PeekAt(1) != '=')
                    {
                        throw Error(start, "'+' is not allowed outside quotes (did you mean '+='?)");
                    }

                    Advance();
                    Advance();
                    return new Token(TokenKind.PlusEquals, "+=", start);
                case '"':
                    return PeekAt(1) == '"' && PeekAt(2) == '"' ? ReadTripleQuoted(start) : ReadQuoted(start);
                case '$':
                    if (PeekAt(1) != '{')
                    {
                        throw Error(start, "'$' is not allowed outside quotes (a substitution is written ${path})");
                    }

                    return ReadSubstitution(start);
            }

            if (IsWhitespace(c))
            {
                var begin = _pos;
                while (!AtEnd && Current != '\n' && IsWhitespace(Current))
                {
                    Advance();
                }

                return new Token(TokenKind.Whitespace, _text[begin.._pos], start);
            }

            if (IsForbiddenInUnquoted(c))
            {
                throw Error(start, $"the character '{c}' is not allowed outside quotes; quote the text that contains it");
            }

            return c == '-' || char.IsAsciiDigit(c) ? ReadNumber(start) : ReadUnquoted(start);
        }
    }

    private Token ReadNumber(SourcePosition start)
    {
        var begin = _pos;
        while (!AtEnd && (char.IsAsciiDigit(Current) || Current is 'e' or 'E' or '+' or '-' or '.'))
        {
            Advance();
        }

        var text = _text[begin.._pos];
        if (IsJsonNumber(text))
        {
            return new Token(TokenKind.Number, text, start);
        }

        if (text.Contains('+', StringComparison.Ordinal))
        {
            throw Error(start, $"'{text}' is not a number, and '+' is not allowed outside quotes");
        }

        // Not a number (for example 10.0.0.1 or 2024-01-31): the characters are plain unquoted text.
        return new Token(TokenKind.UnquotedText, text, start);
    }

    /// <summary>A JSON number, except that leading zeros are tolerated: <c>-?digits(.digits)?([eE][+-]?digits)?</c>.</summary>
    private static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (!SkipDigits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool SkipDigits(string text, ref int i)
    {
        var begin = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > begin;
    }

    private Token ReadUnquoted(SourcePosition start)
    {
        // true, false and null are recognised only at the start of unquoted text ("truefoo" is true then "foo").
        var (keyword, kind) = _text[_pos] switch
        {
            't' => ("true", TokenKind.True),
            'f' => ("false", TokenKind.False),
            'n' => ("null", TokenKind.Null),
            _ => (string.Empty, TokenKind.UnquotedText),
        };
        if (keyword.Length > 0 && _text.AsSpan(_pos).StartsWith(keyword, StringComparison.Ordinal))
        {
            _pos += keyword.Length;
            _column += keyword.Length;
            return new Token(kind, keyword, start);
        }

        var begin = _pos;
        while (!AtEnd)
        {
            var c = Current;
            if (IsForbiddenInUnquoted(c) || IsWhitespace(c) || (c == '/' && PeekAt(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return new Token(TokenKind.UnquotedText, _text[begin.._pos], start);
    }

    private Token ReadQuoted(SourcePosition start)
    {
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "unterminated quoted string: expected '\"' but found end of input");
            }

            var c = Current;
            if (c == '"')
            {
                Advance();
                return new Token(TokenKind.QuotedString, builder.ToString(), start);
            }

            if (c == '\\')
            {
                var escapePosition = Position;
                Advance();
                if (AtEnd)
                {
                    throw Error(escapePosition, "unterminated escape sequence at end of input");
                }

                var e = Current;
                Advance();
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        var code = 0;
                        for (var i = 0; i < 4; i++)
                        {
                            var h = AtEnd ? '\0' : Current;
                            if (!char.IsAsciiHexDigit(h))
                            {
                                throw Error(escapePosition, "invalid \\u escape: expected four hexadecimal digits");
                            }

                            code = (code * 16) + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                            Advance();
                        }

                        builder.Append((char)code);
                        break;
                    default:
                        throw Error(escapePosition, $"invalid escape sequence '\\{e}' in quoted string");
                }

                continue;
            }

            if (c < ' ')
            {
                throw Error(Position, c == '\n'
                    ? "newline in quoted string: close the string or use \\n (or a \"\"\"triple-quoted\"\"\" string)"
                    : $"control character U+{(int)c:X4} is not allowed in a quoted string; escape it");
            }

            builder.Append(c);
            Advance();
        }
    }

    private Token ReadTripleQuoted(SourcePosition start)
    {
        Advance();
        Advance();
        Advance();
        var begin = _pos;
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "unterminated triple-quoted string: expected '\"\"\"' but found end of input");
            }

            if (Current == '"' && PeekAt(1) == '"' && PeekAt(2) == '"')
            {
                // Any run of three or more quotes ends the string; quotes beyond the last three belong to it.
                while (!AtEnd && Current == '"')
                {
                    Advance();
                }

                var end = _pos - 3;
                return new Token(TokenKind.QuotedString, _text[begin..end], start);
            }

            Advance();
        }
    }

    private Token ReadSubstitution(SourcePosition start)
    {
        var begin = _pos;
        Advance();
        Advance();
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            Advance();
        }

        var parts = new List<Token>();
        while (true)
        {
            var token = Next();
            if (token.Kind == TokenKind.CloseBrace)
            {
                break;
            }

            if (!token.IsSimpleText && token.Kind != TokenKind.Whitespace)
            {
                throw Error(token.Position, token.Kind == TokenKind.Substitution
                    ? "substitutions cannot be nested"
                    : $"expected '}}' to close the substitution but found {token.Describe()}");
            }

            parts.Add(token);
        }

        var path = PathBuilder.Build(parts, start, "substitution");
        return new Token(TokenKind.Substitution, _text[begin.._pos], start) { Path = path, Optional = optional };
    }
}
