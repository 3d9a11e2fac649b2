using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ActorPostmaster.Interop.Harness;

namespace ActorPostmaster.Interop.Tests;

/// <summary>How a fuzz connection ends on the client side.</summary>
public enum FuzzEnding
{
    /// <summary>Send everything, half-close (the server reads EOF), then read until the server closes.</summary>
    HalfClose,

    /// <summary>Send a prefix, then vanish with a TCP reset without reading anything.</summary>
    Vanish,
}

/// <summary>What the first packet of a case asks for, which decides the form of the answer.</summary>
public enum FirstPacket
{
    /// <summary>A protocol-3 startup packet, or bytes the server cannot take as a packet: protocol-3 messages or a silent close.</summary>
    Protocol3,

    /// <summary>SSLRequest: a single 'N' (no SSL on the test servers), then protocol 3 again.</summary>
    Ssl,

    /// <summary>GSSENCRequest: 'N', or 'G' from a PostgreSQL built with GSSAPI (Debian's is), which then expects GSSAPI tokens.</summary>
    Gss,

    /// <summary>
    /// A startup packet asking for protocol major version 1 or 2: PostgreSQL 15 answers FATAL "unsupported frontend
    /// protocol" in the protocol-2 format ('E', then a NUL-terminated text, no length word), then closes.
    /// </summary>
    Legacy,
}

/// <summary>One malformed (or merely unusual) connection: bytes to send and how to end.</summary>
public sealed record FuzzCase(int Index, string Kind, byte[] Payload, FuzzEnding Ending)
{
    /// <summary>
    /// What the server reads the first packet as: its length word must be 8..10000 and the bytes all there (else the
    /// server closes without a word), then the code in bytes 4..8 decides.
    /// </summary>
    public FirstPacket First
    {
        get
        {
            if (Payload.Length < 8)
            {
                return FirstPacket.Protocol3;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(Payload);
            if (length < 8 || length > 10000 || length > Payload.Length)
            {
                return FirstPacket.Protocol3;
            }

            var code = BinaryPrimitives.ReadInt32BigEndian(Payload.AsSpan(4));
            return code switch
            {
                FrontendMessages.SslRequestCode => FirstPacket.Ssl,
                FrontendMessages.GssEncRequestCode => FirstPacket.Gss,
                _ when (code >> 16) is 1 or 2 => FirstPacket.Legacy,
                _ => FirstPacket.Protocol3,
            };
        }
    }
}

/// <summary>
/// Generates frontend traffic from a seed: valid startup packets and Query/Parse/Bind/Describe/Execute/Close/Sync
/// sequences with their lengths, types and bytes mutated, plus garbage, truncations, SSL/GSS/Cancel requests and
/// clients that vanish mid-message. Each case stands alone (one connection).
/// </summary>
public static class ProtocolFuzzer
{
    private static readonly byte[][] Templates =
    [
        FrontendMessages.Concat(FrontendMessages.Query("SELECT 1")),
        FrontendMessages.Concat(
            FrontendMessages.Parse("", "SELECT $1::int4 + 1", [23]),
            FrontendMessages.Bind("", "", [1], [[0, 0, 0, 41]], [1]),
            FrontendMessages.Describe('P', ""),
            FrontendMessages.Execute("", 0),
            FrontendMessages.Sync()),
        FrontendMessages.Concat(
            FrontendMessages.Parse("s1", "SELECT 'x' || $1", [25]),
            FrontendMessages.Describe('S', "s1"),
            FrontendMessages.Bind("p1", "s1", [0], ["abc"u8.ToArray()], [0]),
            FrontendMessages.Execute("p1", 1),
            FrontendMessages.Close('P', "p1"),
            FrontendMessages.Close('S', "s1"),
            FrontendMessages.Sync()),
        FrontendMessages.Concat(FrontendMessages.Query("BEGIN; SELECT 1; COMMIT")),
        FrontendMessages.Concat(FrontendMessages.Flush(), FrontendMessages.Query("SELECT 'fuzz'")),
    ];

    /// <summary>The cases for a seed, deterministic.</summary>
    public static IReadOnlyList<FuzzCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var (kind, payload) = roll switch
            {
                < 8 => ("garbage", RandomBytes(random, random.Next(1, 200))),
                < 26 => ("startup-mutated", Mutate(random, Startup(), messageStart: 0, typed: false)),
                < 30 => ("startup-version", StartupWithVersion(random)),
                < 35 => SpecialRequest(random),
                < 85 => ("session-mutated", SessionMutated(random)),
                _ => ("session-truncated", SessionTruncated(random)),
            };
            var ending = FuzzEnding.HalfClose;
            if (random.Next(10) == 0)
            {
                ending = FuzzEnding.Vanish;
                payload = payload[..random.Next(payload.Length + 1)];
            }

