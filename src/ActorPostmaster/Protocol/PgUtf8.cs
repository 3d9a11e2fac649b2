using System.Globalization;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>
/// pg_verify_mbstr for UTF8 (what pg_client_to_server does when client and server encodings are both UTF8): a zero byte
/// or an invalid sequence (pg_utf8_islegal: no overlong forms, no surrogates, nothing above U+10FFFF) is ERROR 22021
/// <c>invalid byte sequence for encoding "UTF8": 0xc3 0x28</c>, quoting the bytes of the bad character as
/// report_invalid_encoding does.
/// </summary>
internal static class PgUtf8
{
    /// <summary>Throws PostgreSQL's 22021 error at the first invalid character.</summary>
    public static void Verify(ReadOnlySpan<byte> bytes)
    {
        var bad = FindInvalid(bytes);
        if (bad >= 0)
        {
            throw new PgException(InvalidByteSequence(bytes[bad..]));
        }
    }

    /// <summary>The index of the first zero byte or invalid sequence, or -1.</summary>
    public static int FindInvalid(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                if (b == 0)
                {
                    return i;
                }

                i++;
                continue;
            }

            var length = SequenceLength(b);
            if (length > bytes.Length - i || !IsLegal(bytes.Slice(i, length)))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <summary>report_invalid_encoding: the bytes of the character (pg_utf_mblen of its first byte, at most 8, at most what is left).</summary>
    public static PgError InvalidByteSequence(ReadOnlySpan<byte> rest)
    {
        var count = Math.Min(Math.Min(SequenceLength(rest[0]), rest.Length), 8);
        var builder = new StringBuilder();
        for (var j = 0; j < count; j++)
        {
            if (j > 0)
            {
                builder.Append(' ');
            }

            builder.Append("0x").Append(rest[j].ToString("x2", CultureInfo.InvariantCulture));
        }

        return new PgError(PgSeverity.Error, ProtocolErrors.CharacterNotInRepertoire, $"invalid byte sequence for encoding \"UTF8\": {builder}");
    }

    /// <summary>pg_utf_mblen: the sequence length its first byte announces (1 for a stray continuation byte).</summary>
    private static int SequenceLength(byte first) => first switch
    {
        < 0x80 => 1,
        _ when (first & 0xE0) == 0xC0 => 2,
        _ when (first & 0xF0) == 0xE0 => 3,
        _ when (first & 0xF8) == 0xF0 => 4,
        _ => 1,
    };

    /// <summary>pg_utf8_islegal.</summary>
    private static bool IsLegal(ReadOnlySpan<byte> s)
    {
        switch (s.Length)
        {
            case 4 when s[3] is < 0x80 or > 0xBF:
            case 3 or 4 when s[2] is < 0x80 or > 0xBF:
                return false;
            case 2 or 3 or 4:
                var a = s[1];
                var ok = s[0] switch
                {
                    0xE0 => a is >= 0xA0 and <= 0xBF,
                    0xED => a is >= 0x80 and <= 0x9F,
                    0xF0 => a is >= 0x90 and <= 0xBF,
                    0xF4 => a is >= 0x80 and <= 0x8F,
                    _ => a is >= 0x80 and <= 0xBF,
                };
                return ok && s[0] is >= 0xC2 and <= 0xF4;
            default:
                // A lone byte of 0x80 or more: a continuation byte or 0xF8…0xFF.
                return false;
        }
    }
}
