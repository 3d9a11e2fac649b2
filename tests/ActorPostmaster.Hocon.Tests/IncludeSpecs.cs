namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Includes": syntax, merging, substitution fix-up, missing and required files, formats, locations.</summary>
public sealed class IncludeSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Config ParseMain(string content) => ConfigurationFactory.ParseFile(_dir.Write("main.conf", content));

    [Fact]
    public void Included_keys_should_replace_the_include_statement()
    {
        _dir.Write("other.conf", "b = 2\nc = 3");

        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"a":1,"b":2,"c":4}"""), TreeNormalizer.Normalize(ParseMain("a = 1\ninclude \"other.conf\"\nc = 4").Root));
    }

    [Fact]
    public void Included_value_should_override_an_earlier_key_and_merge_objects()
    {
        _dir.Write("other.conf", "a = 2\no { y = 2 }");

        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"a":2,"o":{"x":1,"y":2}}"""), TreeNormalizer.Normalize(ParseMain("a = 1\no { x = 1 }\ninclude \"other.conf\"").Root));
    }

    [Fact]
    public void Include_inside_an_object_should_nest_the_keys()
    {
        _dir.Write("other.conf", "x = 10");

        Assert.Equal(10, ParseMain("a { include \"other.conf\" }").GetInt("a.x"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_should_be_fixed_up_to_the_include_location()
    {
        _dir.Write("foo.conf", "{ x : 10, y : ${x} }");

        var config = ParseMain("a : { include \"foo.conf\" }\na : { x : 42 }");

        Assert.Equal(42, config.GetInt("a.y"));
        Assert.False(config.HasPath("x"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_should_fall_back_to_the_root_path()
    {
        _dir.Write("foo.conf", "y : ${top}");

        Assert.Equal("root", ParseMain("top = root\na { include \"foo.conf\" }").GetString("a.y"));
    }

    [Fact]
    public void Plus_equals_in_an_included_file_should_append_at_the_include_location()
    {
        _dir.Write("foo.conf", "list += 2");

        Assert.Equal(["1", "2"], ParseMain("a { list = [1] }\na { include \"foo.conf\" }").GetStringList("a.list"));
    }

    [Fact]
    public void Missing_include_should_be_ignored() =>
        Assert.Equal(1, ParseMain("include \"does-not-exist.conf\"\na = 1").GetInt("a"));

    [Fact]
    public void Missing_required_include_should_be_an_error_at_the_statement()
    {
        var error = Assert.Throws<HoconParseException>(() => ParseMain("a = 1\n  include required(\"nope.conf\")"));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("required include not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope.conf", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("main.conf", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void File_and_required_forms_should_load_the_file()
    {
        _dir.Write("a.conf", "a = 1");
        _dir.Write("b.conf", "b = 2");
        _dir.Write("c.conf", "c = 3");

        var config = ParseMain("include file(\"a.conf\")\ninclude required(file(\"b.conf\"))\ninclude required( \"c.conf\" )");

        Assert.Equal((1, 2, 3), (config.GetInt("a"), config.GetInt("b"), config.GetInt("c")));
    }

    [Fact]
    public void Include_without_extension_should_merge_properties_json_and_conf_with_conf_last()
    {
        _dir.Write("base.properties", "p = fromProperties\nall = properties");
        _dir.Write("base.json", """{ "j" : 1, "all" : "json" }""");
        _dir.Write("base.conf", "c = true\nall = conf");

        var config = ParseMain("include \"base\"");

        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"p":"fromProperties","j":1,"c":true,"all":"conf"}"""), TreeNormalizer.Normalize(config.Root));
    }

    [Fact]
    public void Nested_include_should_be_relative_to_the_including_file()
    {
        _dir.Write("sub/first.conf", "first = 1\ninclude \"deeper/second.conf\"");
        _dir.Write("sub/deeper/second.conf", "second = 2");
        _dir.Write("deeper/second.conf", "second = wrong");

        var config = ParseMain("include \"sub/first.conf\"");

        Assert.Equal(2, config.GetInt("second"));
    }

    [Fact]
    public void Absolute_include_path_should_be_used_as_is()
    {
        var other = _dir.Write("elsewhere/abs.conf", "abs = yes");

        Assert.True(ParseMain($"include {System.Text.Json.JsonSerializer.Serialize(other)}").GetBoolean("abs"));
    }

    [Fact]
    public void Include_in_a_string_should_resolve_against_the_given_directory()
    {
        _dir.Write("other.conf", "x = 5");

        Assert.Equal(5, ConfigurationFactory.ParseString("include \"other.conf\"", _dir.Path).GetInt("x"));
    }

    [Fact]
    public void Include_cycle_between_two_files_should_be_an_error_naming_the_files()
    {
        _dir.Write("one.conf", "include \"two.conf\"");
        _dir.Write("two.conf", "include \"one.conf\"");

        var error = Assert.Throws<HoconParseException>(() => ParseMain("include \"one.conf\""));

        Assert.Contains("include cycle: one.conf -> two.conf -> one.conf", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("two.conf", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Included_array_should_be_an_error()
    {
        _dir.Write("array.json", "[1, 2]");

        var error = Assert.Throws<HoconParseException>(() => ParseMain("include \"array.json\""));

        Assert.Contains("an included file must contain an object, not an array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_in_an_included_file_should_name_that_file()
    {
        var bad = _dir.Write("bad.conf", "a = 1\nb = [");

        var error = Assert.Throws<HoconParseException>(() => ParseMain("include \"bad.conf\""));

        Assert.Equal($"{bad}:2:6: expected ']' but found end of input", error.Message);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")", "URL includes are not supported")]
    [InlineData("include \"https://example.com/a.conf\"", "URL includes are not supported")]
    [InlineData("include classpath(\"a.conf\")", "classpath(...) includes are not supported")]
    public void Url_and_classpath_includes_should_be_rejected(string statement, string message) =>
        Hocon.AssertErrorAt(statement, 1, 1, message);

    [Theory]
    [InlineData("include foo", "expected a quoted file name")]
    [InlineData("include 42", "expected a quoted file name")]
    [InlineData("include file(\"a.conf\"", "the include statement must end with ')'")]
    [InlineData("include nope(\"a.conf\")", "unknown form 'nope('")]
    public void Malformed_include_should_be_an_error(string statement, string message) =>
        Assert.Contains(message, Assert.Throws<HoconParseException>(() => Hocon.Parse(statement)).Message, StringComparison.Ordinal);
}