            cases.Add(new FuzzCase(i, kind, payload, ending));
        }

        return cases;
    }

    private static byte[] Startup() =>
        FrontendMessages.Startup([new("user", "postgres"), new("database", "postgres"), new("application_name", "fuzz")]);

    private static byte[] StartupWithVersion(Random random)
    {
        var version = random.Next(6) switch
        {
            0 => (2 << 16) | 0,
            1 => (3 << 16) | random.Next(1, 5),
            2 => (1234 << 16) | 5678,
            3 => random.Next(),
            4 => (4 << 16) | 0,
            _ => FrontendMessages.SslRequestCode + random.Next(-2, 3),
        };
        return FrontendMessages.Startup([new("user", "postgres"), new("database", "postgres")], version);
    }

    private static (string, byte[]) SpecialRequest(Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                return ("ssl-request", FrontendMessages.Concat(FrontendMessages.SslRequest(), Startup(), FrontendMessages.Query("SELECT 1")));
            case 1:
                return ("gss-request", FrontendMessages.Concat(FrontendMessages.GssEncRequest(), Startup(), FrontendMessages.Query("SELECT 1")));
            case 2:
                return ("ssl-request-garbage", FrontendMessages.Concat(FrontendMessages.SslRequest(), RandomBytes(random, random.Next(1, 64))));
            case 3:
                return ("cancel-request", FrontendMessages.CancelRequest(random.Next(), random.Next()));
            default:
                var cancel = FrontendMessages.CancelRequest(random.Next(), random.Next());
                BinaryPrimitives.WriteInt32BigEndian(cancel, random.Next(2) == 0 ? 12 : 20);
                return ("cancel-request-bad-length", FrontendMessages.Concat(cancel, RandomBytes(random, 8)));
        }
    }

    private static byte[] SessionMutated(Random random)
    {
        var template = Templates[random.Next(Templates.Length)];
        var session = FrontendMessages.Concat(template, FrontendMessages.Query("SELECT 42"));
        var starts = MessageStarts(session);
        var mutated = session;
        var mutations = random.Next(1, 3);
        for (var m = 0; m < mutations; m++)
        {
            starts = MessageStarts(mutated);
            mutated = Mutate(random, mutated, starts[random.Next(starts.Count)], typed: true);
        }

        return FrontendMessages.Concat(Startup(), mutated);
    }

    private static byte[] SessionTruncated(Random random)
    {
        var template = Templates[random.Next(Templates.Length)];
        var full = FrontendMessages.Concat(Startup(), template);
        return full[..random.Next(1, full.Length)];
    }

    /// <summary>Applies one mutation to the message starting at <paramref name="messageStart"/> (typed: type byte then length; else length first).</summary>
    private static byte[] Mutate(Random random, byte[] stream, int messageStart, bool typed)
    {
        var lengthAt = messageStart + (typed ? 1 : 0);
        if (lengthAt + 4 > stream.Length)
        {
            return [.. stream, .. RandomBytes(random, random.Next(1, 16))];
        }

        // An earlier mutation may have broken this length; then the message is taken to run to the end.
        var length = BinaryPrimitives.ReadInt32BigEndian(stream.AsSpan(lengthAt));
        var bodyStart = lengthAt + 4;
        var messageEnd = length >= 4 && length <= stream.Length - lengthAt ? lengthAt + length : stream.Length;
        var result = (byte[])stream.Clone();
        switch (random.Next(typed ? 7 : 6))
        {
            case 0: // length word
                int[] specials = [0, 1, 3, 4, length - 1, length + 1, length + random.Next(1, 100), random.Next(), int.MaxValue, -1, 10000, 10001, 0x40000000];
                BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(lengthAt), specials[random.Next(specials.Length)]);
                return result;
            case 1: // one byte of the body
                if (messageEnd > bodyStart)
                {
                    result[random.Next(bodyStart, messageEnd)] = (byte)random.Next(256);
                }

                return result;
            case 2: // flip a bit anywhere in the message
                var at = random.Next(messageStart, messageEnd);
                result[at] ^= (byte)(1 << random.Next(8));
                return result;
            case 3: // drop the tail of the body (the next message's bytes are read as this one's)
                var drop = random.Next(1, Math.Max(2, messageEnd - bodyStart + 1));
                return [.. stream.AsSpan(0, Math.Max(bodyStart, messageEnd - drop)), .. stream.AsSpan(messageEnd)];
            case 4: // garbage inserted after the message
                return [.. stream.AsSpan(0, messageEnd), .. RandomBytes(random, random.Next(1, 32)), .. stream.AsSpan(messageEnd)];
            case 5: // body replaced by random bytes of the same length
                random.NextBytes(result.AsSpan(bodyStart, Math.Max(0, messageEnd - bodyStart)));
                return result;
            default: // type byte
                result[messageStart] = (byte)random.Next(256);
                return result;
        }
    }

    private static List<int> MessageStarts(byte[] typedStream)
    {
        var starts = new List<int>();
        long i = 0;
        while (i + 5 <= typedStream.Length)
        {
            starts.Add((int)i);
            var length = BinaryPrimitives.ReadInt32BigEndian(typedStream.AsSpan((int)i + 1));
            if (length < 4)
            {
                break;
            }

            i += 1L + length;
        }

        return starts.Count == 0 ? [0] : starts;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

}

