using System.Buffers;
using System.Text;
using ActorPostmaster.Protocol;
using Xunit;
using static ActorPostmaster.Tests.Protocol.WireBytes;

namespace ActorPostmaster.Tests.Protocol;

/// <summary>Normal operation: SocketBackend, pq_getmessage and PostgresMain's readers of each message.</summary>
public sealed class FrontendMessageSpecs
{
    public static TheoryData<byte[], FrontendMessage> WellFormed => new()
    {
        { Query("SELECT 1; SELECT 'é'"), new QueryMessage("SELECT 1; SELECT 'é'") },
        { Query(string.Empty), new QueryMessage(string.Empty) },
        { Parse("s1", "SELECT $1, $2", 23, 0), new ParseMessage("s1", "SELECT $1, $2", [23, 0]) },
        { Parse(string.Empty, "SELECT 1"), new ParseMessage(string.Empty, "SELECT 1", []) },
        { Message('D', [(byte)'S'], CString("s1")), new DescribeMessage('S', "s1") },
        { Message('D', [(byte)'P'], CString(string.Empty)), new DescribeMessage('P', string.Empty) },
        { Message('C', [(byte)'S'], CString("s1")), new CloseMessage('S', "s1") },
        { Message('C', [(byte)'P'], CString("p")), new CloseMessage('P', "p") },
        { Message('E', CString(string.Empty), Int32(0)), new ExecuteMessage(string.Empty, 0) },
        { Message('E', CString("p"), Int32(-7)), new ExecuteMessage("p", -7) },
        { Sync(), SyncMessage.Instance },
        { Message('H'), FlushMessage.Instance },
        { Message('X'), TerminateMessage.Instance },
        { Message('X', [1, 2, 3]), TerminateMessage.Instance },
        { Message('F', Int32(1), Int16(0)), FunctionCallMessage.Instance },
        { Message('d', [1, 2]), new CopyFrontendMessage((byte)'d') },
        { Message('c'), new CopyFrontendMessage((byte)'c') },
        { Message('f', CString("oops")), new CopyFrontendMessage((byte)'f') },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Well_formed_messages_should_decode_to_their_records(byte[] bytes, FrontendMessage expected)
    {
        var decoder = Normal();

        var message = Single(decoder, bytes);

        if (expected is ParseMessage parse)
        {
            var actual = Assert.IsType<ParseMessage>(message);
            Assert.Equal((parse.Statement, parse.Sql), (actual.Statement, actual.Sql));
            Assert.Equal(parse.ParameterTypeOids, actual.ParameterTypeOids);
        }
        else
        {
            Assert.Equal(expected, message);
        }

        Assert.Equal(FrontendPhase.NormalOperation, decoder.Phase);
    }

    [Fact]
    public void A_bind_should_carry_formats_values_and_nulls()
    {
        var bytes = Bind("p1", "s1", [1, 0], [[0, 0, 0, 5], null], [1]);

        var bind = Assert.IsType<BindMessage>(Single(Normal(), bytes));

        Assert.Equal(("p1", "s1"), (bind.Portal, bind.Statement));
        Assert.Equal([1, 0], bind.ParameterFormats);
        Assert.Equal(2, bind.Parameters.Count);
        Assert.Equal([0, 0, 0, 5], bind.Parameters[0]);
        Assert.Null(bind.Parameters[1]);
        Assert.Equal([1], bind.ResultFormats);
    }

    [Fact]
    public void A_bind_with_inconsistent_format_and_value_counts_should_decode_and_be_refused_by_the_count_check()
    {
        var bind = Assert.IsType<BindMessage>(Single(Normal(), Bind(string.Empty, string.Empty, [0, 0, 0], [[49], [50]], [])));

        Assert.Equal(
            new PgError(PgSeverity.Error, "08P01", "bind message has 3 parameter formats but 2 parameters"),
            WireValues.CheckParameterFormatCount(bind.ParameterFormats.Count, bind.Parameters.Count));
        Assert.Null(WireValues.CheckParameterFormatCount(1, 2));
        Assert.Null(WireValues.CheckParameterFormatCount(2, 2));
    }

    public static TheoryData<byte[], string> MalformedBodies => new()
    {
        { Message('Q', Encoding.UTF8.GetBytes("SELECT 1")), "08P01 invalid string in message" },
        { Message('Q', CString("SELECT 1"), [0]), "08P01 invalid message format" },
        { Message('Q', Encoding.UTF8.GetBytes("SELECT 'x"), [0xC3, 0x28, 0]), "22021 invalid byte sequence for encoding \"UTF8\": 0xc3 0x28" },
        { Message('Q', [0x41, 0xE2, 0x82, 0]), "22021 invalid byte sequence for encoding \"UTF8\": 0xe2 0x82" },
        { Message('Q', [0xC0, 0x80, 0]), "22021 invalid byte sequence for encoding \"UTF8\": 0xc0 0x80" },
        { Message('Q', [0xED, 0xA0, 0x80, 0]), "22021 invalid byte sequence for encoding \"UTF8\": 0xed 0xa0 0x80" },
        { Message('Q', [0xF8, 0]), "22021 invalid byte sequence for encoding \"UTF8\": 0xf8" },
        { Message('Q'), "08P01 invalid string in message" },
        { Message('P', CString("s"), CString("SELECT 1")), "08P01 insufficient data left in message" },
        { Message('P', CString("s"), CString("SELECT 1"), Int16(2), Int32(23)), "08P01 insufficient data left in message" },
        { Message('P', CString("s"), CString("SELECT 1"), Int16(0), [9]), "08P01 invalid message format" },
        { Message('P', CString("s")), "08P01 invalid string in message" },
        { Message('D', [(byte)'X'], CString("s")), "08P01 invalid DESCRIBE message subtype 88" },
        { Message('D'), "08P01 no data left in message" },
        { Message('D', [(byte)'S']), "08P01 invalid string in message" },
        { Message('D', [(byte)'X'], [1]), "08P01 invalid string in message" },
        { Message('C', [0], CString("s")), "08P01 invalid CLOSE message subtype 0" },
        { Message('C', [(byte)'S'], CString("s"), [1]), "08P01 invalid message format" },
        { Message('E', CString("p")), "08P01 insufficient data left in message" },
        { Message('E', CString("p"), Int32(0), [0]), "08P01 invalid message format" },
        { Message('S', [0]), "08P01 invalid message format" },
        { Message('H', [0]), "08P01 invalid message format" },
        { Message('B', Encoding.UTF8.GetBytes("portal")), "08P01 invalid string in message" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void A_body_that_does_not_parse_should_carry_postgresqls_ERROR_and_keep_the_connection(byte[] bytes, string expected)
    {
        var decoder = Normal();

        var malformed = Assert.IsType<MalformedFrontendMessage>(Single(decoder, bytes));

        Assert.Equal(bytes[0], malformed.Type);
        Assert.Equal(PgSeverity.Error, malformed.Error.Severity);
        Assert.Equal(expected, $"{malformed.Error.SqlState} {malformed.Error.Message}");
        Assert.Equal(FrontendPhase.NormalOperation, decoder.Phase);
        Assert.Equal(new QueryMessage("SELECT 2"), Single(decoder, Query("SELECT 2")));
    }

    [Fact]
    public void A_bind_cut_inside_its_format_codes_should_say_so()
    {
        var bytes = Message('B', CString("p"), CString("s"), Int16(2), Int16(1));

        var malformed = Assert.IsType<MalformedFrontendMessage>(Single(Normal(), bytes));

        Assert.Equal(ProtocolErrors.InsufficientData(), malformed.Error);
        var bind = Assert.IsType<MalformedBind>(malformed.Bind);
        Assert.Equal(("p", "s", BindParseStage.ParameterFormats), (bind.Portal, bind.Statement, bind.FailedAt));
        Assert.Equal([1], bind.ParameterFormats);
        Assert.Equal(0, bind.ParameterCount);
    }

    [Fact]
    public void A_bind_with_fewer_values_than_it_declares_should_keep_the_values_before_the_missing_one()
    {
        var bytes = Message('B', CString(string.Empty), CString("s"), Int16(0), Int16(3), Int32(1), [(byte)'7'], Int32(-1));

        var malformed = Assert.IsType<MalformedFrontendMessage>(Single(Normal(), bytes));

        Assert.Equal(ProtocolErrors.InsufficientData(), malformed.Error);
        var bind = Assert.IsType<MalformedBind>(malformed.Bind);
        Assert.Equal(BindParseStage.ParameterValues, bind.FailedAt);
        Assert.Equal(3, bind.ParameterCount);
        Assert.Equal(2, bind.Parameters.Count);
        Assert.Equal("7"u8.ToArray(), bind.Parameters[0]);
        Assert.Null(bind.Parameters[1]);
    }

    [Fact]
    public void A_bind_value_with_a_negative_length_other_than_minus_one_should_be_insufficient_data()
    {
        var bytes = Message('B', CString(string.Empty), CString(string.Empty), Int16(0), Int16(1), Int32(-2), Int16(0));

        var malformed = Assert.IsType<MalformedFrontendMessage>(Single(Normal(), bytes));

        Assert.Equal("insufficient data left in message", malformed.Error.Message);
        Assert.Equal(BindParseStage.ParameterValues, malformed.Bind!.FailedAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_bind_broken_after_its_values_should_fail_in_the_result_formats(bool trailingGarbage)
    {
        var body = BindBody(string.Empty, string.Empty, [], [[49]], [0]);
        var bytes = Message('B', trailingGarbage ? Concat(body, [0]) : body[..^2]);

        var malformed = Assert.IsType<MalformedFrontendMessage>(Single(Normal(), bytes));

        Assert.Equal(trailingGarbage ? ProtocolErrors.InvalidMessageFormat() : ProtocolErrors.InsufficientData(), malformed.Error);
        var bind = Assert.IsType<MalformedBind>(malformed.Bind);
        Assert.Equal(BindParseStage.ResultFormats, bind.FailedAt);
        Assert.Equal([49], Assert.Single(bind.Parameters));
    }

    [Theory]
    [InlineData('p')]
    [InlineData('A')]
    [InlineData('\0')]
    [InlineData('Z')]
    public void An_unknown_type_should_be_reported_on_its_type_byte_alone(char type)
    {
        var decoder = Normal();
        var buffer = new ReadOnlySequence<byte>([(byte)type]);

        Assert.True(decoder.TryDecode(ref buffer, out var result));

        Assert.Equal(new UnknownFrontendMessage((byte)type), Assert.IsType<DecodedMessage>(result).Message);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(FrontendPhase.Closed, decoder.Phase);
        Assert.Equal($"invalid frontend message type {(int)type}", ProtocolErrors.InvalidFrontendMessageType((byte)type).Message);
    }

    [Theory]
    [InlineData('Q', 3)]
    [InlineData('S', 0)]
    [InlineData('S', -1)]
    [InlineData('S', 10001)]
    [InlineData('E', 10001)]
    [InlineData('X', 10001)]
    [InlineData('c', 10001)]
    [InlineData('Q', FrontendDecoder.DefaultLargeMessageLimit + 1)]
    [InlineData('d', int.MaxValue)]
    [InlineData('B', int.MinValue)]
    public void A_length_word_outside_the_types_limit_should_be_logged_and_the_connection_closed(char type, int length)
    {
        var decoder = Normal();
        var buffer = new ReadOnlySequence<byte>(Concat([(byte)type], Int32(length)));

        Assert.True(decoder.TryDecode(ref buffer, out var result));

        var violation = Assert.IsType<ProtocolViolation>(result);
        Assert.Equal(new PgError(PgSeverity.Log, "08P01", "invalid message length"), violation.Error);
        Assert.False(violation.SendToClient);
        Assert.Equal(FrontendPhase.Closed, decoder.Phase);
    }

    [Theory]
    [InlineData('S', 10000)]
    [InlineData('Q', FrontendDecoder.DefaultLargeMessageLimit)]
    [InlineData('P', 10001)]
    [InlineData('d', 1 << 20)]
    public void A_length_word_within_the_limit_should_wait_for_the_body(char type, int length)
    {
        var decoder = Normal();
        var buffer = new ReadOnlySequence<byte>(Concat([(byte)type], Int32(length), new byte[100]));

        Assert.False(decoder.TryDecode(ref buffer, out _));
        Assert.Equal(105, buffer.Length);
    }

    [Fact]
    public void The_large_message_limit_should_be_configurable()
    {
        var decoder = Normal(largeMessageLimit: 10010);
        var fits = Query(new string('x', 10010 - 4 - 1));
        var tooLong = Query(new string('x', 10010 - 4));

        Assert.Equal(10010, decoder.LargeMessageLimit);
        Assert.IsType<QueryMessage>(Single(decoder, fits));
        Assert.Equal(ProtocolErrors.InvalidMessageLength(), Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(decoder, tooLong))).Error);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrontendDecoder(9999));
    }

    [Fact]
    public void Small_messages_should_keep_the_small_limit_whatever_the_large_one_is()
    {
        var decoder = Normal(largeMessageLimit: 50_000);
        var buffer = new ReadOnlySequence<byte>(Concat([(byte)'D'], Int32(10001)));

        Assert.True(decoder.TryDecode(ref buffer, out var result));

        Assert.IsType<ProtocolViolation>(result);
        Assert.Equal(0, decoder.MessageLimit((byte)'p'));
        Assert.Equal(50_000, decoder.MessageLimit((byte)'B'));
    }

    [Fact]
    public void An_extended_query_pipeline_fed_byte_by_byte_should_decode_like_one_read()
    {
        var bytes = Concat(
            Parse("s", "SELECT $1::int"),
            Bind("p", "s", [1], [[0, 0, 0, 42]], [1]),
            Message('D', [(byte)'P'], CString("p")),
            Message('E', CString("p"), Int32(0)),
            Sync(),
            Query("SELECT 'ünïcödé'"),
            Message('X'));

        var whole = DecodeAll(Normal(), bytes).Select(Describe).ToList();
        var dribbled = DecodeByteAtATime(Normal(), bytes).Select(Describe).ToList();
        var segmented = DecodeAll(Normal(), Segmented(bytes, 1, 2, 3, 5, 8, 13, 21, 34)).Select(Describe).ToList();

        Assert.Equal(7, whole.Count);
        Assert.Equal(whole, dribbled);
        Assert.Equal(whole, segmented);
        Assert.Equal("QueryMessage { Sql = SELECT 'ünïcödé' }", whole[5]);
    }

    [Fact]
    public void A_password_message_should_be_read_while_authentication_waits_for_one()
    {
        var decoder = Normal();
        decoder.Phase = FrontendPhase.PasswordResponse;

        var message = Single(decoder, Message('p', CString("secret")));

        Assert.Equal("secret\0"u8.ToArray(), Assert.IsType<PasswordMessage>(message).Payload);
    }

    [Theory]
    [InlineData(FrontendPhase.PasswordResponse, "expected password response, got message type 81")]
    [InlineData(FrontendPhase.SaslResponse, "expected SASL response, got message type 81")]
    public void Another_message_during_authentication_should_be_FATAL(FrontendPhase phase, string message)
    {
        var decoder = Normal();
        decoder.Phase = phase;

        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(decoder, Query("SELECT 1"))));

        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", message), violation.Error);
        Assert.Equal([new ErrorResponse(violation.Error)], violation.Replies);
    }

