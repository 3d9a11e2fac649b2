using System.Globalization;
using System.Numerics;

namespace ActorPostmaster.Sql;

/// <summary>
/// numeric on <see cref="decimal"/>: PostgreSQL's input syntax and display scales (a literal keeps the scale it was
/// written with; a sum the larger scale; a product the sum of the scales; a quotient the scale select_div_scale
/// picks), typmod rounding and the range errors. Values beyond decimal's range are "value overflows numeric format".
/// </summary>
internal static class NumericMath
{
    private const int MaxDecimalScale = 28;

    public static PgException Overflow() => new(SqlState.NumericValueOutOfRange, "value overflows numeric format");

    /// <summary>numeric_in's syntax: [sign] digits [. digits] [e [sign] digits], surrounded by optional whitespace.</summary>
    public static bool TryParse(string input, out decimal value)
    {
        value = 0;
        var s = input.AsSpan().Trim(" \t\n\r\f\v");
        if (s.Length == 0)
        {
            return false;
        }

        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var mantissa = BigInteger.Zero;
        var digits = 0;
        var scale = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            mantissa = (mantissa * 10) + (s[i] - '0');
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
            {
                mantissa = (mantissa * 10) + (s[i] - '0');
                digits++;
                scale++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            var exponentNegative = false;
            if (i < s.Length && s[i] is '+' or '-')
            {
                exponentNegative = s[i] == '-';
                i++;
            }

            var exponent = 0;
            var exponentDigits = 0;
            for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
            {
                exponent = Math.Min((exponent * 10) + (s[i] - '0'), 100_000);
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }

            scale += exponentNegative ? exponent : -exponent;
        }

        if (i != s.Length)
        {
            return false;
        }

        value = FromScaled(negative ? -mantissa : mantissa, scale);
        return true;
    }

    /// <summary>mantissa × 10^-scale as a decimal with exactly that display scale (negative scales become zeros).</summary>
    public static decimal FromScaled(BigInteger mantissa, int scale)
    {
        if (scale < 0)
        {
            if (scale < -40)
            {
                throw Overflow();
            }

            mantissa *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        if (scale > MaxDecimalScale)
        {
            // decimal holds at most 28 fractional digits: trailing zeros beyond that are dropped, other digits are
            // out of range (a deviation from PostgreSQL, whose numeric has no such limit).
            var divisor = BigInteger.Pow(10, scale - MaxDecimalScale);
            var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                throw Overflow();
            }

            mantissa = quotient;
            scale = MaxDecimalScale;
        }

        var negative = mantissa.Sign < 0;
        var magnitude = BigInteger.Abs(mantissa);
        if (magnitude.GetBitLength() > 96)
        {
            throw Overflow();
        }

        var lo = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }

    /// <summary>A numeric literal in numeric_out's plain notation (1e3 is 1000, 1.5e-3 is 0.0015), however long.</summary>
    public static string PlainText(string literal)
    {
        var negative = literal.StartsWith('-');
        var s = literal.TrimStart('-', '+').ToLowerInvariant();
        var exponent = 0;
        var e = s.IndexOf('e', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        var point = s.IndexOf('.', StringComparison.Ordinal);
        var fraction = point >= 0 ? s.Length - point - 1 : 0;
        var digits = (point >= 0 ? s.Remove(point, 1) : s).TrimStart('0');
        var scale = Math.Max(fraction - exponent, 0);
        var shift = exponent - fraction;
        if (shift > 0)
        {
            digits += new string('0', shift);
        }
        else if (shift < 0 && -shift > scale)
        {
            digits = digits[..Math.Max(digits.Length + shift + scale, 0)];
        }

        digits = digits.PadLeft(scale + 1, '0');
        var text = scale > 0 ? digits[..^scale] + "." + digits[^scale..] : digits;
        return negative && text.Any(c => c is >= '1' and <= '9') ? "-" + text : text;
    }

    /// <summary>The text form: digits with the display scale, no exponent; never "-0".</summary>
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return value == 0 && text.StartsWith('-') ? text[1..] : text;
    }

    /// <summary>Sets the display scale to exactly <paramref name="scale"/> (rounding half away from zero, or padding).</summary>
    public static decimal WithScale(decimal value, int scale)
    {
        scale = Math.Clamp(scale, 0, MaxDecimalScale);
        if (value.Scale > scale)
        {
            return Math.Round(value, scale, MidpointRounding.AwayFromZero);
        }

        if (value.Scale == scale)
        {
            return value;
        }

        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        mantissa *= BigInteger.Pow(10, scale - value.Scale);
        if (mantissa.GetBitLength() > 96)
        {
            return value;
        }

        return FromScaled(value < 0 ? -mantissa : mantissa, scale);
    }

