using System.Globalization;

namespace ActorPostmaster.Settings;

/// <summary>
/// TimeZone (and log_timezone) values as PostgreSQL 15 accepts them: a zone of the tz database (looked up
/// case-insensitively and shown with the database's spelling, e.g. <c>europe/paris</c> → <c>Europe/Paris</c>), a
/// number of hours east of UTC (shown as a POSIX zone, e.g. <c>2</c> → <c>&lt;+02&gt;-02</c>), or a POSIX zone
/// specification (e.g. <c>EST5EDT</c>, <c>UTC+3</c>, shown in upper case).
/// </summary>
public static class TimeZones
{
    private static readonly Lazy<Dictionary<string, string>> Zones = new(LoadZones);

    /// <summary>The tz database directory used (TZDIR, else /usr/share/zoneinfo), or null when none is available.</summary>
    public static string? ZoneDirectory { get; } = FindZoneDirectory();

    /// <summary>Normalises a time zone value.</summary>
    /// <param name="value">The value as given.</param>
    /// <param name="canonical">The value to store and show.</param>
    /// <param name="error">On failure: the DETAIL for an "invalid value" error, or null; see <paramref name="leapSeconds"/>.</param>
    /// <param name="leapSeconds">True when the zone was rejected because it uses leap seconds (a different message).</param>
    /// <returns>True when the value is a valid time zone.</returns>
    public static bool TryNormalize(string value, out string canonical, out string? error, out bool leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(value);
        canonical = value;
        error = null;
        leapSeconds = false;

        // A plain number: hours east of UTC.
        var hours = CNumbers.StrToD(value, 0, out var end, out _);
        if (end > 0 && end == value.Length)
        {
            if (!(Math.Abs(hours) < 168))
            {
                error = "UTC timezone offset is out of range.";
                return false;
            }

            canonical = OffsetZoneName((long)(hours * 3600));
            return true;
        }

        if (value.Length == 0)
        {
            return false;
        }

        if (Zones.Value.TryGetValue(value, out var zoneName))
        {
            if (zoneName.StartsWith("right/", StringComparison.Ordinal))
            {
                leapSeconds = true;
                return false;
            }

            canonical = zoneName;
            return true;
        }

        var upper = value.ToUpperInvariant();
        if (IsPosixZone(upper))
        {
            canonical = upper;
            return true;
        }

        return false;
    }

    /// <summary>The POSIX-style name PostgreSQL gives a fixed offset (seconds east of UTC), e.g. 7200 → <c>&lt;+02&gt;-02</c>.</summary>
    /// <param name="secondsEast">The offset.</param>
    /// <returns>The zone name.</returns>
    public static string OffsetZoneName(long secondsEast) =>
        "<" + FormatOffset(secondsEast) + ">" + FormatOffset(-secondsEast);

    private static string FormatOffset(long seconds)
    {
        var sign = seconds < 0 ? '-' : '+';
        var abs = Math.Abs(seconds);
        long h = abs / 3600, m = abs / 60 % 60, s = abs % 60;
        var text = sign + h.ToString("00", CultureInfo.InvariantCulture);
        if (m != 0 || s != 0)
        {
            text += ":" + m.ToString("00", CultureInfo.InvariantCulture);
        }

        if (s != 0)
        {
            text += ":" + s.ToString("00", CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>A POSIX TZ specification: std offset [dst [offset] [,rule,rule]].</summary>
    private static bool IsPosixZone(string s)
    {
        var i = 0;
        if (!ZoneAbbreviation(s, ref i) || !Offset(s, ref i, 167))
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        if (!ZoneAbbreviation(s, ref i))
        {
            return false;
        }

        if (i < s.Length && s[i] != ',')
        {
            if (!Offset(s, ref i, 167))
            {
                return false;
            }
        }

        if (i == s.Length)
        {
            return true;
        }

        if (s[i] != ',')
        {
            return false;
        }

        i++;
        if (!Rule(s, ref i) || i >= s.Length || s[i] != ',')
        {
            return false;
        }

        i++;
        return Rule(s, ref i) && i == s.Length;
    }

    private static bool ZoneAbbreviation(string s, ref int i)
    {
        if (i < s.Length && s[i] == '<')
        {
            var close = s.IndexOf('>', i);
            if (close < 0 || close == i + 1)
            {
                return false;
            }

            for (var k = i + 1; k < close; k++)
            {
                if (!(char.IsAsciiLetterOrDigit(s[k]) || s[k] is '+' or '-'))
                {
                    return false;
                }
            }

            i = close + 1;
            return true;
        }

        var start = i;
        while (i < s.Length && char.IsAsciiLetter(s[i]))
        {
            i++;
        }

        return i > start;
    }

    private static bool Offset(string s, ref int i, int maxHours)
    {
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        return Time(s, ref i, maxHours);
    }

    private static bool Time(string s, ref int i, int maxHours)
    {
        if (!Number(s, ref i, 0, maxHours))
        {
            return false;
        }

        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!Number(s, ref i, 0, 59))
            {
                return false;
            }

            if (i < s.Length && s[i] == ':')
            {
                i++;
                if (!Number(s, ref i, 0, 59))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Rule(string s, ref int i)
    {
        if (i < s.Length && s[i] == 'J')
        {
            i++;
            if (!Number(s, ref i, 1, 365))
            {
                return false;
            }
        }
        else if (i < s.Length && s[i] == 'M')
        {
            i++;
            if (!Number(s, ref i, 1, 12) || i >= s.Length || s[i] != '.')
            {
                return false;
            }

            i++;
            if (!Number(s, ref i, 1, 5) || i >= s.Length || s[i] != '.')
            {
                return false;
            }

            i++;
            if (!Number(s, ref i, 0, 6))
            {
                return false;
            }
        }
        else if (!Number(s, ref i, 0, 365))
        {
            return false;
        }

        if (i < s.Length && s[i] == '/')
        {
            i++;
            return Offset(s, ref i, 167);
        }

        return true;
    }

    private static bool Number(string s, ref int i, int min, int max)
    {
        var start = i;
        long n = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 9)
        {
            n = (n * 10) + (s[i] - '0');
            i++;
        }

        return i > start && n >= min && n <= max;
    }

    private static string? FindZoneDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TZDIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        return Directory.Exists("/usr/share/zoneinfo") ? "/usr/share/zoneinfo" : null;
    }

    private static Dictionary<string, string> LoadZones()
    {
        var zones = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ZoneDirectory is { } root)
        {
            try
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
                foreach (var path in Directory.EnumerateFiles(root, "*", options))
                {
                    var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                    if (IsZoneFile(path))
                    {
                        zones.TryAdd(relative, relative);
                    }
                }
            }
            catch (IOException)
            {
                // An unreadable tz database leaves only the names .NET knows.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }

        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (zone.Id.Contains('/', StringComparison.Ordinal) || zone.Id is "UTC" or "GMT")
            {
                zones.TryAdd(zone.Id, zone.Id);
            }
        }

        zones.TryAdd("UTC", "UTC");
        zones.TryAdd("GMT", "GMT");
        zones.TryAdd("Etc/UTC", "Etc/UTC");
        return zones;
    }

    private static bool IsZoneFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return stream.Read(magic) == 4 && magic.SequenceEqual("TZif"u8);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
