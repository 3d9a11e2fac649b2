using System.Collections.Frozen;
using System.Globalization;

namespace ActorPostmaster.Hocon;

/// <summary>
/// The "units format" of the HOCON spec: optional whitespace, a number, optional whitespace, an optional unit made
/// of letters, optional whitespace. Used by <see cref="Config.GetTimeSpan(string)"/> and <see cref="Config.GetByteSize(string)"/>.
/// </summary>
internal static class Units
{
    private const decimal TicksPerNanosecond = 0.01m;

    private static readonly FrozenDictionary<string, decimal> DurationTicks = BuildDurationUnits();
    private static readonly FrozenDictionary<string, decimal> ByteFactors = BuildByteUnits();

    /// <summary>Durations: bare numbers are milliseconds; units are case-sensitive.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = default;
        if (!TrySplit(text, out var number, out var unit, out error))
        {
            return false;
        }

        if (!DurationTicks.TryGetValue(unit.Length == 0 ? "ms" : unit, out var factor))
        {
            error = $"'{unit}' is not a duration unit (use ns, us, ms, s, m, h or d, or their long forms)";
            return false;
        }

        try
        {
            var ticks = decimal.Truncate(number * factor);
            if (ticks > long.MaxValue || ticks < long.MinValue)
            {
                error = "the duration is out of range";
                return false;
            }

            value = TimeSpan.FromTicks((long)ticks);
            return true;
        }
        catch (OverflowException)
        {
            error = "the duration is out of range";
            return false;
        }
    }

    /// <summary>Sizes in bytes: bare numbers are bytes; fractions of a byte are truncated.</summary>
    public static bool TryParseByteSize(string text, out long value, out string error)
    {
        value = 0;
        if (!TrySplit(text, out var number, out var unit, out error))
        {
            return false;
        }

        if (!ByteFactors.TryGetValue(unit, out var factor))
        {
            error = $"'{unit}' is not a size unit (use B, K/k/KiB, kB, M/MiB, MB, G/GiB, GB, ... or their long forms)";
            return false;
        }

        try
        {
            var bytes = decimal.Truncate(number * factor);
            if (bytes > long.MaxValue || bytes < long.MinValue)
            {
                error = "the size does not fit in a 64-bit integer";
                return false;
            }

            value = (long)bytes;
            return true;
        }
        catch (OverflowException)
        {
            error = "the size does not fit in a 64-bit integer";
            return false;
        }
    }

    private static bool TrySplit(string text, out decimal number, out string unit, out string error)
    {
        var trimmed = text.Trim();
        var letters = 0;
        while (letters < trimmed.Length && !char.IsLetter(trimmed[letters]))
        {
            letters++;
        }

        var numberText = trimmed[..letters].TrimEnd();
        unit = trimmed[letters..].TrimEnd();
        error = string.Empty;
        if (!unit.All(char.IsLetter))
        {
            number = 0;
            error = $"'{text}' is not a number followed by a unit";
            return false;
        }

        if (!decimal.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            error = numberText.Length == 0 ? $"'{text}' has no number" : $"'{numberText}' is not a number";
            return false;
        }

        return true;
    }

    private static FrozenDictionary<string, decimal> BuildDurationUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units.Add(name, ticks);
            }
        }

        Add(TicksPerNanosecond, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, decimal> BuildByteUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [string.Empty] = 1m,
            ["B"] = 1m,
            ["b"] = 1m,
            ["byte"] = 1m,
            ["bytes"] = 1m,
        };

        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string letters = "KMGTPEZY";
        decimal power10 = 1m;
        decimal power2 = 1m;
        for (var i = 0; i < letters.Length; i++)
        {
            power10 *= 1000m;
            power2 *= 1024m;
            var upper = letters[i].ToString();
            var lower = char.ToLowerInvariant(letters[i]).ToString();

            // Powers of ten: kB (spec) and KB, MB, GB, ... (the spec's MB, GB, ... and their K counterpart).
            units[i == 0 ? "kB" : upper + "B"] = power10;
            units[upper + "B"] = power10;
            units[decimalNames[i] + "byte"] = power10;
            units[decimalNames[i] + "bytes"] = power10;

            // Powers of two: K, k, Ki, KiB, kibibyte(s) and so on.
            units[upper] = power2;
            units[lower] = power2;
            units[upper + "i"] = power2;
            units[upper + "iB"] = power2;
            units[binaryNames[i] + "byte"] = power2;
            units[binaryNames[i] + "bytes"] = power2;
        }

        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
