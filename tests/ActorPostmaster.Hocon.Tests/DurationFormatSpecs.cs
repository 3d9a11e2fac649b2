namespace ActorPostmaster.Hocon.Tests;

/// <summary>HOCON.md "Units format" and "Duration format", through <see cref="Config.GetTimeSpan(string)"/>.</summary>
public sealed class DurationFormatSpecs
{
    [Theory]
    [InlineData("10ns", 0)]
    [InlineData("100ns", 1)]
    [InlineData("250 nanoseconds", 2)]
    [InlineData("1 nanosecond", 0)]
    [InlineData("3us", 30)]
    [InlineData("3 microsecond", 30)]
    [InlineData("3 microseconds", 30)]
    [InlineData("2ms", 20_000)]
    [InlineData("2 millisecond", 20_000)]
    [InlineData("2 milliseconds", 20_000)]
    [InlineData("1s", 10_000_000)]
    [InlineData("1 second", 10_000_000)]
    [InlineData("2 seconds", 20_000_000)]
    [InlineData("1m", 600_000_000)]
    [InlineData("1 minute", 600_000_000)]
    [InlineData("2 minutes", 1_200_000_000)]
    [InlineData("1h", 36_000_000_000)]
    [InlineData("1 hour", 36_000_000_000)]
    [InlineData("2 hours", 72_000_000_000)]
    [InlineData("1d", 864_000_000_000)]
    [InlineData("1 day", 864_000_000_000)]
    [InlineData("2 days", 1_728_000_000_000)]
    [InlineData("1.5s", 15_000_000)]
    [InlineData("-2s", -20_000_000)]
    [InlineData("  7 ms  ", 70_000)]
    public void Unit_strings_should_convert(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), Hocon.Parse($"d = \"{text}\"").GetTimeSpan("d"));

    [Fact]
    public void Unquoted_duration_should_convert() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Hocon.Parse("d = 30 s").GetTimeSpan("d"));

    [Fact]
    public void Bare_number_should_be_milliseconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Hocon.Parse("d = 1500").GetTimeSpan("d"));

    [Fact]
    public void Number_string_without_unit_should_be_milliseconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Hocon.Parse("d = \"250\"").GetTimeSpan("d"));

    [Fact]
    public void Infinite_should_be_the_infinite_timespan() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, Hocon.Parse("d = infinite").GetTimeSpan("d"));

    [Theory]
    [InlineData("5S")]
    [InlineData("5 Seconds")]
    [InlineData("5 weeks")]
    [InlineData("5 s s")]
    public void Unknown_or_uppercase_units_should_be_errors(string text)
    {
        var error = Assert.Throws<ConfigException>(() => Hocon.Parse($"d = \"{text}\"").GetTimeSpan("d"));

        Assert.Contains("'d'", error.Message, StringComparison.Ordinal);
        Assert.Equal("d", error.Path);
    }

    [Fact]
    public void Missing_path_should_use_the_default() =>
        Assert.Equal(TimeSpan.FromSeconds(3), Hocon.Parse("x = 1").GetTimeSpan("d", TimeSpan.FromSeconds(3)));
}
