namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Substitutions", "Self-Referential Substitutions" and "The += field separator".</summary>
public sealed class SubstitutionSpecs
{
    [Fact]
    public void Substitution_should_copy_the_value_with_its_type() =>
        Hocon.AssertSameTree(
            """{"a":{"n":1,"b":true,"l":[1]},"n":1,"b":true,"l":[1],"o":{"n":1,"b":true,"l":[1]}}""",
            "a { n = 1, b = true, l = [1] }\nn = ${a.n}, b = ${a.b}, l = ${a.l}, o = ${a}");

    [Fact]
    public void Substitution_should_look_forward_to_the_final_value() =>
        Assert.Equal(2, Hocon.Parse("b = ${a}\na = 1\na = 2").GetInt("b"));

    [Fact]
    public void Substitution_should_see_the_merged_object() =>
        Hocon.AssertSameTree("""{"a":{"x":1,"y":2},"b":{"x":1,"y":2}}""", "a { x = 1 }\nb = ${a}\na { y = 2 }");

    [Fact]
    public void Object_should_be_able_to_refer_to_its_own_fields() =>
        Hocon.AssertSameTree("""{"bar":{"foo":43,"baz":43}}""", "bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }");

    [Fact]
    public void Mutually_referring_objects_should_resolve() =>
        Hocon.AssertSameTree(
            """{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""",
            "bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4");

    [Fact]
    public void Missing_optional_substitution_should_not_create_the_field() =>
        Hocon.AssertSameTree("""{"b":1}""", "a = ${?does.not.exist}\nb = 1");

    [Fact]
    public void Missing_optional_substitution_should_keep_the_previous_value() =>
        Assert.Equal(1, Hocon.Parse("a = 1\na = ${?does.not.exist}").GetInt("a"));

    [Fact]
    public void Missing_optional_substitutions_only_should_not_create_the_field() =>
        Assert.False(Hocon.Parse("a = ${?nope1}${?nope2}").HasPath("a"));

    [Fact]
    public void Missing_optional_substitution_in_a_string_should_become_empty() =>
        Assert.Equal("x-", Hocon.Parse("a = x-${?nope}").GetString("a"));

    [Fact]
    public void Missing_optional_substitution_in_an_array_should_add_no_element() =>
        Hocon.AssertSameTree("""{"a":[1,2]}""", "a = [1, ${?nope}, 2]");

    [Fact]
    public void Missing_optional_substitution_with_an_array_should_become_an_empty_array() =>
        Hocon.AssertSameTree("""{"a":[1]}""", "a = ${?nope} [1]");

    [Fact]
    public void Missing_required_substitution_should_be_an_error_at_its_position() =>
        Hocon.AssertError(
            "a = 1\nb = x ${c.d}",
            "<string>:2:7: could not resolve substitution ${c.d}: 'c.d' is not defined in the configuration nor as an environment variable (use ${?...} for an optional substitution)");

    [Fact]
    public void Substitution_through_a_non_object_should_be_undefined() =>
        Hocon.AssertErrorAt("a = 1\nb = ${a.x}", 2, 5, "could not resolve substitution ${a.x}");

    [Fact]
    public void Substitution_should_fall_back_to_an_environment_variable()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-env/x", Hocon.Parse($"a = ${{{name}}}/x").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Value_in_the_configuration_should_hide_the_environment_variable()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = Hocon.Parse($"{name} = null\na = x${{{name}}}\nb = ${{?{name}}}");

            Assert.Equal("x", config.GetString("a"));
            Assert.Equal(HoconValueKind.Null, config.GetValue("b")!.Kind);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Self_reference_should_append_to_the_earlier_value() =>
        Hocon.AssertSameTree("""{"a":[1,2,3,4]}""", "a : [ 1, 2 ]\na : ${a} [ 3, 4 ]");

    [Fact]
    public void Self_referential_string_should_extend_the_earlier_value() =>
        Assert.Equal("a:b:c:d", Hocon.Parse("path : \"a:b:c\"\npath : ${path}\":d\"").GetString("path"));

    [Fact]
    public void Repeated_self_references_should_each_see_the_value_before_them() =>
        Assert.Equal("/bin:/usr/bin:/opt/bin", Hocon.Parse("p = /bin\np = ${p}\":/usr/bin\"\np = ${p}\":/opt/bin\"").GetString("p"));

    [Fact]
    public void Self_reference_inside_a_nested_object_should_see_the_earlier_value() =>
        Hocon.AssertSameTree("""{"x":{"list":[1,2]}}""", "x { list = [1] }\nx { list = ${x.list} [2] }");

