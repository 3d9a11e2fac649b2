using ActorPostmaster.Protocol;
using Xunit;
using static ActorPostmaster.Tests.Protocol.WireBytes;

namespace ActorPostmaster.Tests.Protocol;

public sealed class AuthenticationPayloadSpecs
{
    [Fact]
    public void A_password_message_should_give_its_password()
    {
        Assert.True(AuthenticationPayloads.TryParsePassword(CString("s3cr3t é"), out var password, out var error));

        Assert.Equal("s3cr3t é", password);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x61, 0x62 })]
    [InlineData(new byte[] { 0x61, 0, 0x62, 0 })]
    [InlineData(new byte[] { 0x61, 0, 0 })]
    public void A_password_that_does_not_fill_the_message_should_be_an_invalid_packet_size(byte[] payload)
    {
        Assert.False(AuthenticationPayloads.TryParsePassword(payload, out var password, out var error));

        Assert.Null(password);
        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", "invalid password packet size"), error);
    }

    [Fact]
    public void An_empty_password_should_be_refused_with_28P01()
    {
        Assert.False(AuthenticationPayloads.TryParsePassword([0], out _, out var error));

        Assert.Equal(new PgError(PgSeverity.Fatal, "28P01", "empty password returned by client"), error);
    }

    [Fact]
    public void A_SASL_initial_response_should_give_the_mechanism_and_the_data()
    {
        var payload = Concat(CString("SCRAM-SHA-256"), Int32(5), "n,,xx"u8.ToArray());

        Assert.True(AuthenticationPayloads.TryParseSaslInitialResponse(payload, ["SCRAM-SHA-256"], out var response, out var error));

        Assert.Null(error);
        Assert.Equal("SCRAM-SHA-256", response.Mechanism);
        Assert.Equal("n,,xx"u8.ToArray(), response.Data);
    }

    [Fact]
    public void A_SASL_initial_response_of_length_minus_one_should_have_no_data()
    {
        Assert.True(AuthenticationPayloads.TryParseSaslInitialResponse(
            Concat(CString("ANY"), Int32(-1)), acceptedMechanisms: null, out var response, out _));

        Assert.Equal(new SaslInitialResponse("ANY", null), response);
    }

    public static TheoryData<byte[], string> MalformedInitialResponses => new()
    {
        { "SCRAM-SHA-256"u8.ToArray(), "invalid string in message" },
        { Concat(CString("PLAIN")), "client selected an invalid SASL authentication mechanism" },
        { Concat(CString("PLAIN"), [1, 2]), "client selected an invalid SASL authentication mechanism" },
        { Concat(CString("SCRAM-SHA-256"), [0, 0]), "insufficient data left in message" },
        { Concat(CString("SCRAM-SHA-256"), Int32(6), [1, 2, 3]), "insufficient data left in message" },
        { Concat(CString("SCRAM-SHA-256"), Int32(-2)), "insufficient data left in message" },
        { Concat(CString("SCRAM-SHA-256"), Int32(1), [1, 2]), "invalid message format" },
        { Concat(CString("SCRAM-SHA-256"), Int32(-1), [0]), "invalid message format" },
    };

    [Theory]
    [MemberData(nameof(MalformedInitialResponses))]
    public void A_malformed_SASL_initial_response_should_be_FATAL_08P01_in_CheckSASLAuths_order(byte[] payload, string message)
    {
        Assert.False(AuthenticationPayloads.TryParseSaslInitialResponse(payload, ["SCRAM-SHA-256"], out var response, out var error));

        Assert.Null(response);
        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", message), error);
    }

    [Fact]
    public void A_SASL_response_should_be_its_whole_body()
    {
        Assert.Equal([1, 0, 2], AuthenticationPayloads.ParseSaslResponse([1, 0, 2]));
        Assert.Empty(AuthenticationPayloads.ParseSaslResponse([]));
    }
}
