using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>One operator of the catalog (pg_operator): name, operand types, result type and implementation.</summary>
internal sealed class OperatorDefinition
{
    private readonly Func<object, object, TimeZoneInfo, object?> _implementation;

    public OperatorDefinition(string name, SqlType? left, SqlType right, SqlType result, Func<object, object, TimeZoneInfo, object?> implementation, bool dependsOnTimeZone = false)
    {
        Name = name;
        Left = left;
        Right = right;
        Result = result;
        _implementation = implementation;
        DependsOnTimeZone = dependsOnTimeZone;
    }

    public string Name { get; }

    /// <summary>The left operand's type, or null for a prefix operator.</summary>
    public SqlType? Left { get; }

    public SqlType Right { get; }

    public SqlType Result { get; }

    /// <summary>True when the result depends on the session's TimeZone (stable, so never folded at plan time).</summary>
    public bool DependsOnTimeZone { get; }

    /// <summary>Applies the operator to non-null operands (a prefix operator gets its operand twice).</summary>
    public object? Invoke(object left, object right, TimeZoneInfo timeZone) => _implementation(left, right, timeZone);
}

/// <summary>
/// The operators of the supported types, as in PostgreSQL's catalog: arithmetic for every integer pairing (int2 + int4
/// is int4, int4 + int8 is int8 …), float4/float8 and numeric; comparisons; || (textcat, anytextcat, textanycat);
/// LIKE/ILIKE; timestamptz and interval arithmetic. Integer arithmetic raises "… out of range", division by zero
/// 22012, floats "value out of range: overflow/underflow".
/// </summary>
internal static class Operators
{
    private static readonly SqlType[] IntegerTypes = [SqlType.Int2, SqlType.Int4, SqlType.Int8];
    private static readonly Dictionary<string, List<OperatorDefinition>> Binary = [];
    private static readonly Dictionary<string, List<OperatorDefinition>> Prefix = [];

    static Operators()
    {
        BuildArithmetic();
        BuildComparisons();
        BuildText();
        BuildDateTime();
    }

    public static IReadOnlyList<OperatorDefinition> Lookup(string name, bool prefix) =>
        (prefix ? Prefix : Binary).TryGetValue(name, out var list) ? list : [];

    private static void AddBinary(string name, SqlType left, SqlType right, SqlType result, Func<object, object, TimeZoneInfo, object?> implementation, bool dependsOnTimeZone = false)
    {
        if (!Binary.TryGetValue(name, out var list))
        {
            Binary[name] = list = [];
        }

        list.Add(new OperatorDefinition(name, left, right, result, implementation, dependsOnTimeZone));
    }

    private static void AddPrefix(string name, SqlType operand, SqlType result, Func<object, object?> implementation)
    {
        if (!Prefix.TryGetValue(name, out var list))
        {
            Prefix[name] = list = [];
        }

        list.Add(new OperatorDefinition(name, null, operand, result, (_, v, _) => implementation(v)));
    }

    private static PgException OutOfRange(SqlType type) => new(SqlState.NumericValueOutOfRange, type.Oid switch
    {
        21 => "smallint out of range",
        23 => "integer out of range",
        _ => "bigint out of range",
    });

    private static PgException DivisionByZero() => new(SqlState.DivisionByZero, "division by zero");

    private static PgException FloatOverflow() => new(SqlState.NumericValueOutOfRange, "value out of range: overflow");

    private static PgException FloatUnderflow() => new(SqlState.NumericValueOutOfRange, "value out of range: underflow");

    private static object Narrow(long value, SqlType type) => type.Oid switch
    {
        21 => value is < short.MinValue or > short.MaxValue ? throw OutOfRange(type) : (object)(short)value,
        23 => value is < int.MinValue or > int.MaxValue ? throw OutOfRange(type) : (object)(int)value,
        _ => (object)value,
    };

