using System.Buffers;
using ActorPostmaster.Protocol;
using Xunit;
using static ActorPostmaster.Tests.Protocol.WireBytes;

namespace ActorPostmaster.Tests.Protocol;

/// <summary>The startup phase: ProcessStartupPacket of PostgreSQL 15.</summary>
public sealed class StartupPacketSpecs
{
    [Fact]
    public void A_startup_message_should_carry_user_database_and_the_other_parameters_in_order()
    {
        var decoder = new FrontendDecoder();

        var results = DecodeAll(decoder, Startup(
            ("user", "postgres"), ("database", "postgres"), ("application_name", "pgwire.py"), ("options", "-c work_mem=8MB"),
            ("client_encoding", "UTF8")));

        var decoded = Assert.IsType<DecodedMessage>(Assert.Single(results));
        var startup = Assert.IsType<StartupMessage>(decoded.Message);
        Assert.Equal("postgres", startup.User);
        Assert.Equal("postgres", startup.Database);
        Assert.Equal(StartupMessage.Protocol30, startup.ProtocolVersion);
        Assert.Equal(
            [new("application_name", "pgwire.py"), new("options", "-c work_mem=8MB"), new("client_encoding", "UTF8")],
            startup.Parameters.ToList());
        Assert.Null(decoded.ProtocolNegotiation);
        Assert.Equal(FrontendPhase.NormalOperation, decoder.Phase);
    }

    [Fact]
    public void A_missing_or_empty_database_should_be_null_so_that_it_defaults_to_the_user()
    {
        var withoutDatabase = Assert.IsType<StartupMessage>(Single(new FrontendDecoder(), Startup(("user", "alice"))));
        var emptyDatabase = Assert.IsType<StartupMessage>(Single(new FrontendDecoder(), Startup(("user", "alice"), ("database", ""))));

        Assert.Null(withoutDatabase.Database);
        Assert.Null(emptyDatabase.Database);
    }

    [Fact]
    public void User_and_database_names_should_be_cut_to_63_bytes()
    {
        var longName = new string('u', 80);

        var startup = Assert.IsType<StartupMessage>(Single(new FrontendDecoder(), Startup(("user", longName), ("database", longName))));

        Assert.Equal(new string('u', 63), startup.User);
        Assert.Equal(new string('u', 63), startup.Database);
    }

