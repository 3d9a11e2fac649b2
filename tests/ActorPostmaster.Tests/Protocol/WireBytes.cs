using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorPostmaster.Protocol;
using Xunit;

namespace ActorPostmaster.Tests.Protocol;

/// <summary>Builds frontend bytes the way a client library would, and feeds them to a decoder in pieces.</summary>
internal static class WireBytes
{
    public static byte[] Int16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>An untyped startup-phase packet: length (counting itself), then the body.</summary>
    public static byte[] Packet(params byte[][] body)
    {
        var content = Concat(body);
        return Concat(Int32(content.Length + 4), content);
    }

    /// <summary>A StartupMessage with name/value pairs and the final zero byte.</summary>
    public static byte[] Startup(int version, params (string Name, string Value)[] parameters) =>
        Packet([.. Int32(version), .. parameters.SelectMany(p => Concat(CString(p.Name), CString(p.Value))), 0]);

    public static byte[] Startup(params (string Name, string Value)[] parameters) => Startup(StartupMessage.Protocol30, parameters);

    /// <summary>A typed message: type byte, length (counting itself), body.</summary>
    public static byte[] Message(char type, params byte[][] body)
    {
        var content = Concat(body);
        return Concat([(byte)type], Int32(content.Length + 4), content);
    }

    public static byte[] Query(string sql) => Message('Q', CString(sql));

    public static byte[] Sync() => Message('S');

    public static byte[] Parse(string statement, string sql, params int[] types) =>
        Message('P', CString(statement), CString(sql), Int16((short)types.Length), Concat(types.Select(Int32).ToArray()));

    public static byte[] Bind(string portal, string statement, short[] formats, byte[]?[] values, short[] resultFormats) =>
        Message('B', BindBody(portal, statement, formats, values, resultFormats));

    public static byte[] BindBody(string portal, string statement, short[] formats, byte[]?[] values, short[] resultFormats) =>
        Concat(
            CString(portal),
            CString(statement),
            Int16((short)formats.Length),
            Concat(formats.Select(Int16).ToArray()),
            Int16((short)values.Length),
            Concat(values.Select(v => v is null ? Int32(-1) : Concat(Int32(v.Length), v)).ToArray()),
            Int16((short)resultFormats.Length),
            Concat(resultFormats.Select(Int16).ToArray()));

    /// <summary>A sequence over several segments, split at the given sizes (the rest goes in a last segment).</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, params int[] sizes)
    {
        var chunks = new List<byte[]>();
        var offset = 0;
        foreach (var size in sizes)
        {
            var take = Math.Min(size, bytes.Length - offset);
            chunks.Add(bytes[offset..(offset + take)]);
            offset += take;
        }

        chunks.Add(bytes[offset..]);
        return Chunked(chunks);
    }

    public static ReadOnlySequence<byte> Chunked(IReadOnlyList<byte[]> chunks)
    {
        if (chunks.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(chunks[0], 0);
        var last = first;
        foreach (var chunk in chunks.Skip(1))
        {
            last = last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Decodes everything in <paramref name="bytes"/>, fed in one piece.</summary>
    public static List<FrontendDecodeResult> DecodeAll(FrontendDecoder decoder, byte[] bytes) => DecodeAll(decoder, new ReadOnlySequence<byte>(bytes));

    public static List<FrontendDecodeResult> DecodeAll(FrontendDecoder decoder, ReadOnlySequence<byte> buffer)
    {
        var results = new List<FrontendDecodeResult>();
        while (decoder.TryDecode(ref buffer, out var result))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>
    /// Feeds <paramref name="bytes"/> one byte at a time, keeping unconsumed bytes as a pipe reader would (each call
    /// sees a new multi-segment sequence of everything not yet consumed), and checks that nothing is consumed on false.
    /// </summary>
    public static List<FrontendDecodeResult> DecodeByteAtATime(FrontendDecoder decoder, byte[] bytes)
    {
        var results = new List<FrontendDecodeResult>();
        var pending = new List<byte[]>();
        foreach (var b in bytes)
        {
            pending.Add([b]);
            while (true)
            {
                var buffer = Chunked(pending);
                var before = buffer.Length;
                if (!decoder.TryDecode(ref buffer, out var result))
                {
                    Assert.Equal(before, buffer.Length);
                    break;
                }

                results.Add(result);
                var rest = buffer.ToArray();
                pending = rest.Select(x => new[] { x }).ToList();
            }
        }

        return results;
    }

    public static FrontendMessage Single(FrontendDecoder decoder, byte[] bytes)
    {
        var results = DecodeAll(decoder, bytes);
        var decoded = Assert.IsType<DecodedMessage>(Assert.Single(results));
        return decoded.Message;
    }

    /// <summary>A decoder already past a plain 3.0 startup packet.</summary>
    public static FrontendDecoder Normal(int largeMessageLimit = FrontendDecoder.DefaultLargeMessageLimit)
    {
        var decoder = new FrontendDecoder(largeMessageLimit);
        Assert.IsType<StartupMessage>(Single(decoder, Startup(("user", "alice"))));
        return decoder;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
