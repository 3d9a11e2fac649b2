using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>Every error SET can raise, with PostgreSQL 15.18's SQLSTATE, message and hint (psql -v VERBOSITY=verbose).</summary>
public sealed class SettingErrorSpecs
{
    private const string TimeHint = "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
    private const string MemoryHint = "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
    private const string RangeHint = "Value exceeds integer range.";

    [Theory]
    // PG: ERROR:  22023: invalid value for parameter "work_mem": "abc"
    [InlineData("work_mem", "abc", "invalid value for parameter \"work_mem\": \"abc\"", null)]
    [InlineData("work_mem", "10XB", "invalid value for parameter \"work_mem\": \"10XB\"", MemoryHint)]
    [InlineData("work_mem", "10mb", "invalid value for parameter \"work_mem\": \"10mb\"", MemoryHint)]
    [InlineData("work_mem", "3000000000", "invalid value for parameter \"work_mem\": \"3000000000\"", RangeHint)]
    [InlineData("work_mem", "99999999999999999999", "invalid value for parameter \"work_mem\": \"99999999999999999999\"", RangeHint)]
    [InlineData("work_mem", "2TB", "invalid value for parameter \"work_mem\": \"2TB\"", RangeHint)]
    [InlineData("statement_timeout", "1 foo", "invalid value for parameter \"statement_timeout\": \"1 foo\"", TimeHint)]
    [InlineData("statement_timeout", "1h 30min", "invalid value for parameter \"statement_timeout\": \"1h 30min\"", TimeHint)]
    [InlineData("statement_timeout", "1Min", "invalid value for parameter \"statement_timeout\": \"1Min\"", TimeHint)]
    [InlineData("statement_timeout", "25d", "invalid value for parameter \"statement_timeout\": \"25d\"", RangeHint)]
    [InlineData("statement_timeout", "1e10", "invalid value for parameter \"statement_timeout\": \"1e10\"", RangeHint)]
    [InlineData("statement_timeout", "1e400", "invalid value for parameter \"statement_timeout\": \"1e400\"", null)]
    [InlineData("statement_timeout", "1e-400", "invalid value for parameter \"statement_timeout\": \"1e-400\"", null)]
    [InlineData("statement_timeout", "- 1", "invalid value for parameter \"statement_timeout\": \"- 1\"", null)]
    [InlineData("statement_timeout", "inf", "invalid value for parameter \"statement_timeout\": \"inf\"", null)]
    [InlineData("statement_timeout", "1.5e", "invalid value for parameter \"statement_timeout\": \"1.5e\"", TimeHint)]
    [InlineData("statement_timeout", "0099", "invalid value for parameter \"statement_timeout\": \"0099\"", TimeHint)]
    [InlineData("statement_timeout", "09.5", "invalid value for parameter \"statement_timeout\": \"09.5\"", TimeHint)]
    [InlineData("statement_timeout", "2147483648", "invalid value for parameter \"statement_timeout\": \"2147483648\"", RangeHint)]
    [InlineData("statement_timeout", "2147483647.6", "invalid value for parameter \"statement_timeout\": \"2147483647.6\"", RangeHint)]
    [InlineData("statement_timeout", "-2147483649", "invalid value for parameter \"statement_timeout\": \"-2147483649\"", RangeHint)]
    [InlineData("extra_float_digits", "1x", "invalid value for parameter \"extra_float_digits\": \"1x\"", null)]
    [InlineData("extra_float_digits", "1 kB", "invalid value for parameter \"extra_float_digits\": \"1 kB\"", null)]
    [InlineData("extra_float_digits", "", "invalid value for parameter \"extra_float_digits\": \"\"", null)]
    [InlineData("extra_float_digits", "nan", "invalid value for parameter \"extra_float_digits\": \"nan\"", null)]
    [InlineData("vacuum_cost_delay", "abc", "invalid value for parameter \"vacuum_cost_delay\": \"abc\"", null)]
    [InlineData("vacuum_cost_delay", "1x", "invalid value for parameter \"vacuum_cost_delay\": \"1x\"", TimeHint)]
    [InlineData("vacuum_cost_delay", "nan", "invalid value for parameter \"vacuum_cost_delay\": \"nan\"", null)]
    [InlineData("vacuum_cost_delay", "1e400", "invalid value for parameter \"vacuum_cost_delay\": \"1e400\"", null)]
    [InlineData("random_page_cost", "1kB", "invalid value for parameter \"random_page_cost\": \"1kB\"", null)]
    [InlineData("random_page_cost", "1e-310", "invalid value for parameter \"random_page_cost\": \"1e-310\"", null)]
    [InlineData("synchronous_commit", "bogus", "invalid value for parameter \"synchronous_commit\": \"bogus\"", "Available values: local, remote_write, remote_apply, on, off.")]
    [InlineData("synchronous_commit", "of", "invalid value for parameter \"synchronous_commit\": \"of\"", "Available values: local, remote_write, remote_apply, on, off.")]
    [InlineData("log_min_messages", "bogus", "invalid value for parameter \"log_min_messages\": \"bogus\"", "Available values: debug5, debug4, debug3, debug2, debug1, info, notice, warning, error, log, fatal, panic.")]
    [InlineData("intervalstyle", "bogus", "invalid value for parameter \"intervalstyle\": \"bogus\"", "Available values: postgres, postgres_verbose, sql_standard, iso_8601.")]
    [InlineData("client_min_messages", "fatal", "invalid value for parameter \"client_min_messages\": \"fatal\"", "Available values: debug5, debug4, debug3, debug2, debug1, log, notice, warning, error.")]
    [InlineData("password_encryption", "on", "invalid value for parameter \"password_encryption\": \"on\"", "Available values: md5, scram-sha-256.")]
    [InlineData("default_transaction_isolation", "read  committed", "invalid value for parameter \"default_transaction_isolation\": \"read  committed\"", "Available values: serializable, repeatable read, read committed, read uncommitted.")]
    [InlineData("bytea_output", "x", "invalid value for parameter \"bytea_output\": \"x\"", "Available values: escape, hex.")]
    [InlineData("WORK_MEM", "x", "invalid value for parameter \"WORK_MEM\": \"x\"", null)]
    public void Set_should_raise_22023_invalid_value_when_the_value_does_not_parse(string name, string value, string message, string? hint)
    {
        var error = Error(() => SettingsFixture.Session().Set(name, value));

        Assert.Equal(PgSeverity.Error, error.Severity);
        Assert.Equal("22023", error.SqlState);
        Assert.Equal(message, error.Message);
        Assert.Equal(hint, error.Hint);
        Assert.Null(error.Detail);
    }

