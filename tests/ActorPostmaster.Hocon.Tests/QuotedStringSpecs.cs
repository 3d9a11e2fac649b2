namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Unchanged from JSON" (quoted strings) and "Multi-line strings".</summary>
public sealed class QuotedStringSpecs
{
    [Fact]
    public void Json_escapes_should_be_decoded() =>
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t \u00e9\u20ac", Hocon.Parse(@"a = ""q\"" b\\ s\/ \b\f\n\r\t \u00e9\u20AC""").GetString("a"));

    [Fact]
    public void Quoted_string_should_keep_special_characters() =>
        Assert.Equal("${not.a.subst} {x} [y] = : , + #", Hocon.Parse("a = \"${not.a.subst} {x} [y] = : , + #\"").GetString("a"));

    [Fact]
    public void Quoted_keywords_and_numbers_should_be_strings() =>
        Hocon.AssertSameTree("""{"a":"true","b":"42","c":"null"}""", "a = \"true\", b = \"42\", c = \"null\"");

    [Fact]
    public void Empty_quoted_string_should_be_empty() =>
        Assert.Equal(string.Empty, Hocon.Parse("a = \"\"").GetString("a"));

    [Fact]
    public void Triple_quoted_string_should_keep_newlines_and_backslashes()
    {
        var value = Hocon.Parse("a = \"\"\"line 1\n  \"quoted\" \\n raw\nline 3\"\"\"").GetString("a");

        Assert.Equal("line 1\n  \"quoted\" \\n raw\nline 3", value);
    }

    [Theory]
    [InlineData("\"\"\"hello\"\"\"\"", "hello\"")]
    [InlineData("\"\"\"hello\"\"\"\"\"", "hello\"\"")]
    [InlineData("\"\"\"\"hello\"\"\"", "\"hello")]
    [InlineData("\"\"\"\"\"\"\"\"", "\"\"")]
    [InlineData("\"\"\"foo\"\"bar\"\"\"", "foo\"\"bar")]
    public void Extra_quotes_at_the_end_of_a_triple_quoted_string_should_belong_to_it(string literal, string expected) =>
        Assert.Equal(expected, Hocon.Parse("a = " + literal).GetString("a"));

    [Fact]
    public void Unterminated_triple_quoted_string_should_be_an_error() =>
        Hocon.AssertError("a = \"\"\"abc\n", "<string>:1:5: unterminated triple-quoted string: expected '\"\"\"' but found end of input");

    [Fact]
    public void Newline_in_a_quoted_string_should_be_an_error() =>
        Hocon.AssertErrorAt("a = \"abc\ndef\"", 1, 9, "newline in quoted string");

    [Fact]
    public void Invalid_escape_should_be_an_error() =>
        Hocon.AssertError("a = \"x\\qy\"", "<string>:1:7: invalid escape sequence '\\q' in quoted string");

    [Fact]
    public void Short_unicode_escape_should_be_an_error() =>
        Hocon.AssertError("a = \"\\u12\"", "<string>:1:6: invalid \\u escape: expected four hexadecimal digits");
}
