using ActorPostmaster.Actors;
using ActorPostmaster.Tests.Sql;
using Xunit;
using Xunit.Abstractions;

namespace ActorPostmaster.Tests;

/// <summary>INSERT, UPDATE, DELETE and count(*) through a client backend, with an in-memory kv plugged in as PostmasterOptions.Tables.</summary>
public sealed class KvSessionSpecs : TestKit.TestKit
{
    private static readonly ReadyForQuery Idle = new('I');
    private readonly KvTable _kv = new();
    private IActorRef _postmaster = ActorRefs.Nobody;

    public KvSessionSpecs(ITestOutputHelper output)
        : base(output) => Sys.EventStream.Subscribe(TestActor, typeof(PmStateTransition));

    [Fact]
    public async Task The_simple_protocol_should_run_DML_with_their_tags()
    {
        var session = await Connect();

        var messages = await session.QueryAsync(
            "INSERT INTO kv VALUES ('a', '1'), ('b', '2'); UPDATE kv SET v = 'x' WHERE k = 'a'; DELETE FROM kv WHERE k = 'b'; SELECT count(*) FROM kv");

        Assert.Equal(
            [
                new CommandComplete("INSERT 0 2"), new CommandComplete("UPDATE 1"), new CommandComplete("DELETE 1"),
                new RowDescription([new RowField("count", 20, 8)]), new DataRow(["1"]), new CommandComplete("SELECT 1"), Idle,
            ],
            messages);
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "x" }, new Dictionary<string, string?>(_kv.Rows));
    }

    [Fact]
    public async Task A_duplicate_key_should_fail_with_23505_and_abort_the_transaction_block()
    {
        var session = await Connect();
        await session.QueryAsync("INSERT INTO kv VALUES ('a', '1')");

        await session.QueryAsync("BEGIN");
        var duplicate = await session.QueryAsync("INSERT INTO kv VALUES ('a', '2')");
        var ignored = await session.QueryAsync("DELETE FROM kv");
        await session.QueryAsync("ROLLBACK");

        Assert.Equal(
            new ErrorResponse(new PgError(PgSeverity.Error, "23505", "duplicate key value violates unique constraint \"kv_pkey\"", "Key (k)=(a) already exists.")),
            duplicate[0]);
        Assert.Equal("25P02", Assert.IsType<ErrorResponse>(ignored[0]).Error.SqlState);
        Assert.Equal("1", _kv.Rows["a"]);
    }

    [Fact]
    public async Task The_extended_protocol_should_describe_text_parameters_and_NoData_and_run_with_tags()
    {
        var session = await Connect();
        const string Upsert = "INSERT INTO kv VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";

        session.Send(
            new ParseMessage("upsert", Upsert, [0, 0]), new DescribeMessage('S', "upsert"),
            new ParseMessage("update", "UPDATE kv SET v = $2 WHERE k = $1", []), new DescribeMessage('S', "update"), SyncMessage.Instance);
        var described = await session.ReadUntilReadyAsync();
        var inserted = await session.ExtendedQueryAsync(Upsert, "a", "1");
        var upserted = await session.ExtendedQueryAsync(Upsert, "a", "2");
        var updated = await session.ExtendedQueryAsync("UPDATE kv SET v = $2 WHERE k = $1", "a", "3");
        var deleted = await session.ExtendedQueryAsync("DELETE FROM kv WHERE k = $1", "nope");
        var counted = await session.ExtendedQueryAsync("SELECT count(*) FROM kv");

        Assert.Equal(
            [ParseComplete.Instance, new ParameterDescription([25, 25]), NoData.Instance, ParseComplete.Instance, new ParameterDescription([25, 25]), NoData.Instance, Idle],
            described);
        Assert.Equal([ParseComplete.Instance, BindComplete.Instance, NoData.Instance, new CommandComplete("INSERT 0 1"), Idle], inserted);
        Assert.Equal(new CommandComplete("INSERT 0 1"), upserted[^2]);
        Assert.Equal(new CommandComplete("UPDATE 1"), updated[^2]);
        Assert.Equal(new CommandComplete("DELETE 0"), deleted[^2]);
        Assert.Equal(
            [ParseComplete.Instance, BindComplete.Instance, new RowDescription([new RowField("count", 20, 8)]), new DataRow(["1"]), new CommandComplete("SELECT 1"), Idle],
            counted);
        Assert.Equal("3", _kv.Rows["a"]);
    }

    private async Task<ClientSession> Connect()
    {
        if (_postmaster.Equals(ActorRefs.Nobody))
        {
            _postmaster = ActorOf(Postmaster.Props(PostmasterOptions.Default with { Autovacuum = false, Tables = _kv }), "postmaster");
            FishForMessage<PmStateTransition>(t => t.To == PmState.Run);
        }

        return await ClientSession.ConnectAsync(Sys, _postmaster);
    }
}
