using ActorPostmaster.Settings;
using Xunit;
using static ActorPostmaster.Tests.Settings.SettingsFixture;

namespace ActorPostmaster.Tests.Settings;

/// <summary>SET, SET LOCAL, RESET and savepoints inside transactions, each sequence as run against PostgreSQL 15.18.</summary>
public sealed class SessionTransactionSpecs
{
    private readonly SessionSettings _session = Session();

    [Fact]
    public void Set_should_be_undone_when_the_transaction_rolls_back()
    {
        // BEGIN; SET work_mem='8MB'; ROLLBACK; SHOW work_mem → 4MB
        _session.BeginTransaction();
        _session.Set("work_mem", "8MB");
        _session.AbortTransaction();

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_should_stick_when_the_transaction_commits()
    {
        // BEGIN; SET work_mem='8MB'; COMMIT; SHOW work_mem → 8MB
        _session.BeginTransaction();
        _session.Set("work_mem", "8MB");
        _session.CommitTransaction();

        Assert.Equal("8MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_local_should_last_until_commit_when_inside_a_transaction()
    {
        // BEGIN; SET LOCAL work_mem='8MB'; SHOW → 8MB; COMMIT; SHOW → 4MB
        _session.BeginTransaction();
        _session.Set("work_mem", "8MB", isLocal: true);
        Assert.Equal("8MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
        Assert.Empty(_session.TakeNotices());
    }

    [Fact]
    public void Set_local_should_give_way_to_the_session_value_when_set_after_set()
    {
        // BEGIN; SET work_mem='2MB'; SET LOCAL work_mem='8MB'; SHOW → 8MB; COMMIT; SHOW → 2MB
        _session.BeginTransaction();
        _session.Set("work_mem", "2MB");
        _session.Set("work_mem", "8MB", isLocal: true);
        Assert.Equal("8MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_should_override_set_local_when_it_comes_later_in_the_transaction()
    {
        // BEGIN; SET LOCAL work_mem='8MB'; SET work_mem='2MB'; SHOW → 2MB; COMMIT; SHOW → 2MB
        _session.BeginTransaction();
        _session.Set("work_mem", "8MB", isLocal: true);
        _session.Set("work_mem", "2MB");
        Assert.Equal("2MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Rollback_to_savepoint_should_undo_what_was_set_after_the_savepoint()
    {
        // BEGIN; SET work_mem='2MB'; SAVEPOINT a; SET work_mem='3MB'; ROLLBACK TO a; SHOW → 2MB; COMMIT; SHOW → 2MB
        _session.BeginTransaction();
        _session.Set("work_mem", "2MB");
        _session.BeginSubtransaction();
        _session.Set("work_mem", "3MB");
        _session.AbortSubtransaction();
        _session.BeginSubtransaction();
        Assert.Equal("2MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_local_in_a_released_savepoint_should_last_until_the_transaction_ends()
    {
        // BEGIN; SAVEPOINT a; SET LOCAL work_mem='3MB'; RELEASE a; SHOW → 3MB; COMMIT; SHOW → 4MB
        _session.BeginTransaction();
        _session.BeginSubtransaction();
        _session.Set("work_mem", "3MB", isLocal: true);
        _session.CommitSubtransaction();
        Assert.Equal("3MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_in_a_released_savepoint_should_be_undone_when_the_transaction_rolls_back()
    {
        // BEGIN; SAVEPOINT a; SET work_mem='3MB'; RELEASE a; ROLLBACK; SHOW → 4MB
        _session.BeginTransaction();
        _session.BeginSubtransaction();
        _session.Set("work_mem", "3MB");
        _session.CommitSubtransaction();
        _session.AbortTransaction();

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Reset_inside_a_transaction_should_be_undone_by_rollback()
    {
        // SET work_mem='2MB'; BEGIN; RESET work_mem; SHOW → 4MB; ROLLBACK; SHOW → 2MB
        _session.Set("work_mem", "2MB");
        _session.BeginTransaction();
        _session.Reset("work_mem");
        Assert.Equal("4MB", _session.ShowValue("work_mem"));
        _session.AbortTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Reset_should_drop_a_set_local_value_too()
    {
        // BEGIN; SET LOCAL work_mem='8MB'; RESET work_mem; SHOW → 4MB; COMMIT; SHOW → 4MB
        _session.BeginTransaction();
        _session.Set("work_mem", "8MB", isLocal: true);
        _session.Reset("work_mem");
        Assert.Equal("4MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Reset_all_inside_a_transaction_should_be_undone_by_rollback()
    {
        // SET work_mem='2MB'; BEGIN; SET LOCAL work_mem='8MB'; RESET ALL; SHOW → 4MB; ROLLBACK; SHOW → 2MB
        _session.Set("work_mem", "2MB");
        _session.BeginTransaction();
        _session.Set("work_mem", "8MB", isLocal: true);
        _session.ResetAll();
        Assert.Equal("4MB", _session.ShowValue("work_mem"));
        _session.AbortTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_local_to_default_should_show_the_reset_value_until_commit()
    {
        // SET work_mem='2MB'; BEGIN; SET LOCAL work_mem = DEFAULT; SHOW → 4MB; COMMIT; SHOW → 2MB
        _session.Set("work_mem", "2MB");
        _session.BeginTransaction();
        _session.SetToDefault("work_mem", isLocal: true);
        Assert.Equal("4MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_to_default_should_return_to_the_reset_value_when_not_local()
    {
        _session.Set("work_mem", "2MB");

        _session.SetToDefault("work_mem");

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Rollback_to_savepoint_should_restore_the_earlier_set_local_value()
    {
        // BEGIN; SET LOCAL 3MB; SET LOCAL 5MB; SAVEPOINT s; SET LOCAL 6MB; ROLLBACK TO s; SHOW → 5MB; COMMIT; SHOW → 2MB
        _session.Set("work_mem", "2MB");
        _session.BeginTransaction();
        _session.Set("work_mem", "3MB", isLocal: true);
        _session.Set("work_mem", "5MB", isLocal: true);
        _session.BeginSubtransaction();
        _session.Set("work_mem", "6MB", isLocal: true);
        _session.AbortSubtransaction();
        Assert.Equal("5MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Rollback_to_an_outer_savepoint_should_undo_released_inner_savepoints()
    {
        // BEGIN; SAVEPOINT s; SET 7MB; SAVEPOINT t; SET LOCAL 9MB; RELEASE t; SHOW → 9MB; ROLLBACK TO s; SHOW → 2MB
        _session.Set("work_mem", "2MB");
        _session.BeginTransaction();
        _session.BeginSubtransaction();
        _session.Set("work_mem", "7MB");
        _session.BeginSubtransaction();
        _session.Set("work_mem", "9MB", isLocal: true);
        _session.CommitSubtransaction();
        Assert.Equal("9MB", _session.ShowValue("work_mem"));
        _session.AbortSubtransaction();
        _session.BeginSubtransaction();
        Assert.Equal("2MB", _session.ShowValue("work_mem"));
        _session.CommitTransaction();

        Assert.Equal("2MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_after_set_local_in_a_savepoint_should_survive_release_and_commit()
    {
        // BEGIN; SAVEPOINT s; SET LOCAL 9MB; SET 7MB; RELEASE s; COMMIT; SHOW → 7MB
        _session.BeginTransaction();
        _session.BeginSubtransaction();
        _session.Set("work_mem", "9MB", isLocal: true);
        _session.Set("work_mem", "7MB");
        _session.CommitSubtransaction();
        _session.CommitTransaction();

        Assert.Equal("7MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Set_local_in_a_savepoint_should_revert_to_the_transactions_set_value_at_commit()
    {
        // BEGIN; SET 11MB; SAVEPOINT s; SET LOCAL 9MB; RELEASE s; COMMIT; SHOW → 11MB
        _session.BeginTransaction();
        _session.Set("work_mem", "11MB");
        _session.BeginSubtransaction();
        _session.Set("work_mem", "9MB", isLocal: true);
        _session.CommitSubtransaction();
        _session.CommitTransaction();

        Assert.Equal("11MB", _session.ShowValue("work_mem"));
    }

    [Fact]
    public void Transaction_read_only_should_follow_its_default_and_revert_when_the_transaction_ends()
    {
        // BEGIN; SET transaction_read_only = on; SHOW → on; COMMIT; SHOW → off
        _session.BeginTransaction();
        _session.Set("transaction_read_only", "on");
        Assert.Equal("on", _session.ShowValue("transaction_read_only"));
        _session.CommitTransaction();
        Assert.Equal("off", _session.ShowValue("transaction_read_only"));

        // SET transaction_read_only = on outside a block: no lasting effect; SET default_transaction_read_only = on: shows on
        _session.Set("transaction_read_only", "on");
        Assert.Equal("off", _session.ShowValue("transaction_read_only"));
        _session.Set("default_transaction_read_only", "on");
        Assert.Equal("on", _session.ShowValue("transaction_read_only"));
    }

    [Fact]
    public void Transaction_read_only_should_keep_the_value_from_the_transaction_start_when_the_default_changes_inside()
    {
        // SET default_transaction_read_only = on; BEGIN; SET default_transaction_read_only = off; SHOW transaction_read_only → on
        _session.Set("default_transaction_read_only", "on");
        _session.BeginTransaction();
        _session.Set("default_transaction_read_only", "off");
        Assert.Equal("on", _session.ShowValue("transaction_read_only"));
        _session.CommitTransaction();

        Assert.Equal("off", _session.ShowValue("transaction_read_only"));
    }

    [Fact]
    public void Transaction_isolation_should_be_fixed_once_the_transaction_ran_a_query()
    {
        // BEGIN; SELECT 1; SET transaction_isolation = 'serializable' → 25001
        _session.BeginTransaction();
        _session.MarkSnapshotTaken();

        var error = Error(() => _session.Set("transaction_isolation", "serializable"));

        Assert.Equal("25001", error.SqlState);
        Assert.Equal("SET TRANSACTION ISOLATION LEVEL must be called before any query", error.Message);
        _session.Set("transaction_isolation", "read committed"); // the same value is fine (PG: SET)
    }

    [Fact]
    public void Transaction_isolation_should_not_change_in_a_savepoint()
    {
        _session.BeginTransaction();
        _session.BeginSubtransaction();

        var error = Error(() => _session.Set("transaction_isolation", "serializable"));

        Assert.Equal("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction", error.Message);
        Assert.Equal("25001", error.SqlState);
    }

    [Fact]
    public void Transaction_isolation_should_apply_to_the_transaction_when_set_at_its_start()
    {
        _session.BeginTransaction();
        _session.Set("transaction_isolation", "serializable");
        Assert.Equal("serializable", _session.ShowValue("transaction_isolation"));
        _session.CommitTransaction();

        Assert.Equal("read committed", _session.ShowValue("transaction_isolation"));
    }

    [Fact]
    public void Transaction_read_only_should_refuse_read_write_after_a_query_or_inside_a_read_only_savepoint()
    {
        _session.BeginTransaction();
        _session.Set("transaction_read_only", "on");
        _session.BeginSubtransaction();
        Assert.Equal(
            "cannot set transaction read-write mode inside a read-only transaction",
            Error(() => _session.Set("transaction_read_only", "off")).Message);
        _session.AbortTransaction();

        _session.BeginTransaction();
        _session.MarkSnapshotTaken();
        _session.Set("transaction_read_only", "on");
        var error = Error(() => _session.Set("transaction_read_only", "off"));
        Assert.Equal("transaction read-write mode must be set before any query", error.Message);
        Assert.Equal("25001", error.SqlState);
    }

    [Fact]
    public void Transaction_deferrable_should_be_set_only_at_the_start_of_a_top_level_transaction()
    {
        _session.BeginTransaction();
        _session.MarkSnapshotTaken();
        Assert.Equal("SET TRANSACTION [NOT] DEFERRABLE must be called before any query", Error(() => _session.Set("transaction_deferrable", "off")).Message);
        _session.AbortTransaction();

        _session.BeginTransaction();
        _session.BeginSubtransaction();
        Assert.Equal("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction", Error(() => _session.Set("transaction_deferrable", "on")).Message);
    }

    [Fact]
    public void Reset_all_should_leave_transaction_settings_alone()
    {
        // BEGIN; SET transaction_read_only = on; RESET ALL; SHOW transaction_read_only → on
        _session.BeginTransaction();
        _session.Set("transaction_read_only", "on");
        _session.ResetAll();

        Assert.Equal("on", _session.ShowValue("transaction_read_only"));
    }

    [Fact]
    public void Set_config_should_return_the_new_value_in_show_form()
    {
        // SELECT set_config('statement_timeout', '60000', false) → 1min; set_config('Work_Mem', '5MB', false) → 5MB
        Assert.Equal("1min", _session.SetConfig("statement_timeout", "60000", false));
        Assert.Equal("5MB", _session.SetConfig("Work_Mem", "5MB", false));
        Assert.Equal("1min", _session.CurrentSetting("Statement_Timeout"));

        // set_config('work_mem', NULL, false) → 4MB (the default)
        Assert.Equal("4MB", _session.SetConfig("work_mem", null, false));
    }

    [Fact]
    public void Set_config_local_should_return_the_value_but_keep_nothing_when_outside_a_transaction()
    {
        Assert.Equal("8MB", _session.SetConfig("work_mem", "8MB", true));

        Assert.Equal("4MB", _session.ShowValue("work_mem"));
        Assert.Empty(_session.TakeNotices());
    }

    [Fact]
    public void Current_setting_should_return_null_for_a_missing_name_only_when_missing_ok()
    {
        Assert.Null(_session.CurrentSetting("other.var", missingOk: true));
        Assert.Equal("42704", Error(() => _session.CurrentSetting("nosuch")).SqlState);
    }

    [Fact]
    public void A_failed_statement_in_an_implicit_block_should_undo_its_set()
    {
        // "SET application_name='x'; SELECT 1/0" in one Query: an implicit block; the error rolls it back
        _session.BeginTransaction();
        _session.Set("application_name", "x");
        _session.AbortTransaction();

        Assert.Equal(string.Empty, _session.ShowValue("application_name"));
    }

    [Fact]
    public void Reset_should_return_to_the_startup_value_when_the_client_set_one()
    {
        _session.ApplyStartupOption("application_name", "pgwire.py");
        _session.Set("application_name", "changed");

        _session.Reset("application_name");

        Assert.Equal("pgwire.py", _session.ShowValue("application_name"));
        Assert.Equal(SettingSource.Client, _session.GetSource("application_name"));
    }

    [Fact]
    public void Typed_getters_should_return_values_in_base_units()
    {
        _session.Set("statement_timeout", "1.5s");
        _session.Set("work_mem", "8MB");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), _session.GetTimeSpan("statement_timeout"));
        Assert.Equal(8192, _session.GetInt("work_mem"));
        Assert.Equal(8L * 1024 * 1024, _session.GetBytes("work_mem"));
        Assert.Equal(128L * 1024 * 1024, _session.GetBytes("shared_buffers"));
        Assert.Equal(TimeSpan.FromMilliseconds(2), _session.GetTimeSpan("autovacuum_vacuum_cost_delay"));
        Assert.Throws<InvalidOperationException>(() => _session.GetTimeSpan("work_mem"));
        Assert.True(_session.GetBool("fsync"));
        Assert.Equal(0.9, _session.GetReal("checkpoint_completion_target"));
        Assert.Equal("on", _session.GetString("synchronous_commit"));
        Assert.Equal(SettingSource.Session, _session.GetSource("work_mem"));
        Assert.Equal(SettingSource.Default, _session.GetSource("fsync"));
    }
}
