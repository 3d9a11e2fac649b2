using System.Security.Cryptography;
using System.Text;
using ActorPostmaster.Protocol;
using Xunit;
using static ActorPostmaster.Tests.Protocol.WireBytes;

namespace ActorPostmaster.Tests.Protocol;

public sealed class ScramSpecs
{
    // RFC 7677 section 3.
    private const string RfcClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string RfcServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private const string RfcSalt = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private const string RfcClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private const string RfcServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string RfcClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string RfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static readonly ScramVerifier RfcVerifier = ScramVerifier.FromPassword("pencil", Convert.FromBase64String(RfcSalt), 4096);

    [Fact]
    public void The_server_should_reproduce_the_RFC_7677_exchange()
    {
        var exchange = new ScramServerExchange(RfcVerifier, RfcServerNonce);

        var first = exchange.ProcessInitialResponse(InitialResponse(RfcClientFirst));
        Assert.Equal(ScramExchangeStatus.Continue, first.Status);
        Assert.Equal(RfcServerFirst, Latin(first.ServerMessage!));
        Assert.Equal(new AuthenticationSaslContinue(first.ServerMessage!).Data, Assert.IsType<AuthenticationSaslContinue>(first.Reply).Data);
        Assert.Equal(ScramExchangeState.SaltSent, exchange.State);

        var final = exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal));
        Assert.Equal(ScramExchangeStatus.Success, final.Status);
        Assert.Equal(RfcServerFinal, Latin(final.ServerMessage!));
        Assert.Equal(RfcServerFinal, Latin(Assert.IsType<AuthenticationSaslFinal>(final.Reply).Data));
        Assert.Equal(ScramExchangeState.Finished, exchange.State);
    }

    [Fact]
    public void The_test_client_should_compute_the_RFC_7677_proof_and_check_the_server_signature()
    {
        var client = new ScramTestClient("pencil", RfcClientNonce);

        Assert.Equal(RfcClientFirst, client.ClientFirst);
        Assert.Equal(RfcClientFinal, client.ClientFinal(RfcServerFirst));
        Assert.True(client.VerifyServerFinal(RfcServerFinal));
        Assert.False(client.VerifyServerFinal("v=" + Convert.ToBase64String(new byte[32])));
    }

    [Theory]
    [InlineData("n")]
    [InlineData("y")]
    public void A_full_exchange_with_a_fresh_secret_should_succeed_and_prove_the_server(string flag)
    {
        var verifier = ScramVerifier.FromPassword("correct horse");
        var exchange = new ScramServerExchange(verifier);
        var client = new ScramTestClient("correct horse", Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)), flag);

        var first = exchange.ProcessInitialResponse(InitialResponse(client.ClientFirst));
        var serverFirst = Latin(first.ServerMessage!);
        var final = exchange.ProcessResponse(Encoding.ASCII.GetBytes(client.ClientFinal(serverFirst)));

        Assert.Equal(ScramExchangeStatus.Success, final.Status);
        Assert.True(client.VerifyServerFinal(Latin(final.ServerMessage!)));
        Assert.Matches("^r=[^,]+,s=[A-Za-z0-9+/]{22}==,i=4096$", serverFirst);
        Assert.Equal(client.Nonce.Length + 24, serverFirst.Split(',')[0].Length - 2);
    }

    [Fact]
    public void A_wrong_password_should_fail_without_an_error_of_its_own()
    {
        var exchange = new ScramServerExchange(ScramVerifier.FromPassword("secret"));
        var client = new ScramTestClient("wrong", "abcdef");

        var first = exchange.ProcessInitialResponse(InitialResponse(client.ClientFirst));
        var final = exchange.ProcessResponse(Encoding.ASCII.GetBytes(client.ClientFinal(Latin(first.ServerMessage!))));

        Assert.Equal(new ScramExchangeResult(ScramExchangeStatus.Failure, null, null), final);
        Assert.Null(final.Reply);
        Assert.Equal(ScramExchangeState.Failed, exchange.State);
        Assert.Equal(
            new PgError(PgSeverity.Fatal, "28P01", "password authentication failed for user \"pwuser\""),
            ProtocolErrors.PasswordAuthenticationFailed("pwuser"));
    }

    [Fact]
    public void A_tampered_nonce_should_be_an_invalid_SCRAM_response()
    {
        var exchange = new ScramServerExchange(RfcVerifier, RfcServerNonce);
        exchange.ProcessInitialResponse(InitialResponse(RfcClientFirst));

        var final = exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal.Replace("k0,p=", "k1,p=", StringComparison.Ordinal)));

        Assert.Equal(ScramExchangeStatus.Error, final.Status);
        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", "invalid SCRAM response", "Nonce does not match."), final.Error);
        Assert.Equal(new ErrorResponse(final.Error!), final.Reply);
    }

    [Fact]
    public void A_mock_exchange_should_look_normal_and_always_fail()
    {
        var nonce = RandomNumberGenerator.GetBytes(ScramVerifier.MockAuthenticationNonceLength);
        var mock = ScramVerifier.CreateMock("nosuchuser", nonce);
        var exchange = new ScramServerExchange(mock);
        var client = new ScramTestClient(string.Empty, "abcdef");

        var first = exchange.ProcessInitialResponse(InitialResponse(client.ClientFirst));
        var serverFirst = Latin(first.ServerMessage!);
        var final = exchange.ProcessResponse(Encoding.ASCII.GetBytes(client.ClientFinal(serverFirst)));

        Assert.Equal(ScramExchangeStatus.Continue, first.Status);
        Assert.EndsWith($",s={mock.SaltText},i=4096", serverFirst, StringComparison.Ordinal);
        Assert.Equal(ScramExchangeStatus.Failure, final.Status);
        Assert.True(mock.IsMock);
        Assert.False(mock.VerifyPlainPassword(string.Empty));

        // The salt depends only on the name and the cluster's nonce, so repeated attempts see the same one.
        Assert.Equal(mock.SaltText, ScramVerifier.CreateMock("nosuchuser", nonce).SaltText);
        Assert.NotEqual(mock.SaltText, ScramVerifier.CreateMock("other", nonce).SaltText);
        Assert.Equal(
            Convert.ToBase64String(SHA256.HashData([.. "nosuchuser"u8, .. nonce])[..16]),
            mock.SaltText);
    }

    [Fact]
    public void An_initial_response_without_data_should_get_an_empty_challenge_first()
    {
        var exchange = new ScramServerExchange(RfcVerifier, RfcServerNonce);

        var empty = exchange.ProcessInitialResponse(Concat(CString("SCRAM-SHA-256"), Int32(-1)));
        var first = exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFirst));
        var final = exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal));

        Assert.Equal(ScramExchangeStatus.Continue, empty.Status);
        Assert.Empty(empty.ServerMessage!);
        Assert.Equal(RfcServerFirst, Latin(first.ServerMessage!));
        Assert.Equal(RfcServerFinal, Latin(final.ServerMessage!));
    }

    [Theory]
    [InlineData("SCRAM-SHA-1")]
    [InlineData("SCRAM-SHA-256-PLUS")]
    [InlineData("")]
    public void A_mechanism_not_offered_should_be_refused(string mechanism)
    {
        var result = new ScramServerExchange(RfcVerifier).ProcessInitialResponse(Concat(CString(mechanism), Int32(-1)));

        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", "client selected an invalid SASL authentication mechanism"), result.Error);
    }

    [Theory]
    [InlineData("", "08P01", "malformed SCRAM message", "The message is empty.")]
    [InlineData("n,,n=user,r=abc\0x", "08P01", "malformed SCRAM message", "Message length does not match input length.")]
    [InlineData("x,,n=,r=a", "08P01", "malformed SCRAM message", "Unexpected channel-binding flag \"'x'\".")]
    [InlineData("\u0001,,n=,r=a", "08P01", "malformed SCRAM message", "Unexpected channel-binding flag \"0x01\".")]
    [InlineData("p=tls-server-end-point,,n=,r=a", "08P01", "malformed SCRAM message",
        "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.")]
    [InlineData("n;,n=,r=a", "08P01", "malformed SCRAM message", "Comma expected, but found character \"';'\".")]
    [InlineData("y", "08P01", "malformed SCRAM message", "Comma expected, but found character \"0x00\".")]
    [InlineData("n,a=admin,n=,r=a", "0A000", "client uses authorization identity, but it is not supported", null)]
    [InlineData("n,x,n=,r=a", "08P01", "malformed SCRAM message", "Unexpected attribute \"'x'\" in client-first-message.")]
    [InlineData("n,,m=ext,n=,r=a", "0A000", "client requires an unsupported SCRAM extension", null)]
    [InlineData("n,,r=a", "08P01", "malformed SCRAM message", "Expected attribute \"n\" but found \"'r'\".")]
    [InlineData("n,,n,r=a", "08P01", "malformed SCRAM message", "Expected character \"=\" for attribute \"n\".")]
    [InlineData("n,,n=u", "08P01", "malformed SCRAM message", "Expected attribute \"r\" but found \"0x00\".")]
    [InlineData("n,,n=u,r=a b", "08P01", "non-printable characters in SCRAM nonce", null)]
    [InlineData("n,,n=u,r=a\u00e9", "08P01", "non-printable characters in SCRAM nonce", null)]
    [InlineData("n,,n=u,r=abc,1=x", "08P01", "malformed SCRAM message", "Attribute expected, but found invalid character \"'1'\".")]
    [InlineData("n,,n=u,r=abc,x", "08P01", "malformed SCRAM message", "Expected character \"=\" for attribute \"x\".")]
    public void A_malformed_client_first_message_should_raise_auth_scram_cs_error(string message, string sqlState, string text, string? detail)
    {
        var exchange = new ScramServerExchange(RfcVerifier);

        var result = exchange.ProcessInitialResponse(InitialResponse(message));

        Assert.Equal(ScramExchangeStatus.Error, result.Status);
        Assert.Equal(new PgError(PgSeverity.Fatal, sqlState, text, detail), result.Error);
        Assert.Equal(ScramExchangeState.Failed, exchange.State);
    }

    [Theory]
    [InlineData("n,,n=u,r=abc,")]
    [InlineData("n,,n=u,r=abc,x=1,y=2")]
    [InlineData("y,,n=ignored,r=abc")]
    public void Client_first_messages_postgresql_accepts_should_get_the_server_first_message(string message)
    {
        var result = new ScramServerExchange(RfcVerifier, "SRV").ProcessInitialResponse(InitialResponse(message));

        Assert.Equal(ScramExchangeStatus.Continue, result.Status);
        Assert.StartsWith("r=abcSRV,s=", Latin(result.ServerMessage!), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?> MalformedFinals => new()
    {
        { "c=eSws,r={nonce},p={proof}", "unexpected SCRAM channel-binding attribute in client-final-message", null },
        { "r={nonce},p={proof}", "malformed SCRAM message", "Expected attribute \"c\" but found \"'r'\"." },
        { "c=biws,r={nonce}", "malformed SCRAM message", "Attribute expected, but found end of string." },
        { "c=biws,r={nonce},p=abc", "malformed SCRAM message", "Malformed proof in client-final-message." },
        { "c=biws,r={nonce},p= {proof}", "malformed SCRAM message", "Malformed proof in client-final-message." },
        { "c=biws,r={nonce},p={proof},x=1", "malformed SCRAM message", "Garbage found at the end of client-final-message." },
        { "c=biws,r=other,p={proof}", "invalid SCRAM response", "Nonce does not match." },
    };

    [Theory]
    [MemberData(nameof(MalformedFinals))]
    public void A_malformed_client_final_message_should_raise_auth_scram_cs_error(string template, string text, string? detail)
    {
        var exchange = new ScramServerExchange(RfcVerifier, RfcServerNonce);
        exchange.ProcessInitialResponse(InitialResponse(RfcClientFirst));
        var message = template
            .Replace("{nonce}", RfcClientNonce + RfcServerNonce, StringComparison.Ordinal)
            .Replace("{proof}", "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", StringComparison.Ordinal);

        var result = exchange.ProcessResponse(Encoding.ASCII.GetBytes(message));

        Assert.Equal(new PgError(PgSeverity.Fatal, "08P01", text, detail), result.Error);
    }

    [Fact]
    public void Extensions_before_the_proof_and_a_trailing_comma_should_be_accepted_and_the_proof_covers_them()
    {
        // The RFC proof was computed without the extension, so the proof check (not the parser) refuses it.
        var exchange = new ScramServerExchange(RfcVerifier, RfcServerNonce);
        exchange.ProcessInitialResponse(InitialResponse(RfcClientFirst));
        var withExtension = RfcClientFinal.Replace(",p=", ",e=1,p=", StringComparison.Ordinal);

        Assert.Equal(ScramExchangeStatus.Failure, exchange.ProcessResponse(Encoding.ASCII.GetBytes(withExtension)).Status);

        var again = new ScramServerExchange(RfcVerifier, RfcServerNonce);
        again.ProcessInitialResponse(InitialResponse(RfcClientFirst));
        Assert.Equal(ScramExchangeStatus.Success, again.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal + ",")).Status);
    }

    [Fact]
    public void An_exchange_should_take_no_input_after_it_ended()
    {
        var exchange = new ScramServerExchange(RfcVerifier, RfcServerNonce);
        exchange.ProcessInitialResponse(InitialResponse(RfcClientFirst));
        exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal));

        var after = exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal));

        Assert.Equal(new PgError(PgSeverity.Fatal, "XX000", "invalid SCRAM exchange state"), after.Error);
    }

    [Fact]
    public void A_secret_should_print_and_parse_in_postgresqls_format()
    {
        var secret = RfcVerifier.ToSecret();

        Assert.Matches(@"^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$", secret);
        var parsed = ScramVerifier.Parse(secret);
        Assert.Equal(4096, parsed.Iterations);
        Assert.Equal(RfcSalt, parsed.SaltText);
        Assert.True(parsed.StoredKey.SequenceEqual(RfcVerifier.StoredKey));
        Assert.True(parsed.ServerKey.SequenceEqual(RfcVerifier.ServerKey));
        Assert.Equal(secret, parsed.ToString());
        Assert.False(parsed.IsMock);

        // A secret read back drives the same exchange.
        var exchange = new ScramServerExchange(parsed, RfcServerNonce);
        exchange.ProcessInitialResponse(InitialResponse(RfcClientFirst));
        Assert.Equal(RfcServerFinal, Latin(exchange.ProcessResponse(Encoding.ASCII.GetBytes(RfcClientFinal)).ServerMessage!));
    }

    [Theory]
    [InlineData("md5c4ca4238a0b923820dcc509a6f75849b")]
    [InlineData("plaintext")]
    [InlineData("SCRAM-SHA-1$4096:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("SCRAM-SHA-256$40x6:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("SCRAM-SHA-256$4096:c2Fsd A==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("SCRAM-SHA-256$4096:c2FsdA==$AAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("SCRAM-SHA-256$4096:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("SCRAM-SHA-256$$4096:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("")]
    [InlineData(null)]
    public void Strings_that_are_not_SCRAM_secrets_should_not_parse(string? secret)
    {
        Assert.False(ScramVerifier.TryParse(secret, out var verifier));
        Assert.Null(verifier);
        if (secret is not null)
        {
            Assert.Throws<FormatException>(() => ScramVerifier.Parse(secret));
        }
    }

    [Fact]
    public void Parsing_should_split_like_strtok()
    {
        // strtok skips leading separators, so a leading '$' is harmless; strtol takes leading blanks and a sign.
        var secret = RfcVerifier.ToSecret();

        Assert.True(ScramVerifier.TryParse("$" + secret, out _));
        Assert.True(ScramVerifier.TryParse(secret.Replace("$4096:", "$ +4096:", StringComparison.Ordinal), out var signed));
        Assert.Equal(4096, signed.Iterations);
    }

    [Fact]
    public void A_cleartext_password_should_verify_against_a_secret()
    {
        Assert.True(RfcVerifier.VerifyPlainPassword("pencil"));
        Assert.False(RfcVerifier.VerifyPlainPassword("pencil "));
        Assert.False(RfcVerifier.VerifyPlainPassword(string.Empty));
    }

    [Theory]
    [InlineData("pencil", "pencil")]
    [InlineData("a\tb", "a\tb")] // all ASCII: returned as it is, controls included
    [InlineData("a\u00A0b", "a b")] // non-ASCII space
    [InlineData("pass\u00ADword\u200B", "password ")] // soft hyphen mapped to nothing; U+200B is a space first
    [InlineData("\u2168", "IX")] // NFKC
    [InlineData("\u00C5", "\u00C5")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("\u05D0\u05D1", "\u05D0\u05D1")]
    public void SASLprep_should_map_and_normalize(string password, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(password));
    }

    [Theory]
    [InlineData("\u00E9\u0007")] // ASCII control among non-ASCII
    [InlineData("\u00E9\uE000")] // private use
    [InlineData("\u00AD")] // empty once mapped
    [InlineData("\u05D0a")] // R/AL with L
    [InlineData("\u05D01")] // R/AL not last
    [InlineData("\u00E9\uFFFF")] // non-character
    [InlineData("\u00E9\uD800")] // lone surrogate
    public void SASLprep_should_refuse_prohibited_strings(string password)
    {
        Assert.Null(SaslPrep.Prepare(password));
    }

    [Fact]
    public void A_secret_should_be_built_from_the_SASLprepped_password_or_the_raw_one()
    {
        var salt = new byte[16];

        Assert.Equal(
            ScramVerifier.FromPassword("password", salt).ToSecret(),
            ScramVerifier.FromPassword("pass\u00ADword", salt).ToSecret());
        Assert.True(ScramVerifier.FromPassword("\u00E9\u0007", salt).VerifyPlainPassword("\u00E9\u0007"));
        Assert.NotEqual(
            ScramVerifier.FromPassword("\u00E9\u0007", salt).ToSecret(),
            ScramVerifier.FromPassword("\u00E9", salt).ToSecret());
    }

    private static byte[] InitialResponse(string clientFirst)
    {
        var data = Encoding.Latin1.GetBytes(clientFirst);
        return Concat(CString("SCRAM-SHA-256"), Int32(data.Length), data);
    }

    private static string Latin(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>The client side of SCRAM-SHA-256, from RFC 5802, to drive the server in tests.</summary>
    private sealed class ScramTestClient(string password, string nonce, string flag = "n")
    {
        private byte[] _serverKey = [];
        private string _authMessage = string.Empty;

        public string Nonce => nonce;

        public string ClientFirst => $"{flag},,{ClientFirstBare}";

        private string ClientFirstBare => $"n=user,r={nonce}";

        public string ClientFinal(string serverFirst)
        {
            var attributes = serverFirst.Split(',').ToDictionary(a => a[0], a => a[2..]);
            var salted = Rfc2898DeriveBytes.Pbkdf2(
                Encoding.UTF8.GetBytes(password), Convert.FromBase64String(attributes['s']), int.Parse(attributes['i'], System.Globalization.CultureInfo.InvariantCulture),
                HashAlgorithmName.SHA256, 32);
            var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
            var storedKey = SHA256.HashData(clientKey);
            _serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
            var withoutProof = $"c={Convert.ToBase64String(Encoding.ASCII.GetBytes(flag + ",,"))},r={attributes['r']}";
            _authMessage = $"{ClientFirstBare},{serverFirst},{withoutProof}";
            var signature = HMACSHA256.HashData(storedKey, Encoding.UTF8.GetBytes(_authMessage));
            var proof = clientKey.Zip(signature, (a, b) => (byte)(a ^ b)).ToArray();
            return $"{withoutProof},p={Convert.ToBase64String(proof)}";
        }

        public bool VerifyServerFinal(string serverFinal) =>
            serverFinal == "v=" + Convert.ToBase64String(HMACSHA256.HashData(_serverKey, Encoding.UTF8.GetBytes(_authMessage)));
    }
}
