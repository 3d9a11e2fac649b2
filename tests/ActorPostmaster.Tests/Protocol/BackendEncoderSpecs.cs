using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorPostmaster.Protocol;
using Xunit;

namespace ActorPostmaster.Tests.Protocol;

public sealed class BackendEncoderSpecs
{
    public static TheoryData<string, BackendMessage, byte[]> ExactLayouts => new()
    {
        { "AuthenticationOk", AuthenticationOk.Instance, Bytes("R", 0, 0, 0, 8, 0, 0, 0, 0) },
        { "AuthenticationCleartextPassword", AuthenticationCleartextPassword.Instance, Bytes("R", 0, 0, 0, 8, 0, 0, 0, 3) },
        {
            "AuthenticationSASL", new AuthenticationSasl(["SCRAM-SHA-256"]),
            Bytes("R", 0, 0, 0, 23, 0, 0, 0, 10, "SCRAM-SHA-256", 0, 0)
        },
        { "AuthenticationSASLContinue", new AuthenticationSaslContinue("r=abc"u8.ToArray()), Bytes("R", 0, 0, 0, 13, 0, 0, 0, 11, "r=abc") },
        { "AuthenticationSASLFinal", new AuthenticationSaslFinal("v=xyz"u8.ToArray()), Bytes("R", 0, 0, 0, 13, 0, 0, 0, 12, "v=xyz") },
        {
            "ParameterStatus", new ParameterStatus("client_encoding", "UTF8"),
            Bytes("S", 0, 0, 0, 25, "client_encoding", 0, "UTF8", 0)
        },
        {
            // 12-startup-params: BackendKeyData pid=16048 key=1228118735
            "BackendKeyData", new BackendKeyData(16048, 1228118735), Bytes("K", 0, 0, 0, 12, 0x00, 0x00, 0x3E, 0xB0, 0x49, 0x33, 0x9A, 0xCF)
        },
        { "ReadyForQuery I", new ReadyForQuery('I'), Bytes("Z", 0, 0, 0, 5, "I") },
        { "ReadyForQuery E", new ReadyForQuery('E'), Bytes("Z", 0, 0, 0, 5, "E") },
        {
            "RowDescription", new RowDescription([new RowField("?column?", 23, 4)]),
            Bytes("T", 0, 0, 0, 33, 0, 1, "?column?", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 23, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0)
        },
        {
            "RowDescription binary varchar(10)", new RowDescription([new RowField("a", 1043, -1, 14, 1), new RowField("b", 16, 1)]),
            Bytes("T", 0, 0, 0, 46, 0, 2,
                "a", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, 0x13, 0xFF, 0xFF, 0, 0, 0, 14, 0, 1,
                "b", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0)
        },
        { "DataRow", new DataRow(["1", null]), Bytes("D", 0, 0, 0, 15, 0, 2, 0, 0, 0, 1, "1", 0xFF, 0xFF, 0xFF, 0xFF) },
        { "DataRow UTF8", new DataRow(["é"]), Bytes("D", 0, 0, 0, 12, 0, 1, 0, 0, 0, 2, 0xC3, 0xA9) },
        { "DataRow empty string", new DataRow([string.Empty]), Bytes("D", 0, 0, 0, 10, 0, 1, 0, 0, 0, 0) },
        { "DataRow no columns", new DataRow([]), Bytes("D", 0, 0, 0, 6, 0, 0) },
        {
            "EncodedDataRow", new EncodedDataRow([[0, 0, 0, 42], null]),
            Bytes("D", 0, 0, 0, 18, 0, 2, 0, 0, 0, 4, 0, 0, 0, 42, 0xFF, 0xFF, 0xFF, 0xFF)
        },
        { "CommandComplete", new CommandComplete("SELECT 1"), Bytes("C", 0, 0, 0, 13, "SELECT 1", 0) },
        { "EmptyQueryResponse", EmptyQueryResponse.Instance, Bytes("I", 0, 0, 0, 4) },
        { "ParseComplete", ParseComplete.Instance, Bytes("1", 0, 0, 0, 4) },
        { "BindComplete", BindComplete.Instance, Bytes("2", 0, 0, 0, 4) },
        { "CloseComplete", CloseComplete.Instance, Bytes("3", 0, 0, 0, 4) },
        { "NoData", NoData.Instance, Bytes("n", 0, 0, 0, 4) },
        { "PortalSuspended", PortalSuspended.Instance, Bytes("s", 0, 0, 0, 4) },
        { "ParameterDescription", new ParameterDescription([23, 25]), Bytes("t", 0, 0, 0, 14, 0, 2, 0, 0, 0, 23, 0, 0, 0, 25) },
        { "ParameterDescription none", new ParameterDescription([]), Bytes("t", 0, 0, 0, 6, 0, 0) },
        {
            // PG_PROTOCOL_LATEST (0x00030000) goes out, not the bare minor version.
            "NegotiateProtocolVersion", new NegotiateProtocolVersion(0, ["_pq_.foo"]),
            Bytes("v", 0, 0, 0, 21, 0, 3, 0, 0, 0, 0, 0, 1, "_pq_.foo", 0)
        },
        { "NegotiateProtocolVersion no options", new NegotiateProtocolVersion(0, []), Bytes("v", 0, 0, 0, 12, 0, 3, 0, 0, 0, 0, 0, 0) },
        { "EncryptionRefused", EncryptionRefused.Instance, Bytes("N") },
        { "ConnectionClosed", ConnectionClosed.Instance, [] },
        {
            "ErrorResponse", new ErrorResponse(new PgError(PgSeverity.Fatal, "28P01", "password authentication failed for user \"pwuser\"")),
            Bytes("E", 0, 0, 0, 76, "SFATAL", 0, "VFATAL", 0, "C28P01", 0, "Mpassword authentication failed for user \"pwuser\"", 0, 0)
        },
        {
            "ErrorResponse with position", new ErrorResponse(new PgError(PgSeverity.Error, "42601", "syntax error at or near \"SELEC\"", Position: 1)),
            Bytes("E", 0, 0, 0, 62, "SERROR", 0, "VERROR", 0, "C42601", 0, "Msyntax error at or near \"SELEC\"", 0, "P1", 0, 0)
        },
        {
            "NoticeResponse", new NoticeResponse(new PgError(PgSeverity.Warning, "57P02", "m", "d", "h")),
            Bytes("N", 0, 0, 0, 39, "SWARNING", 0, "VWARNING", 0, "C57P02", 0, "Mm", 0, "Dd", 0, "Hh", 0, 0)
        },
        {
            "LegacyErrorResponse", new LegacyErrorResponse(ProtocolErrors.UnsupportedFrontendProtocol(2 << 16)),
            Bytes("E", "FATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n", 0)
        },
    };

