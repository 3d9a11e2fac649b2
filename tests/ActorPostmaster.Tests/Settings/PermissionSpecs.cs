using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>What a non-superuser may read and set, SHOW ALL, and the session identity settings (PostgreSQL 15.18 as role "plain").</summary>
public sealed class PermissionSpecs
{
    [Theory]
    [InlineData("data_directory")]
    [InlineData("config_file")]
    [InlineData("hba_file")]
    [InlineData("unix_socket_directories")]
    public void Show_should_raise_42501_when_a_non_superuser_reads_a_superuser_only_setting(string name)
    {
        var session = Session(superuser: false);

        var error = Error(() => session.ShowValue(name));

        Assert.Equal("42501", error.SqlState);
        Assert.Equal($"must be superuser or have privileges of pg_read_all_settings to examine \"{name}\"", error.Message);

        // current_setting(name, true) raises it too
        Assert.Equal("42501", Error(() => session.CurrentSetting(name, missingOk: true)).SqlState);
    }

    [Fact]
    public void Members_of_pg_read_all_settings_should_read_superuser_only_settings()
    {
        var session = new SessionSettings(StartedServer().Snapshot, "reader", false, new TestRoles());

        Assert.Equal(string.Empty, session.ShowValue("data_directory"));
        Assert.Contains(session.ShowAll(), row => row.Name == "data_directory");
    }

    [Fact]
    public void Show_all_should_list_settings_in_PostgreSQLs_order_without_hidden_ones()
    {
        var rows = Session().ShowAll();

        Assert.Equal(rows.Select(r => r.Name).Order(SettingsRegistry.NameComparer), rows.Select(r => r.Name));
        Assert.DoesNotContain(rows, r => r.Name is "is_superuser" or "session_authorization" or "role");
        var dateStyle = Assert.Single(rows, r => r.Name == "DateStyle");
        Assert.Equal(new ShowAllRow("DateStyle", "ISO, MDY", "Sets the display format for date and time values."), dateStyle);
        Assert.Equal(
            new ShowAllRow("work_mem", "4MB", "Sets the maximum memory to be used for query workspaces."),
            Assert.Single(rows, r => r.Name == "work_mem"));

        // PG's order puts DateStyle between data_sync_retry... and db_user_namespace, and TimeZone after tcp_*.
        var names = rows.Select(r => r.Name).ToList();
        Assert.True(names.IndexOf("data_directory") < names.IndexOf("DateStyle"));
        Assert.True(names.IndexOf("DateStyle") < names.IndexOf("deadlock_timeout"));
        Assert.True(names.IndexOf("temp_tablespaces") < names.IndexOf("TimeZone"));
        Assert.True(names.IndexOf("TimeZone") < names.IndexOf("timezone_abbreviations"));
    }

    [Fact]
    public void Show_all_should_leave_out_superuser_only_settings_for_other_roles()
    {
        var all = Session().ShowAll().Select(r => r.Name).ToHashSet();
        var plain = Session(superuser: false).ShowAll().Select(r => r.Name).ToHashSet();

        Assert.Equal(
            ["config_file", "data_directory", "external_pid_file", "hba_file", "ident_file", "log_directory", "log_filename", "unix_socket_directories"],
            all.Except(plain).Order(SettingsRegistry.NameComparer));
    }

    [Fact]
    public void Set_session_authorization_should_need_a_superuser_for_another_role()
    {
        // as plain: SET session_authorization = 'setpg' → 42501 permission denied to set session authorization "setpg"
        var session = new SessionSettings(StartedServer().Snapshot, "alice", false, new TestRoles());

        var error = Error(() => session.Set("session_authorization", "postgres"));

        Assert.Equal("42501", error.SqlState);
        Assert.Equal("permission denied to set session authorization \"postgres\"", error.Message);
        session.Set("session_authorization", "alice");
    }

    [Fact]
    public void Set_session_authorization_should_change_the_reported_user_and_superuser_flag_when_allowed()
    {
        var session = Session(roles: new TestRoles());
        session.StartupParameterStatus();

        session.Set("session_authorization", "alice");

        Assert.Equal(
            [new ReportedParameter("is_superuser", "off"), new ReportedParameter("session_authorization", "alice")],
            session.TakeParameterStatusChanges());
        session.Reset("session_authorization");
        Assert.Equal("postgres", session.ShowValue("session_authorization"));
    }

    [Fact]
    public void Set_role_should_check_existence_and_membership()
    {
        var session = new SessionSettings(StartedServer().Snapshot, "bob", false, new TestRoles());

        // SET role = 'nobody' → 22023 role "nobody" does not exist; SET role = 'setpg' → 42501 permission denied to set role "setpg"
        var missing = Error(() => session.Set("role", "nobody"));
        Assert.Equal("22023", missing.SqlState);
        Assert.Equal("role \"nobody\" does not exist", missing.Message);
        var denied = Error(() => session.Set("role", "postgres"));
        Assert.Equal("42501", denied.SqlState);
        Assert.Equal("permission denied to set role \"postgres\"", denied.Message);

        session.Set("role", "alice");
        Assert.Equal("alice", session.ShowValue("role"));
        session.Set("role", "none");
        Assert.Equal("none", session.ShowValue("role"));
    }

    [Fact]
    public void A_superuser_role_should_allow_superuser_settings_and_a_plain_role_should_not()
    {
        var session = Session(roles: new TestRoles());
        session.Set("log_min_messages", "error");
        session.Set("role", "alice");

        Assert.Equal("off", session.ShowValue("is_superuser"));
        Assert.Equal("42501", Error(() => session.Set("log_min_messages", "warning")).SqlState);
        Assert.Equal("42501", Error(() => session.ShowValue("data_directory")).SqlState);
    }

    [Fact]
    public void Reset_all_should_keep_role_and_session_authorization()
    {
        var session = Session(roles: new TestRoles());
        session.Set("role", "alice");

        session.ResetAll();

        Assert.Equal("alice", session.ShowValue("role"));
    }
}
