using System.Globalization;

namespace ActorPostmaster.Settings;

/// <summary>
/// Reading and printing numbers with units as PostgreSQL 15 does for settings: memory units B, kB, MB, GB, TB (powers
/// of 1024) and time units us, ms, s, min, h, d; a fractional value given in a unit is first rounded to a whole
/// number of the next smaller unit; SHOW prints the largest unit that divides the value exactly.
/// </summary>
internal static class UnitConversion
{
    /// <summary>The HINT for a bad unit on a memory setting.</summary>
    internal const string MemoryUnitsHint = "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";

    /// <summary>The HINT for a bad unit on a time setting.</summary>
    internal const string TimeUnitsHint = "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

    /// <summary>The HINT for an integer outside int's range.</summary>
    internal const string IntegerRangeHint = "Value exceeds integer range.";

    private static readonly (string Name, double Size)[] MemoryUnits =
    [
        ("TB", 1024.0 * 1024 * 1024 * 1024),
        ("GB", 1024.0 * 1024 * 1024),
        ("MB", 1024.0 * 1024),
        ("kB", 1024.0),
        ("B", 1.0),
    ];

    private static readonly (string Name, double Size)[] TimeUnits =
    [
        ("d", 86_400_000_000.0),
        ("h", 3_600_000_000.0),
        ("min", 60_000_000.0),
        ("s", 1_000_000.0),
        ("ms", 1_000.0),
        ("us", 1.0),
    ];

    private static readonly Dictionary<SettingUnit, UnitEntry[]> Tables = new()
    {
        [SettingUnit.Bytes] = Build(MemoryUnits, 1),
        [SettingUnit.Kilobytes] = Build(MemoryUnits, 1024),
        [SettingUnit.Blocks8kB] = Build(MemoryUnits, 8192),
        [SettingUnit.Megabytes] = Build(MemoryUnits, 1024 * 1024),
        [SettingUnit.Milliseconds] = Build(TimeUnits, 1_000),
        [SettingUnit.Seconds] = Build(TimeUnits, 1_000_000),
        [SettingUnit.Minutes] = Build(TimeUnits, 60_000_000),
    };

    /// <summary>The unit's name as pg_settings.unit and the range error show it ("kB", "8kB", "ms" …), or null.</summary>
    internal static string? Name(SettingUnit unit) => unit switch
    {
        SettingUnit.Bytes => "B",
        SettingUnit.Kilobytes => "kB",
        SettingUnit.Blocks8kB => "8kB",
        SettingUnit.Megabytes => "MB",
        SettingUnit.Milliseconds => "ms",
        SettingUnit.Seconds => "s",
        SettingUnit.Minutes => "min",
        _ => null,
    };

    /// <summary>True for the memory units.</summary>
    internal static bool IsMemory(SettingUnit unit) =>
        unit is SettingUnit.Bytes or SettingUnit.Kilobytes or SettingUnit.Blocks8kB or SettingUnit.Megabytes;

    /// <summary>
    /// Reads an integer setting's text (PostgreSQL's parse_int): C integer syntax (hex, octal), or a real that is
    /// rounded half-to-even, optionally followed by a unit. On failure <paramref name="hint"/> may say why.
    /// </summary>
    internal static bool TryParseInt(string text, SettingUnit unit, out int result, out string? hint)
    {
        result = 0;
        hint = null;
        double value = CNumbers.StrToL(text, 0, out var end, out var overflow);
        var rangeError = false;
        if ((end < text.Length && text[end] is '.' or 'e' or 'E') || overflow)
        {
            value = CNumbers.StrToD(text, 0, out end, out rangeError);
        }

        if (end == 0 || rangeError || double.IsNaN(value))
        {
            return false;
        }

        if (!TryApplyUnit(text, end, unit, ref value, out hint))
        {
            return false;
        }

        value = Math.Round(value, MidpointRounding.ToEven);
        if (value > int.MaxValue || value < int.MinValue)
        {
            hint = IntegerRangeHint;
            return false;
        }

        result = (int)value;
        return true;
    }

