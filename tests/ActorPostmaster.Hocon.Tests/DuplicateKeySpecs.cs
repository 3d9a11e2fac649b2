namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Duplicate keys and object merging".</summary>
public sealed class DuplicateKeySpecs
{
    [Fact]
    public void Later_value_should_override_an_earlier_non_object() =>
        Hocon.AssertSameTree("""{"a":2}""", "a = 1, a = 2");

    [Fact]
    public void Two_objects_should_merge() =>
        Hocon.AssertSameTree("""{"foo":{"a":42,"b":43}}""", """{ "foo" : { "a" : 42 }, "foo" : { "b" : 43 } }""");

    [Fact]
    public void Objects_should_merge_recursively_and_later_fields_win() =>
        Hocon.AssertSameTree(
            """{"foo":{"a":{"x":1,"y":3,"z":4},"b":5}}""",
            "foo { a { x = 1, y = 2 }, b = 5 }\nfoo { a { y = 3, z = 4 } }");

    [Fact]
    public void Intermediate_null_should_prevent_the_merge() =>
        Hocon.AssertSameTree("""{"foo":{"b":43}}""", """{ "foo" : { "a" : 42 }, "foo" : null, "foo" : { "b" : 43 } }""");

    [Fact]
    public void Object_should_replace_an_earlier_non_object() =>
        Hocon.AssertSameTree("""{"a":{"b":1}}""", "a = [1, 2]\na { b = 1 }");

    [Fact]
    public void Non_object_should_replace_an_earlier_object() =>
        Hocon.AssertSameTree("""{"a":"text"}""", "a { b = 1 }\na = text");
}
