using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>
/// Reloads (SIGHUP), each step as PostgreSQL 15.18 logged it after editing an included file and running pg_ctl reload
/// (the caller logs "received SIGHUP, reloading configuration files" itself).
/// </summary>
public sealed class ReloadSpecs
{
    private const string File = "/etc/actorpostmaster/postmaster.conf";

    private readonly ServerSettings _server = StartedServer();

    private string[] Reload(params (string Name, string Value)[] settings) =>
        _server.Reload(ConfigFile.FromPairs(File, settings)).Lines();

    [Fact]
    public void A_changed_reloadable_setting_should_be_applied_and_logged_with_the_value_as_written()
    {
        // transcript 11: parameter "work_mem" changed to "16MB"; restart-only max_connections: cannot be changed …; contains errors
        var lines = Reload(("work_mem", "16MB"), ("max_connections", "50"));

        Assert.Equal(
            [
                "LOG:  parameter \"work_mem\" changed to \"16MB\"",
                "LOG:  parameter \"max_connections\" cannot be changed without restarting the server",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
        Assert.Equal("16MB", _server.ShowValue("work_mem"));
        Assert.Equal("100", _server.ShowValue("max_connections"));
        Assert.True(_server.IsPendingRestart("max_connections"));
        Assert.Equal(["max_connections"], _server.PendingRestart);
        Assert.True(_server.Snapshot.IsPendingRestart("MAX_CONNECTIONS"));
    }

    [Fact]
    public void The_same_file_again_should_log_only_what_still_waits_for_a_restart()
    {
        Reload(("work_mem", "16MB"), ("max_connections", "50"));

        var lines = Reload(("work_mem", "16MB"), ("max_connections", "50"));

        Assert.Equal(
            [
                "LOG:  parameter \"max_connections\" cannot be changed without restarting the server",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
    }

    [Fact]
    public void A_restart_only_setting_back_at_its_running_value_should_clear_pending_restart()
    {
        Reload(("max_connections", "50"));

        var lines = Reload(("max_connections", "100"));

        Assert.Empty(lines);
        Assert.False(_server.IsPendingRestart("max_connections"));
    }

    [Fact]
    public void A_removed_setting_should_be_reset_to_default_and_logged()
    {
        Reload(("work_mem", "16MB"));

        var lines = Reload();

        Assert.Equal(["LOG:  parameter \"work_mem\" removed from configuration file, reset to default"], lines);
        Assert.Equal("4MB", _server.ShowValue("work_mem"));
    }

    [Fact]
    public void A_removed_setting_should_be_logged_even_when_its_value_was_the_default()
    {
        // autovacuum_naptime = 60 (unchanged: no line); then removed: "removed from configuration file, reset to default"
        Assert.Empty(Reload(("autovacuum_naptime", "60")));

        Assert.Equal(["LOG:  parameter \"autovacuum_naptime\" removed from configuration file, reset to default"], Reload());
    }

    [Fact]
    public void Removed_settings_should_come_first_in_PostgreSQLs_order_then_the_file_in_file_order()
    {
        Reload(("work_mem", "8MB"), ("autovacuum_naptime", "30"), ("DateStyle", "German"), ("statement_timeout", "1s"));

        var lines = Reload(("statement_timeout", "2s"), ("max_wal_senders", "3"));

        Assert.Equal(
            [
                "LOG:  parameter \"autovacuum_naptime\" removed from configuration file, reset to default",
                "LOG:  parameter \"DateStyle\" removed from configuration file, reset to default",
                "LOG:  parameter \"work_mem\" removed from configuration file, reset to default",
                "LOG:  parameter \"statement_timeout\" changed to \"2s\"",
                "LOG:  parameter \"max_wal_senders\" cannot be changed without restarting the server",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
    }

    [Fact]
    public void Changed_lines_should_quote_the_name_and_value_as_written_in_the_file()
    {
        var lines = Reload(("autovacuum_naptime", "30"), ("datestyle", "German"));

        Assert.Equal(
            ["LOG:  parameter \"autovacuum_naptime\" changed to \"30\"", "LOG:  parameter \"datestyle\" changed to \"German\""],
            lines);
        Assert.Equal("30s", _server.ShowValue("autovacuum_naptime"));
        Assert.Equal("German, DMY", _server.ShowValue("DateStyle"));
    }

    [Fact]
    public void An_invalid_value_should_be_logged_and_the_other_changes_applied()
    {
        var lines = Reload(("work_mem", "abc"), ("statement_timeout", "5s"));

        Assert.Equal(
            [
                "LOG:  invalid value for parameter \"work_mem\": \"abc\"",
                "LOG:  parameter \"statement_timeout\" changed to \"5s\"",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
        Assert.Equal("5s", _server.ShowValue("statement_timeout"));
        Assert.Equal("4MB", _server.ShowValue("work_mem"));
    }

    [Fact]
    public void Out_of_range_and_non_boolean_values_should_be_logged_with_their_messages()
    {
        Reload(("statement_timeout", "6s"));

        var lines = Reload(("statement_timeout", "6s"), ("work_mem", "10"), ("fsync", "maybe"));

        Assert.Equal(
            [
                "LOG:  10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)",
                "LOG:  parameter \"fsync\" requires a Boolean value",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
    }

    [Fact]
    public void A_unit_error_should_keep_its_hint()
    {
        var result = _server.Reload(ConfigFile.FromPairs(File, ("work_mem", "10XB")));

        Assert.Equal("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".", result.Messages[0].Hint);
    }

    [Fact]
    public void An_unknown_parameter_should_cancel_the_whole_reload()
    {
        var lines = _server.Reload(ConfigFile.FromEntries(File, [new("nosuch_param", "1", 1), new("statement_timeout", "6s", 2)])).Lines();

        Assert.Equal(
            [
                $"LOG:  unrecognized configuration parameter \"nosuch_param\" in file \"{File}\" line 1",
                $"LOG:  configuration file \"{File}\" contains errors; no changes were applied",
            ],
            lines);
        Assert.Equal("0", _server.ShowValue("statement_timeout"));
    }

    [Fact]
    public void A_syntax_error_should_cancel_the_whole_reload()
    {
        var file = ConfigFile.Parse("postgresql {\n  statement_timeout = 7s\n  foo bar baz = {\n", File);

        var result = _server.Reload(file);

        Assert.Equal(2, result.Messages.Count);
        Assert.StartsWith($"syntax error in file \"{File}\" line ", result.Messages[0].Message);
        Assert.Equal($"configuration file \"{File}\" contains errors; no changes were applied", result.Messages[1].Message);
        Assert.Equal("0", _server.ShowValue("statement_timeout"));
    }

    [Fact]
    public void An_internal_setting_in_the_file_should_be_refused()
    {
        var lines = Reload(("statement_timeout", "7s"), ("server_version", "x"));

        Assert.Equal(
            [
                "LOG:  parameter \"statement_timeout\" changed to \"7s\"",
                "LOG:  parameter \"server_version\" cannot be changed",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
    }

    [Fact]
    public void Session_settings_and_transaction_settings_in_the_file_should_behave_as_in_PostgreSQL()
    {
        // transaction_isolation: silently ignored; session_authorization, role: invalid value
        Assert.Empty(Reload(("transaction_isolation", "serializable")));
        Assert.Equal(
            [
                "LOG:  invalid value for parameter \"session_authorization\": \"plain\"",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            Reload(("session_authorization", "plain")));
    }

    [Fact]
    public void A_repeated_name_should_count_once_with_its_last_value()
    {
        Assert.Equal(["LOG:  parameter \"statement_timeout\" changed to \"8s\""], Reload(("statement_timeout", "7s"), ("statement_timeout", "8s")));
        Assert.Equal("8s", _server.ShowValue("statement_timeout"));
    }

    [Fact]
    public void A_restart_only_setting_from_the_file_at_start_should_wait_for_a_restart_when_removed()
    {
        var server = StartedServer(ConfigFile.FromPairs(File, ("max_wal_senders", "5"), ("work_mem", "8MB")));
        Assert.Equal("5", server.ShowValue("max_wal_senders"));

        var lines = server.Reload(ConfigFile.Empty(File)).Lines();

        Assert.Equal(
            [
                "LOG:  parameter \"max_wal_senders\" cannot be changed without restarting the server",
                "LOG:  parameter \"work_mem\" removed from configuration file, reset to default",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
        Assert.True(server.IsPendingRestart("max_wal_senders"));
        Assert.Equal("5", server.ShowValue("max_wal_senders"));

        // back in the file with its running value: nothing to log, no longer pending
        Assert.Empty(server.Reload(ConfigFile.FromPairs(File, ("max_wal_senders", "5"))).Messages);
        Assert.False(server.IsPendingRestart("max_wal_senders"));
    }

    [Fact]
    public void A_restart_only_setting_never_applied_should_log_nothing_when_removed()
    {
        Reload(("max_wal_senders", "5"));

        Assert.Empty(Reload());
        Assert.True(_server.IsPendingRestart("max_wal_senders"));
    }

    [Fact]
    public void A_command_line_setting_should_win_over_the_file_without_log_lines()
    {
        var server = StartedServer(null, ("statement_timeout", "3s"));

        var lines = server.Reload(ConfigFile.FromPairs(File, ("statement_timeout", "9s"))).Lines();

        Assert.Empty(lines);
        Assert.Equal("3s", server.ShowValue("statement_timeout"));
        Assert.Empty(server.Reload(ConfigFile.Empty(File)).Messages);
    }

    [Fact]
    public void Sessions_should_see_reloaded_values_unless_they_set_their_own()
    {
        var session = Session(server: _server);
        var busy = Session(server: _server);
        busy.Set("work_mem", "2MB");

        Reload(("work_mem", "16MB"));
        session.UseServerSnapshot(_server.Snapshot);
        busy.UseServerSnapshot(_server.Snapshot);

        Assert.Equal("16MB", session.ShowValue("work_mem"));
        Assert.Equal("2MB", busy.ShowValue("work_mem"));
        busy.Reset("work_mem");
        Assert.Equal("16MB", busy.ShowValue("work_mem"));
        Assert.Equal(SettingSource.ConfigurationFile, busy.GetSource("work_mem"));
    }

    [Fact]
    public void A_client_value_should_hide_the_file_value()
    {
        var session = Session(server: _server);
        session.ApplyStartupOption("application_name", "psql");

        // parameter "application_name" changed to "fromfile" is logged, but the session keeps the client's value
        Assert.Equal(["LOG:  parameter \"application_name\" changed to \"fromfile\""], Reload(("application_name", "fromfile")));
        session.UseServerSnapshot(_server.Snapshot);

        Assert.Equal("psql", session.ShowValue("application_name"));
        Assert.Equal("fromfile", Session(server: _server).ShowValue("application_name"));
    }

    [Fact]
    public void Hocon_values_should_be_read_as_PostgreSQL_values()
    {
        var file = ConfigFile.Parse(
            """
            actors { loglevel = INFO }
            postgresql {
              statement_timeout = 1s
              work_mem = 4MB
              max_connections = 100
              fsync = true
              checkpoint_completion_target = 0.5
              DateStyle = "SQL, DMY"
              search_path = ["$user", public, "My Schema"]
              log_line_prefix = "%m [%p] %q%u@%d "
            }
            """,
            File);

        var server = StartedServer(file);

        Assert.Equal("1s", server.ShowValue("statement_timeout"));
        Assert.Equal("4MB", server.ShowValue("work_mem"));
        Assert.Equal("on", server.ShowValue("fsync"));
        Assert.Equal("0.5", server.ShowValue("checkpoint_completion_target"));
        Assert.Equal("SQL, DMY", server.ShowValue("DateStyle"));
        Assert.Equal("\"$user\", public, \"My Schema\"", server.ShowValue("search_path"));
        Assert.Equal("%m [%p] %q%u@%d ", server.ShowValue("log_line_prefix"));
        Assert.Equal(SettingSource.ConfigurationFile, server.Snapshot.Get("work_mem").Source);
    }

    [Fact]
    public void Hocon_entries_should_carry_their_line_numbers()
    {
        var file = ConfigFile.Parse("postgresql {\n  work_mem = 4MB\n\n  nosuch = 1\n}\n", File);

        Assert.Equal([new ConfigFileEntry("work_mem", "4MB", 2), new ConfigFileEntry("nosuch", "1", 4)], file.Entries);
    }

    [Fact]
    public void A_custom_setting_in_the_file_should_be_logged_when_added_and_removed()
    {
        // foo.bar = 1 → parameter "foo.bar" changed to "1"; removed → parameter "foo.bar" removed from configuration file, reset to default
        Assert.Equal(["LOG:  parameter \"foo.bar\" changed to \"1\""], Reload(("foo.bar", "1")));
        Assert.Equal("1", Session(server: _server).ShowValue("foo.bar"));

        Assert.Equal(["LOG:  parameter \"foo.bar\" removed from configuration file, reset to default"], Reload());
        Assert.Null(Session(server: _server).CurrentSetting("foo.bar", missingOk: true));
    }

    [Fact]
    public void File_values_under_command_line_values_should_still_be_checked()
    {
        // -c statement_timeout=3s -c max_connections=100; file: max_connections = 50, statement_timeout = 'abc'
        var server = StartedServer(null, ("statement_timeout", "3s"), ("max_connections", "100"));

        var lines = server.Reload(ConfigFile.FromPairs(File, ("max_connections", "50"), ("statement_timeout", "abc"))).Lines();

        Assert.Equal(
            [
                "LOG:  parameter \"max_connections\" cannot be changed without restarting the server",
                "LOG:  invalid value for parameter \"statement_timeout\": \"abc\"",
                $"LOG:  configuration file \"{File}\" contains errors; unaffected changes were applied",
            ],
            lines);
    }

    [Fact]
    public void Invalid_values_should_be_logged_with_their_details_and_valid_ones_applied()
    {
        var result = _server.Reload(ConfigFile.FromPairs(
            File,
            ("log_destination", "bogus"),
            ("search_path", "a,,b"),
            ("TimeZone", "bogus"),
            ("DateStyle", "bogus"),
            ("client_encoding", "bogus"),
            ("lc_messages", "bogus"),
            ("application_name", "héllo")));

        Assert.Equal(
            [
                ("invalid value for parameter \"log_destination\": \"bogus\"", "Unrecognized key word: \"bogus\"."),
                ("invalid value for parameter \"search_path\": \"a,,b\"", "List syntax is invalid."),
                ("invalid value for parameter \"TimeZone\": \"bogus\"", null),
                ("invalid value for parameter \"DateStyle\": \"bogus\"", "Unrecognized key word: \"bogus\"."),
                ("invalid value for parameter \"client_encoding\": \"bogus\"", null),
                ("invalid value for parameter \"lc_messages\": \"bogus\"", null),
                ("parameter \"application_name\" changed to \"héllo\"", null),
                ($"configuration file \"{File}\" contains errors; unaffected changes were applied", null),
            ],
            result.Messages.Select(m => (m.Message, m.Detail)));
        Assert.All(result.Messages, m => Assert.Equal(PgSeverity.Log, m.Severity));
        Assert.Equal("h??llo", _server.ShowValue("application_name"));
    }
}
