namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Path expressions" and "Paths as keys".</summary>
public sealed class PathExpressionSpecs
{
    [Fact]
    public void Dotted_key_should_expand_to_nested_objects() =>
        Hocon.AssertSameTree("""{"foo":{"bar":{"baz":42}}}""", "foo.bar.baz : 42");

    [Fact]
    public void Dotted_keys_should_merge_with_each_other() =>
        Hocon.AssertSameTree("""{"a":{"x":42,"y":43}}""", "a.x : 42, a.y : 43");

    [Fact]
    public void Dotted_key_should_merge_with_an_object_written_in_braces() =>
        Hocon.AssertSameTree("""{"a":{"x":1,"y":2}}""", "a { x = 1 }\na.y = 2");

    [Fact]
    public void Quoted_segment_should_keep_its_dot() =>
        Hocon.AssertSameTree("""{"foo":{"bar":{"hello.world":1}}}""", "foo.bar.\"hello.world\" = 1");

    [Fact]
    public void Number_then_text_should_split_at_the_number_dot() =>
        Hocon.AssertSameTree("""{"10":{"0foo":1}}""", "10.0foo = 1");

    [Fact]
    public void Text_then_number_should_split_at_the_dot() =>
        Hocon.AssertSameTree("""{"foo10":{"0":1}}""", "foo10.0 = 1");

    [Fact]
    public void Quoted_number_should_not_split() =>
        Hocon.AssertSameTree("""{"foo10.0":1}""", "foo\"10.0\" = 1");

    [Fact]
    public void Dotted_number_key_should_be_a_path() =>
        Hocon.AssertSameTree("""{"1":{"2":{"3":1}},"3":{"14":42}}""", "1.2.3 = 1\n3.14 : 42");

    [Fact]
    public void Keyword_keys_should_be_strings() =>
        Hocon.AssertSameTree("""{"true":42,"null":{"x":1}}""", "true : 42, null.x : 1");

    [Fact]
    public void Whitespace_inside_a_key_should_be_kept() =>
        Hocon.AssertSameTree("""{"a b c":42}""", "a b c : 42");

    [Fact]
    public void Quoted_empty_segment_should_be_allowed() =>
        Hocon.AssertSameTree("""{"a":{"":{"b":1}}}""", "a.\"\".b = 1");

    [Fact]
    public void Include_later_in_a_key_should_be_ordinary_text() =>
        Hocon.AssertSameTree("""{"foo include":42,"include":1}""", "foo include : 42, \"include\" : 1");

    [Fact]
    public void Two_dots_in_a_row_should_be_an_error() =>
        Hocon.AssertError("a..b = 1", "<string>:1:3: empty element in the path of the key: an empty key must be quoted, as in a.\"\".b");

    [Fact]
    public void Leading_dot_should_be_an_error() =>
        Hocon.AssertError("x = 1\n.a = 1", "<string>:2:1: empty element in the path of the key: an empty key must be quoted, as in a.\"\".b");

    [Fact]
    public void Trailing_dot_should_be_an_error() =>
        Hocon.AssertError("a. = 1", "<string>:1:2: the path of the key ends with '.': an empty key must be quoted, as in a.\"\"");

    [Fact]
    public void Substitution_path_should_follow_the_same_rules() =>
        Assert.Equal(7, Hocon.Parse("a.\"b.c\".d = 7\nx = ${a.\"b.c\".d}").GetInt("x"));

    [Fact]
    public void Getter_paths_should_accept_quoted_segments() =>
        Assert.Equal(7, Hocon.Parse("a.\"b.c\".d = 7").GetInt("a.\"b.c\".d"));

    [Fact]
    public void Substitution_with_an_empty_segment_should_be_an_error() =>
        Hocon.AssertError("a = ${b..c}", "<string>:1:9: empty element in the path of the substitution: an empty key must be quoted, as in a.\"\".b");
}
