namespace ActorPostmaster.Sql;

/// <summary>
/// The query text and its character positions: PostgreSQL reports 1-based positions counted in characters (code
/// points), not bytes or UTF-16 units.
/// </summary>
internal sealed class SourceText
{
    private readonly bool _hasSurrogates;

    public SourceText(string text)
    {
        Text = text;
        _hasSurrogates = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
    }

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>The 1-based character position of the UTF-16 index <paramref name="index"/>.</summary>
    public int Position(int index)
    {
        if (!_hasSurrogates)
        {
            return index + 1;
        }

        var count = 0;
        for (var i = 0; i < index && i < Text.Length; i++)
        {
            if (!char.IsLowSurrogate(Text[i]) || i == 0 || !char.IsHighSurrogate(Text[i - 1]))
            {
                count++;
            }
        }

        return count + 1;
    }

    /// <summary>The position PostgreSQL gives "end of input": one past the last character.</summary>
    public int EndPosition => Position(Text.Length);

    /// <summary>42601 "syntax error at or near …" for the token, or "syntax error at end of input".</summary>
    public PgException SyntaxError(Token token) => token.Kind == TokenKind.EndOfInput
        ? new PgException(SqlState.SyntaxError, "syntax error at end of input", position: Position(token.Start))
        : new PgException(SqlState.SyntaxError, $"syntax error at or near \"{Text[token.Start..token.End]}\"", position: Position(token.Start));
}
