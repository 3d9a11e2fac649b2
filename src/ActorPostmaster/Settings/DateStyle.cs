namespace ActorPostmaster.Settings;

/// <summary>
/// DateStyle's two parts and PostgreSQL 15's rules for combining them: a value names an output style (ISO, SQL,
/// Postgres, German), an input field order (DMY, MDY, YMD, or the synonyms Euro/European and US/NonEuro/NonEuropean),
/// or both; a part not named keeps its current value, German alone also selects DMY, DEFAULT fills the parts not named
/// from the reset value, and naming two different values for one part is a conflict.
/// </summary>
public static class DateStyle
{
    /// <summary>
    /// Normalises a DateStyle value, e.g. <c>German</c> → <c>German, DMY</c>, <c>sql, ymd</c> → <c>SQL, YMD</c>.
    /// </summary>
    /// <param name="value">The value as given.</param>
    /// <param name="current">The current DateStyle (canonical form), whose parts carry over.</param>
    /// <param name="resetValue">The DateStyle DEFAULT stands for (canonical form).</param>
    /// <param name="detail">On failure, PostgreSQL's DETAIL text.</param>
    /// <returns>The canonical value, or null when the value is invalid.</returns>
    public static string? Normalize(string value, string current, string resetValue, out string? detail)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(resetValue);
        var (style, order) = Split(current);
        return Combine(value, style, order, resetValue, 0, out detail);
    }

    private static string? Combine(string value, string style, string order, string resetValue, int depth, out string? detail)
    {
        detail = null;
        if (!Identifiers.TrySplitList(value, out var tokens))
        {
            detail = "List syntax is invalid.";
            return null;
        }

        bool haveStyle = false, haveOrder = false, ok = true;
        foreach (var raw in tokens)
        {
            var token = raw.ToUpperInvariant();
            string? newStyle = null, newOrder = null;
            if (token == "ISO")
            {
                newStyle = "ISO";
            }
            else if (token == "SQL")
            {
                newStyle = "SQL";
            }
            else if (token.StartsWith("POSTGRES", StringComparison.Ordinal))
            {
                newStyle = "Postgres";
            }
            else if (token == "GERMAN")
            {
                newStyle = "German";
            }
            else if (token is "YMD")
            {
                newOrder = "YMD";
            }
            else if (token is "DMY" || token.StartsWith("EURO", StringComparison.Ordinal))
            {
                newOrder = "DMY";
            }
            else if (token is "MDY" or "US" || token.StartsWith("NONEURO", StringComparison.Ordinal))
            {
                newOrder = "MDY";
            }
            else if (token == "DEFAULT" && depth == 0)
            {
                var reset = Combine(resetValue, style, order, resetValue, depth + 1, out _);
                if (reset is not null)
                {
                    var (resetStyle, resetOrder) = Split(reset);
                    if (!haveStyle)
                    {
                        style = resetStyle;
                    }

                    if (!haveOrder)
                    {
                        order = resetOrder;
                    }
                }

                continue;
            }
            else
            {
                detail = $"Unrecognized key word: \"{raw}\".";
                return null;
            }

            if (newStyle is not null)
            {
                ok &= !haveStyle || style == newStyle;
                style = newStyle;
                haveStyle = true;
                if (newStyle == "German" && !haveOrder)
                {
                    order = "DMY";
                }
            }
            else
            {
                ok &= !haveOrder || order == newOrder;
                order = newOrder!;
                haveOrder = true;
            }
        }

        if (!ok)
        {
            detail = "Conflicting \"datestyle\" specifications.";
            return null;
        }

        return style + ", " + order;
    }

    private static (string Style, string Order) Split(string canonical)
    {
        var comma = canonical.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? (canonical.Trim(), "MDY") : (canonical[..comma].Trim(), canonical[(comma + 1)..].Trim());
    }
}
