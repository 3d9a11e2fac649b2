using ActorPostmaster.Settings;
using Xunit;

namespace ActorPostmaster.Tests.Settings;

/// <summary>
/// SET then SHOW, row by row as PostgreSQL 15.18 printed them (psql against the oracle server; the PG output is the
/// expected column).
/// </summary>
public sealed class ValueParsingSpecs
{
    [Theory]
    [InlineData("statement_timeout", "0", "0")]
    [InlineData("statement_timeout", "500", "500ms")]
    [InlineData("statement_timeout", "1000", "1s")]
    [InlineData("statement_timeout", "60000", "1min")]
    [InlineData("statement_timeout", "3600000", "1h")]
    [InlineData("statement_timeout", "86400000", "1d")]
    [InlineData("statement_timeout", "7200s", "2h")]
    [InlineData("statement_timeout", "90s", "90s")]
    [InlineData("statement_timeout", "25h", "25h")]
    [InlineData("statement_timeout", "1 s", "1s")]
    [InlineData("statement_timeout", "1 min", "1min")]
    [InlineData("statement_timeout", "1  min  ", "1min")]
    [InlineData("statement_timeout", "0ms", "0")]
    [InlineData("statement_timeout", "-0", "0")]
    [InlineData("statement_timeout", "1500us", "2ms")]
    [InlineData("statement_timeout", "1499us", "1ms")]
    [InlineData("statement_timeout", "499us", "0")]
    [InlineData("statement_timeout", "0.5ms", "0")]
    [InlineData("statement_timeout", "2.5", "2ms")]
    [InlineData("statement_timeout", "1.5s", "1500ms")]
    [InlineData("statement_timeout", "1.0001s", "1s")]
    [InlineData("statement_timeout", "0.0001h", "0")]
    [InlineData("statement_timeout", "1.0001h", "1h")]
    [InlineData("statement_timeout", "1.3333min", "80s")]
    [InlineData("statement_timeout", "2.5min", "150s")]
    [InlineData("statement_timeout", "0x10s", "16s")]
    [InlineData("statement_timeout", "0x1.8p1s", "3s")]
    [InlineData("statement_timeout", "1.", "1ms")]
    [InlineData("statement_timeout", "1E3", "1s")]
    [InlineData("statement_timeout", "5e-1s", "500ms")]
    [InlineData("statement_timeout", "1.5e+1", "15ms")]
    [InlineData("statement_timeout", "0x7fffffff", "2147483647ms")]
    [InlineData("statement_timeout", "2147483647.4", "2147483647ms")]
    [InlineData("work_mem", "4096", "4MB")]
    [InlineData("work_mem", "4097", "4097kB")]
    [InlineData("work_mem", "1048576", "1GB")]
    [InlineData("work_mem", "1GB", "1GB")]
    [InlineData("work_mem", "1TB", "1TB")]
    [InlineData("work_mem", "2047GB", "2047GB")]
    [InlineData("work_mem", "65536B", "64kB")]
    [InlineData("work_mem", "65537B", "64kB")]
    [InlineData("work_mem", "65535B", "64kB")]
    [InlineData("work_mem", "100000B", "98kB")]
    [InlineData("work_mem", "1.5GB", "1536MB")]
    [InlineData("work_mem", "1.5MB", "1536kB")]
    [InlineData("work_mem", " 10MB ", "10MB")]
    [InlineData("work_mem", "0x100", "256kB")]
    [InlineData("work_mem", "1e3", "1000kB")]
    [InlineData("maintenance_work_mem", "1024", "1MB")]
    [InlineData("temp_buffers", "1MB", "1MB")]
    [InlineData("temp_buffers", "1000000", "8000000kB")]
    [InlineData("extra_float_digits", "2.5", "2")]
    [InlineData("extra_float_digits", "2.4", "2")]
    [InlineData("extra_float_digits", "-2.5", "-2")]
    [InlineData("extra_float_digits", ".5", "0")]
    [InlineData("extra_float_digits", "-0.5", "0")]
    [InlineData("extra_float_digits", "+2", "2")]
    [InlineData("extra_float_digits", " 2 ", "2")]
    public void Integer_settings_should_parse_and_show_as_PostgreSQL_when_set(string name, string value, string shown)
    {
        var session = SettingsFixture.Session();

        session.Set(name, value);

        Assert.Equal(shown, session.ShowValue(name));
    }

