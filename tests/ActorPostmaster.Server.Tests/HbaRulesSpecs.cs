using System.Net;
using ActorPostmaster.Authentication;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>pg_hba.conf as HOCON: parsing (hba.c: parse_hba_line) and matching (check_hba).</summary>
public sealed class HbaRulesSpecs
{
    private const string File = """
        # comment
        hba = [
          { type = local, database = all, user = all, method = trust }
          { type = host, database = reports, user = "+readers", address = "10.0.0.0/8", method = scram-sha-256 }
          { type = host, database = all, user = mallory, address = all, method = reject }
          { type = host, database = [app, sameuser], user = all, address = "127.0.0.1/32", method = md5 }
          { type = hostnossl, database = samerole, user = all, address = "::1/128", method = password }
          { type = hostssl, database = all, user = all, address = all, method = trust }
        ]
        """;

    private static readonly Catalog Roles = new(
        [
            new RoleSpec("postgres", Superuser: true),
            new RoleSpec("alice", MemberOf: ["readers"]),
            new RoleSpec("readers", CanLogin: false),
            new RoleSpec("bob"),
            new RoleSpec("mallory"),
        ],
        ["postgres", "app", "reports", "readers"]);

    private static HbaRules Rules => HbaRules.Parse(File, "/data/pg_hba.conf");

    [Fact]
    public void A_valid_file_should_give_its_rules_in_order_with_their_lines()
    {
        var rules = Rules;

        Assert.True(rules.IsValid);
        Assert.Equal([3, 4, 5, 6, 7, 8], rules.Rules.Select(r => r.Line));
        Assert.Equal(
            [HbaConnectionType.Local, HbaConnectionType.Host, HbaConnectionType.Host, HbaConnectionType.Host, HbaConnectionType.HostNoSsl, HbaConnectionType.HostSsl],
            rules.Rules.Select(r => r.Type));
        Assert.Equal(["app", "sameuser"], rules.Rules[3].Databases);
        Assert.Equal(HbaMethod.ScramSha256, rules.Rules[1].Method);
        Assert.Equal("10.0.0.0/8", rules.Rules[1].Address!.ToString());
    }

    [Theory]
    [InlineData("[local]", "bob", "app", 3)]
    [InlineData("10.1.2.3", "alice", "reports", 4)]  // +readers: alice is a member
    [InlineData("10.1.2.3", "readers", "reports", 4)] // a role is a member of itself
    [InlineData("127.0.0.1", "mallory", "app", 5)]   // first match wins: the reject comes before the md5 rule
    [InlineData("127.0.0.1", "bob", "app", 6)]
    [InlineData("127.0.0.1", "bob", "bob", 6)]       // sameuser
    [InlineData("::1", "alice", "readers", 7)]       // samerole
    [InlineData("::ffff:127.0.0.1", "bob", "app", 6)] // IPv4-mapped IPv6 counts as IPv4
    public void The_first_matching_rule_should_decide(string host, string user, string database, int line)
    {
        Assert.Equal(line, Rules.FindRule(host, user, database, Roles)?.Line);
    }

    [Theory]
    [InlineData("10.1.2.3", "bob", "reports")]      // not a member of readers
    [InlineData("10.1.2.3", "postgres", "reports")] // superuser status does not make a member
    [InlineData("127.0.0.1", "bob", "postgres")]    // database not listed
    [InlineData("192.168.1.1", "bob", "app")]       // no network matches; hostssl never does
    [InlineData("::1", "bob", "app")]               // bob is no member of a role named app
    public void A_connection_no_rule_matches_should_get_the_no_entry_FATAL(string host, string user, string database)
    {
        var check = Rules.Check(host, user, database, Roles);

        Assert.Null(check.Rule);
        Assert.Equal(PgSeverity.Fatal, check.Error!.Severity);
        Assert.Equal("28000", check.Error.SqlState);
        Assert.Equal($"no pg_hba.conf entry for host \"{host}\", user \"{user}\", database \"{database}\", no encryption", check.Error.Message);
    }

    [Fact]
    public void A_reject_rule_should_give_the_rejects_FATAL()
    {
        var check = Rules.Check("192.168.1.1", "mallory", "app", Roles);

        Assert.Equal(5, check.Rule!.Line);
        Assert.Equal("28000", check.Error!.SqlState);
        Assert.Equal("pg_hba.conf rejects connection for host \"192.168.1.1\", user \"mallory\", database \"app\", no encryption", check.Error.Message);
    }