    [Theory]
    // PG: ERROR:  22023: 10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)
    [InlineData("work_mem", "10", "10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)")]
    [InlineData("work_mem", "10 kB", "10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)")]
    [InlineData("work_mem", "1.5", "2 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)")]
    [InlineData("work_mem", "010", "8 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)")]
    [InlineData("work_mem", "0.0001TB", "0 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)")]
    [InlineData("WORK_MEM", "1", "1 kB is outside the valid range for parameter \"WORK_MEM\" (64 .. 2147483647)")]
    [InlineData("maintenance_work_mem", "1023", "1023 kB is outside the valid range for parameter \"maintenance_work_mem\" (1024 .. 2147483647)")]
    [InlineData("statement_timeout", "-1", "-1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)")]
    [InlineData("statement_timeout", "-0x10", "-16 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)")]
    [InlineData("statement_timeout", "-2147483648", "-2147483648 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)")]
    [InlineData("temp_buffers", "17", "17 8kB is outside the valid range for parameter \"temp_buffers\" (100 .. 1073741823)")]
    [InlineData("temp_buffers", "100kB", "12 8kB is outside the valid range for parameter \"temp_buffers\" (100 .. 1073741823)")]
    [InlineData("temp_buffers", "8191B", "1 8kB is outside the valid range for parameter \"temp_buffers\" (100 .. 1073741823)")]
    [InlineData("temp_buffers", "0.5MB", "64 8kB is outside the valid range for parameter \"temp_buffers\" (100 .. 1073741823)")]
    [InlineData("extra_float_digits", "4", "4 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)")]
    [InlineData("vacuum_cost_delay", "101", "101 ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)")]
    [InlineData("vacuum_cost_delay", "-1", "-1 ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)")]
    [InlineData("vacuum_cost_delay", "100.000001", "100 ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)")]
    [InlineData("vacuum_cost_delay", "infinity", "Infinity ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)")]
    [InlineData("vacuum_cost_delay", "0.5h", "1.8e+06 ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)")]
    [InlineData("vacuum_cost_delay", "1min", "60000 ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)")]
    [InlineData("random_page_cost", "-1", "-1 is outside the valid range for parameter \"random_page_cost\" (0 .. 1.79769e+308)")]
    [InlineData("cursor_tuple_fraction", "2", "2 is outside the valid range for parameter \"cursor_tuple_fraction\" (0 .. 1)")]
    public void Set_should_raise_22023_out_of_range_when_the_value_is_outside_the_limits(string name, string value, string message)
    {
        var error = Error(() => SettingsFixture.Session().Set(name, value));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal(message, error.Message);
        Assert.Null(error.Hint);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("o")]
    [InlineData("  on ")]
    [InlineData("2")]
    [InlineData("00")]
    [InlineData("")]
    public void Set_should_raise_requires_a_Boolean_value_when_a_bool_gets_something_else(string value)
    {
        // PG: ERROR:  22023: parameter "default_transaction_read_only" requires a Boolean value
        var error = Error(() => SettingsFixture.Session().Set("default_transaction_read_only", value));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal("parameter \"default_transaction_read_only\" requires a Boolean value", error.Message);
    }

