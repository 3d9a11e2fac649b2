using System.Text;

namespace ActorPostmaster.Settings;

/// <summary>
/// process_startup_options: the startup packet's <c>options</c> parameter (libpq's <c>options</c>, PGOPTIONS) holds
/// command-line switches for the backend; they are split as pg_split_opts splits them (whitespace separates words, a
/// backslash makes the next character literal) and read as process_postgres_switches reads them. Of the switches, this
/// server knows the ones that set a parameter: <c>-c name=value</c>, <c>-cname=value</c> and <c>--name=value</c>.
/// </summary>
public static class StartupOptions
{
    /// <summary>
    /// The settings of a startup packet in the order PostgreSQL applies them: those of <c>options</c> first, then the
    /// other parameters (user and database excluded by the caller).
    /// </summary>
    /// <param name="parameters">The startup packet's parameters.</param>
    /// <returns>Name and value pairs.</returns>
    /// <exception cref="PgException">A switch this server does not take (FATAL, as PostgreSQL's invalid command-line argument).</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Expand(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var result = new List<KeyValuePair<string, string>>();
        var rest = new List<KeyValuePair<string, string>>();
        foreach (var parameter in parameters)
        {
            if (parameter.Key == "options")
            {
                result.AddRange(Switches(Split(parameter.Value)));
            }
            else
            {
                rest.Add(parameter);
            }
        }

        result.AddRange(rest);
        return result;
    }

    /// <summary>pg_split_opts: words separated by whitespace; a backslash escapes the next character.</summary>
    /// <param name="options">The options string.</param>
    /// <returns>The words.</returns>
    public static IReadOnlyList<string> Split(string options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < options.Length; i++)
        {
            var c = options[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\\' && i + 1 < options.Length)
            {
                c = options[++i];
            }

            word.Append(c);
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static IEnumerable<KeyValuePair<string, string>> Switches(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            string setting;
            var flag = "-c ";
            if (word == "-c" && i + 1 < words.Count)
            {
                setting = words[++i];
            }
            else if (word.StartsWith("-c", StringComparison.Ordinal) && word.Length > 2)
            {
                setting = word[2..];
            }
            else if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            {
                setting = word[2..];
                flag = "--";
            }
            else
            {
                throw Invalid(word);
            }

            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // ParseLongOption without a value: PostgreSQL's "-c name requires a value".
                throw new PgException(new PgError(PgSeverity.Fatal, "42601", $"{flag}{setting} requires a value"));
            }

            yield return new KeyValuePair<string, string>(setting[..equals].Replace('-', '_'), setting[(equals + 1)..]);
        }
    }

    private static PgException Invalid(string word) => new(new PgError(
        PgSeverity.Fatal, "42601", $"invalid command-line argument for server process: {word}", Hint: "Try \"postgres --help\" for more information."));
}
