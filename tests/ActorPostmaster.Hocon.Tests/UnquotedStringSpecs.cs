namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Unquoted strings".</summary>
public sealed class UnquotedStringSpecs
{
    [Fact]
    public void Unquoted_text_should_be_a_string() =>
        Hocon.AssertSameTree("""{"a":"hello-world_1.2/x"}""", "a = hello-world_1.2/x");

    [Fact]
    public void Keywords_alone_should_keep_their_type() =>
        Hocon.AssertSameTree("""{"t":true,"f":false,"n":null,"i":42,"d":-1.5e3}""", "t = true, f = false, n = null, i = 42, d = -1.5e3");

    [Fact]
    public void Keyword_followed_by_text_should_be_a_string() =>
        Hocon.AssertSameTree("""{"a":"truefoo","b":"footrue","c":"nullable"}""", "a = truefoo, b = footrue, c = nullable");

    [Fact]
    public void Number_followed_by_text_should_be_a_string() =>
        Hocon.AssertSameTree("""{"a":"10.0bar","b":"bar10.0"}""", "a = 10.0bar, b = bar10.0");

    [Fact]
    public void Dotted_numbers_that_are_not_numbers_should_be_strings() =>
        Hocon.AssertSameTree("""{"ip":"127.0.0.1","date":"2024-01-31"}""", "ip = 127.0.0.1, date = 2024-01-31");

    [Fact]
    public void Include_as_a_value_should_be_a_plain_string() =>
        Hocon.AssertSameTree("""{"foo":"include","list":["include"]}""", "foo : include, list : [ include ]");

    [Theory]
    [InlineData("a = b&c", 6, '&')]
    [InlineData("a = b*c", 6, '*')]
    [InlineData("a = b^c", 6, '^')]
    [InlineData("a = b`c", 6, '`')]
    [InlineData("a = b!c", 6, '!')]
    [InlineData("a = b@c", 6, '@')]
    [InlineData("a = b?c", 6, '?')]
    [InlineData("a = b\\c", 6, '\\')]
    public void Forbidden_characters_should_be_errors(string hocon, int column, char forbidden) =>
        Hocon.AssertError(hocon, $"<string>:1:{column}: the character '{forbidden}' is not allowed outside quotes; quote the text that contains it");

    [Fact]
    public void Plus_outside_of_plus_equals_should_be_an_error() =>
        Hocon.AssertError("a = b+c", "<string>:1:6: '+' is not allowed outside quotes (did you mean '+='?)");

    [Fact]
    public void Dollar_outside_of_a_substitution_should_be_an_error() =>
        Hocon.AssertError("a = $b", "<string>:1:5: '$' is not allowed outside quotes (a substitution is written ${path})");
}