    [Theory]
    // The context check comes before the value is parsed (PG: SET fsync = nope → cannot be changed now).
    [InlineData("autovacuum", "off", "55P02", "parameter \"autovacuum\" cannot be changed now")]
    [InlineData("fsync", "nope", "55P02", "parameter \"fsync\" cannot be changed now")]
    [InlineData("log_line_prefix", "x", "55P02", "parameter \"log_line_prefix\" cannot be changed now")]
    [InlineData("checkpoint_completion_target", "2", "55P02", "parameter \"checkpoint_completion_target\" cannot be changed now")]
    [InlineData("max_connections", "10", "55P02", "parameter \"max_connections\" cannot be changed without restarting the server")]
    [InlineData("Max_Connections", "1", "55P02", "parameter \"Max_Connections\" cannot be changed without restarting the server")]
    [InlineData("shared_buffers", "100kB", "55P02", "parameter \"shared_buffers\" cannot be changed without restarting the server")]
    [InlineData("wal_level", "x", "55P02", "parameter \"wal_level\" cannot be changed without restarting the server")]
    [InlineData("archive_mode", "x", "55P02", "parameter \"archive_mode\" cannot be changed without restarting the server")]
    [InlineData("server_version", "x", "55P02", "parameter \"server_version\" cannot be changed")]
    [InlineData("SERVER_VERSION", "1", "55P02", "parameter \"SERVER_VERSION\" cannot be changed")]
    [InlineData("wal_segment_size", "1", "55P02", "parameter \"wal_segment_size\" cannot be changed")]
    [InlineData("server_encoding", "LATIN1", "55P02", "parameter \"server_encoding\" cannot be changed")]
    [InlineData("integer_datetimes", "off", "55P02", "parameter \"integer_datetimes\" cannot be changed")]
    [InlineData("is_superuser", "off", "55P02", "parameter \"is_superuser\" cannot be changed")]
    [InlineData("in_hot_standby", "on", "55P02", "parameter \"in_hot_standby\" cannot be changed")]
    [InlineData("log_connections", "on", "55P02", "parameter \"log_connections\" cannot be set after connection start")]
    [InlineData("nosuch", "1", "42704", "unrecognized configuration parameter \"nosuch\"")]
    [InlineData("foo", "1", "42704", "unrecognized configuration parameter \"foo\"")]
    public void Set_should_refuse_settings_the_session_cannot_change(string name, string value, string sqlState, string message)
    {
        var error = Error(() => SettingsFixture.Session().Set(name, value));

        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("log_min_messages", "error")]
    [InlineData("log_min_messages", "bogus")]
    [InlineData("log_statement", "all")]
    [InlineData("lc_messages", "C")]
    public void Set_should_raise_42501_when_a_non_superuser_sets_a_superuser_setting(string name, string value)
    {
        // PG (as a plain role): ERROR:  42501: permission denied to set parameter "log_min_messages"
        var error = Error(() => SettingsFixture.Session(superuser: false).Set(name, value));

        Assert.Equal("42501", error.SqlState);
        Assert.Equal($"permission denied to set parameter \"{name}\"", error.Message);
    }