/// <summary>What the server did with one fuzz connection.</summary>
public sealed record FuzzOutcome(FuzzCase Case, IReadOnlyList<BackendMessage> Messages, bool ResetByPeer, string? Violation)
{
    /// <summary>The one-byte answer to an SSL/GSS request, if any.</summary>
    public char? NegotiationAnswer { get; init; }

    /// <summary>The text of a protocol-2 error answer, if any.</summary>
    public string? LegacyError { get; init; }

    /// <summary>A short, number-masked description for the histogram, e.g. <c>FATAL 08P01 invalid frontend message type N</c>.</summary>
    public string Summary
    {
        get
        {
            if (Case.Ending == FuzzEnding.Vanish)
            {
                return "(client vanished)";
            }

            var errors = Messages.Where(m => m.IsErrorOrNotice)
                .Select(m => $"{(m.Type == 'E' ? "" : "notice ")}{m.Severity} {m.SqlState} {TestSupport.MaskNumbers(m.MessageText ?? "")}");
            var end = Messages.Count > 0 && Messages[^1].Type == 'Z' ? " +RFQ" : "";
            if (LegacyError is not null)
            {
                return "protocol-2 error: " + TestSupport.MaskNumbers(LegacyError);
            }

            var parts = new List<string>();
            if (NegotiationAnswer is { } a)
            {
                parts.Add($"answered '{a}'");
            }

            parts.AddRange(errors);
            if (parts.Count == (NegotiationAnswer is null ? 0 : 1))
            {
                parts.Add(Messages.Count == 0 ? "closed without a message" : "no error");
            }

            return string.Join(" / ", parts) + end + (ResetByPeer ? " (reset)" : "");
        }
    }

