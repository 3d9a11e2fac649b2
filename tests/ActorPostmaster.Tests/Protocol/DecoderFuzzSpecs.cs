using System.Buffers;
using ActorPostmaster.Protocol;
using Xunit;
using static ActorPostmaster.Tests.Protocol.WireBytes;

namespace ActorPostmaster.Tests.Protocol;

/// <summary>Seeded random and mutated input: the codecs return a result or wait for more bytes, and never throw.</summary>
public sealed class DecoderFuzzSpecs
{
    private const int Iterations = 4000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_decoder_should_never_throw_on_mutated_message_streams(int seed)
    {
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var stream = Mutate(random, ValidStream(random));
            var decoder = new FrontendDecoder(largeMessageLimit: 20_000);
            foreach (var result in DecodeInRandomPieces(random, decoder, stream))
            {
                var key = result switch
                {
                    DecodedMessage decoded => decoded.Message.GetType().Name,
                    ProtocolViolation violation => violation.Error.Message,
                    _ => throw new InvalidOperationException("unknown result"),
                };
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            }
        }

        // The mutations reach the interesting paths, not just the first check.
        Assert.Contains(nameof(StartupMessage), outcomes.Keys);
        Assert.Contains(nameof(MalformedFrontendMessage), outcomes.Keys);
        Assert.Contains(nameof(UnknownFrontendMessage), outcomes.Keys);
        Assert.Contains("invalid message length", outcomes.Keys);
        Assert.Contains("invalid length of startup packet", outcomes.Keys);
        Assert.Contains(nameof(BindMessage), outcomes.Keys);
    }

    [Fact]
    public void The_decoder_should_never_throw_on_random_bytes_in_any_phase()
    {
        var random = new Random(42);
        var phases = Enum.GetValues<FrontendPhase>();
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length >= 4 && random.Next(2) == 0)
            {
                // A plausible length word, so that bodies get parsed rather than refused on length.
                bytes[0] = 0;
                bytes[1] = 0;
                bytes[2] = 0;
                bytes[3] = (byte)random.Next(0, bytes.Length + 2);
            }

            var decoder = new FrontendDecoder { Phase = phases[random.Next(phases.Length)] };
            DecodeInRandomPieces(random, decoder, bytes);
        }
    }

    [Fact]
    public void Valid_streams_should_decode_the_same_whatever_the_pieces()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var stream = ValidStream(random, encryptionRequests: false);

            var whole = DecodeAll(new FrontendDecoder(largeMessageLimit: 20_000), stream);
            var pieces = DecodeInRandomPieces(random, new FrontendDecoder(largeMessageLimit: 20_000), stream);

            Assert.All(whole, r => Assert.IsNotType<MalformedFrontendMessage>(Assert.IsType<DecodedMessage>(r).Message));
            Assert.Equal(whole.Select(Describe), pieces.Select(Describe));
        }
    }

    [Fact]
    public void Authentication_payloads_and_scram_should_never_throw_on_random_input()
    {
        var random = new Random(99);
        var verifier = ScramVerifier.FromPassword("pencil", new byte[16], iterations: 1);
        for (var i = 0; i < Iterations; i++)
        {
            var payload = RandomPayload(random);
            var isPassword = AuthenticationPayloads.TryParsePassword(payload, out var password, out var passwordError);
            Assert.Equal(isPassword, password is not null && passwordError is null);
            var isInitial = AuthenticationPayloads.TryParseSaslInitialResponse(payload, ScramServerExchange.Mechanisms, out var initial, out var initialError);
            Assert.Equal(isInitial, initial is not null && initialError is null);
            Assert.True(isInitial || initialError!.Severity == PgSeverity.Fatal);

            var exchange = new ScramServerExchange(verifier);
            var first = exchange.ProcessInitialResponse(Concat(CString("SCRAM-SHA-256"), Int32(payload.Length), payload));
            Assert.True(first.Status is ScramExchangeStatus.Continue or ScramExchangeStatus.Error);
            if (first.Status == ScramExchangeStatus.Continue)
            {
                var second = exchange.ProcessResponse(RandomPayload(random));
                Assert.True(second.Status is ScramExchangeStatus.Failure or ScramExchangeStatus.Error);
            }

            var isSecret = ScramVerifier.TryParse(System.Text.Encoding.Latin1.GetString(payload), out var parsed);
            Assert.Equal(isSecret, parsed is not null);
        }
    }

    [Fact]
    public void Binary_and_text_parameters_should_only_ever_raise_postgresql_errors()
    {
        var random = new Random(5);
        int[] oids =
        [
            PgTypeOids.Bool, PgTypeOids.Int2, PgTypeOids.Int4, PgTypeOids.Int8, PgTypeOids.Float4, PgTypeOids.Float8, PgTypeOids.Text,
            PgTypeOids.Varchar, PgTypeOids.Name, PgTypeOids.Unknown, PgTypeOids.Numeric, PgTypeOids.Timestamptz, PgTypeOids.Timestamp,
            PgTypeOids.Date, PgTypeOids.Bytea, PgTypeOids.Oid, PgTypeOids.Void, PgTypeOids.Interval,
        ];
        for (var i = 0; i < Iterations; i++)
        {
            var oid = oids[random.Next(oids.Length)];
            var value = new byte[random.Next(0, 24)];
            random.NextBytes(value);
            if (oid == PgTypeOids.Numeric && value.Length >= 8 && random.Next(2) == 0)
            {
                value[4] = (byte)(random.Next(2) * 0x40); // a valid sign
                value[6] = 0;
            }

            foreach (short format in new short[] { 0, 1 })
            {
                try
                {
                    WireValues.DecodeParameter(value, format, oid, 1);
                }
                catch (PgException)
                {
                    // PostgreSQL's ERROR for the value: fine.
                }
            }
        }
    }

    private static List<FrontendDecodeResult> DecodeInRandomPieces(Random random, FrontendDecoder decoder, byte[] bytes)
    {
        var results = new List<FrontendDecodeResult>();
        var received = new List<byte[]>();
        var offset = 0;
        var violated = false;
        while (offset < bytes.Length)
        {
            var take = Math.Min(bytes.Length - offset, random.Next(1, 40));
            received.Add(bytes[offset..(offset + take)]);
            offset += take;

            // Each read hands the decoder everything not consumed yet, split into the pieces it arrived in.
            var buffer = Chunked(received);
            var guard = 0;
            while (decoder.TryDecode(ref buffer, out var result))
            {
                Assert.False(violated, "a result after a violation");
                Assert.True(++guard < 10_000, "no progress");
                results.Add(result);
                violated |= result is ProtocolViolation;
            }

            received = buffer.IsEmpty ? [] : [buffer.ToArray()];
        }

        decoder.EndOfStream(Chunked(received));
        return results;
    }

    private static byte[] ValidStream(Random random, bool encryptionRequests = true)
    {
        var parts = new List<byte[]>();
        if (encryptionRequests && random.Next(4) == 0)
        {
            parts.Add(Packet(Int32(random.Next(2) == 0 ? FrontendDecoder.SslRequestCode : FrontendDecoder.GssEncRequestCode)));
        }

        parts.Add(Startup(("user", "u" + RandomText(random)), ("database", RandomText(random)), ("application_name", RandomText(random))));
        var count = random.Next(0, 8);
        for (var i = 0; i < count; i++)
        {
            parts.Add(random.Next(9) switch
            {
                0 => Query(RandomText(random)),
                1 => Parse(RandomText(random), RandomText(random), Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(0, 2000)).ToArray()),
                2 => Bind(
                    RandomText(random),
                    RandomText(random),
                    Enumerable.Range(0, random.Next(3)).Select(_ => (short)random.Next(2)).ToArray(),
                    Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(3) == 0 ? null : RandomBytes(random)).ToArray(),
                    Enumerable.Range(0, random.Next(3)).Select(_ => (short)random.Next(2)).ToArray()),
                3 => Message('D', [(byte)(random.Next(2) == 0 ? 'S' : 'P')], CString(RandomText(random))),
                4 => Message('C', [(byte)(random.Next(2) == 0 ? 'S' : 'P')], CString(RandomText(random))),
                5 => Message('E', CString(RandomText(random)), Int32(random.Next(0, 100))),
                6 => Message('H'),
                7 => Message('d', RandomBytes(random)),
                _ => Sync(),
            });
        }

        return Concat([.. parts]);
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var data = bytes.ToList();
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.RemoveAt(at);
                    break;
                case 2:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
            }
        }

        return [.. data];
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "abcxyz019 _-'é€𝄞";
        var length = random.Next(0, 12);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        // Keep surrogate pairs whole.
        return System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text.ToString())).Replace("\uFFFD", "?", StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 16)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] RandomPayload(Random random)
    {
        if (random.Next(3) > 0)
        {
            return RandomBytes(random);
        }

        // Something SCRAM-shaped, to get past the first checks.
        string[] shapes = ["n,,n=,r=abc", "y,,n=u,r=abc,x=1", "c=biws,r=abc,p=", "p=x,,n=,r=a", "n,a=b,n=,r=a", "n,,m=1", "n,,n=,r=a\u00ff"];
        return System.Text.Encoding.Latin1.GetBytes(shapes[random.Next(shapes.Length)] + RandomText(random));
    }

    private static string Describe(FrontendDecodeResult result) => result switch
    {
        DecodedMessage { Message: BindMessage bind } =>
            $"Bind {bind.Portal}|{bind.Statement}|{string.Join(",", bind.ParameterFormats)}|" +
            $"{string.Join(",", bind.Parameters.Select(p => p is null ? "NULL" : Convert.ToHexString(p)))}|{string.Join(",", bind.ResultFormats)}",
        DecodedMessage { Message: ParseMessage parse } => $"Parse {parse.Statement}|{parse.Sql}|{string.Join(",", parse.ParameterTypeOids)}",
        DecodedMessage { Message: StartupMessage startup } =>
            $"Startup {startup.User}|{startup.Database}|{string.Join(",", startup.Parameters.Select(p => p.Key + "=" + p.Value))}",
        DecodedMessage decoded => decoded.Message.ToString(),
        _ => result.ToString(),
    };
}