    [Fact]
    public void Self_reference_to_an_object_should_merge_with_the_overridden_value() =>
        Hocon.AssertSameTree("""{"foo":{"a":1,"b":2}}""", "foo : { a : 1 }\nfoo : ${foo} { b : 2 }");

    [Fact]
    public void Self_reference_through_a_path_should_look_below() =>
        Hocon.AssertSameTree("""{"foo":{"a":2,"c":1}}""", "foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }");

    [Fact]
    public void Optional_self_reference_without_an_earlier_value_should_be_undefined() =>
        Assert.Equal("foo", Hocon.Parse("a = ${?a}foo").GetString("a"));

    [Fact]
    public void Optional_self_reference_alone_should_make_the_field_disappear() =>
        Assert.False(Hocon.Parse("foo : ${?foo}").HasPath("foo"));

    [Fact]
    public void Self_reference_without_an_earlier_value_should_be_an_error_naming_the_cycle() =>
        Hocon.AssertError(
            "foo : ${foo}",
            "<string>:1:7: substitution cycle: foo = ${foo} -> foo; ${foo} has no earlier value to fall back on");

    [Fact]
    public void Hidden_substitution_should_never_be_evaluated() =>
        Assert.Equal(42, Hocon.Parse("foo : ${does-not-exist}\nfoo : 42\nbar : ${bar}\nbar : 1").GetInt("foo"));

    [Fact]
    public void Plus_equals_should_append_to_an_array() =>
        Hocon.AssertSameTree("""{"a":[1,2,3]}""", "a = [1]\na += 2\na += 3");

    [Fact]
    public void Plus_equals_should_create_the_array_on_first_use() =>
        Hocon.AssertSameTree("""{"a":{"b":["x"]}}""", "a { b += x }");

    [Fact]
    public void Plus_equals_on_a_non_array_should_be_an_error() =>
        Hocon.AssertErrorAt("a = 1\na += 2", 2, 6, "cannot concatenate an array with a string in the value of a");

    [Fact]
    public void Two_substitutions_referring_to_each_other_should_be_an_error_naming_the_cycle() =>
        Hocon.AssertError(
            "bar : ${foo}\nfoo : ${bar}",
            "<string>:2:7: substitution cycle: bar = ${foo} -> foo = ${bar} -> bar; ${bar} has no earlier value to fall back on");

    [Fact]
    public void Three_step_loop_should_be_an_error_naming_every_step()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a : ${b}\nb : ${c}\nc : ${a}"));

        Assert.Contains("a = ${b} -> b = ${c} -> c = ${a} -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_containing_a_reference_to_itself_should_be_an_error() =>
        Hocon.AssertError("a : { b : ${a} }", "<string>:1:11: substitution cycle: a.b = ${a} -> a.b");

    [Fact]
    public void Optional_substitution_in_a_cycle_should_be_undefined() =>
        Hocon.AssertSameTree("""{"a":"x","b":"x"}""", "a : ${?b}\nb : x${?a}");

    [Fact]
    public void Swapping_values_should_give_both_fields_the_same_value()
    {
        var config = Hocon.Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");

        Assert.Equal(config.GetInt("a"), config.GetInt("b"));
    }

    [Fact]
    public void Long_substitution_chain_should_resolve()
    {
        var text = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk300 = end";

        Assert.Equal("end", Hocon.Parse(text).GetString("k0"));
    }

    [Fact]
    public void Extremely_long_substitution_chain_should_be_an_error_not_a_stack_overflow()
    {
        const int length = 5_000;
        var text = string.Join('\n', Enumerable.Range(0, length).Select(i => $"k{i} = ${{k{i + 1}}}")) + $"\nk{length} = end";
        Exception? error = null;

        // A 1 MB stack holds about a thousand links; the resolver must stop with an error before it runs out.
        var thread = new Thread(() => error = Record.Exception(() => Hocon.Parse(text)), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        var parseError = Assert.IsType<HoconParseException>(error);
        Assert.Contains("substitutions refer to one another too deeply", parseError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitutions_should_not_be_allowed_in_keys() =>
        Hocon.AssertError("${a} = 1", "<string>:1:1: substitutions are not allowed in keys");

    [Fact]
    public void Nested_substitutions_should_be_an_error() =>
        Hocon.AssertError("a = ${b${c}}", "<string>:1:8: substitutions cannot be nested");
}
