namespace ActorPostmaster.Hocon.Tests;

/// <summary>The lightbend/config conformance vectors in ../shared/hocon-conformance.</summary>
public sealed class ConformanceSpecs
{
    public static TheoryData<string, string> EquivalenceFiles()
    {
        var data = new TheoryData<string, string>();
        var folders = Directory.GetDirectories(ConformanceData.Root, "equiv*").OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (folders.Count == 0)
        {
            throw new InvalidOperationException($"No equiv* folders in {ConformanceData.Root}.");
        }

        foreach (var folder in folders)
        {
            // Only the top level of each folder: nested files (equiv03/letters/...) are included, not compared.
            foreach (var file in Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (file is not "original.json")
                {
                    data.Add(Path.GetFileName(folder), file!);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Conformance_vectors_are_present()
    {
        Assert.True(File.Exists(ConformanceData.PathOf("test01.conf")), $"test01.conf missing in {ConformanceData.Root}");
        Assert.True(EquivalenceFiles().Count >= 15, "expected at least 15 equivalence files");
    }

    [Theory]
    [MemberData(nameof(EquivalenceFiles))]
    public void Every_equivalent_file_should_resolve_to_the_tree_of_original_json(string folder, string file)
    {
        var expectedJson = File.ReadAllText(ConformanceData.PathOf(folder, "original.json"));
        var expected = TreeNormalizer.NormalizeJsonText(expectedJson);

        var actual = ConfigurationFactory.ParseFile(ConformanceData.PathOf(folder, file));

        Assert.Equal(expected, TreeNormalizer.Normalize(actual.Root));
    }

    [Theory]
    [InlineData("equiv01")]
    [InlineData("equiv02")]
    [InlineData("equiv03")]
    [InlineData("equiv04")]
    [InlineData("equiv05")]
    public void Original_json_should_parse_as_hocon_to_the_same_tree_as_a_json_parser_gives(string folder)
    {
        var path = ConformanceData.PathOf(folder, "original.json");

        var actual = ConfigurationFactory.ParseFile(path);

        Assert.Equal(TreeNormalizer.NormalizeJsonText(File.ReadAllText(path)), TreeNormalizer.Normalize(actual.Root));
    }

    [Fact]
    public void Test01_should_parse_and_resolve()
    {
        var config = ConfigurationFactory.ParseFile(ConformanceData.PathOf("test01.conf"));

        Assert.Equal(42, config.GetInt("ints.fortyTwo"));
        Assert.Equal(42, config.GetInt("ints.fortyTwoAgain"));
        Assert.Equal(42.1, config.GetDouble("floats.fortyTwoPointOneAgain"));
        Assert.Equal(0.33, config.GetDouble("floats.pointThirtyThree"));
        Assert.Equal(0.33, config.GetDouble("floats.pointThirtyThreeAgain"));
        Assert.Equal("abcd", config.GetString("strings.abcdAgain"));
        Assert.Equal("null bar 42 baz true 3.14 hi", config.GetString("strings.concatenated"));
        Assert.Equal(57, config.GetInt("strings.number"));
        Assert.True(config.GetBoolean("strings.yes"));
        Assert.False(config.GetBoolean("strings.no"));
        Assert.Equal(["a", "b", "c"], config.GetStringList("arrays.ofString"));
        Assert.Equal(["a", "b"], config.GetStringList("arrays.firstElementNotASubst"));
        Assert.True(config.GetBoolean("booleans.trueAgain"));
        Assert.False(config.GetBoolean("booleans.falseAgain"));
        Assert.False(config.HasPath("nulls.nullAgain"));
        Assert.Equal(HoconValueKind.Null, config.GetValue("nulls.nullAgain")!.Kind);
        Assert.False(config.HasPath("system.not_here"));
    }

    [Fact]
    public void Test01_arrays_of_substituted_arrays_and_objects_should_hold_the_referenced_values()
    {
        var config = ConfigurationFactory.ParseFile(ConformanceData.PathOf("test01.conf"));

        var ofArray = (HoconArray)config.GetValue("arrays.ofArray")!;
        Assert.Equal(3, ofArray.Count);
        Assert.All(ofArray, a => Assert.Equal("[\"a\",\"b\",\"c\"]", Compact(a)));
        var ofObject = (HoconArray)config.GetValue("arrays.ofObject")!;
        Assert.Equal(42, new Config((HoconObject)ofObject[0]).GetInt("fortyTwoAgain"));
        Assert.True(new Config((HoconObject)ofObject[1]).GetBoolean("trueAgain"));
        Assert.Equal("abcd", new Config((HoconObject)ofObject[2]).GetString("abcdAgain"));
    }

    [Fact]
    public void Test01_durations_and_sizes_should_convert()
    {
        var config = ConfigurationFactory.ParseFile(ConformanceData.PathOf("test01.conf"));

        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("durations.second"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("durations.secondAsNumber"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("durations.halfSecond"));
        Assert.Equal(TimeSpan.FromMilliseconds(1), config.GetTimeSpan("durations.millis"));
        Assert.Equal(TimeSpan.FromMilliseconds(2), config.GetTimeSpan("durations.micros"));
        Assert.Equal(TimeSpan.FromTicks(48789553554352722), config.GetTimeSpan("durations.largeNanos"));
        Assert.Equal(TimeSpan.FromTicks(48789553554352722), config.GetTimeSpan("durations.plusLargeNanos"));
        Assert.Equal(TimeSpan.FromTicks(-48789553554352722), config.GetTimeSpan("durations.minusLargeNanos"));
        Assert.Equal(TimeSpan.FromDays(1), config.GetTimeSpan("periods.day"));
        Assert.Equal(1024 * 1024, config.GetByteSize("memsizes.meg"));
        Assert.Equal(1024 * 1024, config.GetByteSize("memsizes.megAsNumber"));
        Assert.Equal(512 * 1024, config.GetByteSize("memsizes.halfMeg"));
        Assert.Equal("1YB", config.GetString("memsizes.yottabyte"));
        var tooBig = Assert.Throws<ConfigException>(() => config.GetByteSize("memsizes.yottabyte"));
        Assert.Contains("memsizes.yottabyte", tooBig.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test01_environment_substitutions_should_fall_back_to_environment_variables()
    {
        var config = ConfigurationFactory.ParseFile(ConformanceData.PathOf("test01.conf"));

        var path = Environment.GetEnvironmentVariable("PATH");
        Assert.False(string.IsNullOrEmpty(path));
        Assert.Equal(path, config.GetString("system.path"));
        Assert.False(config.HasPath("system.javaversion"));
        Assert.Equal("Your Java version is  and your user.home is ", config.GetString("system.concatenated"));
    }

    [Fact]
    public void Bom_conf_should_be_accepted()
    {
        var config = ConfigurationFactory.ParseFile(ConformanceData.PathOf("bom.conf"));

        Assert.Equal("bar", config.GetString("foo"));
        Assert.Single(config.Root);
    }

    [Fact]
    public void Cycle_conf_should_fail_with_an_error_naming_the_cycle()
    {
        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(ConformanceData.PathOf("cycle.conf")));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("cycle.conf -> cycle.conf", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
        Assert.EndsWith("cycle.conf", error.File, StringComparison.Ordinal);
    }

    private static string Compact(HoconValue value) => value.ToString().Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
}
