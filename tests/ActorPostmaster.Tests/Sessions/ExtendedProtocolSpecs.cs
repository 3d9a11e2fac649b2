using System.Text;
using ActorPostmaster.Actors;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>The extended query protocol and the startup-packet negotiation, through the in-process client API.</summary>
public sealed class ExtendedProtocolSpecs : TestKit.TestKit
{
    private static readonly ReadyForQuery Idle = new('I');
    private IActorRef _postmaster = ActorRefs.Nobody;

    public ExtendedProtocolSpecs(ITestOutputHelper output)
        : base(output) => Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));

    [Fact]
    public async Task A_one_shot_query_with_a_parameter_should_answer_like_postgresql()
    {
        var session = await Connect();

        var messages = await session.ExtendedQueryAsync("SELECT $1::int4 + 1 AS answer", "41");

        Assert.Equal(
            [
                ParseComplete.Instance, BindComplete.Instance, new RowDescription([new RowField("answer", 23, 4)]), new DataRow(["42"]),
                new CommandComplete("SELECT 1"), Idle,
            ],
            messages);
    }

    [Fact]
    public async Task Describe_of_a_statement_should_give_the_inferred_parameter_types_then_the_columns()
    {
        var session = await Connect();

        session.Send(new ParseMessage("s1", "SELECT $1 + 1, $2::text", [0, 0]), new DescribeMessage('S', "s1"), SyncMessage.Instance);
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(
            [
                ParseComplete.Instance, new ParameterDescription([23, 25]),
                new RowDescription([new RowField("?column?", 23, 4), new RowField("text", 25, -1)]), Idle,
            ],
            messages);
    }

    [Fact]
    public async Task A_statement_without_rows_should_be_described_with_NoData()
    {
        var session = await Connect();

        session.Send(new ParseMessage("", "SET work_mem = '8MB'", []), new DescribeMessage('S', ""), SyncMessage.Instance);

        Assert.Equal([ParseComplete.Instance, new ParameterDescription([]), NoData.Instance, Idle], await session.ReadUntilReadyAsync());
    }

    [Fact]
    public async Task Execute_with_a_row_limit_should_suspend_the_portal_and_the_next_Execute_should_finish_it()
    {
        var session = await Connect();
        await ClientSession.ConnectAsync(Sys, _postmaster); // a second backend: at least two rows below

        session.Send(
            new ParseMessage("", "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'", []),
            new BindMessage("", "", [], [], []),
            new ExecuteMessage("", 1),
            new ExecuteMessage("", 0),
            new ExecuteMessage("", 0),
            SyncMessage.Instance);
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(
            [typeof(ParseComplete), typeof(BindComplete), typeof(DataRow), typeof(PortalSuspended), typeof(DataRow), typeof(CommandComplete), typeof(CommandComplete), typeof(ReadyForQuery)],
            messages.Select(m => m.GetType()));
        Assert.Equal(["SELECT 1", "SELECT 0"], messages.OfType<CommandComplete>().Select(c => c.Tag));
    }

    [Fact]
    public async Task An_error_should_skip_every_message_until_Sync()
    {
        var session = await Connect();

        session.Send(
            new ParseMessage("", "SELECT $1::int4", []),
            new BindMessage("", "", [], [], []),
            new ExecuteMessage("", 0),
            new ParseMessage("", "SELECT 2", []),
            SyncMessage.Instance);
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(
            [
                ParseComplete.Instance,
                new ErrorResponse(new PgError(PgSeverity.Error, "08P01", "bind message supplies 0 parameters, but prepared statement \"\" requires 1")),
                Idle,
            ],
            messages);
        Assert.Equal(new DataRow(["3"]), (await session.ExtendedQueryAsync("SELECT 3"))[3]);
    }

    [Theory]
    [InlineData("26000", "unnamed prepared statement does not exist", "")]
    [InlineData("26000", "prepared statement \"nope\" does not exist", "nope")]
    public async Task Bind_of_a_missing_statement_should_be_26000(string sqlState, string message, string name)
    {
        var session = await Connect();

        session.Send(new BindMessage("", name, [], [], []), SyncMessage.Instance);

        Assert.Equal([new ErrorResponse(new PgError(PgSeverity.Error, sqlState, message)), Idle], await session.ReadUntilReadyAsync());
    }

    [Fact]
    public async Task Execute_of_a_missing_portal_should_be_34000_and_a_duplicate_statement_name_42P05()
    {
        var session = await Connect();

        session.Send(new ExecuteMessage("p", 0), SyncMessage.Instance);
        var missing = await session.ReadUntilReadyAsync();
        session.Send(new ParseMessage("s", "SELECT 1", []), new ParseMessage("s", "SELECT 2", []), SyncMessage.Instance);
        var duplicate = await session.ReadUntilReadyAsync();

        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "34000", "portal \"p\" does not exist")), missing[0]);
        Assert.Equal(new ErrorResponse(new PgError(PgSeverity.Error, "42P05", "prepared statement \"s\" already exists")), duplicate[1]);
    }

    [Fact]
    public async Task Parse_of_two_statements_should_be_refused()
    {
        var session = await Connect();

        session.Send(new ParseMessage("", "SELECT 1; SELECT 2", []), SyncMessage.Instance);

        Assert.Equal(
            [new ErrorResponse(new PgError(PgSeverity.Error, "42601", "cannot insert multiple commands into a prepared statement")), Idle],
            await session.ReadUntilReadyAsync());
    }

    [Fact]
    public async Task An_empty_statement_should_describe_as_NoData_and_execute_as_EmptyQueryResponse()
    {
        var session = await Connect();

        var messages = await session.ExtendedQueryAsync("");

        Assert.Equal([ParseComplete.Instance, BindComplete.Instance, NoData.Instance, EmptyQueryResponse.Instance, Idle], messages);
    }

    [Fact]
    public async Task A_named_statement_should_serve_many_portals_until_Close()
    {
        var session = await Connect();
        session.Send(new ParseMessage("add", "SELECT $1::int8 + $2::int8", []), SyncMessage.Instance);
        await session.ReadUntilReadyAsync();

        var sums = new List<string?>();
        foreach (var (a, b) in new[] { ("1", "2"), ("40", "2") })
        {
            session.Send(new BindMessage("", "add", [], [Utf8(a), Utf8(b)], []), new ExecuteMessage("", 0), SyncMessage.Instance);
            sums.Add((await session.ReadUntilReadyAsync()).OfType<DataRow>().Single().Values[0]);
        }

        session.Send(new CloseMessage('S', "add"), new BindMessage("", "add", [], [Utf8("1"), Utf8("1")], []), SyncMessage.Instance);
        var closed = await session.ReadUntilReadyAsync();

        Assert.Equal(["3", "42"], sums);
        Assert.Equal(CloseComplete.Instance, closed[0]);
        Assert.Equal("26000", Assert.IsType<ErrorResponse>(closed[1]).Error.SqlState);
    }

    [Fact]
    public async Task A_bad_text_parameter_should_be_the_types_input_error()
    {
        var session = await Connect();

        var messages = await session.ExtendedQueryAsync("SELECT $1::int4", "forty-two");

        var error = Assert.IsType<ErrorResponse>(messages[1]).Error;
        Assert.Equal(("22P02", "invalid input syntax for type integer: \"forty-two\""), (error.SqlState, error.Message));
        Assert.Equal(Idle, messages[^1]);
    }

    [Fact]
    public async Task A_NULL_parameter_should_be_SQL_NULL()
    {
        var session = await Connect();

        var messages = await session.ExtendedQueryAsync("SELECT $1::text IS NULL", [null]);

        Assert.Equal(new DataRow(["t"]), messages.OfType<DataRow>().Single());
    }

    [Fact]
    public async Task BEGIN_and_an_error_in_the_block_should_show_in_ReadyForQuery()
    {
        var session = await Connect();

        var begin = await session.ExtendedQueryAsync("BEGIN");
        var failed = await session.ExtendedQueryAsync("SELECT 1/0");
        var blocked = await session.ExtendedQueryAsync("SELECT 1");
        var rollback = await session.ExtendedQueryAsync("ROLLBACK");

        Assert.Equal(new ReadyForQuery('T'), begin[^1]);
        Assert.Equal([new ReadyForQuery('E')], failed.OfType<ReadyForQuery>());
        Assert.Equal("22012", failed.OfType<ErrorResponse>().Single().Error.SqlState);
        Assert.Equal("25P02", blocked.OfType<ErrorResponse>().Single().Error.SqlState);
        Assert.Equal([new CommandComplete("ROLLBACK"), Idle], rollback.Skip(3));
    }

    [Fact]
    public async Task BEGIN_inside_a_multi_statement_query_should_turn_its_implicit_block_into_the_transaction()
    {
        var session = await Connect();

        var begun = await session.QueryAsync("SELECT 1; BEGIN; SET LOCAL work_mem = '8MB'");
        var inside = await session.QueryAsync("SHOW work_mem");
        var committed = await session.QueryAsync("COMMIT; SHOW work_mem");

        Assert.Equal(new ReadyForQuery('T'), begun[^1]);
        Assert.Equal(new DataRow(["8MB"]), inside.OfType<DataRow>().Single());
        Assert.Equal(new DataRow(["4MB"]), committed.OfType<DataRow>().Single());
        Assert.Equal(Idle, committed[^1]);
    }

    [Fact]
    public async Task A_Query_after_a_Bind_without_Sync_should_end_the_implicit_transaction_first()
    {
        var session = await Connect();
        session.Send(new ParseMessage("", "SELECT 1", []), new BindMessage("", "", [], [], []));

        var messages = await session.QueryAsync("BEGIN; SELECT 2");

        Assert.Equal(new DataRow(["2"]), messages.OfType<DataRow>().Single());
        Assert.Equal(new ReadyForQuery('T'), messages[^1]);
    }

    [Fact]
    public async Task SET_of_a_reported_parameter_should_send_ParameterStatus_at_Sync()
    {
        var session = await Connect();

        var messages = await session.ExtendedQueryAsync("SET application_name = 'extended'");

        Assert.Equal(
            [ParseComplete.Instance, BindComplete.Instance, NoData.Instance, new CommandComplete("SET"), new ParameterStatus("application_name", "extended"), Idle],
            messages);
    }

    [Fact]
    public async Task SHOW_should_be_described_and_executed_like_a_query()
    {
        var session = await Connect();

        var messages = await session.ExtendedQueryAsync("SHOW server_version_num");

        Assert.Equal(new RowDescription([new RowField("server_version_num", 25, -1)]), messages[2]);
        Assert.Equal(new DataRow(["150018"]), messages[3]);
        Assert.Equal(new CommandComplete("SHOW"), messages[4]);
    }

    [Fact]
    public async Task DISCARD_ALL_should_drop_prepared_statements()
    {
        var session = await Connect();
        session.Send(new ParseMessage("kept", "SELECT 1", []), SyncMessage.Instance);
        await session.ReadUntilReadyAsync();

        await session.QueryAsync("DISCARD ALL");
        session.Send(new BindMessage("", "kept", [], [], []), SyncMessage.Instance);

        Assert.Equal("26000", Assert.IsType<ErrorResponse>((await session.ReadUntilReadyAsync())[0]).Error.SqlState);
    }

    [Fact]
    public async Task A_text_result_column_can_be_asked_for_in_binary()
    {
        var session = await Connect();

        session.Send(new ParseMessage("", "SELECT 'héllo'::text", []), new BindMessage("", "", [], [], [1]), new DescribeMessage('P', ""), new ExecuteMessage("", 0), SyncMessage.Instance);
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(1, Assert.IsType<RowDescription>(messages[2]).Fields[0].Format);
        Assert.Equal(new EncodedDataRow([Utf8("héllo")]), messages[3]);
    }

    [Fact]
    public async Task An_unsupported_format_code_should_be_22023_when_Execute_is_to_send_rows()
    {
        var session = await Connect();

        session.Send(new ParseMessage("", "SELECT 1", []), new BindMessage("", "", [], [], [7]), new ExecuteMessage("", 0), SyncMessage.Instance);

        Assert.Equal(
            [ParseComplete.Instance, BindComplete.Instance, new ErrorResponse(new PgError(PgSeverity.Error, "22023", "unsupported format code: 7")), Idle],
            await session.ReadUntilReadyAsync());
    }

    [Fact]
    public async Task A_cancelled_Execute_should_report_57014_and_Sync_should_make_the_session_ready_again()
    {
        var session = await Connect();
        var key = session.KeyData!;

        session.Send(new ParseMessage("", "SELECT pg_sleep(30)", []), new BindMessage("", "", [], [], []), new ExecuteMessage("", 0), SyncMessage.Instance);
        Advance(TimeSpan.FromSeconds(1));
        ClientSession.SendCancel(Sys, _postmaster, key.Pid, key.SecretKey);
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(
            [
                ParseComplete.Instance, BindComplete.Instance,
                new ErrorResponse(new PgError(PgSeverity.Error, "57014", "canceling statement due to user request")), Idle,
            ],
            messages);
    }

    [Fact]
    public async Task An_unknown_message_type_should_be_FATAL_08P01_and_close_the_connection()
    {
        var session = await Connect();

        session.Send(new UnknownFrontendMessage((byte)'y'));
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(
            [new ErrorResponse(new PgError(PgSeverity.Fatal, "08P01", "invalid frontend message type 121")), ConnectionClosed.Instance],
            messages);
    }

    [Fact]
    public async Task SSLRequest_should_be_answered_N_and_the_startup_should_go_on()
    {
        await Connect();

        var session = ClientSession.OpenRaw(Sys, _postmaster, SslRequestMessage.Instance, Startup());
        var messages = await session.ReadUntilReadyAsync();

        Assert.Equal(EncryptionRefused.Instance, messages[0]);
        Assert.Equal(AuthenticationOk.Instance, messages[1]);
        Assert.Equal(Idle, messages[^1]);
    }

    [Fact]
    public async Task A_newer_minor_version_and_pq_options_should_get_NegotiateProtocolVersion()
    {
        await Connect();

        var startup = Startup() with
        {
            ProtocolVersion = (3 << 16) | 2,
            Parameters = new Dictionary<string, string> { ["_pq_.b"] = "1", ["_pq_.a"] = "2" },
        };
        var messages = await ClientSession.OpenRaw(Sys, _postmaster, startup).ReadUntilReadyAsync();

        Assert.Equal(new NegotiateProtocolVersion(0, ["_pq_.b", "_pq_.a"]), messages[0]);
        Assert.Equal(AuthenticationOk.Instance, messages[1]);
        Assert.Equal(Idle, messages[^1]);
    }

    [Fact]
    public async Task Protocol_2_should_be_refused_with_0A000()
    {
        await Connect();

        var messages = await ClientSession.OpenRaw(Sys, _postmaster, Startup() with { ProtocolVersion = 2 << 16 }).ReadUntilReadyAsync();

        Assert.Equal(
            [new ErrorResponse(new PgError(PgSeverity.Fatal, "0A000", "unsupported frontend protocol 2.0: server supports 3.0 to 3.0")), ConnectionClosed.Instance],
            messages);
    }

    private static StartupMessage Startup() => new("postgres", "postgres", new Dictionary<string, string>());

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<ClientSession> Connect()
    {
        if (_postmaster.Equals(ActorRefs.Nobody))
        {
            _postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Autovacuum = false }), "postmaster");
            FishForMessage<PmStateTransition>(t => t.To == PmState.Run);
        }

        return await ClientSession.ConnectAsync(Sys, _postmaster);
    }
}