    [Fact]
    public void Set_should_raise_takes_only_one_argument_when_a_scalar_setting_gets_a_list()
    {
        var error = Error(() => SettingsFixture.Session().Set("work_mem", [SetArgument.FromNumber("1"), SetArgument.FromNumber("2")]));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal("SET work_mem takes only one argument", error.Message);
    }

    [Fact]
    public void Show_should_raise_42704_when_the_setting_does_not_exist()
    {
        var error = Error(() => SettingsFixture.Session().ShowValue("NoSuch"));

        Assert.Equal("42704", error.SqlState);
        Assert.Equal("unrecognized configuration parameter \"NoSuch\"", error.Message);
    }

    [Theory]
    [InlineData(".foo")]
    [InlineData("foo.")]
    [InlineData("a b.c")]
    [InlineData("1a.b")]
    [InlineData("a.1b")]
    [InlineData("a..b")]
    public void Set_should_raise_42602_when_a_custom_name_is_malformed(string name)
    {
        var error = Error(() => SettingsFixture.Session().Set(name, "1"));

        Assert.Equal("42602", error.SqlState);
        Assert.Equal($"invalid configuration parameter name \"{name}\"", error.Message);
        Assert.Equal("Custom parameter names must be two or more simple identifiers separated by dots.", error.Detail);
    }

    [Fact]
    public void Set_local_should_warn_and_change_nothing_when_outside_a_transaction_block()
    {
        var session = SettingsFixture.Session();

        session.Set("work_mem", "1MB", isLocal: true);

        var warning = Assert.Single(session.TakeNotices());
        Assert.Equal(PgSeverity.Warning, warning.Severity);
        Assert.Equal("25P01", warning.SqlState);
        Assert.Equal("SET LOCAL can only be used in transaction blocks", warning.Message);
        Assert.Equal("4MB", session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_local_should_warn_before_the_error_when_the_value_is_also_invalid()
    {
        var session = SettingsFixture.Session();

        var error = Error(() => session.Set("work_mem", "abc", isLocal: true));

        Assert.Equal("22023", error.SqlState);
        Assert.Equal("SET LOCAL can only be used in transaction blocks", Assert.Single(session.TakeNotices()).Message);
    }

    [Fact]
    public void Reset_of_transaction_isolation_should_warn_when_outside_a_transaction_block()
    {
        var session = SettingsFixture.Session();

        session.Reset("transaction_isolation");

        Assert.Equal("RESET TRANSACTION can only be used in transaction blocks", Assert.Single(session.TakeNotices()).Message);
    }
}
