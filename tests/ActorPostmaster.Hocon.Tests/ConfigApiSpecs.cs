namespace ActorPostmaster.Hocon.Tests;

/// <summary>The Akka-style <see cref="Config"/> API and HOCON.md "Automatic type conversions" and "Config object merging".</summary>
public sealed class ConfigApiSpecs
{
    private static readonly Config Sample = Hocon.Parse("""
        akka {
          loglevel = INFO
          actor {
            provider = local
            "dotted.key" = 1
            debug { receive = on, lifecycle = false }
          }
          int = 42
          long = 9000000000
          double = 2.5
          intString = "17"
          exp = 1e3
          names = [a, b, 3, true]
          mixed = [a, { b = 1 }]
          nothing = null
        }
        """);

    [Fact]
    public void Typed_getters_should_read_values()
    {
        Assert.Equal("INFO", Sample.GetString("akka.loglevel"));
        Assert.Equal(42, Sample.GetInt("akka.int"));
        Assert.Equal(9_000_000_000L, Sample.GetLong("akka.long"));
        Assert.Equal(2.5, Sample.GetDouble("akka.double"));
        Assert.True(Sample.GetBoolean("akka.actor.debug.receive"));
        Assert.False(Sample.GetBoolean("akka.actor.debug.lifecycle"));
        Assert.Equal(1, Sample.GetInt("akka.actor.\"dotted.key\""));
    }