    private static void BuildArithmetic()
    {
        foreach (var left in IntegerTypes)
        {
            foreach (var right in IntegerTypes)
            {
                var result = left.Size >= right.Size ? left : right;
                foreach (var op in "+-*/")
                {
                    AddBinary(op.ToString(), left, right, result, (a, b, _) => IntegerArithmetic(op, Coercion.ToLong(a), Coercion.ToLong(b), result));
                }
            }

            var same = left;
            AddBinary("%", same, same, same, (a, b, _) => IntegerArithmetic('%', Coercion.ToLong(a), Coercion.ToLong(b), same));
            AddPrefix("-", same, same, v => IntegerArithmetic('-', 0, Coercion.ToLong(v), same));
            AddPrefix("+", same, same, v => v);
            AddPrefix("@", same, same, v => Coercion.ToLong(v) < 0 ? IntegerArithmetic('-', 0, Coercion.ToLong(v), same) : v);
            AddPrefix("~", same, same, v => Narrow(~Coercion.ToLong(v), same));
            AddBinary("&", same, same, same, (a, b, _) => Narrow(Coercion.ToLong(a) & Coercion.ToLong(b), same));
            AddBinary("|", same, same, same, (a, b, _) => Narrow(Coercion.ToLong(a) | Coercion.ToLong(b), same));
            AddBinary("#", same, same, same, (a, b, _) => Narrow(Coercion.ToLong(a) ^ Coercion.ToLong(b), same));
            AddBinary("<<", same, SqlType.Int4, same, (a, b, _) => Shift(Coercion.ToLong(a), (int)b, left: true, same));
            AddBinary(">>", same, SqlType.Int4, same, (a, b, _) => Shift(Coercion.ToLong(a), (int)b, left: false, same));
        }

        foreach (var (left, right) in new[] { (SqlType.Float4, SqlType.Float4), (SqlType.Float4, SqlType.Float8), (SqlType.Float8, SqlType.Float4), (SqlType.Float8, SqlType.Float8) })
        {
            var single = left == SqlType.Float4 && right == SqlType.Float4;
            var result = single ? SqlType.Float4 : SqlType.Float8;
            foreach (var op in "+-*/")
            {
                AddBinary(op.ToString(), left, right, result, single
                    ? (a, b, _) => (float)FloatArithmetic(op, (float)a, (float)b, single: true)
                    : (a, b, _) => FloatArithmetic(op, Coercion.ToDouble(a), Coercion.ToDouble(b), single: false));
            }
        }

        AddPrefix("@", SqlType.Float4, SqlType.Float4, v => Math.Abs((float)v));
        AddPrefix("@", SqlType.Float8, SqlType.Float8, v => Math.Abs((double)v));
        AddPrefix("@", SqlType.Numeric, SqlType.Numeric, v => Math.Abs((decimal)v));
        AddPrefix("|/", SqlType.Float8, SqlType.Float8, v => (double)v < 0
            ? throw new PgException(SqlState.InvalidArgumentForPowerFunction, "cannot take square root of a negative number")
            : Math.Sqrt((double)v));
        AddPrefix("||/", SqlType.Float8, SqlType.Float8, v => Math.Cbrt((double)v));
        AddPrefix("-", SqlType.Float4, SqlType.Float4, v => -(float)v);
        AddPrefix("+", SqlType.Float4, SqlType.Float4, v => v);
        AddPrefix("-", SqlType.Float8, SqlType.Float8, v => -(double)v);
        AddPrefix("+", SqlType.Float8, SqlType.Float8, v => v);
        AddBinary("^", SqlType.Float8, SqlType.Float8, SqlType.Float8, (a, b, _) => Power((double)a, (double)b));

        AddBinary("+", SqlType.Numeric, SqlType.Numeric, SqlType.Numeric, (a, b, _) => NumericMath.Add((decimal)a, (decimal)b));
        AddBinary("-", SqlType.Numeric, SqlType.Numeric, SqlType.Numeric, (a, b, _) => NumericMath.Subtract((decimal)a, (decimal)b));
        AddBinary("*", SqlType.Numeric, SqlType.Numeric, SqlType.Numeric, (a, b, _) => NumericMath.Multiply((decimal)a, (decimal)b));
        AddBinary("/", SqlType.Numeric, SqlType.Numeric, SqlType.Numeric, (a, b, _) => NumericMath.Divide((decimal)a, (decimal)b));
        AddBinary("%", SqlType.Numeric, SqlType.Numeric, SqlType.Numeric, (a, b, _) => NumericMath.Modulo((decimal)a, (decimal)b));
        AddBinary("^", SqlType.Numeric, SqlType.Numeric, SqlType.Numeric,
            (_, _, _) => throw new PgException(SqlState.FeatureNotSupported, "numeric exponentiation is not supported"));
        AddPrefix("-", SqlType.Numeric, SqlType.Numeric, v => -(decimal)v);
        AddPrefix("+", SqlType.Numeric, SqlType.Numeric, v => v);
    }

    private static object IntegerArithmetic(char op, long a, long b, SqlType result)
    {
        try
        {
            var value = op switch
            {
                '+' => checked(a + b),
                '-' => checked(a - b),
                '*' => checked(a * b),
                '/' => b == 0 ? throw DivisionByZero() : b == -1 ? checked(-a) : a / b,
                _ => b == 0 ? throw DivisionByZero() : b == -1 ? 0 : a % b,
            };
            return Narrow(value, result);
        }
        catch (OverflowException)
        {
            throw OutOfRange(result);
        }
    }