    [Theory]
    [InlineData("vacuum_cost_delay", "1.5ms", "1500us")]
    [InlineData("vacuum_cost_delay", "0.1", "100us")]
    [InlineData("vacuum_cost_delay", "0.0001", "0.1us")]
    [InlineData("vacuum_cost_delay", "1500us", "1500us")]
    [InlineData("vacuum_cost_delay", "0.05s", "50ms")]
    [InlineData("vacuum_cost_delay", "0.001s", "1ms")]
    [InlineData("vacuum_cost_delay", "1.23456789", "1234.57us")]
    [InlineData("vacuum_cost_delay", "0", "0")]
    [InlineData("vacuum_cost_delay", "-0", "-0")]
    [InlineData("vacuum_cost_delay", "100", "100ms")]
    [InlineData("vacuum_cost_delay", "1.0000000001", "1ms")]
    [InlineData("vacuum_cost_delay", "99.9999", "99999.9us")]
    [InlineData("vacuum_cost_delay", "0.1 ms", "100us")]
    [InlineData("vacuum_cost_delay", "0x10", "16ms")]
    [InlineData("vacuum_cost_delay", "1.000001", "1000us")]
    [InlineData("vacuum_cost_delay", "1.0000001", "1000us")]
    [InlineData("vacuum_cost_delay", "1.00000001", "1ms")]
    [InlineData("vacuum_cost_delay", "1.00000002", "1000us")]
    [InlineData("vacuum_cost_delay", "2.00000002", "2ms")]
    [InlineData("vacuum_cost_delay", "0.99999999", "1000us")]
    [InlineData("vacuum_cost_delay", "10.0000001", "10ms")]
    [InlineData("vacuum_cost_delay", "10.000001", "10000us")]
    [InlineData("vacuum_cost_delay", "99.9999999", "100ms")]
    [InlineData("vacuum_cost_delay", "60.00000001", "60ms")]
    [InlineData("vacuum_cost_delay", "0.000000001", "1e-06us")]
    [InlineData("vacuum_cost_delay", "1e-300", "1e-297us")]
    [InlineData("vacuum_cost_delay", "2.5us", "2.5us")]
    [InlineData("vacuum_cost_delay", "0.0000001h", "0")]
    [InlineData("vacuum_cost_delay", "0.001min", "0")]
    [InlineData("random_page_cost", "1e-5", "1e-05")]
    [InlineData("random_page_cost", "1234567", "1.23457e+06")]
    [InlineData("random_page_cost", "123456", "123456")]
    [InlineData("random_page_cost", "0.00012345678", "0.000123457")]
    [InlineData("random_page_cost", "2.2250738585072014e-308", "2.22507e-308")]
    public void Real_settings_should_parse_and_show_as_PostgreSQL_when_set(string name, string value, string shown)
    {
        var session = SettingsFixture.Session();

        session.Set(name, value);

        Assert.Equal(shown, session.ShowValue(name));
    }

