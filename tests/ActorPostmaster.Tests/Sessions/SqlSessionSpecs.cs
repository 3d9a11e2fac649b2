using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>Statements in sessions: results, errors, transactions, settings, interrupts — against ../shared/oracle.</summary>
public sealed class SqlSessionSpecs : TestKit.TestKit
{
    private static readonly PgError UserCancel = new(PgSeverity.Error, "57014", "canceling statement due to user request");
    private static readonly PgError Terminated = new(PgSeverity.Fatal, "57P01", "terminating connection due to administrator command");
    private IActorRef _postmaster = ActorRefs.Nobody;

    public SqlSessionSpecs(ITestOutputHelper output)
        : base(output) => Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));

    [Fact]
    public async Task SELECT_1_should_answer_like_postgresql()
    {
        var session = await Connect();

        var messages = await session.QueryAsync("SELECT 1");

        Assert.Equal(
            [new RowDescription([new RowField("?column?", 23, 4)]), new DataRow(["1"]), new CommandComplete("SELECT 1"), new ReadyForQuery('I')],
            messages);
    }

    [Fact]
    public async Task Pg_backend_pid_should_be_the_pid_of_BackendKeyData()
    {
        var session = await Connect();

        var messages = await session.QueryAsync("SELECT pg_backend_pid()");

        Assert.Equal(session.KeyData!.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(messages.OfType<DataRow>()).Values[0]);
        Assert.Equal("pg_backend_pid", messages.OfType<RowDescription>().Single().Fields[0].Name);
    }

    [Fact]
    public async Task A_syntax_error_should_be_42601_with_its_position_and_leave_the_session_usable()
    {
        var session = await Connect();

        var messages = await session.QueryAsync("SELECT 1; SELEC 2; SELECT 3");

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "42601", "syntax error at or near \"SELEC\"", Position: 11)), messages[0]);
        Assert.Equal(new ReadyForQuery('I'), messages[^1]);
        Assert.Equal(new DataRow(["4"]), (await session.QueryAsync("SELECT 2 + 2"))[1]);
    }

    [Fact]
    public async Task Session_functions_should_name_the_role_and_database_and_now_should_be_the_transaction_start()
    {
        var session = await Connect();

        var names = await session.QueryAsync("SELECT current_user, session_user, current_database()");
        await session.QueryAsync("BEGIN");
        var first = await session.QueryAsync("SELECT now()");
        Advance(TimeSpan.FromSeconds(5));
        var second = await session.QueryAsync("SELECT now()");

        Assert.Equal(new DataRow(["postgres", "postgres", "postgres"]), names[1]);
        Assert.Equal(first[1], second[1]); // stable within the transaction
    }

    [Fact]
    public async Task An_empty_query_should_get_EmptyQueryResponse()
    {
        var session = await Connect();

        Assert.Equal([EmptyQueryResponse.Instance, new ReadyForQuery('I')], await session.QueryAsync("  ;  "));
    }

    [Fact]
    public async Task An_error_inside_a_transaction_block_should_abort_it_until_ROLLBACK()
    {
        var session = await Connect();

        Assert.Equal(new ReadyForQuery('T'), (await session.QueryAsync("BEGIN"))[^1]);
        var failure = await session.QueryAsync("SELECT 1/0");
        var ignored = await session.QueryAsync("SELECT 1");
        var rollback = await session.QueryAsync("ROLLBACK");

        Assert.Equal([new ErrorResponse(new PgError(PgSeverity.Error, "22012", "division by zero")), new ReadyForQuery('E')], failure);
        Assert.Equal(
            [new ErrorResponse(new PgError(PgSeverity.Error, "25P02", "current transaction is aborted, commands ignored until end of transaction block")), new ReadyForQuery('E')],
            ignored);
        Assert.Equal([new CommandComplete("ROLLBACK"), new ReadyForQuery('I')], rollback);
    }

    [Fact]
    public async Task COMMIT_without_a_transaction_should_warn_and_COMMIT_of_a_failed_one_should_report_ROLLBACK()
    {
        var session = await Connect();

        var lonely = await session.QueryAsync("COMMIT");
        await session.QueryAsync("BEGIN");
        await session.QueryAsync("SELECT 1/0");
        var commit = await session.QueryAsync("COMMIT");

        Assert.Equal(new NoticeResponse(new PgError(PgSeverity.Warning, "25P01", "there is no transaction in progress")), lonely[0]);
        Assert.Equal([new CommandComplete("ROLLBACK"), new ReadyForQuery('I')], commit);
    }

    [Fact]
    public async Task SET_of_a_reported_parameter_should_send_ParameterStatus_before_ReadyForQuery()
    {
        var session = await Connect();

        var set = await session.QueryAsync("SET DateStyle = German");
        var show = await session.QueryAsync("SHOW DateStyle");
        var workMem = await session.QueryAsync("SET work_mem = '16MB'");

        Assert.Equal([new CommandComplete("SET"), new ParameterStatus("DateStyle", "German, DMY"), new ReadyForQuery('I')], set);
        Assert.Equal(new DataRow(["German, DMY"]), show[1]);
        Assert.Equal([new CommandComplete("SET"), new ReadyForQuery('I')], workMem);
    }

    [Fact]
    public async Task Current_setting_should_read_the_session_value_and_unknown_settings_should_be_42704()
    {
        var session = await Connect();
        await session.QueryAsync("SET statement_timeout = 500");

        var value = await session.QueryAsync("SELECT current_setting('statement_timeout')");
        var unknown = await session.QueryAsync("SHOW no_such_setting");

        Assert.Equal(new DataRow(["500ms"]), value[1]);
        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "42704", "unrecognized configuration parameter \"no_such_setting\"")), unknown[0]);
    }

    [Fact]
    public async Task Pg_cancel_backend_should_cancel_a_running_pg_sleep_after_its_RowDescription_02()
    {
        var victim = await Connect();
        var admin = await Connect();
        victim.SendQuery("SELECT pg_sleep(30)");
        RunUntilIdle();

        var cancel = await admin.QueryAsync($"SELECT pg_cancel_backend({victim.KeyData!.Pid})");
        var messages = await victim.ReadUntilReadyAsync();

        Assert.Equal(new DataRow(["t"]), cancel[1]);
        Assert.Equal([new RowDescription([new RowField("pg_sleep", 2278, 4)]), new ErrorResponse(UserCancel), new ReadyForQuery('I')], messages);
        Assert.Equal(new DataRow(["1"]), (await victim.QueryAsync("SELECT 1"))[1]); // same backend keeps working
    }

    [Fact]
    public async Task A_CancelRequest_with_the_right_key_should_cancel_and_inside_BEGIN_leave_the_block_failed_02()
    {
        var victim = await Connect();
        await victim.QueryAsync("BEGIN");
        victim.SendQuery("SELECT pg_sleep(30)");
        RunUntilIdle();

        ClientSession.SendCancel(Sys, _postmaster, victim.KeyData!.Pid, victim.KeyData.SecretKey);
        var messages = await victim.ReadUntilReadyAsync();
        var next = await victim.QueryAsync("SELECT 1");

        Assert.Equal([new ErrorResponse(UserCancel), new ReadyForQuery('E')], messages.Skip(1));
        Assert.Equal("25P02", Assert.IsType<ErrorResponse>(next[0]).Error.SqlState);
    }

    [Fact]
    public async Task A_cancel_of_an_idle_session_should_do_nothing_and_still_return_true()
    {
        var idle = await Connect();
        var admin = await Connect();

        var cancel = await admin.QueryAsync($"SELECT pg_cancel_backend({idle.KeyData!.Pid})");

        Assert.Equal(new DataRow(["t"]), cancel[1]);
        Assert.Null(await idle.ReadAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(new DataRow(["1"]), (await idle.QueryAsync("SELECT 1"))[1]);
    }

    [Fact]
    public async Task Pg_terminate_backend_should_end_a_running_query_with_FATAL_57P01_01()
    {
        var victim = await Connect();
        var admin = await Connect();
        victim.SendQuery("SELECT pg_sleep(30)");
        RunUntilIdle();

        var terminate = await admin.QueryAsync($"SELECT pg_terminate_backend({victim.KeyData!.Pid})");
        var messages = await victim.ReadUntilReadyAsync();

        Assert.Equal(new DataRow(["t"]), terminate[1]);
        Assert.Equal([new ErrorResponse(Terminated), ConnectionClosed.Instance], messages.Skip(1));
    }

    [Fact]
    public async Task Statement_timeout_should_cancel_with_its_own_text_and_keep_the_session()
    {
        var session = await Connect();
        await session.QueryAsync("SET statement_timeout = '500ms'");
        var start = Now;

        var messages = await session.QueryAsync("SELECT pg_sleep(10)");

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "57014", "canceling statement due to statement timeout")), messages[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(500), Now - start);
        Assert.Equal(new ReadyForQuery('I'), messages[^1]);
    }

    [Fact]
    public async Task Idle_in_transaction_session_timeout_should_end_the_session_with_25P03()
    {
        var session = await Connect();
        await session.QueryAsync("SET idle_in_transaction_session_timeout = '1s'");
        await session.QueryAsync("BEGIN");

        var fatal = await session.ReadAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Fatal, "25P03", "terminating connection due to idle-in-transaction timeout")), fatal);
    }

    [Fact]
    public async Task A_non_superuser_should_not_terminate_a_superuser_backend_09()
    {
        var catalog = Catalog.Default.WithRole(new RoleSpec("alice", MemberOf: ["pg_signal_backend"]));
        var superuser = await Connect(catalog: catalog);
        var alice = await ClientSession.ConnectAsync(Sys, _postmaster, "alice");

        var terminate = await alice.QueryAsync($"SELECT pg_terminate_backend({superuser.KeyData!.Pid})");
        var cancel = await alice.QueryAsync($"SELECT pg_cancel_backend({superuser.KeyData!.Pid})");

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "42501", "must be a superuser to terminate superuser process")), terminate[1]);
        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "42501", "must be a superuser to cancel superuser query")), cancel[1]);
    }

    [Fact]
    public async Task Terminating_another_roles_backend_should_need_membership_09()
    {
        var catalog = Catalog.Default.WithRole(new RoleSpec("alice")).WithRole(new RoleSpec("bob"));
        await Connect(catalog: catalog);
        var bob = await ClientSession.ConnectAsync(Sys, _postmaster, "bob");
        var alice = await ClientSession.ConnectAsync(Sys, _postmaster, "alice");

        var terminate = await alice.QueryAsync($"SELECT pg_terminate_backend({bob.KeyData!.Pid})");

        Assert.Equal(
            new ErrorResponse(new PgError(PgSeverity.Error, "42501", "must be a member of the role whose process is being terminated or member of pg_signal_backend")),
            terminate[1]);
    }

    [Fact]
    public async Task Signalling_a_pid_that_is_no_backend_should_warn_and_return_false()
    {
        var session = await Connect();

        var messages = await session.QueryAsync("SELECT pg_cancel_backend(999999)");

        Assert.Equal(new NoticeResponse(new PgError(PgSeverity.Warning, "01000", "PID 999999 is not a PostgreSQL backend process")), messages[1]);
        Assert.Equal(new DataRow(["f"]), messages[2]);
    }

    [Fact]
    public async Task Pg_terminate_backend_with_a_timeout_should_warn_about_a_stuck_backend()
    {
        var stuck = await Connect();
        var admin = await Connect();
        stuck.SendQuery("SELECT ap_spin(60)");
        RunUntilIdle();

        var messages = await admin.QueryAsync($"SELECT pg_terminate_backend({stuck.KeyData!.Pid}, 100)");

        Assert.Equal(new NoticeResponse(new PgError(PgSeverity.Warning, "01000", $"backend with PID {stuck.KeyData.Pid} did not terminate within 100 milliseconds")), messages[1]);
        Assert.Equal(new DataRow(["f"]), messages[2]);
        var activity = await admin.QueryAsync($"SELECT pending_interrupts FROM pg_stat_activity WHERE pid = {stuck.KeyData.Pid}");
        Assert.Equal(new DataRow(["ProcDie"]), activity[1]);
    }

    [Fact]
    public async Task A_stuck_backend_should_be_named_in_the_log_after_the_grace_and_ap_kill_backend_should_get_it_out()
    {
        var stuck = await Connect();
        var admin = await Connect();
        stuck.SendQuery("SELECT ap_spin(600)");
        RunUntilIdle();
        var pid = stuck.KeyData!.Pid;

        await admin.QueryAsync($"SELECT pg_terminate_backend({pid})");
        EventFilter.Warning(start: $"server process (PID {pid}) has not checked for interrupts for").ExpectOne(() => Advance(TimeSpan.FromSeconds(11)));
        var killed = await admin.QueryAsync($"SELECT ap_kill_backend({pid})");

        Assert.Equal(new DataRow(["t"]), killed[1]);
        Assert.Equal(ConnectionClosed.Instance, (await stuck.ReadUntilReadyAsync())[^1]); // forced out with no message
    }

    [Fact]
    public async Task Pg_stat_activity_should_list_sessions_and_background_processes()
    {
        var session = await Connect();

        var messages = await session.QueryAsync("SELECT backend_type, state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()");
        var types = await session.QueryAsync("SELECT backend_type FROM pg_stat_activity ORDER BY backend_type");

        Assert.Equal(new DataRow(["client backend", "active", "SELECT backend_type, state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()"]), messages[1]);
        Assert.Contains(new DataRow(["checkpointer"]), types);
        Assert.Contains(new DataRow(["logical replication launcher"]), types);
    }

    [Fact]
    public async Task Ap_crash_backend_should_crash_the_cluster_and_warn_the_other_sessions_013()
    {
        var victim = await Connect();
        var bystander = await Connect();

        victim.SendQuery("SELECT ap_crash_backend()");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        Assert.Equal("57P02", Assert.IsType<NoticeResponse>(await bystander.ReadAsync(TimeSpan.FromSeconds(1))).Notice.SqlState);
        Assert.Equal(ConnectionClosed.Instance, await bystander.ReadAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task SIGQUIT_of_one_backend_should_warn_its_client_then_crash_the_others_013()
    {
        var victim = await Connect();
        var bystander = await Connect();
        var admin = await Connect();

        var quit = await admin.QueryAsync($"SELECT ap_quit_backend({victim.KeyData!.Pid})");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        Assert.Equal(new DataRow(["t"]), quit[1]);
        Assert.Equal(
            new NoticeResponse(new PgError(PgSeverity.Warning, "57P01", "terminating connection because of unexpected SIGQUIT signal")),
            await victim.ReadAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(ConnectionClosed.Instance, await victim.ReadAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal("57P02", Assert.IsType<NoticeResponse>(await bystander.ReadAsync(TimeSpan.FromSeconds(1))).Notice.SqlState);
        Assert.True((await ClientSession.ConnectAsync(Sys, _postmaster)).Received[^1] is ReadyForQuery);
    }

    [Fact]
    public async Task Fault_injection_should_be_for_superusers_only()
    {
        var catalog = Catalog.Default.WithRole(new RoleSpec("alice"));
        await Connect(catalog: catalog);
        var alice = await ClientSession.ConnectAsync(Sys, _postmaster, "alice");

        var messages = await alice.QueryAsync("SELECT ap_crash_backend()");

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "42501", "permission denied for function ap_crash_backend")), messages[1]);
    }

    [Fact]
    public async Task A_transaction_in_flight_should_read_as_aborted_after_an_immediate_stop_011()
    {
        var session = await Connect();
        await session.QueryAsync("BEGIN");
        Sys.EventStream.Subscribe(TestActor, typeof(PostmasterExited));

        _postmaster.Tell(new ShutdownRequest(ShutdownLevel.Immediate));

        Assert.Equal("57P01", Assert.IsType<NoticeResponse>(await session.ReadAsync(TimeSpan.FromSeconds(1))).Notice.SqlState);
        Assert.Equal(0, FishForMessage<PostmasterExited>(_ => true).Code);
    }

    private async Task<ClientSession> Connect(Catalog? catalog = null)
    {
        if (_postmaster.Equals(ActorRefs.Nobody))
        {
            _postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Autovacuum = false, Catalog = catalog ?? Catalog.Default }), "postmaster");
            FishForMessage<PmStateTransition>(t => t.To == PmState.Run);
        }

        return await ClientSession.ConnectAsync(Sys, _postmaster);
    }
}