    /// <summary>Shifts in the operand's own width, as C does for int2/int4/int8 (the count taken modulo the width).</summary>
    private static object Shift(long value, int count, bool left, SqlType type)
    {
        var bits = type.Size * 8;
        count &= bits - 1;
        return type.Oid switch
        {
            21 => (object)(short)(left ? (short)value << count : (short)value >> count),
            23 => (object)(left ? (int)value << count : (int)value >> count),
            _ => (object)(left ? value << count : value >> count),
        };
    }

    private static double FloatArithmetic(char op, double a, double b, bool single)
    {
        double result;
        bool infinityAllowed;
        bool zeroAllowed;
        switch (op)
        {
            case '+':
                result = a + b;
                infinityAllowed = double.IsInfinity(a) || double.IsInfinity(b);
                zeroAllowed = true;
                break;
            case '-':
                result = a - b;
                infinityAllowed = double.IsInfinity(a) || double.IsInfinity(b);
                zeroAllowed = true;
                break;
            case '*':
                result = a * b;
                infinityAllowed = double.IsInfinity(a) || double.IsInfinity(b);
                zeroAllowed = a == 0 || b == 0;
                break;
            default:
                if (b == 0 && !double.IsNaN(a))
                {
                    throw DivisionByZero();
                }

                result = a / b;
                infinityAllowed = double.IsInfinity(a);
                zeroAllowed = a == 0 || double.IsInfinity(b);
                break;
        }

        if (single)
        {
            result = (float)result;
        }

        if (double.IsInfinity(result) && !infinityAllowed)
        {
            throw FloatOverflow();
        }

        if (result == 0 && !zeroAllowed)
        {
            throw FloatUnderflow();
        }

        return result;
    }

    private static double Power(double a, double b)
    {
        if (double.IsNaN(a))
        {
            return b == 0 ? 1 : double.NaN;
        }

        if (double.IsNaN(b))
        {
            return a == 1 ? 1 : double.NaN;
        }

        if (a == 0 && b < 0)
        {
            throw new PgException(SqlState.InvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
        }

        if (a < 0 && Math.Floor(b) != b && !double.IsInfinity(b))
        {
            throw new PgException(SqlState.InvalidArgumentForPowerFunction, "a negative number raised to a non-integer power yields a complex result");
        }

        var result = Math.Pow(a, b);
        if (double.IsInfinity(result) && !double.IsInfinity(a) && !double.IsInfinity(b))
        {
            throw FloatOverflow();
        }

        if (result == 0 && a != 0 && !double.IsInfinity(b))
        {
            throw FloatUnderflow();
        }

        return result;
    }

    private static void AddComparisons(SqlType left, SqlType right, Func<object, object, int> compare, bool equalityOnly = false)
    {
        AddBinary("=", left, right, SqlType.Bool, (a, b, _) => compare(a, b) == 0);
        AddBinary("<>", left, right, SqlType.Bool, (a, b, _) => compare(a, b) != 0);
        if (equalityOnly)
        {
            return;
        }

        AddBinary("<", left, right, SqlType.Bool, (a, b, _) => compare(a, b) < 0);
        AddBinary("<=", left, right, SqlType.Bool, (a, b, _) => compare(a, b) <= 0);
        AddBinary(">", left, right, SqlType.Bool, (a, b, _) => compare(a, b) > 0);
        AddBinary(">=", left, right, SqlType.Bool, (a, b, _) => compare(a, b) >= 0);
    }

    private static void BuildComparisons()
    {
        foreach (var left in IntegerTypes)
        {
            foreach (var right in IntegerTypes)
            {
                AddComparisons(left, right, static (a, b) => Coercion.ToLong(a).CompareTo(Coercion.ToLong(b)));
            }
        }

        foreach (var left in new[] { SqlType.Float4, SqlType.Float8 })
        {
            foreach (var right in new[] { SqlType.Float4, SqlType.Float8 })
            {
                AddComparisons(left, right, static (a, b) => CompareFloat(Coercion.ToDouble(a), Coercion.ToDouble(b)));
            }
        }

        AddComparisons(SqlType.Numeric, SqlType.Numeric, static (a, b) => ((decimal)a).CompareTo((decimal)b));
        AddComparisons(SqlType.Bool, SqlType.Bool, static (a, b) => ((bool)a).CompareTo((bool)b));
        AddComparisons(SqlType.Text, SqlType.Text, static (a, b) => CompareText((string)a, (string)b));
        AddComparisons(SqlType.NameType, SqlType.NameType, static (a, b) => CompareText((string)a, (string)b));
        AddComparisons(SqlType.NameType, SqlType.Text, static (a, b) => CompareText((string)a, (string)b));
        AddComparisons(SqlType.Text, SqlType.NameType, static (a, b) => CompareText((string)a, (string)b));
        AddComparisons(SqlType.Bpchar, SqlType.Bpchar, static (a, b) => CompareText(((string)a).TrimEnd(' '), ((string)b).TrimEnd(' ')));
        AddComparisons(SqlType.Timestamptz, SqlType.Timestamptz, static (a, b) => ((DateTimeOffset)a).UtcTicks.CompareTo(((DateTimeOffset)b).UtcTicks));
        AddComparisons(SqlType.Interval, SqlType.Interval, static (a, b) => ((PgInterval)a).CompareTo((PgInterval)b));
        AddComparisons(SqlType.OidType, SqlType.OidType, static (a, b) => ((uint)a).CompareTo((uint)b));
        AddComparisons(SqlType.Inet, SqlType.Inet, static (a, b) => CompareInet(a, b));
        AddComparisons(SqlType.Xid, SqlType.Xid, static (a, b) => ((uint)a).CompareTo((uint)b), equalityOnly: true);
        AddComparisons(SqlType.Xid, SqlType.Int4, static (a, b) => ((uint)a).CompareTo(unchecked((uint)(int)b)), equalityOnly: true);
    }

    /// <summary>Compares two values of one type the way its ORDER BY does (null when the type has no ordering).</summary>
    public static Func<object, object, int>? OrderingComparer(SqlType type)
    {
        var less = Lookup("<", prefix: false).FirstOrDefault(o => o.Left == type && o.Right == type);
        if (less is null)
        {
            return null;
        }

        var greater = Lookup(">", prefix: false).First(o => o.Left == type && o.Right == type);
        var utc = TimeZoneInfo.Utc;
        return (a, b) => (bool)less.Invoke(a, b, utc)! ? -1 : (bool)greater.Invoke(a, b, utc)! ? 1 : 0;
    }

    /// <summary>float8 ordering: NaN equals NaN and sorts above everything; -0 equals 0.</summary>
    internal static int CompareFloat(double a, double b)
    {
        if (double.IsNaN(a))
        {
            return double.IsNaN(b) ? 0 : 1;
        }

        if (double.IsNaN(b))
        {
            return -1;
        }

        return a < b ? -1 : a > b ? 1 : 0;
    }

    /// <summary>Code point order (the C.UTF-8 collation): UTF-16 order with surrogates moved above U+FFFF.</summary>
    internal static int CompareText(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                return Fix(x).CompareTo(Fix(y));
            }
        }

