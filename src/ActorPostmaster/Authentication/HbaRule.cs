using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorPostmaster.Authentication;

/// <summary>The first column of a pg_hba.conf line: which connections a rule is about.</summary>
public enum HbaConnectionType
{
    /// <summary><c>local</c>: Unix-domain socket connections.</summary>
    Local,

    /// <summary><c>host</c>: TCP/IP connections, with or without SSL.</summary>
    Host,

    /// <summary><c>hostssl</c>: TCP/IP connections with SSL (never matches: ActorPostmaster has no SSL).</summary>
    HostSsl,

    /// <summary><c>hostnossl</c>: TCP/IP connections without SSL.</summary>
    HostNoSsl,
}

/// <summary>The last column of a pg_hba.conf line: how a matching connection authenticates.</summary>
public enum HbaMethod
{
    /// <summary><c>trust</c>: no password.</summary>
    Trust,

    /// <summary><c>reject</c>: the connection is refused.</summary>
    Reject,

    /// <summary><c>scram-sha-256</c>: SCRAM-SHA-256 against the role's verifier.</summary>
    ScramSha256,

    /// <summary><c>md5</c>: MD5, or SCRAM-SHA-256 when the role's password is a SCRAM verifier.</summary>
    Md5,

    /// <summary><c>password</c>: a clear-text password.</summary>
    Password,
}

/// <summary>
/// The client address column of a <c>host</c> rule: <c>all</c>, or an IP network in CIDR notation. Bits of the address
/// beyond the prefix are ignored, as PostgreSQL masks both sides.
/// </summary>
/// <param name="Network">The address, or null for <c>all</c>.</param>
/// <param name="PrefixLength">The CIDR prefix length.</param>
public sealed record HbaAddress(IPAddress? Network, int PrefixLength)
{
    /// <summary>The address <c>all</c>: any client.</summary>
    public static HbaAddress All { get; } = new(null, 0);

    /// <summary>Parses <c>all</c> or <c>address/prefix</c>.</summary>
    /// <param name="text">The column.</param>
    /// <param name="address">The address.</param>
    /// <param name="error">PostgreSQL's message (a LOG line of class F0000) when it is not valid.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool TryParse(string text, out HbaAddress address, out PgError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = All;
        error = null;
        if (text == "all")
        {
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var ipText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(ipText, out var ip) || ipText.Contains('%', StringComparison.Ordinal))
        {
            error = slash < 0
                ? ConfigError($"host name \"{text}\" is not supported", "ActorPostmaster matches client addresses by IP network only.")
                : ConfigError($"invalid IP address \"{ipText}\"");
            return false;
        }

        if (slash < 0)
        {
            error = ConfigError("end-of-line before netmask specification", "Specify an address range in CIDR notation, or provide a separate netmask.");
            return false;
        }

        var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > bits)
        {
            error = ConfigError($"invalid CIDR mask in address \"{text}\"");
            return false;
        }

        address = new HbaAddress(ip, prefix);
        return true;
    }

    private static PgError ConfigError(string message, string? hint = null) => new(PgSeverity.Log, "F0000", message, Hint: hint);

    /// <summary>Whether <paramref name="client"/> is in the network (families must agree; IPv4-mapped IPv6 counts as IPv4).</summary>
    /// <param name="client">The client's address.</param>
    public bool Contains(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Network is null)
        {
            return true;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        var a = client.GetAddressBytes();
        var b = Network.GetAddressBytes();
        var full = PrefixLength / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        var rest = PrefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (b[full] & mask);
    }

    /// <inheritdoc />
    public override string ToString() => Network is null ? "all" : $"{Network}/{PrefixLength}";
}

/// <summary>One rule of pg_hba.conf.</summary>
/// <param name="Line">The line of the file it was written on (for messages), or its position in the list when unknown.</param>
/// <param name="Type">The connection type.</param>
/// <param name="Databases">
/// The database column: names, or the keywords <c>all</c>, <c>sameuser</c>, <c>samerole</c> (<c>samegroup</c>) and
/// <c>replication</c>.
/// </param>
/// <param name="Users">The user column: names, <c>+role</c> for the members of a role, or <c>all</c>.</param>
/// <param name="Address">The client address (null for <c>local</c>).</param>
/// <param name="Method">The authentication method.</param>
public sealed record HbaRule(
    int Line, HbaConnectionType Type, IReadOnlyList<string> Databases, IReadOnlyList<string> Users, HbaAddress? Address, HbaMethod Method)
{
    /// <summary>The method as pg_hba.conf spells it.</summary>
    public string MethodName => HbaRules.MethodName(Method);
}
