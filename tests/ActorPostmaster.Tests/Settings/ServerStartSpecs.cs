using ActorPostmaster.Settings;
using Xunit;

namespace ActorPostmaster.Tests.Settings;

/// <summary>Loading the configuration at server start: command line above the file, errors fatal (PostgreSQL 15.18's log).</summary>
public sealed class ServerStartSpecs
{
    private const string File = "/etc/actorpostmaster/postmaster.conf";

    [Fact]
    public void An_invalid_file_value_should_stop_the_start_with_a_FATAL_line()
    {
        var result = new ServerSettings().Start(ConfigFile.FromPairs(File, ("work_mem", "abc")));

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "LOG:  invalid value for parameter \"work_mem\": \"abc\"",
                $"FATAL:  configuration file \"{File}\" contains errors",
            ],
            result.Lines());
    }

    [Fact]
    public void An_unknown_name_in_the_file_should_stop_the_start_before_any_value_is_checked()
    {
        var result = new ServerSettings().Start(ConfigFile.FromEntries(File, [new("work_mem", "abc", 1), new("nosuch", "1", 2)]));

        Assert.True(result.Failed);
        Assert.Equal(
            [
                $"LOG:  unrecognized configuration parameter \"nosuch\" in file \"{File}\" line 2",
                $"FATAL:  configuration file \"{File}\" contains errors",
            ],
            result.Lines());
    }

    [Theory]
    [InlineData("work_mem", "abc", "22023", "invalid value for parameter \"work_mem\": \"abc\"")]
    [InlineData("nosuch", "1", "42704", "unrecognized configuration parameter \"nosuch\"")]
    [InlineData("server_version", "1", "55P02", "parameter \"server_version\" cannot be changed")]
    public void A_bad_command_line_setting_should_be_fatal(string name, string value, string sqlState, string message)
    {
        var result = new ServerSettings().Start(null, [KeyValuePair.Create(name, value)]);

        Assert.True(result.Failed);
        var fatal = Assert.Single(result.Messages);
        Assert.Equal(PgSeverity.Fatal, fatal.Severity);
        Assert.Equal(sqlState, fatal.SqlState);
        Assert.Equal(message, fatal.Message);
    }

    [Fact]
    public void The_command_line_should_set_restart_only_settings_above_the_file()
    {
        var server = new ServerSettings();

        var result = server.Start(
            ConfigFile.FromPairs(File, ("max_connections", "50"), ("port", "5433")),
            [KeyValuePair.Create("max_connections", "200"), KeyValuePair.Create("listen_addresses", "127.0.0.1")]);

        Assert.False(result.Failed);
        Assert.Empty(result.Messages);
        Assert.Equal("200", server.ShowValue("max_connections"));
        Assert.Equal("5433", server.ShowValue("port"));
        Assert.Equal("127.0.0.1", server.ShowValue("listen_addresses"));
        Assert.Equal(SettingSource.CommandLine, server.Snapshot.Get("max_connections").Source);
        Assert.Equal(200, server.Snapshot.GetInt("max_connections"));
        Assert.Equal(TimeSpan.FromMinutes(1), server.Snapshot.GetTimeSpan("authentication_timeout"));
        Assert.Equal(TimeSpan.FromMinutes(5), server.Snapshot.GetTimeSpan("checkpoint_timeout"));
        Assert.Equal(16L * 1024 * 1024, server.Snapshot.GetBytes("wal_segment_size"));

        // the file value under the command line's is not a pending change
        Assert.Empty(server.Reload(ConfigFile.FromPairs(File, ("max_connections", "200"), ("port", "5433"))).Messages);
    }

    [Fact]
    public void The_host_should_preset_internal_values_such_as_server_version()
    {
        var server = new ServerSettings();
        server.SetDefault("server_version", "15.18 (ActorPostmaster 0.2)");
        server.SetDefault("data_directory", "/var/lib/actorpostmaster");
        server.Start();

        var session = new SessionSettings(server.Snapshot, "postgres", true);

        Assert.Equal("15.18 (ActorPostmaster 0.2)", session.ShowValue("server_version"));
        Assert.Equal("/var/lib/actorpostmaster", session.ShowValue("data_directory"));
        Assert.Contains(new ReportedParameter("server_version", "15.18 (ActorPostmaster 0.2)"), session.StartupParameterStatus());
    }

    [Fact]
    public void In_hot_standby_should_reach_sessions_and_be_reported_when_the_host_changes_it()
    {
        var server = new ServerSettings();
        server.Start();
        var session = new SessionSettings(server.Snapshot, "postgres", true);
        session.StartupParameterStatus();

        server.SetDefault("in_hot_standby", "on");
        session.UseServerSnapshot(server.Snapshot);

        Assert.Equal([new ReportedParameter("in_hot_standby", "on")], session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Restart_only_settings_should_keep_their_start_value_after_a_reload()
    {
        var server = new ServerSettings();
        server.Start(ConfigFile.FromPairs(File, ("shared_buffers", "256MB")));

        server.Reload(ConfigFile.FromPairs(File, ("shared_buffers", "512MB")));

        Assert.Equal("256MB", server.ShowValue("shared_buffers"));
        Assert.Equal(32768, server.Snapshot.GetInt("shared_buffers"));
        Assert.True(server.IsPendingRestart("shared_buffers"));
    }

    [Fact]
    public void Start_should_be_allowed_once()
    {
        var server = new ServerSettings();
        server.Start();

        Assert.Throws<InvalidOperationException>(() => server.Start());
    }
}
