using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>Settings from the connection's startup packet (PGOPTIONS='-c …' against PostgreSQL 15.18): errors are FATAL.</summary>
public sealed class StartupOptionSpecs
{
    [Theory]
    [InlineData("work_mem", "abc", false, "22023", "invalid value for parameter \"work_mem\": \"abc\"")]
    [InlineData("nosuch", "1", false, "42704", "unrecognized configuration parameter \"nosuch\"")]
    [InlineData("max_connections", "5", false, "55P02", "parameter \"max_connections\" cannot be changed without restarting the server")]
    [InlineData("max_connections", "100", true, "55P02", "parameter \"max_connections\" cannot be changed without restarting the server")]
    [InlineData("autovacuum", "off", false, "55P02", "parameter \"autovacuum\" cannot be changed now")]
    [InlineData("log_connections", "on", false, "42501", "permission denied to set parameter \"log_connections\"")]
    [InlineData("log_statement", "all", false, "42501", "permission denied to set parameter \"log_statement\"")]
    [InlineData("server_version", "1", false, "55P02", "parameter \"server_version\" cannot be changed")]
    public void A_bad_startup_option_should_raise_a_FATAL_error(string name, string value, bool superuser, string sqlState, string message)
    {
        var error = Error(() => Session(superuser).ApplyStartupOption(name, value));

        Assert.Equal(PgSeverity.Fatal, error.Severity);
        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Startup_options_should_set_the_sessions_reset_values()
    {
        var session = Session(superuser: false);

        session.ApplyStartupOptions(
        [
            KeyValuePair.Create("work_mem", "8MB"),
            KeyValuePair.Create("DateStyle", "German"),
            KeyValuePair.Create("foo.bar", "1"),
        ]);

        Assert.Equal("8MB", session.ShowValue("work_mem"));
        Assert.Equal("German, DMY", session.ShowValue("DateStyle"));
        Assert.Equal("1", session.ShowValue("foo.bar"));
        Assert.Equal(SettingSource.Client, session.GetSource("work_mem"));
    }

    [Fact]
    public void A_superuser_should_set_superuser_backend_settings_at_connection_start_only()
    {
        var session = Session();

        session.ApplyStartupOption("log_connections", "on");

        Assert.Equal("on", session.ShowValue("log_connections"));
        Assert.Equal("parameter \"log_connections\" cannot be set after connection start", Error(() => session.Set("log_connections", "off")).Message);
    }

    [Fact]
    public void Backend_settings_should_keep_the_value_the_session_started_with_after_a_reload()
    {
        var server = StartedServer();
        var session = Session(server: server);

        server.Reload(ConfigFile.FromPairs("postmaster.conf", ("log_connections", "on")));
        session.UseServerSnapshot(server.Snapshot);

        Assert.Equal("off", session.ShowValue("log_connections"));
        Assert.Equal("on", Session(server: server).ShowValue("log_connections"));
    }
}