    /// <summary>Runs one case against host:port.</summary>
    public static async Task<FuzzOutcome> RunAsync(FuzzCase fuzzCase, string host, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var messages = new List<BackendMessage>();
        PgWireConnection? connection = null;
        try
        {
            connection = await PgWireConnection.ConnectAsync(host, port, cts.Token);
            if (fuzzCase.Ending == FuzzEnding.Vanish)
            {
                await connection.SendAsync(fuzzCase.Payload, cts.Token);
                connection.Abort();
                return new FuzzOutcome(fuzzCase, messages, false, null);
            }

            try
            {
                await connection.SendAsync(fuzzCase.Payload, cts.Token);
                connection.ShutdownSend();
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The server may close before it has read everything (e.g. after a FATAL); read what it sent.
            }

            char? negotiated = null;
            var first = fuzzCase.First;
            if (first == FirstPacket.Legacy)
            {
                return await ReadLegacyErrorAsync(fuzzCase, connection, cts.Token);
            }

            if (first is FirstPacket.Ssl or FirstPacket.Gss)
            {
                var answer = await connection.ReadByteAsync(cts.Token);
                var acceptable = first == FirstPacket.Gss ? "NG" : "N";
                if (answer is null || !acceptable.Contains((char)answer.Value))
                {
                    return new FuzzOutcome(fuzzCase, messages, connection.ResetByPeer,
                        $"expected one of '{acceptable}' in answer to the {first} request, got " +
                        (answer is null ? "EOF" : "0x" + answer.Value.ToString("X2", CultureInfo.InvariantCulture)));
                }

                negotiated = (char)answer.Value;
                if (negotiated == 'G')
                {
                    // GSSAPI encryption accepted: what follows is GSSAPI tokens, which these cases do not speak; drain to EOF.
                    while (await connection.ReadByteAsync(cts.Token) is not null)
                    {
                    }

                    return new FuzzOutcome(fuzzCase, messages, connection.ResetByPeer, null) { NegotiationAnswer = negotiated };
                }
            }

            while (await connection.ReadMessageAsync(cts.Token) is { } message)
            {
                messages.Add(message);
            }

            return new FuzzOutcome(fuzzCase, messages, connection.ResetByPeer, Check(messages)) { NegotiationAnswer = negotiated };
        }
        catch (OperationCanceledException)
        {
            return new FuzzOutcome(fuzzCase, messages, false,
                $"the server neither closed the connection nor finished answering within {timeout.TotalSeconds} s");
        }
        catch (InvalidDataException e)
        {
            return new FuzzOutcome(fuzzCase, messages, false, "malformed backend stream: " + e.Message);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>A protocol-2 error: 'E', a NUL-terminated "FATAL:  unsupported frontend protocol..." text, then EOF.</summary>
    private static async Task<FuzzOutcome> ReadLegacyErrorAsync(FuzzCase fuzzCase, PgWireConnection connection, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        while (await connection.ReadByteAsync(cancellationToken) is { } b)
        {
            bytes.Add(b);
        }

        var text = bytes.Count > 2 ? Encoding.UTF8.GetString(bytes.ToArray(), 1, bytes.Count - 2) : "";
        string? violation = null;
        if (bytes.Count < 3 || bytes[0] != (byte)'E' || bytes[^1] != 0 || !text.StartsWith("FATAL:  unsupported frontend protocol ", StringComparison.Ordinal))
        {
            violation = "expected a protocol-2 ErrorResponse 'E' + \"FATAL:  unsupported frontend protocol ...\" + NUL, got " +
                        Convert.ToHexString(bytes.ToArray());
        }

        return new FuzzOutcome(fuzzCase, [], connection.ResetByPeer, violation) { LegacyError = text.TrimEnd('\n') };
    }

    /// <summary>Framing-level invariants of a response stream; null when they hold.</summary>
    private static string? Check(List<BackendMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (!m.IsErrorOrNotice)
            {
                continue;
            }

            var f = m.Fields;
            if (!f.ContainsKey('S') || !f.ContainsKey('V') || !f.ContainsKey('C') || !f.ContainsKey('M'))
            {
                return $"{m} lacks one of the fields S, V, C, M";
            }

            if (m.SqlState!.Length != 5 || !m.SqlState.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            {
                return $"{m} has a malformed SQLSTATE";
            }

            if (m.Type == 'E' && m.Severity is not ("ERROR" or "FATAL"))
            {
                return $"{m} has severity {m.Severity}";
            }

            if (m.Type == 'E' && m.Severity == "FATAL" && i != messages.Count - 1)
            {
                return $"{m} is followed by {messages.Count - 1 - i} more message(s)";
            }
        }

        return null;
    }
}

/// <summary>Formats a histogram of outcomes.</summary>
public static class FuzzReport
{
    /// <summary>One line per distinct summary, most frequent first, with the kinds that produced it.</summary>
    public static string Histogram(IEnumerable<FuzzOutcome> outcomes)
    {
        var text = new StringBuilder();
        foreach (var group in outcomes.GroupBy(o => o.Summary).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var kinds = string.Join(",", group.Select(o => o.Case.Kind).Distinct().Order(StringComparer.Ordinal));
            text.Append(CultureInfo.InvariantCulture, $"{group.Count(),6}  {group.Key}   [{kinds}]\n");
        }

        return text.ToString();
    }

    /// <summary>The SQLSTATEs seen, per message type and severity, with counts of connections.</summary>
    public static string Codes(IEnumerable<FuzzOutcome> outcomes) =>
        string.Join('\n', outcomes
            .SelectMany(o => o.Messages.Where(m => m.IsErrorOrNotice).Select(m => $"{(m.Type == 'E' ? "ErrorResponse" : "NoticeResponse")} {m.Severity} {m.SqlState}").Distinct())
            .GroupBy(x => x)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count(),6}  {g.Key}"));
}