    /// <summary>Reads a real setting's text (PostgreSQL's parse_real): C's strtod, optionally followed by a unit.</summary>
    internal static bool TryParseReal(string text, SettingUnit unit, out double result, out string? hint)
    {
        result = 0;
        hint = null;
        var value = CNumbers.StrToD(text, 0, out var end, out var rangeError);
        if (end == 0 || rangeError || double.IsNaN(value))
        {
            return false;
        }

        if (!TryApplyUnit(text, end, unit, ref value, out hint))
        {
            return false;
        }

        result = value;
        return true;
    }

    /// <summary>SHOW's form of an integer in <paramref name="unit"/> (e.g. 4096 kB → <c>4MB</c>, 0 → <c>0</c>).</summary>
    internal static string FormatInt(long value, SettingUnit unit)
    {
        if (unit == SettingUnit.None || value <= 0)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var entry in Tables[unit])
        {
            if (entry.Divisor == 1)
            {
                var multiplier = (long)entry.Multiplier;
                if (value % multiplier == 0)
                {
                    return (value / multiplier).ToString(CultureInfo.InvariantCulture) + entry.Name;
                }
            }
            else
            {
                return (value * (long)entry.Divisor).ToString(CultureInfo.InvariantCulture) + entry.Name;
            }
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>SHOW's form of a real in <paramref name="unit"/> (e.g. 1.5 ms → <c>1500us</c>, 0.9 → <c>0.9</c>).</summary>
    internal static string FormatReal(double value, SettingUnit unit)
    {
        if (unit == SettingUnit.None || !(value > 0))
        {
            return CNumbers.FormatG(value);
        }

        var table = Tables[unit];
        for (var i = 0; i < table.Length; i++)
        {
            var converted = table[i].FromBase(value);
            var rounded = Math.Round(converted, MidpointRounding.ToEven);
            if (i == table.Length - 1 || Math.Abs((rounded - converted) / converted) < 1e-8)
            {
                return CNumbers.FormatG(converted) + table[i].Name;
            }
        }

        return CNumbers.FormatG(value);
    }

    private static bool TryApplyUnit(string text, int end, SettingUnit unit, ref double value, out string? hint)
    {
        hint = null;
        while (end < text.Length && CNumbers.IsSpace(text[end]))
        {
            end++;
        }

        if (end == text.Length)
        {
            return true;
        }

        if (unit == SettingUnit.None)
        {
            return false;
        }

        if (!TryConvertToBase(value, text, end, unit, out value))
        {
            hint = IsMemory(unit) ? MemoryUnitsHint : TimeUnitsHint;
            return false;
        }

        return true;
    }

    private static bool TryConvertToBase(double value, string text, int start, SettingUnit unit, out double result)
    {
        result = value;
        var p = start;
        while (p < text.Length && !CNumbers.IsSpace(text[p]) && p - start < 3)
        {
            p++;
        }

        var unitName = text[start..p];
        while (p < text.Length && CNumbers.IsSpace(text[p]))
        {
            p++;
        }

        if (p != text.Length)
        {
            return false;
        }

        var table = Tables[unit];
        for (var i = 0; i < table.Length; i++)
        {
            if (!string.Equals(table[i].Name, unitName, StringComparison.Ordinal))
            {
                continue;
            }

            var converted = table[i].ToBase(value);
            if (i + 1 < table.Length)
            {
                // A fraction of this unit becomes a whole number of the next smaller unit.
                var next = table[i + 1];
                converted = next.ToBase(Math.Round(next.FromBase(converted), MidpointRounding.ToEven));
            }

            result = converted;
            return true;
        }

        return false;
    }

    private static UnitEntry[] Build((string Name, double Size)[] units, double baseSize) =>
        [.. units.Select(u => u.Size >= baseSize
            ? new UnitEntry(u.Name, u.Size / baseSize, 1)
            : new UnitEntry(u.Name, 1, baseSize / u.Size))];

    /// <summary>One unit relative to a base unit: base = value × Multiplier ÷ Divisor (one of the two is 1).</summary>
    private readonly record struct UnitEntry(string Name, double Multiplier, double Divisor)
    {
        public double ToBase(double value) => Divisor == 1 ? value * Multiplier : value / Divisor;

        public double FromBase(double value) => Divisor == 1 ? value / Multiplier : value * Divisor;
    }
}
