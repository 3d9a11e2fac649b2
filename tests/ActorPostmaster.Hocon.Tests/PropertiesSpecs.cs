namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Java properties mapping".</summary>
public sealed class PropertiesSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Tree(string properties) =>
        TreeNormalizer.Normalize(ConfigurationFactory.ParseFile(_dir.Write("test.properties", properties)).Root);

    [Fact]
    public void Dotted_keys_should_become_paths_and_values_strings() =>
        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"a":{"b":{"c":"1"},"d":"true"}}"""), Tree("a.b.c=1\na.d = true\n"));

    [Fact]
    public void Empty_elements_should_be_kept() =>
        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"a":{"":"x"},"":{"b":"y"}}"""), Tree("a.=x\n.b=y"));

    [Fact]
    public void Object_should_win_over_a_string_at_the_same_path() =>
        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"a":{"b":"world"},"c":{"d":"2"}}"""), Tree("a=hello\na.b=world\nc.d=2\nc=1"));

    [Fact]
    public void Separators_comments_escapes_and_continuations_should_follow_java() =>
        Assert.Equal(
            TreeNormalizer.NormalizeJsonText("""{"k1":"v1","k2":"v2","k3":"v3","key with spaces":"tab\there","long":"onetwo","u":"\u00e9","empty":""}"""),
            Tree("# comment\n! also a comment\nk1=v1\nk2:v2\nk3 v3\nkey\\ with\\ spaces = tab\\there\nlong = one\\\n    two\nu=\\u00e9\nempty\n"));

    [Fact]
    public void Later_duplicate_should_win() =>
        Assert.Equal("2", ConfigurationFactory.ParseFile(_dir.Write("dup.properties", "a=1\r\na=2\r\n")).GetString("a"));

    [Fact]
    public void String_values_should_convert_when_read_as_other_types()
    {
        var config = ConfigurationFactory.ParseFile(_dir.Write("typed.properties", "n=42\nb=on\nt=5s"));

        Assert.Equal((42, true, TimeSpan.FromSeconds(5)), (config.GetInt("n"), config.GetBoolean("b"), config.GetTimeSpan("t")));
    }
}