        return a.Length.CompareTo(b.Length);

        static int Fix(char c) => c >= '\uD800' ? (c <= '\uDFFF' ? c + 0x2000 : c - 0x800) : c;
    }

    private static int CompareInet(object a, object b)
    {
        static (int Family, byte[] Bytes, int Bits) Parts(object value)
        {
            var text = value is System.Net.IPAddress ip ? ip.ToString() : (string)value;
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var address = System.Net.IPAddress.Parse(slash >= 0 ? text[..slash] : text);
            var bytes = address.GetAddressBytes();
            var bits = slash >= 0 ? int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture) : bytes.Length * 8;
            return (bytes.Length, bytes, bits);
        }

        var (familyA, bytesA, bitsA) = Parts(a);
        var (familyB, bytesB, bitsB) = Parts(b);
        if (familyA != familyB)
        {
            return familyA.CompareTo(familyB);
        }

        var byBytes = bytesA.AsSpan().SequenceCompareTo(bytesB);
        return byBytes != 0 ? Math.Sign(byBytes) : bitsA.CompareTo(bitsB);
    }

    private static void BuildText()
    {
        AddBinary("||", SqlType.Text, SqlType.Text, SqlType.Text, static (a, b, _) => (string)a + (string)b);
        AddBinary("||", SqlType.Text, SqlType.AnyNonArray, SqlType.Text, static (a, b, _) => (string)a + (string)b);
        AddBinary("||", SqlType.AnyNonArray, SqlType.Text, SqlType.Text, static (a, b, _) => (string)a + (string)b);

        foreach (var left in new[] { SqlType.Text, SqlType.NameType, SqlType.Bpchar })
        {
            var trim = left == SqlType.Bpchar;
            string Value(object v) => trim ? ((string)v).TrimEnd(' ') : (string)v;
            AddBinary("~~", left, SqlType.Text, SqlType.Bool, (a, b, _) => Like(Value(a), (string)b, ignoreCase: false));
            AddBinary("!~~", left, SqlType.Text, SqlType.Bool, (a, b, _) => !Like(Value(a), (string)b, ignoreCase: false));
            AddBinary("~~*", left, SqlType.Text, SqlType.Bool, (a, b, _) => Like(Value(a), (string)b, ignoreCase: true));
            AddBinary("!~~*", left, SqlType.Text, SqlType.Bool, (a, b, _) => !Like(Value(a), (string)b, ignoreCase: true));
        }
    }

    /// <summary>LIKE: % matches any run, _ one character, \ escapes the next; a trailing \ is an error.</summary>
    internal static bool Like(string text, string pattern, bool ignoreCase)
    {
        if (ignoreCase)
        {
            text = text.ToLowerInvariant();
            pattern = pattern.ToLowerInvariant();
        }

        var s = text.EnumerateRunes().ToArray();
        var p = pattern.EnumerateRunes().ToArray();
        return Match(0, 0);

        bool Match(int si, int pi)
        {
            while (pi < p.Length)
            {
                var c = p[pi];
                if (c.Value == '%')
                {
                    while (pi < p.Length && p[pi].Value == '%')
                    {
                        pi++;
                    }

                    if (pi == p.Length)
                    {
                        return true;
                    }

                    for (var k = si; k <= s.Length; k++)
                    {
                        if (Match(k, pi))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (c.Value == '\\')
                {
                    if (pi + 1 >= p.Length)
                    {
                        throw new PgException(SqlState.InvalidEscapeSequence, "LIKE pattern must not end with escape character");
                    }

                    pi++;
                    if (si >= s.Length || s[si] != p[pi])
                    {
                        return false;
                    }
                }
                else if (c.Value == '_')
                {
                    if (si >= s.Length)
                    {
                        return false;
                    }
                }
                else if (si >= s.Length || s[si] != c)
                {
                    return false;
                }

                si++;
                pi++;
            }

            return si == s.Length;
        }
    }

    private static void BuildDateTime()
    {
        AddBinary("+", SqlType.Timestamptz, SqlType.Interval, SqlType.Timestamptz,
            static (a, b, tz) => DateTimeText.AddInterval((DateTimeOffset)a, (PgInterval)b, tz), dependsOnTimeZone: true);
        AddBinary("+", SqlType.Interval, SqlType.Timestamptz, SqlType.Timestamptz,
            static (a, b, tz) => DateTimeText.AddInterval((DateTimeOffset)b, (PgInterval)a, tz), dependsOnTimeZone: true);
        AddBinary("-", SqlType.Timestamptz, SqlType.Interval, SqlType.Timestamptz,
            static (a, b, tz) => DateTimeText.AddInterval((DateTimeOffset)a, DateTimeText.Negate((PgInterval)b), tz), dependsOnTimeZone: true);
        AddBinary("-", SqlType.Timestamptz, SqlType.Timestamptz, SqlType.Interval,
            static (a, b, _) => DateTimeText.Difference((DateTimeOffset)a, (DateTimeOffset)b));
        AddBinary("+", SqlType.Interval, SqlType.Interval, SqlType.Interval, static (a, b, _) => DateTimeText.Add((PgInterval)a, (PgInterval)b));
        AddBinary("-", SqlType.Interval, SqlType.Interval, SqlType.Interval, static (a, b, _) => DateTimeText.Subtract((PgInterval)a, (PgInterval)b));
        AddBinary("*", SqlType.Interval, SqlType.Float8, SqlType.Interval, static (a, b, _) => DateTimeText.Multiply((PgInterval)a, (double)b));
        AddBinary("*", SqlType.Float8, SqlType.Interval, SqlType.Interval, static (a, b, _) => DateTimeText.Multiply((PgInterval)b, (double)a));
        AddBinary("/", SqlType.Interval, SqlType.Float8, SqlType.Interval, static (a, b, _) => DateTimeText.Divide((PgInterval)a, (double)b));
        AddPrefix("-", SqlType.Interval, SqlType.Interval, static v => DateTimeText.Negate((PgInterval)v));
        AddPrefix("+", SqlType.Interval, SqlType.Interval, static v => v);
    }

    /// <summary>An operator's signature as messages show it: <c>integer + text</c>, <c>- boolean</c>.</summary>
    internal static string Signature(string name, SqlType? left, SqlType right)
    {
        var builder = new StringBuilder();
        if (left is not null)
        {
            builder.Append(left.DisplayName).Append(' ');
        }

        return builder.Append(name).Append(' ').Append(right.DisplayName).ToString();
    }
}