    [Theory]
    [InlineData("shared_buffers", "128MB")]
    [InlineData("wal_segment_size", "16MB")]
    [InlineData("max_wal_size", "1GB")]
    [InlineData("min_wal_size", "80MB")]
    [InlineData("checkpoint_timeout", "5min")]
    [InlineData("autovacuum_naptime", "1min")]
    [InlineData("authentication_timeout", "1min")]
    [InlineData("wal_writer_delay", "200ms")]
    [InlineData("work_mem", "4MB")]
    [InlineData("maintenance_work_mem", "64MB")]
    [InlineData("log_line_prefix", "%m [%p] ")]
    [InlineData("archive_command", "(disabled)")]
    [InlineData("search_path", "\"$user\", public")]
    [InlineData("DateStyle", "ISO, MDY")]
    [InlineData("TimeZone", "Etc/UTC")]
    [InlineData("server_version_num", "150018")]
    [InlineData("server_version", "15.18 (ActorPostmaster 0.1)")]
    [InlineData("integer_datetimes", "on")]
    [InlineData("transaction_read_only", "off")]
    [InlineData("transaction_isolation", "read committed")]
    [InlineData("is_superuser", "on")]
    [InlineData("session_authorization", "postgres")]
    [InlineData("role", "none")]
    [InlineData("client_encoding", "UTF8")]
    [InlineData("server_encoding", "UTF8")]
    [InlineData("max_identifier_length", "63")]
    [InlineData("block_size", "8192")]
    [InlineData("segment_size", "1GB")]
    [InlineData("checkpoint_completion_target", "0.9")]
    [InlineData("autovacuum_vacuum_cost_delay", "2ms")]
    [InlineData("log_autovacuum_min_duration", "10min")]
    [InlineData("log_min_duration_statement", "-1")]
    [InlineData("unix_socket_permissions", "0777")]
    [InlineData("effective_cache_size", "4GB")]
    [InlineData("wal_writer_flush_after", "1MB")]
    [InlineData("checkpoint_flush_after", "256kB")]
    [InlineData("lc_collate", "C.UTF-8")]
    [InlineData("password_encryption", "scram-sha-256")]
    [InlineData("max_connections", "100")]
    [InlineData("superuser_reserved_connections", "3")]
    [InlineData("reserved_connections", "0")]
    [InlineData("send_abort_for_crash", "off")]
    [InlineData("send_abort_for_kill", "off")]
    public void Defaults_should_show_as_a_fresh_PostgreSQL_15_cluster_when_nothing_is_configured(string name, string shown)
    {
        Assert.Equal(shown, SettingsFixture.Session().ShowValue(name));
    }

    [Theory]
    [InlineData("on", "on")]
    [InlineData("ON", "on")]
    [InlineData("of", "off")]
    [InlineData("y", "on")]
    [InlineData("t", "on")]
    [InlineData("TRU", "on")]
    [InlineData("fal", "off")]
    [InlineData("n", "off")]
    [InlineData("1", "on")]
    [InlineData("0", "off")]
    [InlineData("yes", "on")]
    [InlineData("No", "off")]
    public void Bool_settings_should_accept_PostgreSQL_spellings_and_prefixes_when_set(string value, string shown)
    {
        var session = SettingsFixture.Session();

        session.Set("default_transaction_read_only", value);

        Assert.Equal(shown, session.ShowValue("default_transaction_read_only"));
    }

    [Theory]
    [InlineData("synchronous_commit", "LOCAL", "local")]
    [InlineData("synchronous_commit", "remote_write", "remote_write")]
    [InlineData("synchronous_commit", "true", "on")]
    [InlineData("synchronous_commit", "yes", "on")]
    [InlineData("synchronous_commit", "1", "on")]
    [InlineData("synchronous_commit", "0", "off")]
    [InlineData("client_min_messages", "info", "info")]
    [InlineData("client_min_messages", "debug", "debug2")]
    [InlineData("log_min_messages", "DEBUG", "debug2")]
    [InlineData("IntervalStyle", "SQL_STANDARD", "sql_standard")]
    [InlineData("default_transaction_isolation", "Serializable", "serializable")]
    [InlineData("wal_compression", "on", "pglz")]
    [InlineData("wal_compression", "yes", "pglz")]
    [InlineData("constraint_exclusion", "yes", "on")]
    [InlineData("backslash_quote", "1", "on")]
    [InlineData("bytea_output", "escape", "escape")]
    public void Enum_settings_should_accept_their_words_and_hidden_synonyms_when_set(string name, string value, string shown)
    {
        var session = SettingsFixture.Session();

        session.Set(name, value);

        Assert.Equal(shown, session.ShowValue(name));
    }
}
