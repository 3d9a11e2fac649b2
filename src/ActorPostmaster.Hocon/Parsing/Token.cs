namespace ActorPostmaster.Hocon.Parsing;

/// <summary>The kinds of token the <see cref="Lexer"/> produces.</summary>
internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    Newline,
    Whitespace,
    QuotedString,
    UnquotedText,
    Number,
    True,
    False,
    Null,
    Substitution,
    End,
}

/// <summary>
/// One token. <see cref="Text"/> is the decoded content of a string, the text of a number as written, the
/// whitespace itself, the keyword, or the source text of a substitution. Substitutions also carry their path.
/// </summary>
internal sealed class Token(TokenKind kind, string text, SourcePosition position)
{
    public TokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public SourcePosition Position { get; } = position;

    /// <summary>The path of a <see cref="TokenKind.Substitution"/> token; empty otherwise.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>True for <c>${?path}</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>True for a quoted string token (triple-quoted or not).</summary>
    public bool IsQuoted => Kind == TokenKind.QuotedString;

    /// <summary>Whether this token may be part of a key, a path expression or a simple value.</summary>
    public bool IsSimpleText => Kind is TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Number
        or TokenKind.True or TokenKind.False or TokenKind.Null;

    /// <summary>A short description for error messages, e.g. <c>'}'</c> or <c>end of input</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"quoted string \"{Shorten(Text)}\"",
        TokenKind.UnquotedText => $"'{Shorten(Text)}'",
        TokenKind.Number => $"number {Text}",
        TokenKind.True or TokenKind.False or TokenKind.Null => $"'{Text}'",
        TokenKind.Substitution => $"substitution {Text}",
        _ => $"'{Text}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