    [Theory]
    [MemberData(nameof(ExactLayouts))]
    public void Encoder_should_write_the_exact_bytes_postgresql_writes(string name, BackendMessage message, byte[] expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(BackendEncoder.Encode(message)));
    }

    [Theory]
    [MemberData(nameof(ExactLayouts))]
    public void Encoded_messages_should_read_back_as_the_same_record(string name, BackendMessage message, byte[] expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        if (message is ConnectionClosed or LegacyErrorResponse or EncryptionRefused)
        {
            return; // not length-prefixed messages
        }

        var decoded = BackendReader.ReadAll(expected);
        var single = Assert.Single(decoded);
        if (message is EncodedDataRow encoded)
        {
            // A client cannot tell text from binary columns; compare the raw bytes.
            Assert.Equal(encoded, single);
        }
        else if (message is AuthenticationSaslContinue saslContinue)
        {
            Assert.Equal(saslContinue.Data, Assert.IsType<AuthenticationSaslContinue>(single).Data);
        }
        else if (message is AuthenticationSaslFinal saslFinal)
        {
            Assert.Equal(saslFinal.Data, Assert.IsType<AuthenticationSaslFinal>(single).Data);
        }
        else
        {
            Assert.Equal(message, single);
        }
    }

    [Fact]
    public void Error_fields_should_follow_send_message_to_frontend_order_S_V_C_M_D_H_P()
    {
        var error = new PgError(PgSeverity.Error, "22012", "division by zero", "the detail", "the hint", 8);

        var bytes = BackendEncoder.Encode(new ErrorResponse(error));

        var codes = FieldCodes(bytes);
        Assert.Equal("SVCMDHP", codes);
        Assert.Equal(0, bytes[^1]);
        Assert.Equal(bytes.Length - 1, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
    }

    [Fact]
    public void A_string_with_a_zero_character_should_be_cut_there_like_a_C_string()
    {
        var bytes = BackendEncoder.Encode(new CommandComplete("SELECT\01"));

        Assert.Equal(Bytes("C", 0, 0, 0, 11, "SELECT", 0), bytes);
    }

    [Fact]
    public void Every_backend_message_type_should_have_a_wire_form()
    {
        var types = typeof(BackendMessage).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BackendMessage)) && !t.IsAbstract)
            .ToList();
        Assert.NotEmpty(types);

        var covered = ExactLayouts.Select(row => row[1].GetType()).ToHashSet();

        Assert.Empty(types.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void Writing_into_a_writer_with_small_buffers_should_give_the_same_bytes()
    {
        var messages = ExactLayouts.Select(row => (BackendMessage)row[1]).ToList();
        var writer = new ArrayBufferWriter<byte>(1);

        foreach (var message in messages)
        {
            BackendEncoder.Write(writer, message);
        }

        Assert.Equal(BackendEncoder.Encode(messages), writer.WrittenSpan.ToArray());
        Assert.Equal(ExactLayouts.SelectMany(row => (byte[])row[2]).ToArray(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_typical_startup_response_should_read_back_in_order()
    {
        BackendMessage[] messages =
        [
            AuthenticationOk.Instance,
            new ParameterStatus("application_name", "pgwire.py"),
            new ParameterStatus("TimeZone", "Etc/UTC"),
            new BackendKeyData(16090, 1126071864),
            new ReadyForQuery('I'),
        ];

        Assert.Equal(messages, BackendReader.ReadAll(BackendEncoder.Encode(messages)));
    }

    private static string FieldCodes(byte[] message)
    {
        var codes = new StringBuilder();
        var i = 5;
        while (message[i] != 0)
        {
            codes.Append((char)message[i]);
            i = Array.IndexOf(message, (byte)0, i + 1) + 1;
        }

        return codes.ToString();
    }

    /// <summary>Bytes from a mix of ints (one byte each) and strings (their UTF-8 bytes).</summary>
    private static byte[] Bytes(params object[] parts) => parts.SelectMany(part => part switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        int b => [(byte)b],
        _ => throw new ArgumentException(part.GetType().Name),
    }).ToArray();
}
