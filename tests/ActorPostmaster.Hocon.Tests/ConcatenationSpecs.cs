namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Value concatenation" (string, array and object concatenation).</summary>
public sealed class ConcatenationSpecs
{
    [Fact]
    public void Whitespace_between_simple_values_should_be_preserved_and_trimmed_at_the_ends() =>
        Assert.Equal("foo  bar\tbaz", Hocon.Parse("a =    foo  bar\tbaz   ").GetString("a"));

    [Fact]
    public void Unquoted_concatenation_should_equal_the_quoted_string() =>
        Hocon.AssertSameTree("""{"a":"foo bar","b":"foo bar"}""", "a = foo bar, b = \"foo bar\"");

    [Fact]
    public void Non_string_values_should_concatenate_as_written() =>
        Assert.Equal("null 1e5 true 3.140 x", Hocon.Parse("a = null 1e5 true 3.140 x").GetString("a"));

    [Fact]
    public void Quoted_and_unquoted_parts_should_concatenate_without_added_space() =>
        Assert.Equal("foo bar.baz", Hocon.Parse("a = foo\" bar\".baz").GetString("a"));

    [Fact]
    public void Simple_values_separated_by_spaces_in_an_array_should_form_one_element() =>
        Hocon.AssertSameTree("""{"a":["1 2 3 4"],"b":[1,2,3,4]}""", "a = [ 1 2 3 4 ]\nb = [ 1\n2\n3\n4 ]");

    [Fact]
    public void Arrays_on_one_line_should_concatenate() =>
        Hocon.AssertSameTree("""{"a":[1,2,3,4],"b":[[1,2,3,4]],"c":[[1,2],[3,4]]}""", "a = [1, 2] [3, 4]\nb = [ [1, 2] [3, 4] ]\nc = [ [1, 2]\n[3, 4] ]");

    [Fact]
    public void Objects_on_one_line_should_merge() =>
        Hocon.AssertSameTree("""{"a":{"b":1,"c":3}}""", "a : { b : 1, c : 2 } { c : 3 }");

    [Fact]
    public void Substitutions_should_concatenate_as_strings_with_the_whitespace_between() =>
        Assert.Equal("My name is Ada  Lovelace.", Hocon.Parse("first = Ada, last = Lovelace\na = My name is ${first}  ${last}.").GetString("a"));

    [Fact]
    public void Quoted_rest_after_a_substitution_should_concatenate() =>
        Assert.Equal("cat is my favorite animal", Hocon.Parse("animal.favorite = cat\nkey : ${animal.favorite}\" is my favorite animal\"").GetString("key"));

    [Fact]
    public void Substitution_resolving_to_null_should_concatenate_as_an_empty_string() =>
        Assert.Equal("x  y", Hocon.Parse("n = null\na = x ${n} y").GetString("a"));

    [Fact]
    public void Substitutions_of_arrays_should_concatenate_and_ignore_unquoted_whitespace() =>
        Hocon.AssertSameTree("""{"x":[1],"y":[2],"a":[1,2,3]}""", "x = [1], y = [2]\na = ${x} ${y} [3]");

    [Fact]
    public void Substitutions_of_objects_should_merge_like_inheritance() =>
        Hocon.AssertSameTree(
            """{"generic":{"cluster-size":6,"name":"generic"},"east":{"cluster-size":6,"name":"east"}}""",
            "generic = { cluster-size = 6, name = generic }\neast = ${generic} { name = \"east\" }");

    [Fact]
    public void Array_and_string_should_not_concatenate() =>
        Hocon.AssertError("a = [1] x", "<string>:1:9: cannot concatenate a string with an array");

    [Fact]
    public void Object_and_array_should_not_concatenate() =>
        Hocon.AssertError("a = { b = 1 } [2]", "<string>:1:15: cannot concatenate an array with an object");

    [Fact]
    public void Substituted_array_and_string_should_not_concatenate() =>
        Hocon.AssertError("x = [1]\na = ${x} text", "<string>:2:10: cannot concatenate a string with an array in the value of a");

    [Fact]
    public void Quoted_whitespace_between_substituted_arrays_should_be_an_error() =>
        Hocon.AssertError("x = [1]\na = ${x}\" \"${x}", "<string>:2:9: cannot concatenate a string with an array in the value of a");

    [Fact]
    public void Concatenation_should_not_span_a_newline() =>
        Hocon.AssertSameTree("""{"a":"x","b":"y"}""", "a = x\nb = y");
}
