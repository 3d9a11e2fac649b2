using System.Globalization;
using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>
/// float4/float8 text conversion as PostgreSQL 15 does it with extra_float_digits = 1 (the default): the shortest
/// digit string that reads back exactly, in fixed notation for decimal exponents from -4 up to (but excluding) the
/// type's digit count (15 for float8, 6 for float4) and as <c>d.ddde±XX</c> otherwise; NaN, Infinity, -Infinity, -0.
/// </summary>
internal static class FloatText
{
    public static string Format(double value) => Format(value, value.ToString("R", CultureInfo.InvariantCulture), 15);

    public static string Format(float value) => Format(value, value.ToString("R", CultureInfo.InvariantCulture), 6);

    private static string Format(double value, string roundTrip, int digitLimit)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // Decompose .NET's shortest round-trip text into digits and a decimal exponent.
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point >= 0 ? text.Remove(point, 1) : text;
        var integerDigits = point >= 0 ? point : text.Length;
        var firstNonZero = 0;
        while (firstNonZero < digits.Length - 1 && digits[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        // Scientific exponent of the first significant digit.
        var decimalExponent = exponent + integerDigits - 1 - firstNonZero;
        digits = digits[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var builder = new StringBuilder(32);
        if (negative)
        {
            builder.Append('-');
        }

        if (decimalExponent < -4 || decimalExponent >= digitLimit)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(decimalExponent < 0 ? '-' : '+');
            builder.Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decimalExponent < 0)
        {
            builder.Append("0.").Append('0', -decimalExponent - 1).Append(digits);
        }
        else if (decimalExponent >= digits.Length - 1)
        {
            builder.Append(digits).Append('0', decimalExponent - (digits.Length - 1));
        }
        else
        {
            builder.Append(digits, 0, decimalExponent + 1).Append('.').Append(digits, decimalExponent + 1, digits.Length - decimalExponent - 1);
        }

        return builder.ToString();
    }

    /// <summary>float8in: strtod syntax (whitespace, sign, NaN, Infinity, inf, hexadecimal), range-checked.</summary>
    public static bool TryParse(string input, out double value, out bool outOfRange)
    {
        outOfRange = false;
        var s = input.Trim(' ', '\t', '\n', '\r', '\f', '\v');
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var body = s;
        var negative = false;
        if (body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (body.Equals("infinity", StringComparison.OrdinalIgnoreCase) || body.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Length > 2 && body[0] == '0' && body[1] is 'x' or 'X')
        {
            if (!TryParseHex(body[2..], out value))
            {
                return false;
            }

            value = negative ? -value : value;
            outOfRange = double.IsInfinity(value);
            return true;
        }

        if (!IsDecimalSyntax(body))
        {
            return false;
        }

        value = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        var hasNonZeroDigit = body.TakeWhile(c => c is not 'e' and not 'E').Any(c => c is >= '1' and <= '9');
        outOfRange = double.IsInfinity(value) || (value == 0 && hasNonZeroDigit);
        return true;
    }

    private static bool IsDecimalSyntax(string body)
    {
        var i = 0;
        var digits = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
            digits++;
        }

        if (i < body.Length && body[i] == '.')
        {
            i++;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < body.Length && body[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < body.Length && body[j] is '+' or '-')
            {
                j++;
            }

            var start = j;
            while (j < body.Length && char.IsAsciiDigit(body[j]))
            {
                j++;
            }

            if (j > start)
            {
                i = j;
            }
        }

        return i == body.Length;
    }

    private static bool TryParseHex(string hex, out double value)
    {
        value = 0;
        var seenDigit = false;
        var scale = 0;
        var afterPoint = false;
        var i = 0;
        for (; i < hex.Length; i++)
        {
            var c = hex[i];
            if (c == '.' && !afterPoint)
            {
                afterPoint = true;
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                break;
            }

            seenDigit = true;
            value = (value * 16) + Convert.ToInt32(c.ToString(), 16);
            if (afterPoint)
            {
                scale -= 4;
            }
        }

        if (!seenDigit)
        {
            return false;
        }

        if (i < hex.Length && hex[i] is 'p' or 'P')
        {
            var rest = hex[(i + 1)..];
            if (!int.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var binaryExponent))
            {
                return false;
            }

            scale += binaryExponent;
            i = hex.Length;
        }

        if (i != hex.Length)
        {
            return false;
        }

        value = Math.ScaleB(value, scale);
        return true;
    }
}
