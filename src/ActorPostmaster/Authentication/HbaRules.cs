using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ActorPostmaster.Hocon;

namespace ActorPostmaster.Authentication;

/// <summary>A pg_hba.conf line that could not be parsed: PostgreSQL's LOG line and its CONTEXT.</summary>
/// <param name="Error">The message (severity LOG, SQLSTATE F0000).</param>
/// <param name="Context">The CONTEXT line: <c>line N of configuration file "…"</c>; null when the file could not be read.</param>
public sealed record HbaParseError(PgError Error, string? Context);

/// <summary>The outcome of <see cref="HbaRules.Check"/>: the matching rule, or the FATAL the client gets.</summary>
/// <param name="Rule">The first rule that matches, or null.</param>
/// <param name="Error">
/// FATAL 28000 when no rule matches or the matching rule is <c>reject</c>; null when the client goes on to
/// <see cref="HbaRule.Method"/>.
/// </param>
public sealed record HbaCheck(HbaRule? Rule, PgError? Error);

/// <summary>
/// pg_hba.conf as HOCON: a list of rules under <c>hba</c>, each an object with <c>type</c>, <c>database</c>,
/// <c>user</c>, <c>address</c> (host rules) and <c>method</c>. The first rule whose connection type, client address,
/// database and user match decides how the client authenticates (hba.c: check_hba); no match is a FATAL, as is a
/// <c>reject</c> rule.
/// </summary>
/// <remarks>
/// <code>
/// hba = [
///   { type = local, database = all, user = all, method = trust }
///   { type = host, database = [app, reports], user = "+readers", address = "10.0.0.0/8", method = scram-sha-256 }
///   { type = host, database = all, user = all, address = all, method = reject }
/// ]
/// </code>
/// <para>
/// <c>database</c> and <c>user</c> take one value or a list (a string with commas is split, as PostgreSQL splits
/// its columns). Keywords: <c>all</c>; for databases <c>sameuser</c>, <c>samerole</c> (<c>samegroup</c>) and
/// <c>replication</c> (which matches replication connections only, and ActorPostmaster has none); for users
/// <c>+role</c>, the members of a role (a role is a member of itself; superuser status does not count). Addresses are
/// <c>all</c> or CIDR networks; host names, <c>samehost</c> and <c>samenet</c> are not supported. <c>hostssl</c> rules
/// never match (there is no SSL) and <c>hostnossl</c> rules match every TCP connection.
/// </para>
/// <para>
/// A file with any invalid rule is not loaded at all, as in PostgreSQL: the server refuses to start
/// (<c>could not load pg_hba.conf</c>), and a reload keeps the previous rules (<c>pg_hba.conf was not reloaded</c>).
/// </para>
/// </remarks>
public sealed partial class HbaRules
{
    /// <summary>The HOCON key holding the rule list.</summary>
    public const string Section = "hba";

    /// <summary>The file's usual name, as messages quote it.</summary>
    public const string DefaultFileName = "pg_hba.conf";

    private static readonly string[] Keys = ["type", "database", "user", "address", "method"];

    private HbaRules(string fileName, IReadOnlyList<HbaRule> rules, IReadOnlyList<HbaParseError> errors)
    {
        FileName = fileName;
        Rules = rules;
        Errors = errors;
    }

    /// <summary>Rules that let everyone in without a password: local and host connections from anywhere, all databases.</summary>
    public static HbaRules TrustAll { get; } = FromRules(
    [
        new HbaRule(1, HbaConnectionType.Local, ["all"], ["all"], null, HbaMethod.Trust),
        new HbaRule(2, HbaConnectionType.Host, ["all"], ["all"], HbaAddress.All, HbaMethod.Trust),
    ]);

    /// <summary>The file's name as messages quote it.</summary>
    public string FileName { get; }

    /// <summary>The rules in file order (empty when <see cref="Errors"/> is not).</summary>
    public IReadOnlyList<HbaRule> Rules { get; }

    /// <summary>What was wrong with the file; any error means the file must not be used.</summary>
    public IReadOnlyList<HbaParseError> Errors { get; }