    [Fact]
    public void Strings_and_numbers_should_convert_both_ways()
    {
        Assert.Equal(17, Sample.GetInt("akka.intString"));
        Assert.Equal(1000, Sample.GetInt("akka.exp"));
        Assert.Equal("42", Sample.GetString("akka.int"));
        Assert.Equal("1e3", Sample.GetString("akka.exp"));
        Assert.Equal("false", Sample.GetString("akka.actor.debug.lifecycle"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"YES\"", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Boolean_strings_should_convert(string text, bool expected) =>
        Assert.Equal(expected, Hocon.Parse($"b = {text}").GetBoolean("b"));

    [Fact]
    public void Non_boolean_string_should_be_an_error() =>
        Assert.Equal(
            "Configuration value at path 'akka.loglevel' (the string \"INFO\") is not a boolean: expected true, false, yes, no, on or off.",
            Assert.Throws<ConfigException>(() => Sample.GetBoolean("akka.loglevel")).Message);

    [Fact]
    public void Fractional_number_should_not_read_as_an_integer() =>
        Assert.Equal(
            "Configuration value at path 'akka.double' (the number 2.5) is not an integer.",
            Assert.Throws<ConfigException>(() => Sample.GetInt("akka.double")).Message);

    [Fact]
    public void Long_should_not_read_as_an_int() =>
        Assert.Contains("does not fit in a 32-bit integer", Assert.Throws<ConfigException>(() => Sample.GetInt("akka.long")).Message, StringComparison.Ordinal);

    [Fact]
    public void Object_should_not_read_as_a_string() =>
        Assert.Equal(
            "Configuration value at path 'akka.actor' is an object, not a string.",
            Assert.Throws<ConfigException>(() => Sample.GetString("akka.actor")).Message);

    [Fact]
    public void Missing_path_without_a_default_should_throw_naming_the_path()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("akka.nope.deeper"));

        Assert.Equal("Configuration path 'akka.nope.deeper' was not found.", error.Message);
        Assert.Equal("akka.nope.deeper", error.Path);
    }

    [Fact]
    public void Null_value_without_a_default_should_throw() =>
        Assert.Equal("Configuration value at path 'akka.nothing' is null.", Assert.Throws<ConfigException>(() => Sample.GetInt("akka.nothing")).Message);

    [Fact]
    public void Defaults_should_apply_to_missing_and_null_paths_only()
    {
        Assert.Equal("dflt", Sample.GetString("akka.missing", "dflt"));
        Assert.Null(Sample.GetString("akka.missing", null));
        Assert.Equal(5, Sample.GetInt("akka.nothing", 5));
        Assert.Equal(42, Sample.GetInt("akka.int", 5));
        Assert.Equal(6L, Sample.GetLong("akka.missing", 6L));
        Assert.Equal(1.5, Sample.GetDouble("akka.missing", 1.5));
        Assert.True(Sample.GetBoolean("akka.missing", true));
        Assert.Equal(["x"], Sample.GetStringList("akka.missing", ["x"]));
        Assert.Throws<ConfigException>(() => Sample.GetInt("akka.loglevel", 5));
    }

    [Fact]
    public void String_list_should_convert_simple_elements()
    {
        Assert.Equal(["a", "b", "3", "true"], Sample.GetStringList("akka.names"));
        Assert.Equal("Configuration value at path 'akka.mixed[1]' is an object, not a string.", Assert.Throws<ConfigException>(() => Sample.GetStringList("akka.mixed")).Message);
        Assert.Throws<ConfigException>(() => Sample.GetStringList("akka.loglevel"));
    }

    [Fact]
    public void HasPath_should_be_true_for_present_non_null_values()
    {
        Assert.True(Sample.HasPath("akka"));
        Assert.True(Sample.HasPath("akka.actor.debug.receive"));
        Assert.False(Sample.HasPath("akka.nothing"));
        Assert.False(Sample.HasPath("akka.nope"));
        Assert.False(Sample.HasPath("akka.int.deeper"));
    }

    [Fact]
    public void GetConfig_should_return_a_sub_config_with_relative_paths()
    {
        var actor = Sample.GetConfig("akka.actor");

        Assert.Equal("local", actor.GetString("provider"));
        Assert.True(actor.GetConfig("debug").GetBoolean("receive"));
        Assert.False(actor.HasPath("akka"));
        Assert.Same(Config.Empty, Sample.GetConfig("akka.missing"));
        Assert.Throws<ConfigException>(() => Sample.GetConfig("akka.int"));
    }

    [Fact]
    public void Root_should_expose_the_tree()
    {
        var akka = Assert.IsType<HoconObject>(Sample.Root["akka"]);

        Assert.Equal(["loglevel", "actor", "int", "long", "double", "intString", "exp", "names", "mixed", "nothing"], akka.Keys);
        var names = Assert.IsType<HoconArray>(akka["names"]);
        Assert.Equal(HoconValueKind.Number, names[2].Kind);
        Assert.Equal("3", ((HoconLiteral)names[2]).Value);
        Assert.Equal(HoconValueKind.Null, akka["nothing"].Kind);
    }

    [Fact]
    public void Empty_config_should_be_empty()
    {
        Assert.True(Config.Empty.IsEmpty);
        Assert.True(ConfigurationFactory.Empty.IsEmpty);
        Assert.False(Sample.IsEmpty);
        Assert.True(Hocon.Parse("a = ${?nope}").IsEmpty);
    }

    [Fact]
    public void WithFallback_should_prefer_own_values_and_merge_objects()
    {
        var own = Hocon.Parse("a { x = 1, sub { p = own } }\nb = own");
        var fallback = Hocon.Parse("a { x = 2, y = 3, sub { q = fb } }\nb = { obj = true }\nc = fb");

        var merged = own.WithFallback(fallback);

        Assert.Equal(
            TreeNormalizer.NormalizeJsonText("""{"a":{"x":1,"y":3,"sub":{"p":"own","q":"fb"}},"b":"own","c":"fb"}"""),
            TreeNormalizer.Normalize(merged.Root));
        Assert.Equal(1, own.GetInt("a.x"));
        Assert.False(own.HasPath("c"));
    }

    [Fact]
    public void WithFallback_should_merge_only_adjacent_objects()
    {
        var first = Hocon.Parse("a { x = 1 }");
        var second = Hocon.Parse("a = 42");
        var third = Hocon.Parse("a { y = 2 }");

        Assert.Equal("""{"a":{"x":1}}""", Compact(first.WithFallback(second).WithFallback(third)));
        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"a":{"x":1,"y":2}}"""), TreeNormalizer.Normalize(first.WithFallback(third).WithFallback(second).Root));
    }

    [Fact]
    public void GetConfig_of_a_merged_config_should_keep_the_adjacency_rule_for_later_fallbacks()
    {
        var merged = Hocon.Parse("a.b { x = 1 }").WithFallback(Hocon.Parse("a { b = 42, c = 1 }"));

        var sub = merged.GetConfig("a").WithFallback(Hocon.Parse("b { y = 2 }\nd = 3"));

        Assert.Equal(TreeNormalizer.NormalizeJsonText("""{"b":{"x":1},"c":1,"d":3}"""), TreeNormalizer.Normalize(sub.Root));
    }

    [Fact]
    public void WithFallback_of_GetConfig_should_see_fallback_values()
    {
        var merged = Hocon.Parse("akka.actor.a = 1").WithFallback(Hocon.Parse("akka.actor.b = 2"));

        Assert.Equal(2, merged.GetConfig("akka.actor").GetInt("b"));
    }

    [Fact]
    public void Invalid_getter_path_should_be_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => Sample.GetString("akka..x"));
        Assert.Throws<ArgumentException>(() => Sample.GetString(string.Empty));
    }

    [Fact]
    public void ToString_should_render_json() =>
        Assert.Equal("""{"a":{"b":[1,"x",true,null]}}""", Compact(Hocon.Parse("a.b = [1, x, true, null]")));

    private static string Compact(Config config) =>
        string.Concat(config.ToString().Where(c => !char.IsWhiteSpace(c)));
}
