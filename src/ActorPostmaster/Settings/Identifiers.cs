using System.Text;

namespace ActorPostmaster.Settings;

/// <summary>
/// PostgreSQL's identifier list syntax for list-valued settings (SplitIdentifierString) and identifier quoting
/// (quote_identifier), as SET uses them for search_path and DateStyle.
/// </summary>
public static class Identifiers
{
    /// <summary>
    /// The key words that are not "unreserved" in PostgreSQL 15 (reserved, type/function-name and column-name key
    /// words, from <c>pg_get_keywords()</c>); quote_identifier quotes these.
    /// </summary>
    private static readonly HashSet<string> QuotedKeywords = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint",
        "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation",
        "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
        "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable",
        "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
        "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner",
        "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least",
        "left", "like", "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
        "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
        "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
        "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then",
        "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
        "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
        "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    };

    /// <summary>
    /// Quotes an identifier the way PostgreSQL's quote_identifier does: unchanged when it is lower-case letters,
    /// digits and underscores, does not start with a digit and is not a key word; otherwise in double quotes, with
    /// embedded double quotes doubled.
    /// </summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The identifier, quoted if needed.</returns>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var safe = identifier.Length > 0 && (identifier[0] is >= 'a' and <= 'z' or '_');
        if (safe)
        {
            foreach (var c in identifier)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
                {
                    safe = false;
                    break;
                }
            }
        }

        if (safe && !QuotedKeywords.Contains(identifier))
        {
            return identifier;
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Splits a comma-separated identifier list as PostgreSQL's SplitIdentifierString does: elements are unquoted
    /// (ending at white space or a comma, folded to lower case) or double-quoted (kept as written, <c>""</c> for a quote);
    /// white space around elements is ignored; an empty string is an empty list; an empty unquoted element, a missing
    /// closing quote or junk between elements is a syntax error (returns false).
    /// </summary>
    /// <param name="text">The list.</param>
    /// <param name="elements">The elements, when the syntax is valid.</param>
    /// <returns>True when the syntax is valid.</returns>
    public static bool TrySplitList(string text, out IReadOnlyList<string> elements)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        elements = result;
        var i = SkipSpace(text, 0);
        if (i == text.Length)
        {
            return true;
        }

        while (true)
        {
            if (text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return false;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                result.Add(sb.ToString());
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != ',' && !CNumbers.IsSpace(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    return false;
                }

                result.Add(DowncaseAscii(text[start..i]));
            }

            i = SkipSpace(text, i);
            if (i == text.Length)
            {
                return true;
            }

            if (text[i] != ',')
            {
                return false;
            }

            i = SkipSpace(text, i + 1);
            if (i == text.Length)
            {
                return false;
            }
        }
    }

    /// <summary>Folds ASCII upper-case letters to lower case (PostgreSQL's identifier folding in UTF-8).</summary>
    internal static string DowncaseAscii(string s)
    {
        foreach (var c in s)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return string.Create(s.Length, s, static (span, src) =>
                {
                    for (var k = 0; k < src.Length; k++)
                    {
                        span[k] = src[k] is >= 'A' and <= 'Z' ? (char)(src[k] + 32) : src[k];
                    }
                });
            }
        }

        return s;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && CNumbers.IsSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