    /// <summary>Whether the file was loaded without errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Rules given in code.</summary>
    /// <param name="rules">The rules, in order.</param>
    /// <param name="fileName">The name messages use.</param>
    public static HbaRules FromRules(IEnumerable<HbaRule> rules, string fileName = DefaultFileName)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(fileName);
        return new HbaRules(fileName, [.. rules], []);
    }

    /// <summary>Reads a pg_hba.conf file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HbaRules Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath, Encoding.UTF8), fullPath);
    }

    /// <summary>Parses pg_hba.conf text.</summary>
    /// <param name="hocon">The HOCON document.</param>
    /// <param name="fileName">The file's name, for CONTEXT lines.</param>
    public static HbaRules Parse(string hocon, string fileName = DefaultFileName)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        ArgumentNullException.ThrowIfNull(fileName);
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(hocon, Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? AppContext.BaseDirectory);
        }
        catch (HoconException e)
        {
            var line = e is HoconParseException p ? p.Line : 0;
            var reason = e is HoconParseException q ? q.Reason : e.Message;
            return Failed(fileName, line, $"syntax error in file \"{fileName}\" line {line}, near {reason}");
        }

        if (config.GetValue(Section) is not HoconArray list)
        {
            return config.GetValue(Section) is null or { Kind: HoconValueKind.Null }
                ? Failed(fileName, 1, $"configuration file \"{fileName}\" contains no entries")
                : Failed(fileName, 1, $"\"{Section}\" in configuration file \"{fileName}\" must be a list of rules");
        }

        if (list.Count == 0)
        {
            return Failed(fileName, 1, $"configuration file \"{fileName}\" contains no entries");
        }

        var lines = RuleLines(hocon, list.Count);
        var rules = new List<HbaRule>();
        var errors = new List<HbaParseError>();
        for (var i = 0; i < list.Count; i++)
        {
            var line = lines[i];
            if (ParseRule(list[i], line, out var error) is { } rule)
            {
                rules.Add(rule);
            }
            else
            {
                errors.Add(new HbaParseError(error!, Context(line, fileName)));
            }
        }

        return errors.Count > 0 ? new HbaRules(fileName, [], errors) : new HbaRules(fileName, rules, []);
    }

    /// <summary>The first rule that matches a connection (check_hba), or null.</summary>
    /// <param name="remoteHost">The client's address, or <c>[local]</c> for a Unix-domain socket.</param>
    /// <param name="user">The user name of the startup packet.</param>
    /// <param name="database">The database name of the startup packet.</param>
    /// <param name="catalog">The roles, for <c>+role</c> and <c>samerole</c>; null when no role is a member of another.</param>
    public HbaRule? FindRule(string remoteHost, string user, string database, Catalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(remoteHost);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(database);
        var local = remoteHost == "[local]";
        IPAddress? address = null;
        if (!local && IPAddress.TryParse(remoteHost, out var parsed))
        {
            address = parsed;
        }

        foreach (var rule in Rules)
        {
            var typeMatches = rule.Type switch
            {
                HbaConnectionType.Local => local,
                HbaConnectionType.Host or HbaConnectionType.HostNoSsl => !local,
                _ => false, // hostssl: no connection uses SSL
            };
            if (!typeMatches)
            {
                continue;
            }

            if (!local && rule.Address is { Network: not null } network && (address is null || !network.Contains(address)))
            {
                continue;
            }

            if (MatchesDatabase(rule, user, database, catalog) && MatchesUser(rule, user, catalog))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// ClientAuthentication's first step: the rule that decides, or the FATAL 28000 the client gets when there is none
    /// (<c>no pg_hba.conf entry for host …</c>) or it is <c>reject</c> (<c>pg_hba.conf rejects connection for host …</c>).
    /// </summary>
    /// <param name="remoteHost">The client's address, or <c>[local]</c>.</param>
    /// <param name="user">The user name.</param>
    /// <param name="database">The database name.</param>
    /// <param name="catalog">The roles, for <c>+role</c> and <c>samerole</c>.</param>
    public HbaCheck Check(string remoteHost, string user, string database, Catalog? catalog = null)
    {
        var rule = FindRule(remoteHost, user, database, catalog);
        if (rule is null)
        {
            return new HbaCheck(null, new PgError(
                PgSeverity.Fatal, "28000", $"no pg_hba.conf entry for host \"{remoteHost}\", user \"{user}\", database \"{database}\", no encryption"));
        }

        if (rule.Method == HbaMethod.Reject)
        {
            return new HbaCheck(rule, new PgError(
                PgSeverity.Fatal, "28000", $"pg_hba.conf rejects connection for host \"{remoteHost}\", user \"{user}\", database \"{database}\", no encryption"));
        }

        return new HbaCheck(rule, null);
    }

    /// <summary>A method as pg_hba.conf spells it.</summary>
    /// <param name="method">The method.</param>
    public static string MethodName(HbaMethod method) => method switch
    {
        HbaMethod.Trust => "trust",
        HbaMethod.Reject => "reject",
        HbaMethod.ScramSha256 => "scram-sha-256",
        HbaMethod.Md5 => "md5",
        HbaMethod.Password => "password",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>Parses a method name (<c>trust</c>, <c>reject</c>, <c>scram-sha-256</c>, <c>md5</c>, <c>password</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="method">The method.</param>
    /// <returns>Whether the name is one ActorPostmaster supports.</returns>
    public static bool TryParseMethod(string name, out HbaMethod method)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in Enum.GetValues<HbaMethod>())
        {
            if (MethodName(candidate) == name)
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }

    /// <summary>The rule list as a pg_hba.conf document (the <c>hba</c> list, one rule per line).</summary>
    /// <param name="rules">The rules.</param>
    public static string Render(IEnumerable<HbaRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var builder = new StringBuilder();
        builder.Append(Section).Append(" = [\n");
        foreach (var rule in rules)
        {
            builder.Append("  ").Append(Render(rule)).Append('\n');
        }

        return builder.Append("]\n").ToString();
    }

    /// <summary>One rule as its HOCON object (what the auth-failure DETAIL quotes as the matched line).</summary>
    /// <param name="rule">The rule.</param>
    public static string Render(HbaRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var address = rule.Address is { } a ? ", address = " + Quote(a.ToString()) : string.Empty;
        return $"{{ type = {TypeName(rule.Type)}, database = {Column(rule.Databases)}, user = {Column(rule.Users)}{address}, method = {rule.MethodName} }}";
    }

    private static string TypeName(HbaConnectionType type) => type switch
    {
        HbaConnectionType.Local => "local",
        HbaConnectionType.Host => "host",
        HbaConnectionType.HostSsl => "hostssl",
        _ => "hostnossl",
    };

    private static string Column(IReadOnlyList<string> values) =>
        values.Count == 1 ? Quote(values[0]) : "[" + string.Join(", ", values.Select(Quote)) + "]";

    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? value : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A file that could not be read: no rules, one error.</summary>
    /// <param name="fileName">The file.</param>
    /// <param name="message">Why (PostgreSQL's <c>could not open configuration file "…": …</c>).</param>
    internal static HbaRules Unreadable(string fileName, string message) => Failed(fileName, 0, message);

    private static HbaRules Failed(string fileName, int line, string message) =>
        new(fileName, [], [new HbaParseError(new PgError(PgSeverity.Log, "F0000", message), Context(line, fileName))]);

    private static string? Context(int line, string fileName) => line > 0 ? $"line {line} of configuration file \"{fileName}\"" : null;

    private static HbaRule? ParseRule(HoconValue value, int line, out PgError? error)
    {
        error = null;
        if (value is not HoconObject rule)
        {
            error = ConfigError("a pg_hba.conf rule must be an object with type, database, user, address and method");
            return null;
        }

        if (rule.Keys.FirstOrDefault(k => !Keys.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            error = ConfigError($"unrecognized field \"{unknown}\" in pg_hba.conf rule", "The fields are type, database, user, address and method.");
            return null;
        }

        var typeText = Text(rule, "type");
        HbaConnectionType type;
        switch (typeText)
        {
            case null:
                error = ConfigError("missing connection type");
                return null;
            case "local":
                type = HbaConnectionType.Local;
                break;
            case "host":
                type = HbaConnectionType.Host;
                break;
            case "hostssl":
                type = HbaConnectionType.HostSsl;
                break;
            case "hostnossl":
                type = HbaConnectionType.HostNoSsl;
                break;
            default:
                error = ConfigError($"invalid connection type \"{typeText}\"");
                return null;
        }

        var databases = List(rule, "database");
        if (databases.Count == 0)
        {
            error = ConfigError("end-of-line before database specification");
            return null;
        }

        var users = List(rule, "user");
        if (users.Count == 0)
        {
            error = ConfigError("end-of-line before role specification");
            return null;
        }

        HbaAddress? address = null;
        var addressText = Text(rule, "address");
        if (type == HbaConnectionType.Local)
        {
            if (addressText is not null)
            {
                error = ConfigError("a local rule has no address", "Local rules are for Unix-domain socket connections; remove the address.");
                return null;
            }
        }
        else if (addressText is null)
        {
            error = ConfigError("end-of-line before IP address specification");
            return null;
        }
        else if (!HbaAddress.TryParse(addressText, out var parsed, out error))
        {
            return null;
        }
        else
        {
            address = parsed;
        }

        var methodText = Text(rule, "method");
        if (methodText is null)
        {
            error = ConfigError("end-of-line before authentication method");
            return null;
        }

        if (!TryParseMethod(methodText, out var method))
        {
            error = methodText is "gss" or "sspi" or "ident" or "peer" or "pam" or "ldap" or "cert" or "radius" or "bsd"
                ? ConfigError($"invalid authentication method \"{methodText}\": not supported by this build")
                : ConfigError($"invalid authentication method \"{methodText}\"");
            return null;
        }

        return new HbaRule(line, type, databases, users, address, method);
    }

    private static PgError ConfigError(string message, string? hint = null) => new(PgSeverity.Log, "F0000", message, Hint: hint);

    private static string? Text(HoconObject rule, string key) =>
        rule.TryGetValue(key, out var value) && value is HoconLiteral { Kind: not HoconValueKind.Null } literal ? literal.Value : null;

    private static List<string> List(HoconObject rule, string key)
    {
        if (!rule.TryGetValue(key, out var value))
        {
            return [];
        }

        IEnumerable<string?> items = value switch
        {
            HoconArray array => array.Select(item => item is HoconLiteral literal ? literal.Value : null),
            HoconLiteral { Kind: not HoconValueKind.Null } literal => (literal.Value ?? string.Empty).Split(','),
            _ => [],
        };
        return [.. items.Select(item => item?.Trim()).Where(item => !string.IsNullOrEmpty(item)).Select(item => item!)];
    }

    /// <summary>The line of each rule: the n-th line with a <c>type</c> field (rules are written one per line); else the rule's number.</summary>
    private static int[] RuleLines(string hocon, int count)
    {
        var found = new List<int>();
        var lines = hocon.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            var comment = text.IndexOf('#', StringComparison.Ordinal);
            if (comment >= 0)
            {
                text = text[..comment];
            }

            found.AddRange(Enumerable.Repeat(i + 1, TypeField().Count(text)));
        }

        return [.. Enumerable.Range(0, count).Select(i => found.Count == count ? found[i] : i + 1)];
    }

    private static bool MatchesDatabase(HbaRule rule, string user, string database, Catalog? catalog)
    {
        foreach (var token in rule.Databases)
        {
            var matches = token switch
            {
                "all" => true,
                "sameuser" => database == user,
                "samerole" or "samegroup" => IsMember(catalog, user, database),
                "replication" => false, // matches only replication connections
                _ => token == database,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesUser(HbaRule rule, string user, Catalog? catalog)
    {
        foreach (var token in rule.Users)
        {
            var matches = token == "all"
                || (token.StartsWith('+') ? IsMember(catalog, user, token[1..]) : token == user);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>is_member (hba.c): membership in a role that exists, the role itself included, superuser status not counted.</summary>
    private static bool IsMember(Catalog? catalog, string user, string role)
    {
        if (catalog?.FindRole(role) is null || catalog.FindRole(user) is not { } member)
        {
            return false;
        }

        return member.Name == role || (member.MemberOf?.Contains(role, StringComparer.Ordinal) ?? false);
    }

    [GeneratedRegex(@"(?:^|[\s{,])""?type""?\s*[=:]", RegexOptions.CultureInvariant)]
    private static partial Regex TypeField();

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FileName}: {Rules.Count} rules{(IsValid ? string.Empty : $", {Errors.Count} errors")}");
}
