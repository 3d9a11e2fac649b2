using System.Globalization;
using System.Text;

namespace ActorPostmaster.Settings;

/// <summary>
/// The C library's number reading and printing as PostgreSQL relies on them for settings: <c>strtol</c> with base 0
/// (decimal, <c>0x</c> hex, leading-zero octal), <c>strtod</c> (decimal and hex floats, <c>inf</c>, <c>nan</c>, range
/// errors) and <c>%g</c> (six significant digits; PostgreSQL prints infinities as <c>Infinity</c>).
/// </summary>
internal static class CNumbers
{
    /// <summary>The smallest positive normal double; glibc's strtod reports a range error below it.</summary>
    private const double MinNormal = 2.2250738585072014e-308;

    /// <summary>C's isspace in the C locale.</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>
    /// strtol(text + start, &amp;end, 0) with a 64-bit long. Returns the value; <paramref name="end"/> is where parsing
    /// stopped (<paramref name="start"/> when nothing was read); <paramref name="overflow"/> is C's ERANGE.
    /// </summary>
    internal static long StrToL(string text, int start, out int end, out bool overflow)
    {
        overflow = false;
        var i = start;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        int radix;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length && HexDigit(text[i + 2]) >= 0)
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }
        else
        {
            radix = 10;
        }

        var digitsStart = i;
        ulong magnitude = 0;
        while (i < text.Length)
        {
            var d = radix == 16 ? HexDigit(text[i]) : text[i] is >= '0' and <= '9' ? text[i] - '0' : -1;
            if (d < 0 || d >= radix)
            {
                break;
            }

            if (!overflow)
            {
                var next = (magnitude * (ulong)radix) + (ulong)d;
                if (magnitude > (ulong.MaxValue - (ulong)d) / (ulong)radix || next > (negative ? 9223372036854775808UL : long.MaxValue))
                {
                    overflow = true;
                }
                else
                {
                    magnitude = next;
                }
            }

            i++;
        }

        if (i == digitsStart)
        {
            end = start;
            return 0;
        }

        end = i;
        if (overflow)
        {
            return negative ? long.MinValue : long.MaxValue;
        }

        return negative ? (long)(0UL - magnitude) : (long)magnitude;
    }

    /// <summary>
    /// strtod(text + start, &amp;end). Returns the value; <paramref name="end"/> is where parsing stopped
    /// (<paramref name="start"/> when nothing was read); <paramref name="rangeError"/> is C's ERANGE (overflow, or an
    /// underflow to a subnormal or zero).
    /// </summary>
    internal static double StrToD(string text, int start, out int end, out bool rangeError)
    {
        rangeError = false;
        var i = start;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        if (MatchWord(text, i, "infinity"))
        {
            end = i + 8;
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (MatchWord(text, i, "inf"))
        {
            end = i + 3;
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (MatchWord(text, i, "nan"))
        {
            end = i + 3;
            if (end < text.Length && text[end] == '(')
            {
                var close = end + 1;
                while (close < text.Length && (char.IsAsciiLetterOrDigit(text[close]) || text[close] == '_'))
                {
                    close++;
                }

                if (close < text.Length && text[close] == ')')
                {
                    end = close + 1;
                }
            }

            return double.NaN;
        }

        double value;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && TryHexFloat(text, i + 2, out value, out var hexEnd))
        {
            end = hexEnd;
        }
        else if (!TryDecimal(text, i, out value, out var decEnd))
        {
            end = start;
            return 0;
        }
        else
        {
            end = decEnd;
        }

        if (double.IsInfinity(value))
        {
            rangeError = true;
            value = double.PositiveInfinity;
        }
        else if (value != 0 && value < MinNormal)
        {
            rangeError = true;
        }
        else if (value == 0 && HasNonZeroDigit(text, i, end))
        {
            rangeError = true;
        }

        return negative ? -value : value;
    }

    /// <summary>printf("%g", value) as PostgreSQL's own snprintf prints it.</summary>
    internal static string FormatG(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // %e with 6 significant digits gives the exponent after rounding, which decides the style.
        var e = value.ToString("E5", CultureInfo.InvariantCulture);
        var ePos = e.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(e.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = StripZeros(e[..ePos]);
            var sb = new StringBuilder(mantissa);
            sb.Append('e').Append(exponent < 0 ? '-' : '+');
            var abs = Math.Abs(exponent);
            sb.Append(abs < 10 ? "0" : string.Empty).Append(abs.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        var f = value.ToString("F" + (5 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return StripZeros(f);
    }

    private static string StripZeros(string s)
    {
        if (!s.Contains('.', StringComparison.Ordinal))
        {
            return s;
        }

        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }

    private static bool MatchWord(string text, int at, string word) =>
        at + word.Length <= text.Length && string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool HasNonZeroDigit(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (text[k] is 'e' or 'E' or 'p' or 'P')
            {
                return false;
            }

            if (text[k] is >= '1' and <= '9')
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryDecimal(string text, int i, out double value, out int end)
    {
        var p = i;
        var digits = 0;
        while (p < text.Length && char.IsAsciiDigit(text[p]))
        {
            p++;
            digits++;
        }

        if (p < text.Length && text[p] == '.')
        {
            p++;
            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                p++;
                digits++;
            }
        }

        if (digits == 0)
        {
            value = 0;
            end = i;
            return false;
        }

        if (p < text.Length && text[p] is 'e' or 'E')
        {
            var q = p + 1;
            if (q < text.Length && text[q] is '+' or '-')
            {
                q++;
            }

            if (q < text.Length && char.IsAsciiDigit(text[q]))
            {
                while (q < text.Length && char.IsAsciiDigit(text[q]))
                {
                    q++;
                }

                p = q;
            }
        }

        var literal = text[i..p];
        value = double.Parse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        end = p;
        return true;
    }

    private static bool TryHexFloat(string text, int i, out double value, out int end)
    {
        var p = i;
        double mantissa = 0;
        var digits = 0;
        var fractionDigits = 0;
        while (p < text.Length && HexDigit(text[p]) >= 0)
        {
            mantissa = (mantissa * 16) + HexDigit(text[p]);
            p++;
            digits++;
        }

        if (p < text.Length && text[p] == '.')
        {
            p++;
            while (p < text.Length && HexDigit(text[p]) >= 0)
            {
                mantissa = (mantissa * 16) + HexDigit(text[p]);
                p++;
                digits++;
                fractionDigits++;
            }
        }

        if (digits == 0)
        {
            value = 0;
            end = i;
            return false;
        }

        var exponent = -4 * fractionDigits;
        if (p < text.Length && text[p] is 'p' or 'P')
        {
            var q = p + 1;
            var negative = false;
            if (q < text.Length && text[q] is '+' or '-')
            {
                negative = text[q] == '-';
                q++;
            }

            if (q < text.Length && char.IsAsciiDigit(text[q]))
            {
                var e = 0;
                while (q < text.Length && char.IsAsciiDigit(text[q]))
                {
                    e = Math.Min((e * 10) + (text[q] - '0'), 100000);
                    q++;
                }

                exponent += negative ? -e : e;
                p = q;
            }
        }

        value = mantissa * Math.Pow(2, exponent);
        end = p;
        return true;
    }
}
