using System.Globalization;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>
/// SASLprep (RFC 4013, the stringprep profile of RFC 3454) as pg_saslprep applies it to SCRAM passwords: an all-ASCII
/// string is returned unchanged; otherwise non-ASCII spaces become U+0020, the "commonly mapped to nothing" characters
/// are removed, the result is NFKC-normalized, and prohibited characters or a bidirectional-rule violation make it
/// fail. PostgreSQL (and libpq) then use the raw password instead, so failing is not an error.
/// </summary>
/// <remarks>
/// Deviations, all limited to exotic non-ASCII passwords: NFKC and the unassigned-code-point check (table A.1) use
/// .NET's Unicode version rather than Unicode 3.2, and the bidirectional categories (R/AL versus L) are approximated by
/// script ranges because .NET does not expose bidi classes.
/// </remarks>
public static class SaslPrep
{
    /// <summary>The prepared form of <paramref name="password"/>, or null when SASLprep refuses it (PostgreSQL then uses the password as it is).</summary>
    /// <param name="password">The password.</param>
    /// <returns>The prepared password, or null.</returns>
    public static string? Prepare(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (Ascii.IsValid(password))
        {
            return password;
        }

        if (HasLoneSurrogate(password))
        {
            return null; // not valid UTF-8 once encoded: SASLPREP_INVALID_UTF8
        }

        var mapped = new StringBuilder(password.Length);
        foreach (var rune in password.EnumerateRunes())
        {
            if (IsNonAsciiSpace(rune.Value))
            {
                mapped.Append(' ');
            }
            else if (!IsMappedToNothing(rune.Value))
            {
                mapped.Append(rune.ToString());
            }
        }

        if (mapped.Length == 0)
        {
            return null; // no empty passwords
        }

        string normalized;
        try
        {
            normalized = mapped.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var hasRandAL = false;
        var hasL = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var code = rune.Value;
            if (IsProhibited(code) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNotAssigned)
            {
                return null;
            }

            hasRandAL |= IsRandAL(code);
            hasL |= IsL(rune);
        }

        if (hasRandAL)
        {
            // RFC 3454 section 6: no L characters, and R/AL first and last.
            var runes = normalized.EnumerateRunes().ToList();
            if (hasL || !IsRandAL(runes[0].Value) || !IsRandAL(runes[^1].Value))
            {
                return null;
            }
        }

        return normalized;
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 3454 table C.1.2.</summary>
    private static bool IsNonAsciiSpace(int c) =>
        c is 0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200B) or 0x202F or 0x205F or 0x3000;

    /// <summary>RFC 3454 table B.1.</summary>
    private static bool IsMappedToNothing(int c) =>
        c is 0x00AD or 0x034F or 0x1806 or (>= 0x180B and <= 0x180D) or (>= 0x200B and <= 0x200D) or 0x2060
            or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF;

    /// <summary>RFC 3454 tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9.</summary>
    private static bool IsProhibited(int c) =>
        IsNonAsciiSpace(c)
        || c is <= 0x1F or 0x7F // C.2.1
        || c is (>= 0x80 and <= 0x9F) or 0x06DD or 0x070F or 0x180E or 0x200C or 0x200D or 0x2028 or 0x2029
            or (>= 0x2060 and <= 0x2063) or (>= 0x206A and <= 0x206F) or 0xFEFF or (>= 0xFFF9 and <= 0xFFFC)
            or (>= 0x1D173 and <= 0x1D17A) // C.2.2
        || c is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0xFFFFD) or (>= 0x100000 and <= 0x10FFFD) // C.3
        || c is (>= 0xFDD0 and <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE // C.4
        || c is >= 0xD800 and <= 0xDFFF // C.5
        || c is >= 0xFFF9 and <= 0xFFFD // C.6
        || c is >= 0x2FF0 and <= 0x2FFB // C.7
        || c is 0x0340 or 0x0341 or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) // C.8
        || c is 0xE0001 or (>= 0xE0020 and <= 0xE007F); // C.9

    /// <summary>Bidi R or AL (RFC 3454 table D.1), approximated by the right-to-left script blocks.</summary>
    private static bool IsRandAL(int c) =>
        c is 0x05BE or 0x05C0 or 0x05C3 or (>= 0x05D0 and <= 0x05F4) or 0x061B or 0x061F or (>= 0x0621 and <= 0x064A)
            or (>= 0x066D and <= 0x066F) or (>= 0x0671 and <= 0x06D5) or 0x06DD or (>= 0x06E5 and <= 0x06E6)
            or (>= 0x06FA and <= 0x06FE) or (>= 0x0700 and <= 0x070D) or 0x0710 or (>= 0x0712 and <= 0x072C)
            or (>= 0x0780 and <= 0x07A5) or 0x07B1 or 0x200F or 0xFB1D or (>= 0xFB1F and <= 0xFB28)
            or (>= 0xFB2A and <= 0xFDFC) or (>= 0xFE70 and <= 0xFEFC) or (>= 0x10800 and <= 0x10FFF)
            or (>= 0x1E800 and <= 0x1EFFF);

    /// <summary>Bidi L (RFC 3454 table D.2), approximated as letters, spacing marks and digits outside the R/AL blocks.</summary>
    private static bool IsL(Rune rune) =>
        !IsRandAL(rune.Value) && Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.SpacingCombiningMark;
}
