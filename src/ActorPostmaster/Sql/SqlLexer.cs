using System.Globalization;
using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>
/// Turns query text into tokens on demand, following PostgreSQL 15's lexical rules (standard_conforming_strings on,
/// UTF-8): comments, identifiers and keywords, quoted identifiers, the string literal forms, numbers, parameters and
/// operators. Lexical errors are raised when the offending token is reached, as the server does.
/// </summary>
internal sealed class SqlLexer
{
    private const int MaxIdentifierBytes = 63;
    private const string OperatorChars = "~!@#^&|`?+-*/%<>=";
    private const string SelfChars = ",()[].;:+-*/%^<>=";
    private static readonly System.Buffers.SearchValues<char> NonArithmeticOperatorChars = System.Buffers.SearchValues.Create("~!@#^&|`?%");

    private readonly SourceText _source;
    private readonly string _text;
    private int _pos;
    private Token? _pendingNcharString;

    public SqlLexer(SourceText source)
    {
        _source = source;
        _text = source.Text;
    }

    /// <summary>The next token (<see cref="TokenKind.EndOfInput"/> forever once the text is consumed).</summary>
    public Token Next()
    {
        if (_pendingNcharString is { } pending)
        {
            _pendingNcharString = null;
            return pending;
        }

        SkipWhitespaceAndComments();
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.EndOfInput, string.Empty, _text.Length, _text.Length);
        }

        var start = _pos;
        var c = _text[_pos];
        var next = Peek(1);

        if (c == '\'')
        {
            return LexQuotedString(start, start + 1, StringForm.Standard);
        }

        if ((c is 'e' or 'E') && next == '\'')
        {
            return LexQuotedString(start, start + 2, StringForm.Escape);
        }

        if ((c is 'u' or 'U') && next == '&' && Peek(2) == '\'')
        {
            return LexQuotedString(start, start + 3, StringForm.Unicode);
        }

        if ((c is 'u' or 'U') && next == '&' && Peek(2) == '"')
        {
            return LexQuotedIdentifier(start, start + 3, unicode: true);
        }

        if ((c is 'b' or 'B' or 'x' or 'X') && next == '\'')
        {
            return LexBitString(start);
        }

        if ((c is 'n' or 'N') && next == '\'')
        {
            // N'…' is NATIONAL CHARACTER '…': the keyword nchar, then the string.
            _pos = start + 1;
            _pendingNcharString = LexQuotedString(start + 1, start + 2, StringForm.Standard);
            return new Token(TokenKind.Identifier, "nchar", start, start + 1, KeywordCategory.ColumnName);
        }

        if (c == '"')
        {
            return LexQuotedIdentifier(start, start + 1, unicode: false);
        }

        if (c == '$')
        {
            return LexDollar(start);
        }

        if (IsDigit(c) || (c == '.' && IsDigit(next)))
        {
            return LexNumber(start);
        }

        if (IsIdentStart(c))
        {
            return LexIdentifier(start);
        }

        if (c == ':' && next == ':')
        {
            _pos += 2;
            return new Token(TokenKind.Typecast, "::", start, _pos);
        }

        if (c == ':' && next == '=')
        {
            _pos += 2;
            return new Token(TokenKind.ColonEquals, ":=", start, _pos);
        }

        if (c == '.' && next == '.')
        {
            _pos += 2;
            return new Token(TokenKind.DotDot, "..", start, _pos);
        }

        if (OperatorChars.Contains(c, StringComparison.Ordinal))
        {
            return LexOperator(start);
        }

        if (SelfChars.Contains(c, StringComparison.Ordinal))
        {
            _pos++;
            return new Token(TokenKind.Punctuation, c.ToString(), start, _pos);
        }

        _pos += char.IsHighSurrogate(c) && char.IsLowSurrogate(next) ? 2 : 1;
        return new Token(TokenKind.Other, _text[start.._pos], start, _pos);
    }

    private enum StringForm
    {
        Standard,
        Escape,
        Unicode,
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    private static bool IsIdentContinue(char c) => IsIdentStart(c) || IsDigit(c) || c == '$';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private PgException Error(string message, int start, int? end = null)
    {
        var near = _text[start..(end ?? _text.Length)];
        return new PgException(SqlState.SyntaxError, $"{message} at or near \"{near}\"", position: _source.Position(start));
    }

    private void SkipWhitespaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                _pos++;
            }
            else if (c == '-' && Peek(1) == '-')
            {
                while (_pos < _text.Length && _text[_pos] is not '\n' and not '\r')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '/' && Peek(1) == '*')
            {
                depth++;
                _pos += 2;
            }
            else if (_text[_pos] == '*' && Peek(1) == '/')
            {
                depth--;
                _pos += 2;
                if (depth == 0)
                {
                    return;
                }
            }
            else
            {
                _pos++;
            }
        }

        throw Error("unterminated /* comment", start);
    }

    private Token LexIdentifier(int start)
    {
        var end = start;
        while (end < _text.Length && IsIdentContinue(_text[end]))
        {
            end++;
        }

        _pos = end;
        var raw = _text[start..end];
        var folded = FoldCase(raw);
        var category = Keywords.Lookup(folded);
        return new Token(TokenKind.Identifier, category is null ? Truncate(folded) : folded, start, end, category);
    }

    /// <summary>PostgreSQL folds only ASCII letters of an unquoted identifier (in a multi-byte encoding).</summary>
    private static string FoldCase(string raw)
    {
        if (!raw.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return raw;
        }

        return string.Create(raw.Length, raw, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                var ch = s[i];
                span[i] = ch is >= 'A' and <= 'Z' ? (char)(ch + 32) : ch;
            }
        });
    }

    /// <summary>Identifiers are cut to NAMEDATALEN - 1 bytes, at a character boundary.</summary>
    internal static string Truncate(string identifier)
    {
        if (identifier.Length <= MaxIdentifierBytes / 4 || Encoding.UTF8.GetByteCount(identifier) <= MaxIdentifierBytes)
        {
            return identifier;
        }

        var bytes = 0;
        var i = 0;
        while (i < identifier.Length)
        {
            var width = char.IsHighSurrogate(identifier[i]) && i + 1 < identifier.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(identifier.AsSpan(i, width));
            if (bytes + size > MaxIdentifierBytes)
            {
                break;
            }

            bytes += size;
            i += width;
        }

        return identifier[..i];
    }

    private Token LexQuotedIdentifier(int start, int bodyStart, bool unicode)
    {
        var builder = new StringBuilder();
        var i = bodyStart;
        while (true)
        {
            if (i >= _text.Length)
            {
                throw Error("unterminated quoted identifier", start);
            }

            if (_text[i] == '"')
            {
                if (At(i + 1) == '"')
                {
                    builder.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            builder.Append(_text[i]);
            i++;
        }

        _pos = i;
        if (builder.Length == 0)
        {
            throw Error("zero-length delimited identifier", start, i);
        }

        var value = builder.ToString();
        if (unicode)
        {
            var escape = ReadUescape();
            value = DecodeUnicodeEscapes(value, escape, start, bodyStart);
        }

        return new Token(TokenKind.Identifier, Truncate(value), start, _pos);
    }

    private Token LexQuotedString(int start, int bodyStart, StringForm form)
    {
        // The body of each segment; segments separated by whitespace that includes a newline are one literal.
        var raw = new StringBuilder();
        var segmentStarts = new List<(int RawIndex, int TextIndex)>();
        var i = bodyStart;
        segmentStarts.Add((0, i));
        while (true)
        {
            if (i >= _text.Length)
            {
                throw Error("unterminated quoted string", start);
            }

            var ch = _text[i];
            if (ch == '\'')
            {
                if (At(i + 1) == '\'')
                {
                    raw.Append("''");
                    i += 2;
                    continue;
                }

                var continuation = FindContinuation(i + 1);
                if (continuation < 0)
                {
                    i++;
                    break;
                }

                i = continuation + 1;
                segmentStarts.Add((raw.Length, i));
                continue;
            }

            if (form == StringForm.Escape && ch == '\\' && i + 1 < _text.Length)
            {
                raw.Append(ch).Append(_text[i + 1]);
                i += 2;
                continue;
            }

            raw.Append(ch);
            i++;
        }

        _pos = i;
        var body = raw.ToString();
        int TextIndexOf(int rawIndex)
        {
            var segment = segmentStarts.FindLast(s => s.RawIndex <= rawIndex);
            return segment.TextIndex + (rawIndex - segment.RawIndex);
        }

        string value = form switch
        {
            StringForm.Escape => DecodeEscapeString(body, TextIndexOf),
            StringForm.Unicode => DecodeUnicodeEscapes(body.Replace("''", "'", StringComparison.Ordinal), ReadUescape(), start, bodyStart),
            _ => body.Replace("''", "'", StringComparison.Ordinal),
        };
        return new Token(TokenKind.String, value, start, i);
    }

    /// <summary>
    /// After a closing quote: the index of the quote that continues the literal (whitespace with at least one
    /// newline, -- comments allowed, then a quote), or -1.
    /// </summary>
    private int FindContinuation(int from)
    {
        var j = from;
        var sawNewline = false;
        while (j < _text.Length)
        {
            var ch = _text[j];
            if (ch is ' ' or '\t' or '\f')
            {
                j++;
            }
            else if (ch is '\n' or '\r')
            {
                sawNewline = true;
                j++;
            }
            else if (ch == '-' && At(j + 1) == '-')
            {
                while (j < _text.Length && _text[j] is not '\n' and not '\r')
                {
                    j++;
                }
            }
            else
            {
                break;
            }
        }

        return sawNewline && At(j) == '\'' ? j : -1;
    }

    private string DecodeEscapeString(string body, Func<int, int> textIndexOf)
    {
        var bytes = new List<byte>(body.Length);
        Span<byte> buffer = stackalloc byte[4];
        var i = 0;
        while (i < body.Length)
        {
            var ch = body[i];
            if (ch == '\'' && i + 1 < body.Length && body[i + 1] == '\'')
            {
                bytes.Add((byte)'\'');
                i += 2;
                continue;
            }

            if (ch != '\\' || i + 1 >= body.Length)
            {
                var width = char.IsHighSurrogate(ch) && i + 1 < body.Length ? 2 : 1;
                var n = Encoding.UTF8.GetBytes(body.AsSpan(i, width), buffer);
                for (var k = 0; k < n; k++)
                {
                    bytes.Add(buffer[k]);
                }

                i += width;
                continue;
            }

            var escapeStart = i;
            var e = body[i + 1];
            i += 2;
            switch (e)
            {
                case 'b': bytes.Add((byte)'\b'); break;
                case 'f': bytes.Add((byte)'\f'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case >= '0' and <= '7':
                {
                    var value = e - '0';
                    var digits = 1;
                    while (digits < 3 && i < body.Length && body[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (body[i] - '0');
                        i++;
                        digits++;
                    }

                    bytes.Add((byte)value);
                    break;
                }

                case 'x' when i < body.Length && IsHex(body[i]):
                {
                    var value = HexValue(body[i]);
                    i++;
                    if (i < body.Length && IsHex(body[i]))
                    {
                        value = (value * 16) + HexValue(body[i]);
                        i++;
                    }

                    bytes.Add((byte)value);
                    break;
                }

                case 'u' or 'U':
                {
                    var count = e == 'u' ? 4 : 8;
                    var codePoint = ReadHex(body, i, count);
                    if (codePoint < 0)
                    {
                        throw InvalidUnicodeEscape(textIndexOf(escapeStart), @"Unicode escapes must be \uXXXX or \UXXXXXXXX.");
                    }

                    i += count;
                    if (codePoint is >= 0xD800 and <= 0xDBFF)
                    {
                        // A high surrogate must be followed by a \u low surrogate.
                        var low = i + 1 < body.Length && body[i] == '\\' && body[i + 1] == 'u' ? ReadHex(body, i + 2, 4) : -1;
                        if (low is < 0xDC00 or > 0xDFFF)
                        {
                            throw EscapeError("invalid Unicode surrogate pair", body, i, textIndexOf);
                        }

                        codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                    else if (codePoint is >= 0xDC00 and <= 0xDFFF)
                    {
                        throw EscapeError("invalid Unicode surrogate pair", body, escapeStart, textIndexOf);
                    }
                    else if (codePoint == 0 || codePoint > 0x10FFFF)
                    {
                        throw EscapeError("invalid Unicode escape value", body, escapeStart, textIndexOf);
                    }

                    AppendCodePoint(bytes, codePoint);
                    break;
                }

                default:
                {
                    var width = char.IsHighSurrogate(e) && i < body.Length ? 2 : 1;
                    var n = Encoding.UTF8.GetBytes(body.AsSpan(i - 1, width), buffer);
                    for (var k = 0; k < n; k++)
                    {
                        bytes.Add(buffer[k]);
                    }

                    i += width - 1;
                    break;
                }
            }
        }

        return DecodeUtf8(bytes);
    }

    /// <summary>
    /// An E'' escape error as PostgreSQL's lexer reports it: "… at or near" the lexeme at <paramref name="at"/> (an
    /// escape sequence, the closing quote, or the next character).
    /// </summary>
    private PgException EscapeError(string message, string body, int at, Func<int, int> textIndexOf)
    {
        string near;
        if (at >= body.Length)
        {
            near = "'";
        }
        else if (body[at] == '\\' && at + 1 < body.Length)
        {
            var length = body[at + 1] switch
            {
                'u' => 6,
                'U' => 10,
                _ => 2,
            };
            near = body.Substring(at, Math.Min(length, body.Length - at));
        }
        else
        {
            near = body[at].ToString();
        }

        return new PgException(SqlState.SyntaxError, $"{message} at or near \"{near}\"", position: _source.Position(textIndexOf(at)));
    }

    private static void AppendCodePoint(List<byte> bytes, int codePoint)
    {
        Span<byte> buffer = stackalloc byte[4];
        var n = new Rune(codePoint).EncodeToUtf8(buffer);
        for (var k = 0; k < n; k++)
        {
            bytes.Add(buffer[k]);
        }
    }

    private PgException InvalidUnicodeEscape(int textIndex, string hint, string sqlState = SqlState.InvalidEscapeSequence) =>
        new(sqlState, "invalid Unicode escape", hint: hint, position: _source.Position(textIndex));

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static int ReadHex(string s, int at, int count)
    {
        if (at + count > s.Length)
        {
            return -1;
        }

        var value = 0L;
        for (var k = 0; k < count; k++)
        {
            if (!IsHex(s[at + k]))
            {
                return -1;
            }

            value = (value * 16) + HexValue(s[at + k]);
        }

        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    /// <summary>Decodes the bytes an E'' literal produced; invalid UTF-8 (or a zero byte) is an error, as in PostgreSQL.</summary>
    private static string DecodeUtf8(List<byte> bytes)
    {
        var array = bytes.ToArray();
        var index = 0;
        while (index < array.Length)
        {
            if (array[index] == 0)
            {
                throw InvalidByteSequence(array, index, 1);
            }

            var status = Rune.DecodeFromUtf8(array.AsSpan(index), out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                var lead = array[index];
                var length = lead < 0x80 ? 1 : lead < 0xE0 ? (lead >= 0xC0 ? 2 : 1) : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
                throw InvalidByteSequence(array, index, Math.Min(length, array.Length - index));
            }

            index += consumed;
        }

        return Encoding.UTF8.GetString(array);
    }

    private static PgException InvalidByteSequence(byte[] bytes, int at, int length)
    {
        var shown = string.Join(' ', bytes.Skip(at).Take(length).Select(b => "0x" + b.ToString("x2", CultureInfo.InvariantCulture)));
        return new PgException(SqlState.CharacterNotInRepertoire, $"invalid byte sequence for encoding \"UTF8\": {shown}");
    }

    /// <summary>After a U&amp; literal: an optional UESCAPE 'c' clause; returns the escape character.</summary>
    private char ReadUescape()
    {
        var save = _pos;
        SkipWhitespaceAndComments();
        if (_pos + 7 <= _text.Length && string.Compare(_text, _pos, "uescape", 0, 7, StringComparison.OrdinalIgnoreCase) == 0
            && !IsIdentContinue(At(_pos + 7)))
        {
            _pos += 7;
            SkipWhitespaceAndComments();
            var literalStart = _pos;
            if (At(_pos) == '\'')
            {
                var close = _text.IndexOf('\'', _pos + 1);
                var end = close < 0 ? _text.Length : close + 1;
                var content = close < 0 ? string.Empty : _text[(_pos + 1)..close];
                _pos = end;
                var escape = content.Length == 1 ? content[0] : '\0';
                if (content.Length != 1 || IsHex(escape) || escape is '+' or '\'' or '"' or ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    throw Error("invalid Unicode escape character", literalStart, end);
                }

                return escape;
            }

            if (_pos >= _text.Length)
            {
                throw new PgException(SqlState.SyntaxError, "UESCAPE must be followed by a simple string literal at end of input",
                    position: _source.Position(_pos));
            }

            var next = Next();
            throw Error("UESCAPE must be followed by a simple string literal", next.Start, next.End);
        }

        _pos = save;
        return '\\';
    }

    private string DecodeUnicodeEscapes(string body, char escape, int tokenStart, int bodyStart)
    {
        var builder = new StringBuilder(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] != escape)
            {
                builder.Append(body[i]);
                i++;
                continue;
            }

            if (i + 1 < body.Length && body[i + 1] == escape)
            {
                builder.Append(escape);
                i += 2;
                continue;
            }

            int codePoint;
            var escapeAt = i;
            if (i + 1 < body.Length && body[i + 1] == '+')
            {
                codePoint = ReadHex(body, i + 2, 6);
                if (codePoint < 0)
                {
                    throw InvalidUnicodeEscape(bodyStart + i, $"Unicode escapes must be {escape}XXXX or {escape}+XXXXXX.", SqlState.SyntaxError);
                }

                i += 8;
            }
            else
            {
                codePoint = ReadHex(body, i + 1, 4);
                if (codePoint < 0)
                {
                    throw InvalidUnicodeEscape(bodyStart + i, $"Unicode escapes must be {escape}XXXX or {escape}+XXXXXX.", SqlState.SyntaxError);
                }

                i += 5;
            }

            if (codePoint is >= 0xD800 and <= 0xDBFF)
            {
                var low = i < body.Length && body[i] == escape ? ReadHex(body, i + 1, 4) : -1;
                if (low is < 0xDC00 or > 0xDFFF)
                {
                    throw new PgException(SqlState.SyntaxError, "invalid Unicode surrogate pair", position: _source.Position(bodyStart + i));
                }

                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                i += 5;
            }
            else if (codePoint is >= 0xDC00 and <= 0xDFFF)
            {
                throw new PgException(SqlState.SyntaxError, "invalid Unicode surrogate pair", position: _source.Position(bodyStart + escapeAt));
            }

            if (codePoint == 0 || codePoint > 0x10FFFF)
            {
                throw new PgException(SqlState.SyntaxError, "invalid Unicode escape value", position: _source.Position(bodyStart + escapeAt));
            }

            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        return builder.ToString();
    }

    private Token LexBitString(int start)
    {
        var i = start + 2;
        while (i < _text.Length && _text[i] != '\'')
        {
            i++;
        }

        if (i >= _text.Length)
        {
            var kind = _text[start] is 'b' or 'B' ? "bit string" : "hexadecimal string";
            throw Error($"unterminated {kind} literal", start);
        }

        _pos = i + 1;
        var prefix = char.ToLowerInvariant(_text[start]);
        return new Token(TokenKind.BitString, prefix + _text[(start + 2)..i], start, _pos);
    }

    private Token LexDollar(int start)
    {
        // $n: a parameter.
        if (IsDigit(Peek(1)))
        {
            var end = start + 1;
            while (end < _text.Length && IsDigit(_text[end]))
            {
                end++;
            }

            if (end < _text.Length && IsIdentStart(_text[end]))
            {
                throw Error("trailing junk after parameter", start, SkipIdentifierChars(end));
            }

            _pos = end;
            var number = int.TryParse(_text.AsSpan(start + 1, end - start - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : int.MaxValue;
            return new Token(TokenKind.Parameter, _text[start..end], start, end, IntValue: number);
        }

        // $tag$ … $tag$: a dollar-quoted string.
        var tagEnd = start + 1;
        if (tagEnd < _text.Length && IsIdentStart(_text[tagEnd]))
        {
            tagEnd++;
            while (tagEnd < _text.Length && (IsIdentStart(_text[tagEnd]) || IsDigit(_text[tagEnd])))
            {
                tagEnd++;
            }
        }

        if (At(tagEnd) != '$')
        {
            _pos = start + 1;
            return new Token(TokenKind.Other, "$", start, start + 1);
        }

        var tag = _text[start..(tagEnd + 1)];
        var bodyStart = tagEnd + 1;
        var close = _text.IndexOf(tag, bodyStart, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("unterminated dollar-quoted string", start);
        }

        _pos = close + tag.Length;
        return new Token(TokenKind.String, _text[bodyStart..close], start, _pos);
    }

    private int SkipIdentifierChars(int from)
    {
        var end = from;
        while (end < _text.Length && IsIdentContinue(_text[end]))
        {
            end++;
        }

        return end;
    }

    private Token LexNumber(int start)
    {
        var i = start;
        var isDecimal = false;
        while (i < _text.Length && IsDigit(_text[i]))
        {
            i++;
        }

        if (At(i) == '.' && At(i + 1) != '.')
        {
            isDecimal = true;
            i++;
            while (i < _text.Length && IsDigit(_text[i]))
            {
                i++;
            }
        }

        var isReal = false;
        if (At(i) is 'e' or 'E')
        {
            var j = i + 1;
            var signed = At(j) is '+' or '-';
            if (signed)
            {
                j++;
            }

            if (IsDigit(At(j)))
            {
                isReal = true;
                i = j;
                while (i < _text.Length && IsDigit(_text[i]))
                {
                    i++;
                }
            }
            else if (signed)
            {
                throw Error("trailing junk after numeric literal", start, j);
            }
        }

        if (i < _text.Length && IsIdentStart(_text[i]))
        {
            throw Error("trailing junk after numeric literal", start, SkipIdentifierChars(i));
        }

        _pos = i;
        var text = _text[start..i];
        if (!isDecimal && !isReal && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return new Token(TokenKind.Integer, text, start, i, IntValue: value);
        }

        return new Token(TokenKind.Numeric, text, start, i);
    }

    private Token LexOperator(int start)
    {
        var end = start;
        while (end < _text.Length && OperatorChars.Contains(_text[end], StringComparison.Ordinal))
        {
            end++;
        }

        var run = _text.AsSpan(start, end - start);
        var length = run.Length;

        // A comment start ends the operator.
        var comment = run.IndexOf("/*", StringComparison.Ordinal);
        var dashes = run.IndexOf("--", StringComparison.Ordinal);
        if (dashes >= 0 && (comment < 0 || dashes < comment))
        {
            comment = dashes;
        }

        if (comment >= 0)
        {
            length = comment;
        }

        // A multi-character operator cannot end in + or - unless it holds one of ~ ! @ # % ^ & | ` ?.
        if (length > 1 && run[length - 1] is '+' or '-' && run[..(length - 1)].IndexOfAny(NonArithmeticOperatorChars) < 0)
        {
            do
            {
                length--;
            }
            while (length > 1 && run[length - 1] is '+' or '-');
        }

        _pos = start + length;
        var op = _text[start.._pos];
        if (length == 1 && SelfChars.Contains(op[0], StringComparison.Ordinal))
        {
            return new Token(TokenKind.Punctuation, op, start, _pos);
        }

        return op switch
        {
            "=>" => new Token(TokenKind.EqualsGreater, op, start, _pos),
            "<=" => new Token(TokenKind.LessEquals, op, start, _pos),
            ">=" => new Token(TokenKind.GreaterEquals, op, start, _pos),
            "<>" or "!=" => new Token(TokenKind.NotEquals, "<>", start, _pos),
            _ when length >= 64 => throw Error("operator too long", start, _pos),
            _ => new Token(TokenKind.Operator, op, start, _pos),
        };
    }
}
