using System.Text;

namespace ActorPostmaster.Settings;

/// <summary>
/// PostgreSQL's character set encoding names and their aliases, for client_encoding: names are matched ignoring case
/// and any character that is not a letter or digit (<c>utf-8</c> = <c>UTF8</c>, <c>latin1</c> = <c>LATIN1</c>).
/// </summary>
public static class Encodings
{
    private static readonly string[] ServerEncodings =
    [
        "SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW", "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2",
        "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866",
        "WIN874", "KOI8R", "WIN1251", "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250",
        "WIN1253", "WIN1254", "WIN1255", "WIN1257", "KOI8U",
    ];

    private static readonly string[] ClientOnlyEncodings = ["SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004"];

    private static readonly Dictionary<string, string> Aliases = BuildAliases();

    /// <summary>The canonical name of an encoding (e.g. <c>utf-8</c> → <c>UTF8</c>), or null when unknown.</summary>
    /// <param name="name">The name as given.</param>
    /// <returns>The canonical name, or null.</returns>
    public static string? Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Aliases.TryGetValue(Clean(name), out var canonical) ? canonical : null;
    }

    /// <summary>True when <paramref name="canonical"/> may be a server (database) encoding.</summary>
    /// <param name="canonical">A canonical encoding name.</param>
    /// <returns>True for server encodings; false for client-only ones (SJIS, BIG5 …).</returns>
    public static bool IsServerEncoding(string canonical) => ServerEncodings.Contains(canonical, StringComparer.Ordinal);

    /// <summary>True when PostgreSQL can convert between the two encodings (both canonical).</summary>
    /// <param name="client">The client encoding.</param>
    /// <param name="server">The server encoding.</param>
    /// <returns>True when supported.</returns>
    public static bool CanConvert(string client, string server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        if (client == server || client == "SQL_ASCII" || server == "SQL_ASCII")
        {
            return true;
        }

        // A UTF8 server converts to and from every client encoding except MULE_INTERNAL. Between other encodings this is
        // an approximation: PostgreSQL has conversions within each script family (and through MULE_INTERNAL).
        var pair = (client, server);
        return pair is not ("MULE_INTERNAL", "UTF8") and not ("UTF8", "MULE_INTERNAL");
    }

    private static string Clean(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static Dictionary<string, string> BuildAliases()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ServerEncodings.Concat(ClientOnlyEncodings))
        {
            map[Clean(name)] = name;
        }

        (string Alias, string Name)[] extra =
        [
            ("abc", "WIN1258"), ("alt", "WIN866"), ("iso88591", "LATIN1"), ("iso88592", "LATIN2"), ("iso88593", "LATIN3"),
            ("iso88594", "LATIN4"), ("iso88599", "LATIN5"), ("iso885910", "LATIN6"), ("iso885913", "LATIN7"),
            ("iso885914", "LATIN8"), ("iso885915", "LATIN9"), ("iso885916", "LATIN10"), ("koi8", "KOI8R"),
            ("mskanji", "SJIS"), ("shiftjis", "SJIS"), ("tcvn", "WIN1258"), ("tcvn5712", "WIN1258"), ("unicode", "UTF8"),
            ("vscii", "WIN1258"), ("win", "WIN1251"), ("win932", "SJIS"), ("win936", "GBK"), ("win949", "UHC"),
            ("win950", "BIG5"), ("windows932", "SJIS"), ("windows936", "GBK"), ("windows949", "UHC"), ("windows950", "BIG5"),
            ("windows866", "WIN866"), ("windows874", "WIN874"), ("windows1250", "WIN1250"), ("windows1251", "WIN1251"),
            ("windows1252", "WIN1252"), ("windows1253", "WIN1253"), ("windows1254", "WIN1254"), ("windows1255", "WIN1255"),
            ("windows1256", "WIN1256"), ("windows1257", "WIN1257"), ("windows1258", "WIN1258"),
        ];
        foreach (var (alias, name) in extra)
        {
            map[alias] = name;
        }

        return map;
    }
}
