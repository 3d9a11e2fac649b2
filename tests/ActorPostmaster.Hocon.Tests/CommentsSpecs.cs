namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Comments".</summary>
public sealed class CommentsSpecs
{
    [Fact]
    public void Hash_comment_should_be_ignored_until_end_of_line() =>
        Hocon.AssertSameTree("""{"a":1,"b":2}""", "a = 1 # a comment { [\nb = 2 #");

    [Fact]
    public void Double_slash_comment_should_be_ignored_until_end_of_line() =>
        Hocon.AssertSameTree("""{"a":1,"b":2}""", "// leading\na = 1 // trailing\n//\nb = 2");

    [Fact]
    public void Comment_markers_inside_quoted_strings_should_be_kept() =>
        Assert.Equal("x // y # z", Hocon.Parse("a = \"x // y # z\"").GetString("a"));

    [Fact]
    public void Double_slash_should_end_an_unquoted_string() =>
        Assert.Equal("foo", Hocon.Parse("a = foo//bar").GetString("a"));

    [Fact]
    public void Single_slash_should_be_part_of_an_unquoted_string() =>
        Assert.Equal("/usr/local/bin", Hocon.Parse("a = /usr/local/bin").GetString("a"));

    [Fact]
    public void Comment_between_key_and_value_should_be_ignored() =>
        Hocon.AssertSameTree("""{"a":"b"}""", "a # comment\n : # comment\n b");

    [Fact]
    public void Comment_only_document_should_be_empty() =>
        Assert.True(Hocon.Parse("# nothing\n// at all\n").IsEmpty);
}
