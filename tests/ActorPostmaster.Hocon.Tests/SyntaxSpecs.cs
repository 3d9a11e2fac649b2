namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Omit root braces", "Key-value separator", "Commas" and "Whitespace".</summary>
public sealed class SyntaxSpecs
{
    [Fact]
    public void Root_braces_may_be_omitted() =>
        Hocon.AssertSameTree("""{"a":1,"b":{"c":2}}""", "a : 1\nb { c : 2 }");

    [Fact]
    public void Braced_root_should_be_the_same_as_omitted_braces() =>
        Hocon.AssertSameTree("""{"a":1,"b":{"c":2}}""", "{ a : 1\nb { c : 2 } }");

    [Fact]
    public void Empty_document_should_be_an_empty_object() =>
        Assert.True(Hocon.Parse(string.Empty).IsEmpty);

    [Fact]
    public void Equals_sign_should_be_a_separator_like_colon() =>
        Hocon.AssertSameTree("""{"a":1,"b":"x"}""", "a = 1, b : x");

    [Fact]
    public void Separator_may_be_omitted_before_an_opening_brace() =>
        Hocon.AssertSameTree("""{"foo":{"bar":{}}}""", "foo { bar {} }");

    [Fact]
    public void Newline_should_separate_fields_like_a_comma() =>
        Hocon.AssertSameTree("""{"a":1,"b":2,"c":3}""", "a = 1\nb = 2\n\n\nc = 3");

    [Fact]
    public void Newline_should_separate_array_elements_like_a_comma() =>
        Hocon.AssertSameTree("""{"a":[1,2,3]}""", "a = [\n1\n2\n3\n]");

    [Fact]
    public void A_single_trailing_comma_should_be_ignored() =>
        Hocon.AssertSameTree("""{"a":[1,2,3],"o":{"x":1}}""", "a = [1,2,3,], o = { x = 1, },");

    [Fact]
    public void Two_trailing_commas_should_be_an_error() =>
        Hocon.AssertError("a = [1,2,3,,]", "<string>:1:12: two commas in a row");

    [Fact]
    public void An_initial_comma_should_be_an_error() =>
        Hocon.AssertError("a = [,1,2,3]", "<string>:1:6: expected a value or ']' but found ','");

    [Fact]
    public void Two_commas_between_fields_should_be_an_error() =>
        Hocon.AssertError("a = 1,, b = 2", "<string>:1:7: two commas in a row");

    [Fact]
    public void Windows_line_endings_should_be_accepted() =>
        Hocon.AssertSameTree("""{"a":1,"b":"x y"}""", "a = 1\r\nb = x y\r\n");

    [Fact]
    public void Unicode_space_separators_should_be_whitespace() =>
        Hocon.AssertSameTree("""{"a":1,"b":2}""", "a\u00A0=\u20071\nb\u202F:\u30002");

    [Fact]
    public void Byte_order_mark_should_be_accepted_at_the_start_of_a_string() =>
        Assert.Equal(1, Hocon.Parse("\uFEFFa = 1").GetInt("a"));

    [Fact]
    public void Root_array_should_not_make_a_configuration() =>
        Hocon.AssertError("[1, 2]", "<string>:1:1: the root of a configuration must be an object, not an array");

    [Fact]
    public void Json_document_should_read_as_the_same_tree() =>
        Hocon.AssertSameTree(
            """{"a":{"b":[1,2.5,-3e2,true,false,null,"x\ty"],"c":{}},"d":[]}""",
            """{"a":{"b":[1,2.5,-3e2,true,false,null,"x\ty"],"c":{}},"d":[]}""");
}