    [Theory]
    [InlineData("database=postgres")]
    [InlineData("user=")]
    [InlineData("application_name=x;user=")]
    public void A_startup_message_without_a_user_should_be_FATAL_28000(string pairs)
    {
        var parameters = pairs.Split(';').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();

        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(new FrontendDecoder(), Startup(parameters))));

        var expected = new PgError(PgSeverity.Fatal, "28000", "no PostgreSQL user name specified in startup packet");
        Assert.Equal(expected, violation.Error);
        Assert.Equal([new ErrorResponse(expected)], violation.Replies);
        Assert.True(violation.SendToClient);
        Assert.True(violation.CloseConnection);
    }

    [Fact]
    public void A_missing_user_after_a_newer_minor_version_should_get_NegotiateProtocolVersion_before_the_FATAL()
    {
        var violation = Assert.IsType<ProtocolViolation>(
            Assert.Single(DecodeAll(new FrontendDecoder(), Startup((3 << 16) | 2, ("_pq_.x", "1")))));

        Assert.Equal(
            [new NegotiateProtocolVersion(0, ["_pq_.x"]), new ErrorResponse(ProtocolErrors.NoUserNameInStartupPacket())],
            violation.Replies);
    }

    [Fact]
    public void Protocol_3_1_and_pq_options_should_be_accepted_with_the_negotiation_postgresql_sends()
    {
        var decoder = new FrontendDecoder();

        var decoded = Assert.IsType<DecodedMessage>(Assert.Single(DecodeAll(decoder, Startup(
            (3 << 16) | 1, ("user", "alice"), ("_pq_.b", "1"), ("application_name", "x"), ("_pq_.a", "2"), ("_pq_.b", "3")))));

        var startup = Assert.IsType<StartupMessage>(decoded.Message);
        Assert.Equal((3 << 16) | 1, startup.ProtocolVersion);
        Assert.Equal("3", startup.Parameters["_pq_.b"]);
        Assert.Equal("2", startup.Parameters["_pq_.a"]);

        // In packet order, a repeated option listed twice, as PostgreSQL's list has it.
        Assert.Equal(new NegotiateProtocolVersion(0, ["_pq_.b", "_pq_.a", "_pq_.b"]), decoded.ProtocolNegotiation);
        Assert.Equal(new NegotiateProtocolVersion(0, ["_pq_.b", "_pq_.a"]), FrontendDecoder.ProtocolNegotiationFor(startup));
    }

    [Theory]
    [InlineData(2, 0, true)]
    [InlineData(1, 0, true)]
    [InlineData(4, 0, false)]
    [InlineData(1234, 5678 + 9, false)]
    [InlineData(0, 0, false)]
    public void A_major_version_other_than_3_should_be_FATAL_0A000_in_the_format_the_client_understands(int major, int minor, bool legacy)
    {
        var version = (major << 16) | minor;

        var violation = Assert.IsType<ProtocolViolation>(
            Assert.Single(DecodeAll(new FrontendDecoder(), Startup(version, ("user", "alice")))));

        var expected = new PgError(PgSeverity.Fatal, "0A000", $"unsupported frontend protocol {major}.{minor}: server supports 3.0 to 3.0");
        Assert.Equal(expected, violation.Error);
        Assert.Equal(legacy ? new LegacyErrorResponse(expected) : new ErrorResponse(expected), Assert.Single(violation.Replies));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10005)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public void A_startup_length_outside_8_to_10004_should_be_logged_and_the_connection_closed_silently(int length)
    {
        var decoder = new FrontendDecoder();
        var buffer = new ReadOnlySequence<byte>(Int32(length));

        Assert.True(decoder.TryDecode(ref buffer, out var result));

        var violation = Assert.IsType<ProtocolViolation>(result);
        Assert.Equal(new PgError(PgSeverity.Log, "08P01", "invalid length of startup packet"), violation.Error);
        Assert.Empty(violation.Replies);
        Assert.False(violation.SendToClient);
        Assert.Equal(FrontendPhase.Closed, decoder.Phase);
    }

    [Fact]
    public void The_largest_startup_packet_should_be_accepted()
    {
        var filler = new string('x', 10004 - 23);
        var bytes = Startup(("user", "alice"), ("a", filler));
        Assert.Equal(10004, bytes.Length);

        var startup = Assert.IsType<StartupMessage>(Single(new FrontendDecoder(), bytes));

        Assert.Equal(filler, startup.Parameters["a"]);
    }

    [Theory]
    [InlineData("user\0alice\0")] // no terminator
    [InlineData("user\0alice\0\0\0")] // bytes after the terminator
    [InlineData("user\0alice\0database")] // a name without a value
    [InlineData("user\0alice\0database\0")] // the value would start at the end
    [InlineData("user")] // a name running to the end
    public void A_bad_name_value_layout_should_be_FATAL_08P01(string layout)
    {
        var bytes = Packet(Int32(StartupMessage.Protocol30), System.Text.Encoding.UTF8.GetBytes(layout));

        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(new FrontendDecoder(), bytes)));

        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", "invalid startup packet layout: expected terminator as last byte"), violation.Error);
        Assert.Equal([new ErrorResponse(violation.Error)], violation.Replies);
    }

    [Fact]
    public void A_version_word_alone_should_be_a_bad_layout()
    {
        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(new FrontendDecoder(), Packet(Int32(StartupMessage.Protocol30)))));

        Assert.Equal(ProtocolErrors.InvalidStartupPacketLayout(), violation.Error);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("on")]
    [InlineData("0")]
    [InlineData("database")]
    [InlineData("FAL")]
    public void Replication_values_postgresql_parses_should_pass(string value)
    {
        var startup = Assert.IsType<StartupMessage>(Single(new FrontendDecoder(), Startup(("user", "alice"), ("replication", value))));

        Assert.Equal(value, startup.Parameters["replication"]);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("o")]
    [InlineData("")]
    [InlineData("truex")]
    public void Other_replication_values_should_be_FATAL_22023_before_the_layout_is_checked(string value)
    {
        // The packet also lacks its terminator: the replication check comes first in the scan.
        var bytes = Packet(Int32(StartupMessage.Protocol30), CString("replication"), CString(value));

        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(new FrontendDecoder(), bytes)));

        Assert.Equal(
            new PgError(PgSeverity.Fatal, "22023", $"invalid value for parameter \"replication\": \"{value}\"",
                Hint: "Valid values are: \"false\", 0, \"true\", 1, \"database\"."),
            violation.Error);
    }

    [Fact]
    public void An_SSLRequest_should_be_decoded_and_the_startup_packet_that_follows_it_too()
    {
        var decoder = new FrontendDecoder();

        var first = DecodeAll(decoder, Packet(Int32(FrontendDecoder.SslRequestCode)));
        var second = DecodeAll(decoder, Startup(("user", "alice")));

        Assert.Equal(SslRequestMessage.Instance, Assert.IsType<DecodedMessage>(Assert.Single(first)).Message);
        Assert.IsType<StartupMessage>(Assert.IsType<DecodedMessage>(Assert.Single(second)).Message);
    }

    [Fact]
    public void A_GSSENCRequest_after_a_refused_SSLRequest_should_be_accepted_and_vice_versa()
    {
        var sslFirst = new FrontendDecoder();
        DecodeAll(sslFirst, Packet(Int32(FrontendDecoder.SslRequestCode)));
        var gssFirst = new FrontendDecoder();
        DecodeAll(gssFirst, Packet(Int32(FrontendDecoder.GssEncRequestCode)));

        Assert.Equal(GssEncRequestMessage.Instance, Single(sslFirst, Packet(Int32(FrontendDecoder.GssEncRequestCode))));
        Assert.Equal(SslRequestMessage.Instance, Single(gssFirst, Packet(Int32(FrontendDecoder.SslRequestCode))));
    }

    [Theory]
    [InlineData(FrontendDecoder.SslRequestCode, "1234.5679")]
    [InlineData(FrontendDecoder.GssEncRequestCode, "1234.5680")]
    public void A_second_encryption_request_should_be_an_unsupported_protocol_version(int code, string version)
    {
        var decoder = new FrontendDecoder();
        DecodeAll(decoder, Packet(Int32(code)));

        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(decoder, Packet(Int32(code)))));

        Assert.Equal($"unsupported frontend protocol {version}: server supports 3.0 to 3.0", violation.Error.Message);
        Assert.Equal(PgSeverity.Fatal, violation.Error.Severity);
        Assert.IsType<ErrorResponse>(Assert.Single(violation.Replies));
    }

    [Theory]
    [InlineData(FrontendDecoder.SslRequestCode, "received unencrypted data after SSL request")]
    [InlineData(FrontendDecoder.GssEncRequestCode, "received unencrypted data after GSSAPI encryption request")]
    public void Data_sent_along_with_an_encryption_request_should_be_FATAL_after_the_refusal(int code, string message)
    {
        var decoder = new FrontendDecoder();

        var results = DecodeAll(decoder, Concat(Packet(Int32(code)), Startup(("user", "alice"))));

        Assert.Equal(2, results.Count);
        Assert.IsType<DecodedMessage>(results[0]);
        var violation = Assert.IsType<ProtocolViolation>(results[1]);
        Assert.Equal(
            new PgError(PgSeverity.Fatal, "08P01", message,
                "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack."),
            violation.Error);
        Assert.Equal(FrontendPhase.Closed, decoder.Phase);
    }

    [Fact]
    public void A_cancel_request_should_carry_pid_and_key_and_end_the_connection()
    {
        var decoder = new FrontendDecoder();

        var results = DecodeAll(decoder, Concat(Packet(Int32(FrontendDecoder.CancelRequestCode), Int32(16048), Int32(-5)), Startup(("user", "x"))));

        Assert.Equal(new CancelRequestMessage(16048, -5), Assert.IsType<DecodedMessage>(Assert.Single(results)).Message);
        Assert.Equal(FrontendPhase.Closed, decoder.Phase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(12)]
    public void A_cancel_request_of_the_wrong_length_should_be_logged_as_an_invalid_length(int extra)
    {
        var bytes = Packet(Int32(FrontendDecoder.CancelRequestCode), new byte[extra]);

        var violation = Assert.IsType<ProtocolViolation>(Assert.Single(DecodeAll(new FrontendDecoder(), bytes)));

        Assert.Equal(ProtocolErrors.InvalidStartupPacketLength(), violation.Error);
        Assert.Empty(violation.Replies);
    }

    [Fact]
    public void A_startup_packet_split_at_every_byte_should_decode_the_same()
    {
        var bytes = Startup(("user", "alice"), ("database", "db"), ("application_name", "psql"));

        var results = DecodeByteAtATime(new FrontendDecoder(), bytes);

        var startup = Assert.IsType<StartupMessage>(Assert.IsType<DecodedMessage>(Assert.Single(results)).Message);
        Assert.Equal("alice", startup.User);
        Assert.Equal("db", startup.Database);
        Assert.Equal("psql", startup.Parameters["application_name"]);
    }

    [Fact]
    public void A_startup_packet_across_segments_should_leave_the_next_packet_in_the_buffer()
    {
        var startup = Startup(("user", "alice"));
        var query = Query("SELECT 1");
        var buffer = Segmented(Concat(startup, query), 3, 5, startup.Length - 6, 2);
        var decoder = new FrontendDecoder();

        Assert.True(decoder.TryDecode(ref buffer, out var first));
        Assert.IsType<StartupMessage>(Assert.IsType<DecodedMessage>(first).Message);
        Assert.Equal(query, buffer.ToArray());
        Assert.True(decoder.TryDecode(ref buffer, out var second));
        Assert.Equal(new QueryMessage("SELECT 1"), Assert.IsType<DecodedMessage>(second).Message);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Invalid_UTF8_in_the_startup_packet_should_not_be_an_error()
    {
        var bytes = Packet(Int32(StartupMessage.Protocol30), CString("user"), CString("alice"), CString("application_name"), [0xFF, 0xFE, 0], [0]);

        var startup = Assert.IsType<StartupMessage>(Single(new FrontendDecoder(), bytes));

        Assert.Equal("\uFFFD\uFFFD", startup.Parameters["application_name"]);
    }

    [Fact]
    public void End_of_stream_should_report_what_postgresql_logs()
    {
        var fresh = new FrontendDecoder();
        var afterSsl = new FrontendDecoder();
        DecodeAll(afterSsl, Packet(Int32(FrontendDecoder.SslRequestCode)));

        Assert.Null(fresh.EndOfStream(ReadOnlySequence<byte>.Empty));
        Assert.Equal(ProtocolErrors.IncompleteStartupPacket(), fresh.EndOfStream(new ReadOnlySequence<byte>(new byte[2])));
        Assert.Equal(ProtocolErrors.IncompleteStartupPacket(), fresh.EndOfStream(new ReadOnlySequence<byte>(Startup(("user", "a"))[..10])));
        Assert.Null(afterSsl.EndOfStream(new ReadOnlySequence<byte>(new byte[2])));
        Assert.Equal(ProtocolErrors.IncompleteStartupPacket(), afterSsl.EndOfStream(new ReadOnlySequence<byte>(Startup(("user", "a"))[..10])));
        Assert.Equal("LOG:  08P01: incomplete startup packet", fresh.EndOfStream(new ReadOnlySequence<byte>(new byte[1]))!.ToString());
    }

    [Fact]
    public void Nothing_should_be_decoded_after_the_connection_is_done()
    {
        var decoder = new FrontendDecoder();
        DecodeAll(decoder, Packet(Int32(FrontendDecoder.CancelRequestCode), Int32(1), Int32(2)));
        var buffer = new ReadOnlySequence<byte>(Startup(("user", "alice")));

        Assert.False(decoder.TryDecode(ref buffer, out _));
        Assert.Equal(Startup(("user", "alice")).Length, buffer.Length);
    }
}