    [Fact]
    public void An_authentication_message_longer_than_PG_MAX_AUTH_TOKEN_LENGTH_should_be_refused()
    {
        var decoder = Normal();
        decoder.Phase = FrontendPhase.SaslResponse;
        var buffer = new ReadOnlySequence<byte>(Concat([(byte)'p'], Int32(65536)));
        var fits = new ReadOnlySequence<byte>(Concat([(byte)'p'], Int32(65535)));

        Assert.False(decoder.TryDecode(ref fits, out _));
        Assert.True(decoder.TryDecode(ref buffer, out var result));
        Assert.Equal(ProtocolErrors.InvalidMessageLength(), Assert.IsType<ProtocolViolation>(result).Error);
    }

    [Fact]
    public void End_of_stream_in_normal_operation_should_report_what_pq_getmessage_logs()
    {
        var decoder = Normal();
        var query = Query("SELECT 1");

        Assert.Null(decoder.EndOfStream(ReadOnlySequence<byte>.Empty));
        Assert.Equal(ProtocolErrors.EofWithinLengthWord(), decoder.EndOfStream(new ReadOnlySequence<byte>(query[..1])));
        Assert.Equal(ProtocolErrors.EofWithinLengthWord(), decoder.EndOfStream(new ReadOnlySequence<byte>(query[..4])));
        Assert.Equal(ProtocolErrors.IncompleteMessage(), decoder.EndOfStream(new ReadOnlySequence<byte>(query[..5])));
        Assert.Equal(ProtocolErrors.IncompleteMessage(), decoder.EndOfStream(new ReadOnlySequence<byte>(query[..^1])));
    }

    private static string Describe(FrontendDecodeResult result) => result switch
    {
        DecodedMessage { Message: BindMessage bind } =>
            $"Bind {bind.Portal} {bind.Statement} [{string.Join(",", bind.ParameterFormats)}] " +
            $"[{string.Join(",", bind.Parameters.Select(p => p is null ? "NULL" : Convert.ToHexString(p)))}] [{string.Join(",", bind.ResultFormats)}]",
        DecodedMessage { Message: ParseMessage parse } => $"Parse {parse.Statement} {parse.Sql} [{string.Join(",", parse.ParameterTypeOids)}]",
        DecodedMessage decoded => decoded.Message.ToString(),
        _ => result.ToString(),
    };
}
