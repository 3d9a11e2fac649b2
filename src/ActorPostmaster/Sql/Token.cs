namespace ActorPostmaster.Sql;

/// <summary>What a lexer token is.</summary>
internal enum TokenKind
{
    /// <summary>The end of the query text.</summary>
    EndOfInput,

    /// <summary>An identifier or keyword (unquoted: folded to lower case; quoted: as written, never a keyword).</summary>
    Identifier,

    /// <summary>An integer literal that fits in int4 (PostgreSQL's ICONST).</summary>
    Integer,

    /// <summary>Any other numeric literal, kept as written (PostgreSQL's FCONST).</summary>
    Numeric,

    /// <summary>A string literal ('…', E'…', U&amp;'…', $$…$$), its value decoded.</summary>
    String,

    /// <summary>A bit-string literal (B'…' or X'…'); the value is the prefix letter and the digits.</summary>
    BitString,

    /// <summary>A positional parameter $n.</summary>
    Parameter,

    /// <summary>A single-character token of the grammar: , ( ) [ ] . ; : + - * / % ^ &lt; &gt; =.</summary>
    Punctuation,

    /// <summary>Any other operator (PostgreSQL's Op), e.g. || or ~~.</summary>
    Operator,

    /// <summary>::</summary>
    Typecast,

    /// <summary>..</summary>
    DotDot,

    /// <summary>:=</summary>
    ColonEquals,

    /// <summary>=&gt;</summary>
    EqualsGreater,

    /// <summary>&lt;=</summary>
    LessEquals,

    /// <summary>&gt;=</summary>
    GreaterEquals,

    /// <summary>&lt;&gt; or !=</summary>
    NotEquals,

    /// <summary>A character the grammar has no use for (always a syntax error).</summary>
    Other,
}

/// <summary>One token: its kind, its value, where it is in the query text and, for unquoted words, its keyword category.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Value">Identifier name, literal value, operator or punctuation text.</param>
/// <param name="Start">Index (UTF-16) of the first character.</param>
/// <param name="End">Index (UTF-16) just past the last character.</param>
/// <param name="Keyword">The keyword category when the token is an unquoted keyword.</param>
/// <param name="IntValue">The value of an <see cref="TokenKind.Integer"/> or <see cref="TokenKind.Parameter"/>.</param>
internal readonly record struct Token(TokenKind Kind, string Value, int Start, int End, KeywordCategory? Keyword = null, int IntValue = 0)
{
    /// <summary>True for the unquoted keyword <paramref name="word"/> (lower case).</summary>
    public bool IsKeyword(string word) => Keyword is not null && Value == word;

    /// <summary>True for punctuation <paramref name="c"/>.</summary>
    public bool IsPunctuation(char c) => Kind == TokenKind.Punctuation && Value[0] == c;

    /// <summary>True for an identifier that is not a keyword, or is a quoted identifier.</summary>
    public bool IsPlainIdentifier => Kind == TokenKind.Identifier && Keyword is null;
}