    public static decimal Add(decimal a, decimal b) => Checked(() => a + b);

    public static decimal Subtract(decimal a, decimal b) => Checked(() => a - b);

    public static decimal Multiply(decimal a, decimal b) => WithScale(Checked(() => a * b), a.Scale + b.Scale);

    public static decimal Divide(decimal a, decimal b)
    {
        if (b == 0)
        {
            throw new PgException(SqlState.DivisionByZero, "division by zero");
        }

        var scale = DivisionScale(a, b);
        return WithScale(Checked(() => a / b), scale);
    }

    public static decimal Modulo(decimal a, decimal b)
    {
        if (b == 0)
        {
            throw new PgException(SqlState.DivisionByZero, "division by zero");
        }

        return WithScale(a % b, Math.Max(a.Scale, b.Scale));
    }

    private static decimal Checked(Func<decimal> operation)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    /// <summary>
    /// select_div_scale: enough fractional digits for 16 significant digits in the quotient, at least the inputs'
    /// display scales, at most 1000 (and 28, decimal's limit).
    /// </summary>
    private static int DivisionScale(decimal a, decimal b)
    {
        var (weightA, firstA) = BaseTenThousandLead(a);
        var (weightB, firstB) = BaseTenThousandLead(b);
        var quotientWeight = weightA - weightB;
        if (firstA <= firstB)
        {
            quotientWeight--;
        }

        var scale = 16 - (quotientWeight * 4);
        scale = Math.Max(scale, Math.Max(a.Scale, b.Scale));
        return Math.Clamp(scale, 0, 1000);
    }

    /// <summary>The weight (power of 10000) and value of the leading base-10000 digit of |value| (0, 0 for zero).</summary>
    private static (int Weight, int FirstDigit) BaseTenThousandLead(decimal value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude == 0)
        {
            return (0, 0);
        }

        // Decimal exponent of the leading digit.
        var bits = decimal.GetBits(magnitude);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var digitCount = mantissa.ToString(CultureInfo.InvariantCulture).Length;
        var leadExponent = digitCount - 1 - magnitude.Scale;
        var weight = leadExponent >= 0 ? leadExponent / 4 : -((-leadExponent + 3) / 4);

        // The base-10000 digit at that weight: floor(|value| / 10000^weight) mod 10000.
        var shift = (weight * 4) + magnitude.Scale;
        BigInteger group = shift >= 0 ? mantissa / BigInteger.Pow(10, shift) : mantissa * BigInteger.Pow(10, -shift);
        return (weight, (int)(group % 10000));
    }

    /// <summary>apply_typmod: round to the scale and check the precision ("numeric field overflow").</summary>
    public static decimal ApplyTypmod(decimal value, int typmod)
    {
        if (typmod < 4)
        {
            return value;
        }

        var precision = ((typmod - 4) >> 16) & 0xFFFF;
        var scale = (typmod - 4) & 0x7FF;
        var rounded = WithScale(value, scale);
        var maxDigits = precision - scale;
        if (rounded != 0 && !LessThanPowerOfTen(Math.Abs(rounded), maxDigits))
        {
            var limit = maxDigits == 0 ? "1" : $"10^{maxDigits}";
            throw new PgException(SqlState.NumericValueOutOfRange, "numeric field overflow",
                detail: $"A field with precision {precision}, scale {scale} must round to an absolute value less than {limit}.");
        }

        return rounded;
    }

    private static bool LessThanPowerOfTen(decimal magnitude, int exponent)
    {
        if (exponent > 28)
        {
            return true;
        }

        if (exponent < -28)
        {
            return false;
        }

        var power = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            power = exponent > 0 ? power * 10 : power / 10;
        }

        return magnitude < power;
    }

    /// <summary>The same value with trailing fractional zeros removed.</summary>
    public static decimal Normalize(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = value.Scale;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return FromScaled(value < 0 ? -mantissa : mantissa, scale);
    }

    /// <summary>float8 → numeric: via the %.15g text, as float8_numeric does.</summary>
    public static decimal FromDouble(double value, int significantDigits = 15)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new PgException(SqlState.FeatureNotSupported, $"cannot convert {FloatText.Format(value)} to numeric");
        }

        var text = value.ToString("E" + (significantDigits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (!TryParse(text, out var parsed))
        {
            throw Overflow();
        }

        // %g drops trailing zeros, so the display scale is that of the shortest form.
        return Normalize(parsed);
    }

    /// <summary>numeric → float8, correctly rounded (through the text form, as numeric_float8 does).</summary>
    public static double ToDouble(decimal value) => double.Parse(Format(value), CultureInfo.InvariantCulture);

    /// <summary>numeric → integer: round half away from zero.</summary>
    public static decimal RoundToInteger(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);
}