    [Fact]
    public void A_trust_rule_should_let_the_client_go_on()
    {
        var check = Rules.Check("[local]", "bob", "app", Roles);

        Assert.Null(check.Error);
        Assert.Equal(HbaMethod.Trust, check.Rule!.Method);
    }

    [Fact]
    public void The_replication_keyword_should_match_no_ordinary_connection()
    {
        var rules = HbaRules.Parse("hba = [ { type = host, database = replication, user = all, address = all, method = trust } ]");

        Assert.Null(rules.FindRule("127.0.0.1", "bob", "replication"));
    }

    [Fact]
    public void A_comma_separated_column_should_be_split_as_PostgreSQL_splits_it()
    {
        var rules = HbaRules.Parse("hba = [ { type = host, database = \"a,b\", user = \"x, y\", address = all, method = trust } ]");

        Assert.Equal(["a", "b"], rules.Rules[0].Databases);
        Assert.Equal(["x", "y"], rules.Rules[0].Users);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.0.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3/8", "10.9.9.9", true)] // host bits beyond the prefix are ignored
    [InlineData("192.168.1.0/25", "192.168.1.127", true)]
    [InlineData("192.168.1.0/25", "192.168.1.128", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("fe80::/10", "fe80::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("127.0.0.1/32", "::1", false)] // families must agree
    public void A_CIDR_address_should_contain_exactly_its_network(string cidr, string client, bool contained)
    {
        Assert.True(HbaAddress.TryParse(cidr, out var address, out _));

        Assert.Equal(contained, address.Contains(IPAddress.Parse(client)));
    }

    [Theory]
    [InlineData("{ type = tcp, database = all, user = all, address = all, method = trust }", "invalid connection type \"tcp\"")]
    [InlineData("{ type = host, user = all, address = all, method = trust }", "end-of-line before database specification")]
    [InlineData("{ type = host, database = all, address = all, method = trust }", "end-of-line before role specification")]
    [InlineData("{ type = host, database = all, user = all, method = trust }", "end-of-line before IP address specification")]
    [InlineData("{ type = host, database = all, user = all, address = all }", "end-of-line before authentication method")]
    [InlineData("{ type = host, database = all, user = all, address = \"127.0.0.1\", method = trust }", "end-of-line before netmask specification")]
    [InlineData("{ type = host, database = all, user = all, address = \"10.0.0.0/33\", method = trust }", "invalid CIDR mask in address \"10.0.0.0/33\"")]
    [InlineData("{ type = host, database = all, user = all, address = \"10.0.0.256/8\", method = trust }", "invalid IP address \"10.0.0.256\"")]
    [InlineData("{ type = host, database = all, user = all, address = all, method = magic }", "invalid authentication method \"magic\"")]
    [InlineData("{ type = host, database = all, user = all, address = all, method = ldap }", "invalid authentication method \"ldap\": not supported by this build")]
    public void An_invalid_rule_should_invalidate_the_whole_file_with_PostgreSQLs_message(string rule, string message)
    {
        var rules = HbaRules.Parse($"hba = [\n  {{ type = local, database = all, user = all, method = trust }}\n  {rule}\n]\n", "/data/pg_hba.conf");

        Assert.False(rules.IsValid);
        Assert.Empty(rules.Rules);
        var error = Assert.Single(rules.Errors);
        Assert.Equal(message, error.Error.Message);
        Assert.Equal("F0000", error.Error.SqlState);
        Assert.Equal("line 3 of configuration file \"/data/pg_hba.conf\"", error.Context);
    }

    [Fact]
    public void A_file_without_rules_should_contain_no_entries()
    {
        var rules = HbaRules.Parse("hba = []", "/data/pg_hba.conf");

        Assert.Equal("configuration file \"/data/pg_hba.conf\" contains no entries", Assert.Single(rules.Errors).Error.Message);
    }

    [Fact]
    public void A_syntax_error_should_be_reported_with_its_line()
    {
        var rules = HbaRules.Parse("hba = [\n  { type = local\n", "/data/pg_hba.conf");

        Assert.StartsWith("syntax error in file \"/data/pg_hba.conf\" line", Assert.Single(rules.Errors).Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_rules_should_parse_back_to_the_same_rules()
    {
        var rendered = HbaRules.Render(Rules.Rules);

        var parsed = HbaRules.Parse(rendered);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.Error.Message)));
        Assert.Equal(
            Rules.Rules.Select(r => (r.Type, string.Join(",", r.Databases), string.Join(",", r.Users), r.Address?.ToString(), r.Method)),
            parsed.Rules.Select(r => (r.Type, string.Join(",", r.Databases), string.Join(",", r.Users), r.Address?.ToString(), r.Method)));
    }
}
