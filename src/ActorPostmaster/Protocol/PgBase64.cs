namespace ActorPostmaster.Protocol;

/// <summary>
/// Base64 as PostgreSQL's src/common/base64.c does it. Encoding is the standard alphabet with padding. Decoding is
/// stricter than <see cref="Convert.FromBase64String(string)"/> in one way (whitespace is an error) and laxer in
/// another (once padding has been seen, later groups still decode, each to one or two bytes), exactly like
/// pg_b64_decode.
/// </summary>
internal static class PgBase64
{
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToBase64String(data);

    /// <summary>pg_b64_decode: the bytes, or null where PostgreSQL returns -1.</summary>
    public static byte[]? Decode(string text)
    {
        var output = new List<byte>((text.Length / 4 * 3) + 3);
        uint buffer = 0;
        var position = 0;
        var end = 0;
        foreach (var c in text)
        {
            int value;
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                return null;
            }

            if (c == '=')
            {
                if (end == 0)
                {
                    if (position == 2)
                    {
                        end = 1;
                    }
                    else if (position == 3)
                    {
                        end = 2;
                    }
                    else
                    {
                        return null;
                    }
                }

                value = 0;
            }
            else
            {
                value = Lookup(c);
                if (value < 0)
                {
                    return null;
                }
            }

            buffer = (buffer << 6) + (uint)value;
            if (++position == 4)
            {
                output.Add((byte)(buffer >> 16));
                if (end is 0 or > 1)
                {
                    output.Add((byte)(buffer >> 8));
                }

                if (end is 0 or > 2)
                {
                    output.Add((byte)buffer);
                }

                buffer = 0;
                position = 0;
            }
        }

        return position == 0 ? output.ToArray() : null;
    }

    private static int Lookup(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
