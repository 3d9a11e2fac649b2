using System.Text;
using ActorPostmaster.Hocon;

namespace ActorPostmaster.Authentication;

/// <summary>
/// <c>global/catalog.conf</c>: the cluster's roles (pg_authid) and databases (pg_database) as HOCON, read into a
/// <see cref="Catalog"/> when the server starts.
/// </summary>
/// <remarks>
/// <code>
/// roles = [
///   { name = postgres, superuser = true, login = true, member_of = [], password = null }
///   { name = app, login = true, member_of = [pg_signal_backend], password = "SCRAM-SHA-256$4096:…" }
/// ]
/// databases = [postgres, template1, template0]
/// </code>
/// <c>superuser</c> defaults to false and <c>login</c> to true; <c>password</c> is rolpassword (a SCRAM verifier, or
/// null for none). Without <c>databases</c> the cluster has PostgreSQL's three.
/// </remarks>
public static class CatalogFile
{
    /// <summary>The file's path inside the data directory.</summary>
    public static readonly string RelativePath = Path.Combine("global", "catalog.conf");

    /// <summary>Reads a catalog file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="FormatException">The file is not a valid catalog (the message says why).</exception>
    public static Catalog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses catalog text.</summary>
    /// <param name="hocon">The HOCON document.</param>
    /// <param name="fileName">The file's name, for messages.</param>
    /// <exception cref="FormatException">The text is not a valid catalog.</exception>
    public static Catalog Parse(string hocon, string fileName = "catalog.conf")
    {
        ArgumentNullException.ThrowIfNull(hocon);
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(hocon);
        }
        catch (HoconException e)
        {
            throw new FormatException($"syntax error in file \"{fileName}\": {e.Message}", e);
        }

        var roles = new List<RoleSpec>();
        if (config.GetValue("roles") is HoconArray list)
        {
            foreach (var item in list)
            {
                if (item is not HoconObject role || Text(role, "name") is not { Length: > 0 } name)
                {
                    throw new FormatException($"every role in \"{fileName}\" needs a name");
                }

                if (roles.Any(r => r.Name == name))
                {
                    throw new FormatException($"role \"{name}\" appears twice in \"{fileName}\"");
                }

                roles.Add(new RoleSpec(
                    name,
                    Superuser: Bool(role, "superuser", false, fileName),
                    CanLogin: Bool(role, "login", true, fileName),
                    MemberOf: role.TryGetValue("member_of", out var memberOf) && memberOf is HoconArray groups
                        ? [.. groups.OfType<HoconLiteral>().Select(g => g.Value ?? string.Empty)]
                        : [],
                    Password: Text(role, "password")));
            }
        }
        else if (config.GetValue("roles") is { Kind: not HoconValueKind.Null })
        {
            throw new FormatException($"\"roles\" in \"{fileName}\" must be a list");
        }

        IReadOnlyList<string> databases = config.GetValue("databases") switch
        {
            HoconArray names => [.. names.OfType<HoconLiteral>().Select(d => d.Value ?? string.Empty)],
            null or { Kind: HoconValueKind.Null } => Catalog.Default.Databases,
            _ => throw new FormatException($"\"databases\" in \"{fileName}\" must be a list"),
        };
        return new Catalog(roles, databases);
    }

    /// <summary>The catalog as a catalog file.</summary>
    /// <param name="catalog">The catalog.</param>
    public static string Render(Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var builder = new StringBuilder();
        builder.Append("# The cluster's roles (pg_authid) and databases (pg_database), read at server start.\n");
        builder.Append("# password is rolpassword: a SCRAM-SHA-256 verifier, or null for none.\n");
        builder.Append("roles = [\n");
        foreach (var role in catalog.Roles)
        {
            builder.Append("  { name = ").Append(Quote(role.Name))
                .Append(", superuser = ").Append(role.Superuser ? "true" : "false")
                .Append(", login = ").Append(role.CanLogin ? "true" : "false")
                .Append(", member_of = [").Append(string.Join(", ", (role.MemberOf ?? []).Select(Quote))).Append(']')
                .Append(", password = ").Append(role.Password is null ? "null" : Quote(role.Password, always: true))
                .Append(" }\n");
        }

        builder.Append("]\n");
        builder.Append("databases = [").Append(string.Join(", ", catalog.Databases.Select(d => Quote(d)))).Append("]\n");
        return builder.ToString();
    }

    private static string Quote(string value) => Quote(value, always: false);

    private static string Quote(string value, bool always) =>
        !always && value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string? Text(HoconObject obj, string key) =>
        obj.TryGetValue(key, out var value) && value is HoconLiteral { Kind: not HoconValueKind.Null } literal ? literal.Value : null;

    private static bool Bool(HoconObject obj, string key, bool defaultValue, string fileName) => Text(obj, key) switch
    {
        null => defaultValue,
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        var other => throw new FormatException($"\"{key}\" in \"{fileName}\" must be true or false, not \"{other}\""),
    };
}
