using System.Buffers.Binary;
using System.Text;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// Exact answers to specific malformed or unusual packets over a raw socket, as PostgreSQL 15 gives them (the
/// behaviours the fuzz test found; each connection is half-closed after sending and read to EOF).
/// </summary>
public sealed class WireProtocolSpecs(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_startup_should_report_the_fifteen_parameters_then_key_data_and_ReadyForQuery_idle(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);

        var messages = await connection.StartupAsync("postgres");

        Assert.Equal("R", Types(messages)[..1]);
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, messages[0].Body);   // AuthenticationOk (trust)
        var parameters = messages.Where(m => m.Type == 'S').Select(m => CStrings(m.Body)[0]).ToList();
        Assert.Equal(
            ["application_name", "client_encoding", "DateStyle", "default_transaction_read_only", "in_hot_standby", "integer_datetimes",
             "IntervalStyle", "is_superuser", "server_encoding", "server_version", "session_authorization",
             "standard_conforming_strings", "TimeZone"],
            parameters);
        Assert.EndsWith("KZ", Types(messages), StringComparison.Ordinal);
        Assert.Equal('I', messages[^1].TransactionStatus);
        Assert.True(connection.BackendPid > 0);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task An_unknown_message_type_after_startup_should_get_FATAL_08P01_invalid_frontend_message_type(string target)
    {
        var messages = await ExchangeAsync(target, [FrontendMessages.Startup("postgres"), FrontendMessages.Message('\u00ff', [])]);

        var fatal = Assert.Single(messages, m => m.Type == 'E');
        Assert.Same(fatal, messages[^1]);
        Assert.Equal(("FATAL", "08P01", "invalid frontend message type 255"), (fatal.Severity, fatal.SqlState, fatal.MessageText));
        Assert.Equal('Z', messages[^2].Type);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_message_length_below_4_should_close_the_connection_without_a_message(string target)
    {
        var query = FrontendMessages.Query("SELECT 1");
        BinaryPrimitives.WriteInt32BigEndian(query.AsSpan(1), 3);

        var messages = await ExchangeAsync(target, [FrontendMessages.Startup("postgres"), query]);

        Assert.Equal('Z', messages[^1].Type);   // the startup's ReadyForQuery, then nothing
        Assert.DoesNotContain(messages, m => m.Type == 'E');
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_message_cut_off_by_EOF_should_close_the_connection_without_a_message(string target)
    {
        var query = FrontendMessages.Query("SELECT 1");

        var messages = await ExchangeAsync(target, [FrontendMessages.Startup("postgres"), query[..^3]]);

        Assert.Equal('Z', messages[^1].Type);
        Assert.DoesNotContain(messages, m => m.Type == 'E');
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_Bind_with_a_truncated_body_should_get_ERROR_08P01_and_the_session_continue_after_Sync(string target)
    {
        var bind = FrontendMessages.Bind("", "", [], [], []);
        var truncated = FrontendMessages.Message('B', bind.AsSpan(5, 2));   // portal and statement names only, no counts

        var messages = await ExchangeAsync(target,
            [FrontendMessages.Startup("postgres"), FrontendMessages.Parse("", "SELECT 1"), truncated, FrontendMessages.Sync(),
             FrontendMessages.Query("SELECT 2")]);

        var error = Assert.Single(messages, m => m.Type == 'E');
        Assert.Equal(("ERROR", "08P01", "insufficient data left in message"), (error.Severity, error.SqlState, error.MessageText));
        Assert.EndsWith("1EZTDCZ", Types(messages), StringComparison.Ordinal);   // ParseComplete, error, RFQ, then SELECT 2 works
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task An_unterminated_Query_string_should_get_ERROR_08P01_invalid_string_in_message(string target)
    {
        var messages = await ExchangeAsync(target,
            [FrontendMessages.Startup("postgres"), FrontendMessages.Message('Q', "SELECT 1"u8), FrontendMessages.Query("SELECT 2")]);

        var error = Assert.Single(messages, m => m.Type == 'E');
        Assert.Equal(("ERROR", "08P01", "invalid string in message"), (error.Severity, error.SqlState, error.MessageText));
        Assert.EndsWith("EZTDCZ", Types(messages), StringComparison.Ordinal);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_startup_packet_without_a_user_should_get_FATAL_28000_before_authentication(string target)
    {
        var messages = await ExchangeAsync(target, [FrontendMessages.Startup([new("database", "postgres")])]);

        var fatal = Assert.Single(messages);
        Assert.Equal(("FATAL", "28000", "no PostgreSQL user name specified in startup packet"), (fatal.Severity, fatal.SqlState, fatal.MessageText));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_startup_packet_with_bytes_after_its_terminator_should_get_FATAL_08P01_invalid_layout(string target)
    {
        byte[] startup = [.. FrontendMessages.Startup("postgres"), .. "x\0"u8];
        BinaryPrimitives.WriteInt32BigEndian(startup, startup.Length);

        var messages = await ExchangeAsync(target, [startup]);

        var fatal = Assert.Single(messages);
        Assert.Equal(("FATAL", "08P01", "invalid startup packet layout: expected terminator as last byte"),
            (fatal.Severity, fatal.SqlState, fatal.MessageText));
    }

    [Theory]
    [PostgresTarget(4), PostgresTarget(10001), PostgresTarget(-1)]
    [ActorPgTarget(4), ActorPgTarget(10001), ActorPgTarget(-1)]
    public async Task A_startup_packet_length_outside_8_to_10000_should_close_the_connection_without_a_message(string target, int length)
    {
        var startup = FrontendMessages.Startup("postgres");
        BinaryPrimitives.WriteInt32BigEndian(startup, length);

        Assert.Empty(await ExchangeAsync(target, [startup]));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Protocol_version_4_should_get_FATAL_0A000_unsupported_frontend_protocol(string target)
    {
        var messages = await ExchangeAsync(target,
            [FrontendMessages.Startup([new("user", "postgres"), new("database", "postgres")], (4 << 16) | 0)]);

        var fatal = Assert.Single(messages);
        Assert.Equal(("FATAL", "0A000", "unsupported frontend protocol 4.0: server supports 3.0 to 3.0"),
            (fatal.Severity, fatal.SqlState, fatal.MessageText));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Protocol_version_2_should_get_the_FATAL_in_the_protocol_2_error_format(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);
        await connection.SendAsync(FrontendMessages.Startup([new("user", "postgres"), new("database", "postgres")], 2 << 16));
        connection.ShutdownSend();

        var bytes = await ReadToEndAsync(connection);

        Assert.Equal("E" + "FATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n" + "\0", Encoding.UTF8.GetString(bytes));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Protocol_3_1_should_be_answered_with_NegotiateProtocolVersion_then_a_normal_startup(string target)
    {
        var messages = await ExchangeAsync(target,
            [FrontendMessages.Startup([new("user", "postgres"), new("database", "postgres"), new("_pq_.fuzz", "1")], (3 << 16) | 1),
             FrontendMessages.Terminate()]);

        var negotiate = messages[0];
        Assert.Equal('v', negotiate.Type);
        // "Newest minor protocol version supported": PostgreSQL 15 sends the whole version number 3.0 (196608), not just 0.
        Assert.Equal(FrontendMessages.ProtocolVersion3, BinaryPrimitives.ReadInt32BigEndian(negotiate.Body));
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(negotiate.Body.AsSpan(4)));   // one option not recognized...
        Assert.Equal("_pq_.fuzz", CStrings(negotiate.Body[8..])[0]);                     // ...this one
        Assert.Equal("R", Types(messages)[1..2]);
        Assert.Equal('Z', messages[^1].Type);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task An_SSLRequest_should_be_answered_N_and_the_startup_then_proceed_in_plain_text(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);
        await connection.SendAsync(FrontendMessages.SslRequest());

        Assert.Equal((byte)'N', await connection.ReadByteAsync());
        var messages = await connection.StartupAsync("postgres");
        Assert.Equal('Z', messages[^1].Type);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Data_sent_after_an_SSLRequest_before_its_answer_should_get_N_then_FATAL_08P01(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);
        await connection.SendAsync(FrontendMessages.SslRequest().Concat(FrontendMessages.Startup("postgres")).ToArray());
        connection.ShutdownSend();

        Assert.Equal((byte)'N', await connection.ReadByteAsync());
        var fatal = await connection.ReadMessageAsync();
        Assert.NotNull(fatal);
        Assert.Equal(("FATAL", "08P01", "received unencrypted data after SSL request"), (fatal.Severity, fatal.SqlState, fatal.MessageText));
        Assert.Null(await connection.ReadMessageAsync());
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_CancelRequest_with_an_unknown_key_should_be_closed_without_an_answer(string target)
    {
        Assert.Empty(await ExchangeAsync(target, [FrontendMessages.CancelRequest(12345, 678)], shutdownSend: false));
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task Flush_should_deliver_what_the_extended_protocol_produced_so_far_without_a_Sync(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);
        using var cts = new CancellationTokenSource(Timeout);
        await connection.StartupAsync("postgres", cancellationToken: cts.Token);

        await connection.SendAsync(FrontendMessages.Concat(FrontendMessages.Parse("s1", "SELECT 1"), FrontendMessages.Describe('S', "s1"), FrontendMessages.Flush()), cts.Token);
        var parsed = new[] { await connection.ReadMessageAsync(cts.Token), await connection.ReadMessageAsync(cts.Token), await connection.ReadMessageAsync(cts.Token) };
        await connection.SendAsync(FrontendMessages.Sync(), cts.Token);
        var synced = await connection.ReadUntilReadyAsync(cts.Token);

        Assert.Equal("1tT", string.Concat(parsed.Select(m => m!.Type)));   // ParseComplete, ParameterDescription, RowDescription
        Assert.Equal("Z", Types(synced));
        Assert.Equal('I', synced[0].TransactionStatus);
    }

    [Theory, PostgresTarget, ActorPgTarget]
    public async Task A_result_larger_than_the_socket_buffers_should_arrive_whole_and_before_the_next_pipelined_answer(string target)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);
        using var cts = new CancellationTokenSource(Timeout);
        await connection.StartupAsync("postgres", cancellationToken: cts.Token);
        var text = new string('x', 20 * 1024 * 1024);

        await connection.SendAsync(FrontendMessages.Concat(FrontendMessages.Query($"SELECT '{text}' AS big"), FrontendMessages.Query("SELECT 2")), cts.Token);
        var first = await connection.ReadUntilReadyAsync(cts.Token);
        var second = await connection.ReadUntilReadyAsync(cts.Token);

        Assert.Equal("TDCZ", Types(first));
        var row = first[1].Body;
        Assert.Equal(1, BinaryPrimitives.ReadInt16BigEndian(row));
        Assert.Equal(text.Length, BinaryPrimitives.ReadInt32BigEndian(row.AsSpan(2)));
        Assert.True(row.AsSpan(6).IndexOfAnyExcept((byte)'x') < 0);
        Assert.Equal("TDCZ", Types(second));
        Assert.Equal("2", Encoding.ASCII.GetString(second[1].Body.AsSpan(6)));
    }

    private async Task<List<BackendMessage>> ExchangeAsync(string target, IEnumerable<byte[]> packets, bool shutdownSend = true)
    {
        var server = await fixture.ServerAsync(target);
        await using var connection = await PgWireConnection.ConnectAsync(server.Host, server.Port);
        using var cts = new CancellationTokenSource(Timeout);
        await connection.SendAsync(packets.SelectMany(p => p).ToArray(), cts.Token);
        if (shutdownSend)
        {
            connection.ShutdownSend();
        }

        var messages = new List<BackendMessage>();
        while (await connection.ReadMessageAsync(cts.Token) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    private static async Task<byte[]> ReadToEndAsync(PgWireConnection connection)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var bytes = new List<byte>();
        while (await connection.ReadByteAsync(cts.Token) is { } b)
        {
            bytes.Add(b);
        }

        return [.. bytes];
    }

    private static string Types(IEnumerable<BackendMessage> messages) => string.Concat(messages.Select(m => m.Type));

    private static List<string> CStrings(byte[] body) =>
        [.. Encoding.UTF8.GetString(body).Split('\0', StringSplitOptions.None).SkipLast(1)];
}
