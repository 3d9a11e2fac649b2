using ActorPostmaster.Settings;
using Xunit;

namespace ActorPostmaster.Tests.Settings;

public sealed class StartupOptionsSpecs
{
    [Fact]
    public void The_options_parameter_should_be_split_like_pg_split_opts()
    {
        Assert.Equal(["-c", "a=b c", "--x=y"], StartupOptions.Split("  -c a=b\\ c \t--x=y "));
        Assert.Empty(StartupOptions.Split("   "));
    }

    [Fact]
    public void Switches_should_become_settings_applied_before_the_other_parameters()
    {
        var expanded = StartupOptions.Expand(
        [
            new("application_name", "app"),
            new("options", "-c synchronous_commit=off -cwork_mem=8MB --statement-timeout=5s"),
        ]);

        Assert.Equal(
            [new("synchronous_commit", "off"), new("work_mem", "8MB"), new("statement_timeout", "5s"), new("application_name", "app")],
            expanded);
    }

    [Theory]
    [InlineData("-x", "invalid command-line argument for server process: -x")]
    [InlineData("-c work_mem", "-c work_mem requires a value")]
    [InlineData("--work_mem", "--work_mem requires a value")]
    public void A_switch_the_server_does_not_take_should_be_FATAL_42601(string options, string message)
    {
        var e = Assert.Throws<PgException>(() => StartupOptions.Expand([new("options", options)]));

        Assert.Equal((PgSeverity.Fatal, "42601", message), (e.Error.Severity, e.Error.SqlState, e.Error.Message));
    }
}
