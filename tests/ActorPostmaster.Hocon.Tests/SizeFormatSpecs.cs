namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Size in bytes format", through <see cref="Config.GetByteSize(string)"/>.</summary>
public sealed class SizeFormatSpecs
{
    [Theory]
    [InlineData("10", 10L)]
    [InlineData("10B", 10L)]
    [InlineData("10 b", 10L)]
    [InlineData("1 byte", 1L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1KB", 1000L)]
    [InlineData("1 kilobyte", 1000L)]
    [InlineData("2 kilobytes", 2000L)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1 kibibyte", 1024L)]
    [InlineData("2 kibibytes", 2048L)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("1 megabytes", 1_000_000L)]
    [InlineData("1M", 1_048_576L)]
    [InlineData("1m", 1_048_576L)]
    [InlineData("1MiB", 1_048_576L)]
    [InlineData("1 mebibyte", 1_048_576L)]
    [InlineData("0.5M", 524_288L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1G", 1_073_741_824L)]
    [InlineData("1 gibibytes", 1_073_741_824L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("1PB", 1_000_000_000_000_000L)]
    [InlineData("1Pi", 1_125_899_906_842_624L)]
    [InlineData("1EB", 1_000_000_000_000_000_000L)]
    [InlineData("1E", 1_152_921_504_606_846_976L)]
    [InlineData("1.5 K", 1536L)]
    [InlineData("1.9 B", 1L)]
    public void Unit_strings_should_convert(string text, long bytes) =>
        Assert.Equal(bytes, Hocon.Parse($"s = \"{text}\"").GetByteSize("s"));

    [Fact]
    public void Unquoted_size_should_convert() =>
        Assert.Equal(512L * 1024 * 1024, Hocon.Parse("s = 512M").GetByteSize("s"));

    [Fact]
    public void Bare_number_should_be_bytes() =>
        Assert.Equal(4096L, Hocon.Parse("s = 4096").GetByteSize("s"));

    [Fact]
    public void Null_value_should_give_null() =>
        Assert.Null(Hocon.Parse("s = null").GetByteSize("s"));

    [Fact]
    public void Missing_path_should_use_the_default() =>
        Assert.Equal(7L, Hocon.Parse("x = 1").GetByteSize("s", 7L));

    [Fact]
    public void Missing_path_without_a_default_should_be_an_error() =>
        Assert.Equal("Configuration path 's' was not found.", Assert.Throws<ConfigException>(() => Hocon.Parse("x = 1").GetByteSize("s")).Message);

    [Theory]
    [InlineData("1ZB")]
    [InlineData("1YB")]
    [InlineData("1 yobibyte")]
    [InlineData("9E")]
    public void Sizes_beyond_a_long_should_be_errors(string text) =>
        Assert.Contains("does not fit in a 64-bit integer", Assert.Throws<ConfigException>(() => Hocon.Parse($"s = \"{text}\"").GetByteSize("s")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("1 XB")]
    [InlineData("1 kib")]
    [InlineData("lots")]
    public void Unknown_units_should_be_errors(string text) =>
        Assert.Contains("is not a size in bytes", Assert.Throws<ConfigException>(() => Hocon.Parse($"s = \"{text}\"").GetByteSize("s")).Message, StringComparison.Ordinal);
}
