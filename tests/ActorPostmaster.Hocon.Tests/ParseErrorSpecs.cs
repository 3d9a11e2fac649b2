namespace ActorPostmaster.Hocon.Tests;

/// <summary>Parse errors name the file, line and column of the problem.</summary>
public sealed class ParseErrorSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Missing_closing_brace_should_report_end_of_input() =>
        Hocon.AssertError("{ a : 1", "<string>:1:8: expected '}' but found end of input");

    [Fact]
    public void Missing_closing_brace_of_a_nested_object_should_report_end_of_input() =>
        Hocon.AssertError("a {\n  b = 1\n", "<string>:3:1: expected '}' but found end of input");

    [Fact]
    public void Closing_brace_without_an_opening_one_should_be_an_error() =>
        Hocon.AssertError("a : 1 }", "<string>:1:7: unbalanced '}': the document does not start with '{'");

    [Fact]
    public void Text_after_the_root_object_should_be_an_error() =>
        Hocon.AssertError("{ a = 1 }\n}", "<string>:2:1: expected end of input but found '}'");

    [Fact]
    public void Missing_closing_bracket_should_report_end_of_input() =>
        Hocon.AssertError("a = [1, 2", "<string>:1:10: expected ']' but found end of input");

    [Fact]
    public void Unterminated_string_should_point_at_its_start() =>
        Hocon.AssertError("a = 1\nb = \"abc", "<string>:2:5: unterminated quoted string: expected '\"' but found end of input");

    [Fact]
    public void Missing_separator_should_name_the_key() =>
        Hocon.AssertError("a.b [1]", "<string>:1:5: expected ':', '=', '+=' or '{' after the key 'a.b' but found '['");

    [Fact]
    public void Second_separator_should_be_an_error() =>
        Hocon.AssertError("a = b = c", "<string>:1:7: expected ',' or newline after a field but found '='");

    [Fact]
    public void Value_may_follow_the_separator_on_the_next_line_so_a_missing_value_shows_at_the_next_separator() =>
        Hocon.AssertError("a = \nb = 1", "<string>:2:3: expected ',' or newline after a field but found '='");

    [Fact]
    public void Value_at_end_of_input_should_be_an_error() =>
        Hocon.AssertError("a =", "<string>:1:4: expected a value but found end of input");

    [Fact]
    public void Comma_instead_of_a_key_should_be_an_error() =>
        Hocon.AssertError("{ , a = 1 }", "<string>:1:3: expected a key but found ','");

    [Fact]
    public void Unclosed_substitution_should_be_an_error() =>
        Hocon.AssertError("a = ${b\nc = 1", "<string>:1:8: expected '}' to close the substitution but found newline");

    [Fact]
    public void Array_element_separator_should_be_checked() =>
        Hocon.AssertError("a = [1 : 2]", "<string>:1:8: expected ',', newline or ']' in an array but found ':'");

    [Fact]
    public void Tabs_should_count_as_one_column() =>
        Hocon.AssertError("\t\ta = [", "<string>:1:8: expected ']' but found end of input");

    [Fact]
    public void File_errors_should_name_the_file_line_and_column()
    {
        var lines = Enumerable.Repeat("ok = 1", 11).Append("bad = { x = 1 ").Append("next = 2");
        var path = _dir.Write("postmaster.conf", string.Join('\n', lines));

        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(path));

        Assert.Equal($"{path}:13:9: expected '}}' but found end of input", error.Message);
        Assert.Equal((path, 13, 9), (error.File, error.Line, error.Column));
        Assert.Equal("expected '}' but found end of input", error.Reason);
    }

    [Fact]
    public void File_name_should_be_reported_as_given()
    {
        _dir.Write("postmaster.conf", string.Join('\n', Enumerable.Repeat("ok = 1", 11)) + "\nport = { ,");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_dir.Path, "postmaster.conf"));

        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(relative));

        Assert.Equal($"{relative}:12:10: expected a key but found ','", error.Message);
    }

    [Fact]
    public void Deep_nesting_should_be_an_error_not_a_stack_overflow()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse(text));

        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }
}
