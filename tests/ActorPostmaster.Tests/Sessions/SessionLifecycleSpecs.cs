using ActorPostmaster.Actors;
using ActorPostmaster.Actors.Event;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>What clients see through the lifecycle, compared with ../shared/oracle (PostgreSQL 15).</summary>
public sealed class SessionLifecycleSpecs : TestKit.TestKit
{
    private static readonly PgError CrashWarning = new(
        PgSeverity.Warning,
        "57P02",
        "terminating connection because of crash of another server process",
        "The postmaster has commanded this server process to roll back the current transaction and exit, because another server process exited abnormally and possibly corrupted shared memory.",
        "In a moment you should be able to reconnect to the database and repeat your command.");

    public SessionLifecycleSpecs(ITestOutputHelper output)
        : base(output) => Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));

    [Fact]
    public async Task A_connection_should_get_the_oracles_startup_exchange()
    {
        var postmaster = StartPostmaster();

        var session = ClientSession.Open(Sys, postmaster, applicationName: "psql");
        var messages = await session.ReadUntilReadyAsync();

        Assert.IsType<AuthenticationOk>(messages[0]);
        Assert.Equal(
            [
                "application_name=psql", "client_encoding=UTF8", "DateStyle=ISO, MDY", "default_transaction_read_only=off", "in_hot_standby=off",
                "integer_datetimes=on", "IntervalStyle=postgres", "is_superuser=on", "server_encoding=UTF8", "server_version=15.18 (ActorPostmaster 0.1)",
                "session_authorization=postgres", "standard_conforming_strings=on", "TimeZone=Etc/UTC",
            ],
            messages.OfType<ParameterStatus>().Select(p => $"{p.Name}={p.Value}"));
        var key = Assert.IsType<BackendKeyData>(messages[^2]);
        Assert.Equal(new ReadyForQuery('I'), messages[^1]);
        Assert.Contains(Status(postmaster).Children, c => c.Type == BackendType.Backend && c.Pid == key.Pid);
    }

    [Fact]
    public async Task During_startup_a_connection_should_get_57P03_starting_up_from_a_dead_end_backend()
    {
        var postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { StartupDuration = TimeSpan.FromSeconds(5) }), "postmaster");
        RunUntilIdle();

        var session = ClientSession.Open(Sys, postmaster);
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(
            [new ErrorResponse(new PgError(PgSeverity.Fatal, "57P03", "the database system is starting up")), ConnectionClosed.Instance],
            messages);
    }

    [Theory]
    [InlineData("nosuchuser", "postgres", "28000", "role \"nosuchuser\" does not exist")]
    [InlineData("postgres", "nosuchdb", "3D000", "database \"nosuchdb\" does not exist")]
    [InlineData("postgres", "template0", "55000", "database \"template0\" is not currently accepting connections")]
    public async Task Unknown_roles_and_databases_should_be_refused_after_AuthenticationOk(string user, string database, string sqlState, string message)
    {
        var postmaster = StartPostmaster();

        var messages = await ClientSession.Open(Sys, postmaster, user, database).ReadUntilReadyAsync();

        Assert.Equal([AuthenticationOk.Instance, new ErrorResponse(new PgError(PgSeverity.Fatal, sqlState, message)), ConnectionClosed.Instance], messages);
    }

    [Fact]
    public async Task With_every_slot_in_use_anyone_should_get_53300_before_authentication()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with { MaxConnections = 2, SuperuserReservedConnections = 0 });
        await ClientSession.ConnectAsync(Sys, postmaster);
        await ClientSession.ConnectAsync(Sys, postmaster);

        var messages = await ClientSession.Open(Sys, postmaster).ReadUntilReadyAsync();

        Assert.Equal([new ErrorResponse(new PgError(PgSeverity.Fatal, "53300", "sorry, too many clients already")), ConnectionClosed.Instance], messages);
    }

    [Fact]
    public async Task CHECKPOINT_should_need_superuser_or_the_privileges_of_pg_checkpoint()
    {
        var catalog = Catalog.Default.WithRole(new RoleSpec("app")).WithRole(new RoleSpec("operator", MemberOf: ["pg_checkpoint"]));
        var postmaster = StartPostmaster(PostmasterOptions.Default with { Catalog = catalog });

        var app = await (await ClientSession.ConnectAsync(Sys, postmaster, "app")).QueryAsync("CHECKPOINT");
        var member = await (await ClientSession.ConnectAsync(Sys, postmaster, "operator")).QueryAsync("CHECKPOINT");

        Assert.Equal(
            new ErrorResponse(new PgError(PgSeverity.Error, "42501", "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT")),
            app.OfType<ErrorResponse>().Single());
        Assert.Contains(new CommandComplete("CHECKPOINT"), member);
    }

    [Fact]
    public async Task A_normal_role_should_not_get_the_superuser_reserved_slots_002()
    {
        var catalog = Catalog.Default.WithRole(new RoleSpec("app"));
        var postmaster = StartPostmaster(PostmasterOptions.Default with { MaxConnections = 5, SuperuserReservedConnections = 2, Catalog = catalog });
        for (var i = 0; i < 3; i++)
        {
            await ClientSession.ConnectAsync(Sys, postmaster, "app");
        }

        var refused = await ClientSession.Open(Sys, postmaster, "app").ReadUntilReadyAsync();
        var superuser = await ClientSession.ConnectAsync(Sys, postmaster);

        Assert.Equal(
            [AuthenticationOk.Instance, new ErrorResponse(new PgError(PgSeverity.Fatal, "53300", "remaining connection slots are reserved for non-replication superuser connections")), ConnectionClosed.Instance],
            refused);
        Assert.False(superuser.IsClosed);
    }

    [Fact]
    public async Task A_crash_should_send_every_session_the_57P02_warning_and_close_it_then_reconnecting_should_work_013()
    {
        var postmaster = StartPostmaster();
        var first = await ClientSession.ConnectAsync(Sys, postmaster);
        var second = await ClientSession.ConnectAsync(Sys, postmaster);

        postmaster.Tell(new CrashProcess(BackendType.Checkpointer));
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        foreach (var session in new[] { first, second })
        {
            Assert.Equal(new NoticeResponse(CrashWarning), await session.ReadAsync(TimeSpan.FromSeconds(1)));
            Assert.Equal(ConnectionClosed.Instance, await session.ReadAsync(TimeSpan.FromSeconds(1)));
        }

        var again = await ClientSession.ConnectAsync(Sys, postmaster);
        Assert.Equal(new ReadyForQuery('I'), again.Received[^1]);
    }

    [Fact]
    public async Task SIGKILL_of_a_backend_should_close_its_connection_silently_and_crash_the_others_013()
    {
        var postmaster = StartPostmaster();
        var victim = await ClientSession.ConnectAsync(Sys, postmaster);
        var bystander = await ClientSession.ConnectAsync(Sys, postmaster);

        var killed = await postmaster.Ask<bool>(new KillProcess(victim.KeyData!.Pid), TimeSpan.FromSeconds(1));
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);

        Assert.True(killed);
        Assert.Equal(ConnectionClosed.Instance, await victim.ReadAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(new NoticeResponse(CrashWarning), await bystander.ReadAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_fast_shutdown_should_send_FATAL_57P01_to_every_session()
    {
        var postmaster = StartPostmaster();
        var session = await ClientSession.ConnectAsync(Sys, postmaster);

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Fast));

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Fatal, "57P01", "terminating connection due to administrator command")), await session.ReadAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ConnectionClosed.Instance, await session.ReadAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task An_immediate_shutdown_should_send_the_WARNING_57P01_to_every_session()
    {
        var postmaster = StartPostmaster();
        var session = await ClientSession.ConnectAsync(Sys, postmaster);

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Immediate));

        Assert.Equal(
            new NoticeResponse(new PgError(PgSeverity.Warning, "57P01", "terminating connection due to immediate shutdown command")),
            await session.ReadAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ConnectionClosed.Instance, await session.ReadAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_smart_shutdown_should_keep_existing_sessions_refuse_new_ones_and_finish_when_the_last_leaves()
    {
        var postmaster = StartPostmaster();
        Sys.EventStream.Subscribe(TestActor, typeof(PostmasterExited));
        var session = await ClientSession.ConnectAsync(Sys, postmaster);

        postmaster.Tell(new ShutdownRequest(ShutdownLevel.Smart));
        var refused = await ClientSession.Open(Sys, postmaster).ReadUntilReadyAsync();
        ExpectNoMsg(TimeSpan.FromSeconds(10)); // the session keeps the server up

        Assert.Equal([new ErrorResponse(new PgError(PgSeverity.Fatal, "57P03", "the database system is shutting down")), ConnectionClosed.Instance], refused);
        Assert.False(session.IsClosed);

        session.Terminate();
        Assert.Equal(0, FishForMessage<PostmasterExited>(_ => true).Code);
    }

    [Fact]
    public async Task Idle_session_timeout_should_end_the_session_with_57P05_exactly_on_time()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with { IdleSessionTimeout = TimeSpan.FromSeconds(1) });
        var session = await ClientSession.ConnectAsync(Sys, postmaster);
        var idleSince = Now;

        var fatal = await session.ReadAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Fatal, "57P05", "terminating connection due to idle-session timeout")), fatal);
        Assert.Equal(TimeSpan.FromSeconds(1), Now - idleSince);
        Assert.Equal(ConnectionClosed.Instance, await session.ReadAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_connection_arriving_while_the_postmaster_does_not_listen_should_wait_in_the_backlog_and_then_be_served()
    {
        var postmaster = StartPostmaster(PostmasterOptions.Default with { StartupDuration = TimeSpan.FromSeconds(2) });
        var bystander = await ClientSession.ConnectAsync(Sys, postmaster);

        postmaster.Tell(new CrashProcess(BackendType.WalWriter));
        FishForMessage<PmStateTransition>(t => t.To == PmState.WaitDeadEnd);
        var waiting = ClientSession.Open(Sys, postmaster); // arrives during the reinitialisation gap
        var messages = await waiting.ReadUntilReadyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new NoticeResponse(CrashWarning), await bystander.ReadAsync(TimeSpan.FromSeconds(1)));
        // Served once listening resumed, before redo: FatalError is still set, so "in recovery mode" (oracle, 04-crash).
        Assert.Equal([new ErrorResponse(new PgError(PgSeverity.Fatal, "57P03", "the database system is in recovery mode")), ConnectionClosed.Instance], messages);
    }

    [Fact]
    public async Task A_cancel_request_with_a_wrong_key_should_be_ignored_with_a_log_line_and_no_answer()
    {
        var postmaster = StartPostmaster();
        var session = await ClientSession.ConnectAsync(Sys, postmaster);
        var pid = session.KeyData!.Pid;

        ClientSession? cancel = null;
        EventFilter.Info($"wrong key in cancel request for process {pid}").ExpectOne(() =>
            cancel = ClientSession.SendCancel(Sys, postmaster, pid, session.KeyData.SecretKey + 1));

        Assert.Equal(ConnectionClosed.Instance, await cancel!.ReadAsync(TimeSpan.FromSeconds(1)));
        Assert.Null(await session.ReadAsync(TimeSpan.FromSeconds(1)));
    }

    private IActorRef StartPostmaster(PostmasterOptions? options = null)
    {
        var postmaster = ActorOf(Postmaster.Props((options ?? PostmasterOptions.Default) with { Autovacuum = false }), "postmaster");
        FishForMessage<PmStateTransition>(t => t.To == PmState.Run);
        return postmaster;
    }

    private static PostmasterStatus Status(IActorRef postmaster) =>
        postmaster.Ask<PostmasterStatus>(GetPostmasterStatus.Instance, TimeSpan.FromSeconds(1)).Result;
}
