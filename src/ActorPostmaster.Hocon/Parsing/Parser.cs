using System.Runtime.CompilerServices;
using System.Text;

namespace ActorPostmaster.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to the unresolved node tree. It handles the syntax (separators, commas
/// and newlines, path keys, <c>+=</c>, includes) and folds value concatenations that contain no substitution;
/// everything that depends on substitutions is left to the resolver.
/// </summary>
internal sealed class Parser
{
    /// <summary>Objects and arrays nested deeper than this (across includes) are rejected, so that no input can exhaust the stack.</summary>
    public const int MaxNesting = 400;

    private readonly List<Token> _tokens;
    private readonly DocumentLoader _loader;
    private readonly string? _baseDirectory;
    private readonly IReadOnlyList<string> _includePrefix;

    /// <summary>The path of the object being parsed, from the root of the whole configuration.</summary>
    private readonly List<string> _path;

    private int _index;
    private int _depth;

    /// <param name="tokens">The tokens of one document.</param>
    /// <param name="loader">Loads included files.</param>
    /// <param name="baseDirectory">The directory relative includes are resolved against.</param>
    /// <param name="includePrefix">The path this document is included at (empty for the root document).</param>
    /// <param name="depth">The nesting depth of the include statement that led here (0 for the root document).</param>
    public Parser(List<Token> tokens, DocumentLoader loader, string? baseDirectory, IReadOnlyList<string> includePrefix, int depth)
    {
        _depth = depth;
        _tokens = tokens;
        _loader = loader;
        _baseDirectory = baseDirectory;
        _includePrefix = [.. includePrefix];
        _path = [.. includePrefix];
    }

    private Token Peek => _tokens[_index];

    /// <summary>Parses a whole document: an object (braces optional) or an array.</summary>
    public Node ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        Node root;
        if (Peek.Kind == TokenKind.OpenBrace)
        {
            root = ParseBracedObject();
        }
        else if (Peek.Kind == TokenKind.OpenBracket)
        {
            root = ParseArray();
        }
        else
        {
            root = ParseObjectBody(braced: false, Peek.Position);
        }

        SkipWhitespaceAndNewlines();
        if (Peek.Kind != TokenKind.End)
        {
            throw Error(Peek, $"expected end of input but found {Peek.Describe()}");
        }

        return root;
    }

    private static HoconParseException Error(Token token, string reason) => new(token.Position, reason);

    private Token Advance() => _tokens[_index++];

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
        {
            _index++;
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _index++;
        }
    }

    private ObjectNode ParseBracedObject()
    {
        var open = Advance();
        Enter(open);
        var obj = ParseObjectBody(braced: true, open.Position);
        _depth--;
        return obj;
    }

    private void Enter(Token open)
    {
        if (++_depth > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(open, $"objects and arrays are nested more than {MaxNesting} deep");
        }
    }

    private ObjectNode ParseObjectBody(bool braced, SourcePosition position)
    {
        var obj = new ObjectNode(position);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBrace when braced:
                    Advance();
                    return obj;
                case TokenKind.CloseBrace:
                    throw Error(token, "unbalanced '}': the document does not start with '{'");
                case TokenKind.End when braced:
                    throw Error(token, "expected '}' but found end of input");
                case TokenKind.End:
                    return obj;
                case TokenKind.UnquotedText when token.Text == "include":
                    ParseInclude(obj);
                    break;
                default:
                    ParseField(obj);
                    break;
            }

            SkipWhitespace();
            token = Peek;
            if (token.Kind == TokenKind.Comma)
            {
                Advance();
                SkipWhitespaceAndNewlines();
                if (Peek.Kind == TokenKind.Comma)
                {
                    throw Error(Peek, "two commas in a row");
                }
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.CloseBrace or TokenKind.End))
            {
                throw Error(token, braced
                    ? $"expected ',', newline or '}}' after a field but found {token.Describe()}"
                    : $"expected ',' or newline after a field but found {token.Describe()}");
            }
        }
    }

    private void ParseField(ObjectNode obj)
    {
        var keyStart = Peek;
        var keyTokens = new List<Token>();
        while (Peek.IsSimpleText || Peek.Kind == TokenKind.Whitespace)
        {
            keyTokens.Add(Advance());
        }

        if (keyTokens.TrueForAll(t => t.Kind == TokenKind.Whitespace))
        {
            throw Error(Peek, Peek.Kind == TokenKind.Substitution
                ? "substitutions are not allowed in keys"
                : $"expected a key but found {Peek.Describe()}");
        }

        var path = PathBuilder.Build(keyTokens, keyStart.Position, "key");
        SkipWhitespaceAndNewlines();
        var separator = Peek;
        switch (separator.Kind)
        {
            case TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals:
                Advance();
                SkipWhitespaceAndNewlines();
                break;
            case TokenKind.OpenBrace:
                break;
            default:
                throw Error(separator, separator.Kind == TokenKind.Substitution
                    ? "substitutions are not allowed in keys"
                    : $"expected ':', '=', '+=' or '{{' after the key '{PathBuilder.Render(path)}' but found {separator.Describe()}");
        }

        _path.AddRange(path);
        Node value;
        try
        {
            value = ParseValue();
        }
        finally
        {
            _path.RemoveRange(_path.Count - path.Count, path.Count);
        }

        if (separator.Kind == TokenKind.PlusEquals)
        {
            // a += x means a = ${?a} [x], with the path of a taken from the root of the whole configuration.
            var fullPath = new List<string>(_path.Count + path.Count);
            fullPath.AddRange(_path);
            fullPath.AddRange(path);
            var self = new SubstitutionNode(fullPath, optional: true, [], $"${{?{PathBuilder.Render(fullPath)}}}", separator.Position);
            var array = new ArrayNode(value.Position);
            array.Elements.Add(value);
            value = new ConcatNode([self, array], separator.Position);
        }

        obj.Add(path, value, keyStart.Position);
    }

    /// <summary>Parses a value concatenation: simple values, arrays, objects and substitutions on one line.</summary>
    private Node ParseValue()
    {
        var pieces = new List<Node>();
        Token? pendingWhitespace = null;
        while (true)
        {
            var token = Peek;
            Node piece;
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    if (pieces.Count > 0)
                    {
                        pendingWhitespace = token;
                    }

                    Advance();
                    continue;
                case TokenKind.OpenBrace:
                    piece = ParseBracedObject();
                    break;
                case TokenKind.OpenBracket:
                    piece = ParseArray();
                    break;
                case TokenKind.Substitution:
                    Advance();
                    piece = new SubstitutionNode(token.Path, token.Optional, _includePrefix, token.Text, token.Position);
                    break;
                case TokenKind.QuotedString or TokenKind.UnquotedText:
                    Advance();
                    piece = new ValueNode(HoconLiteral.FromString(token.Text), token.Position);
                    break;
                case TokenKind.Number:
                    Advance();
                    piece = new ValueNode(HoconLiteral.FromNumberText(token.Text), token.Position);
                    break;
                case TokenKind.True or TokenKind.False:
                    Advance();
                    piece = new ValueNode(HoconLiteral.FromBoolean(token.Kind == TokenKind.True), token.Position);
                    break;
                case TokenKind.Null:
                    Advance();
                    piece = new ValueNode(HoconLiteral.Null, token.Position);
                    break;
                default:
                    if (pieces.Count == 0)
                    {
                        throw Error(token, $"expected a value but found {token.Describe()}");
                    }

                    return Concatenate(pieces);
            }

            if (pendingWhitespace is not null)
            {
                pieces.Add(new WhitespaceNode(pendingWhitespace.Text, pendingWhitespace.Position));
                pendingWhitespace = null;
            }

            pieces.Add(piece);
        }
    }

    private enum PieceCategory
    {
        None,
        Simple,
        Array,
        Object,
    }

    private static PieceCategory CategoryOf(Node node) => node switch
    {
        ArrayNode => PieceCategory.Array,
        ObjectNode => PieceCategory.Object,
        ValueNode => PieceCategory.Simple,
        _ => PieceCategory.None,
    };

    private static string Describe(PieceCategory category) => category switch
    {
        PieceCategory.Array => "an array",
        PieceCategory.Object => "an object",
        _ => "a string",
    };

    /// <summary>
    /// Folds the pieces of a concatenation when no substitution is involved: simple values become one string
    /// (keeping the whitespace between them), arrays are appended, objects are merged. Mixing kinds is an error.
    /// </summary>
    private static Node Concatenate(List<Node> pieces)
    {
        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        var category = PieceCategory.None;
        var hasSubstitution = false;
        foreach (var piece in pieces)
        {
            var pieceCategory = CategoryOf(piece);
            if (piece is SubstitutionNode)
            {
                hasSubstitution = true;
            }
            else if (pieceCategory != PieceCategory.None)
            {
                if (category != PieceCategory.None && category != pieceCategory)
                {
                    throw new HoconParseException(
                        piece.Position, $"cannot concatenate {Describe(pieceCategory)} with {Describe(category)}");
                }

                category = pieceCategory;
            }
        }

        var position = pieces[0].Position;
        if (hasSubstitution)
        {
            return new ConcatNode(pieces, position);
        }

        switch (category)
        {
            case PieceCategory.Array:
                var array = new ArrayNode(position);
                foreach (var piece in pieces)
                {
                    if (piece is ArrayNode part)
                    {
                        array.Elements.AddRange(part.Elements);
                    }
                }

                return array;
            case PieceCategory.Object:
                var obj = new ObjectNode(position);
                foreach (var piece in pieces)
                {
                    if (piece is ObjectNode part)
                    {
                        obj.MergeFrom(part);
                    }
                }

                return obj;
            default:
                var text = new StringBuilder();
                foreach (var piece in pieces)
                {
                    text.Append(piece is WhitespaceNode ws ? ws.Text : ((HoconLiteral)((ValueNode)piece).Value).ConcatenationText);
                }

                return new ValueNode(HoconLiteral.FromString(text.ToString()), position);
        }
    }

    private ArrayNode ParseArray()
    {
        var open = Advance();
        Enter(open);
        var array = new ArrayNode(open.Position);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    Advance();
                    _depth--;
                    return array;
                case TokenKind.End:
                    throw Error(token, "expected ']' but found end of input");
                case TokenKind.Comma:
                    throw Error(token, array.Elements.Count == 0
                        ? "expected a value or ']' but found ','"
                        : "two commas in a row");
            }

            array.Elements.Add(ParseValue());
            SkipWhitespace();
            token = Peek;
            if (token.Kind == TokenKind.Comma)
            {
                Advance();
                SkipWhitespaceAndNewlines();
                if (Peek.Kind == TokenKind.Comma)
                {
                    throw Error(Peek, "two commas in a row");
                }
            }
            else if (token.Kind == TokenKind.End)
            {
                throw Error(token, "expected ']' but found end of input");
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.CloseBracket))
            {
                throw Error(token, $"expected ',', newline or ']' in an array but found {token.Describe()}");
            }
        }
    }

    /// <summary>
    /// <c>include "name"</c>, <c>include file("name")</c>, <c>include url(...)</c>, <c>include classpath(...)</c>,
    /// each optionally wrapped in <c>required(...)</c>.
    /// </summary>
    private void ParseInclude(ObjectNode obj)
    {
        var include = Advance();
        SkipWhitespaceAndNewlines();
        var opening = new StringBuilder();
        while (Peek.Kind is TokenKind.UnquotedText or TokenKind.Whitespace)
        {
            if (Peek.Kind == TokenKind.UnquotedText)
            {
                opening.Append(Peek.Text);
            }

            Advance();
        }

        if (Peek.Kind != TokenKind.QuotedString)
        {
            throw Error(Peek, $"expected a quoted file name, file(\"...\"), url(\"...\"), classpath(\"...\") or required(...) after 'include' but found {Peek.Describe()}");
        }

        var name = Advance();
        var closing = new StringBuilder();
        while (Peek.Kind is TokenKind.UnquotedText or TokenKind.Whitespace)
        {
            if (Peek.Kind == TokenKind.UnquotedText)
            {
                closing.Append(Peek.Text);
            }

            Advance();
        }

        var (kind, required, depth) = opening.ToString() switch
        {
            "" => (IncludeKind.Heuristic, false, 0),
            "file(" => (IncludeKind.File, false, 1),
            "url(" => (IncludeKind.Url, false, 1),
            "classpath(" => (IncludeKind.Classpath, false, 1),
            "required(" => (IncludeKind.Heuristic, true, 1),
            "required(file(" => (IncludeKind.File, true, 2),
            "required(url(" => (IncludeKind.Url, true, 2),
            "required(classpath(" => (IncludeKind.Classpath, true, 2),
            var other => throw Error(include, $"invalid include statement: unknown form '{other}'; expected file(, url(, classpath( or required("),
        };

        if (closing.ToString() != new string(')', depth))
        {
            throw Error(name, depth == 0
                ? $"unexpected '{closing}' after the include file name"
                : $"the include statement must end with '{new string(')', depth)}' after the file name");
        }

        var included = _loader.Include(new IncludeRequest(name.Text, kind, required), include.Position, _path, _baseDirectory, _depth);
        if (included is not null)
        {
            obj.MergeFrom(included);
        }
    }
}
