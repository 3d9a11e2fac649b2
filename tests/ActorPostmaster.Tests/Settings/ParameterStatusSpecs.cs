using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>ParameterStatus at connection start and after statements, compared with pgwire.py against PostgreSQL 15.18.</summary>
public sealed class ParameterStatusSpecs
{
    private static SessionSettings Connected(string applicationName = "pgwire.py")
    {
        var session = Session();
        session.ApplyStartupOption("application_name", applicationName);
        session.StartupParameterStatus();
        return session;
    }

    [Fact]
    public void Startup_should_report_the_thirteen_parameters_in_PostgreSQLs_order()
    {
        var session = Session();
        session.ApplyStartupOption("application_name", "pgwire.py");

        var reported = session.StartupParameterStatus();

        // transcript 12c, with server_version ActorPostmaster's and the session user postgres
        Assert.Equal(
            [
                new ReportedParameter("application_name", "pgwire.py"),
                new ReportedParameter("client_encoding", "UTF8"),
                new ReportedParameter("DateStyle", "ISO, MDY"),
                new ReportedParameter("default_transaction_read_only", "off"),
                new ReportedParameter("in_hot_standby", "off"),
                new ReportedParameter("integer_datetimes", "on"),
                new ReportedParameter("IntervalStyle", "postgres"),
                new ReportedParameter("is_superuser", "on"),
                new ReportedParameter("server_encoding", "UTF8"),
                new ReportedParameter("server_version", "15.18 (ActorPostmaster 0.1)"),
                new ReportedParameter("session_authorization", "postgres"),
                new ReportedParameter("standard_conforming_strings", "on"),
                new ReportedParameter("TimeZone", "Etc/UTC"),
            ],
            reported);
    }

    [Fact]
    public void Set_of_a_reported_parameter_should_report_the_normalised_value_once()
    {
        var session = Connected();

        session.Set("DateStyle", "German");

        Assert.Equal([new ReportedParameter("DateStyle", "German, DMY")], session.TakeParameterStatusChanges());
        Assert.Empty(session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Set_of_an_unreported_parameter_should_report_nothing()
    {
        var session = Connected();

        session.Set("work_mem", "8MB");

        Assert.Empty(session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Reset_all_should_report_every_changed_reported_parameter_in_order()
    {
        // transcript 12d: SET application_name, TimeZone, DateStyle, work_mem; RESET ALL → application_name, DateStyle, TimeZone
        var session = Connected();
        session.Set("application_name", "changed");
        session.Set("TimeZone", "Europe/Paris");
        session.Set("DateStyle", "German");
        session.Set("work_mem", "8MB");
        Assert.Equal(3, session.TakeParameterStatusChanges().Count);

        session.ResetAll();

        Assert.Equal(
            [
                new ReportedParameter("application_name", "pgwire.py"),
                new ReportedParameter("DateStyle", "ISO, MDY"),
                new ReportedParameter("TimeZone", "Etc/UTC"),
            ],
            session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Setting_the_value_already_reported_should_report_nothing()
    {
        // SET application_name = 'pw' when it is already pw: no ParameterStatus (PG 15 compares with the last report)
        var session = Connected("pw");

        session.Set("application_name", "pw");
        session.Set("DateStyle", "SQL");
        session.Set("DateStyle", "ISO");

        Assert.Empty(session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Several_changes_in_one_query_should_be_reported_together_in_order()
    {
        // "SET application_name='a'; SET TimeZone='UTC'; SET DateStyle=German" → application_name, DateStyle, TimeZone
        var session = Connected();
        session.Set("application_name", "a");
        session.Set("TimeZone", "UTC");
        session.Set("DateStyle", "German");

        Assert.Equal(
            [
                new ReportedParameter("application_name", "a"),
                new ReportedParameter("DateStyle", "German, DMY"),
                new ReportedParameter("TimeZone", "UTC"),
            ],
            session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Rollback_should_report_the_values_going_back()
    {
        // BEGIN; SET application_name='y' (→ y); SET LOCAL DateStyle='German' (→ German, DMY); ROLLBACK → pw, ISO, MDY
        var session = Connected("pw");
        session.BeginTransaction();
        session.Set("application_name", "y");
        Assert.Equal([new ReportedParameter("application_name", "y")], session.TakeParameterStatusChanges());
        session.Set("DateStyle", "German", isLocal: true);
        Assert.Equal([new ReportedParameter("DateStyle", "German, DMY")], session.TakeParameterStatusChanges());

        session.AbortTransaction();

        Assert.Equal(
            [new ReportedParameter("application_name", "pw"), new ReportedParameter("DateStyle", "ISO, MDY")],
            session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Set_local_in_a_committed_block_should_report_nothing_when_reported_only_at_the_end()
    {
        // "BEGIN; SET LOCAL application_name='q'; COMMIT" in one Query: nothing
        var session = Connected();
        session.BeginTransaction();
        session.Set("application_name", "q", isLocal: true);
        session.CommitTransaction();

        Assert.Empty(session.TakeParameterStatusChanges());
    }

    [Fact]
    public void A_reload_should_be_reported_at_the_next_statement()
    {
        var server = StartedServer();
        var session = Session(server: server);
        session.StartupParameterStatus();

        server.Reload(ConfigFile.FromPairs("postmaster.conf", ("DateStyle", "SQL, DMY")));
        session.UseServerSnapshot(server.Snapshot);

        Assert.Equal([new ReportedParameter("DateStyle", "SQL, DMY")], session.TakeParameterStatusChanges());
    }

    [Fact]
    public void Set_role_should_report_is_superuser()
    {
        var session = Session(roles: new TestRoles());
        session.StartupParameterStatus();

        session.Set("role", "alice");

        Assert.Equal([new ReportedParameter("is_superuser", "off")], session.TakeParameterStatusChanges());
        Assert.Equal("alice", session.ShowValue("role"));
    }
}
