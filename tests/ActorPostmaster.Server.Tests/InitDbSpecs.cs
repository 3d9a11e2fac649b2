using ActorPostmaster.Authentication;
using ActorPostmaster.Hosting;
using ActorPostmaster.Settings;
using Xunit;

namespace ActorPostmaster.Server.Tests;

/// <summary>initdb: the data directory's layout and initdb's refusals.</summary>
public sealed class InitDbSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (string Output, string Warnings) Run(InitDbOptions options)
    {
        using var output = new StringWriter();
        using var warnings = new StringWriter();
        InitDb.Run(options, output, warnings);
        return (output.ToString(), warnings.ToString());
    }

    [Fact]
    public void InitDb_should_create_the_layout_a_server_starts_from()
    {
        var dir = _temp.Combine("data");

        var (output, warnings) = Run(new InitDbOptions { DataDirectory = dir, SuperuserName = "admin", OwnerName = "alice" });

        Assert.Equal("15\n", File.ReadAllText(Path.Combine(dir, "PG_VERSION")));
        foreach (var sub in new[] { "global", "base", "base/pgsql_tmp", "pg_wal" })
        {
            Assert.True(Directory.Exists(Path.Combine(dir, sub)), sub);
        }

        Assert.StartsWith("The files belonging to this database system will be owned by user \"alice\".\n", output, StringComparison.Ordinal);
        Assert.Contains($"creating directory {dir} ... ok\n", output, StringComparison.Ordinal);
        Assert.EndsWith($"Success. You can now start the database server using:\n\n    actorpg start -D {dir}\n\n", output, StringComparison.Ordinal);
        Assert.StartsWith("initdb: warning: enabling \"trust\" authentication for local connections\n", warnings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_file_should_be_valid_settings_for_the_server()
    {
        var dir = _temp.Combine("data");
        Run(new InitDbOptions { DataDirectory = dir });

        var file = ConfigFile.Load(Path.Combine(dir, "postgresql.conf"));
        var loaded = new ServerSettings().Start(file);

        Assert.Null(file.SyntaxError);
        Assert.False(loaded.Failed, string.Join("; ", loaded.Messages.Select(m => m.Message)));
        Assert.Equal("100", loaded.Snapshot.Show("max_connections"));
        Assert.Equal("localhost", loaded.Snapshot.Show("listen_addresses"));
    }

    [Theory]
    [InlineData(null, HbaMethod.Trust)]
    [InlineData(HbaMethod.Reject, HbaMethod.Reject)]
    public void Pg_hba_conf_should_give_every_local_and_loopback_connection_the_chosen_method(HbaMethod? method, HbaMethod expected)
    {
        var dir = _temp.Combine("data");
        Run(new InitDbOptions { DataDirectory = dir, AuthMethod = method });

        var rules = HbaRules.Load(Path.Combine(dir, "pg_hba.conf"));

        Assert.True(rules.IsValid, string.Join("; ", rules.Errors.Select(e => e.Error.Message)));
        Assert.Equal(expected, rules.FindRule("127.0.0.1", "postgres", "postgres")!.Method);
        Assert.Equal(expected, rules.FindRule("::1", "postgres", "postgres")!.Method);
        Assert.Equal(expected, rules.FindRule("[local]", "postgres", "postgres")!.Method);
        Assert.Null(rules.FindRule("192.168.0.9", "postgres", "postgres"));
    }

    [Fact]
    public void The_catalog_should_hold_the_bootstrap_superuser_and_the_three_databases()
    {
        var dir = _temp.Combine("data");
        Run(new InitDbOptions { DataDirectory = dir, SuperuserName = "admin" });

        var catalog = CatalogFile.Load(Path.Combine(dir, "global", "catalog.conf"));

        var role = Assert.Single(catalog.Roles);
        Assert.Equal(new RoleSpec("admin", Superuser: true, CanLogin: true), role with { MemberOf = null });
        Assert.Empty(role.MemberOf!);
        Assert.Equal(["postgres", "template1", "template0"], catalog.Databases);
    }

    [Fact]
    public void An_existing_empty_directory_should_be_taken()
    {
        var dir = _temp.Combine("empty");
        Directory.CreateDirectory(dir);

        var (output, _) = Run(new InitDbOptions { DataDirectory = dir });

        Assert.Contains($"fixing permissions on existing directory {dir} ... ok\n", output, StringComparison.Ordinal);
        Assert.True(InitDb.IsCluster(dir));
    }

    [Fact]
    public void A_non_empty_directory_should_be_refused_and_left_alone()
    {
        var dir = _temp.Combine("full");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");

        var e = Assert.Throws<InitDbException>(() => Run(new InitDbOptions { DataDirectory = dir }));

        Assert.Equal($"directory \"{dir}\" exists but is not empty", e.Message);
        Assert.Equal(
            $"If you want to create a new database system, either remove or empty the directory \"{dir}\" or run initdb with an argument other than \"{dir}\".",
            e.Hint);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Password_authentication_without_a_password_should_be_refused()
    {
        var e = Assert.Throws<InitDbException>(() => Run(new InitDbOptions { DataDirectory = _temp.Combine("d"), AuthMethod = HbaMethod.ScramSha256 }));

        Assert.Equal("must specify a password for the superuser to enable password authentication", e.Message);
        Assert.False(Directory.Exists(_temp.Combine("d")));
    }

    [Fact]
    public void Scram_authentication_should_store_a_verifier_of_the_password_and_no_clear_text()
    {
        var pwfile = _temp.Combine("pw");
        File.WriteAllText(pwfile, "secret\n");

        Run(new InitDbOptions { DataDirectory = _temp.Combine("d"), AuthMethod = HbaMethod.ScramSha256, PasswordFile = pwfile });

        var stored = CatalogFile.Load(Path.Combine(_temp.Combine("d"), CatalogFile.RelativePath)).FindRole("postgres")!.Password!;
        Assert.True(ActorPostmaster.Protocol.ScramVerifier.Parse(stored).VerifyPlainPassword("secret"));
        Assert.False(ActorPostmaster.Protocol.ScramVerifier.Parse(stored).VerifyPlainPassword("wrong"));
        Assert.DoesNotContain("secret", File.ReadAllText(Path.Combine(_temp.Combine("d"), CatalogFile.RelativePath)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_password_file_should_be_refused()
    {
        var pwfile = _temp.Combine("pw");
        File.WriteAllText(pwfile, "\n");

        var e = Assert.Throws<InitDbException>(() => Run(new InitDbOptions { DataDirectory = _temp.Combine("d"), PasswordFile = pwfile }));

        Assert.Equal($"password file \"{pwfile}\" is empty", e.Message);
    }

    [Fact]
    public void A_superuser_name_starting_with_pg_should_be_refused()
    {
        var e = Assert.Throws<InitDbException>(() => Run(new InitDbOptions { DataDirectory = _temp.Combine("d"), SuperuserName = "pg_admin" }));

        Assert.Equal("superuser name \"pg_admin\" is disallowed; role names cannot begin with \"pg_\"", e.Message);
    }

    [Fact]
    public void A_catalog_should_survive_a_round_trip_through_its_file()
    {
        var catalog = new Catalog(
            [new RoleSpec("postgres", Superuser: true, MemberOf: []), new RoleSpec("app user", CanLogin: false, MemberOf: ["pg_signal_backend"], Password: "SCRAM-SHA-256$4096:abc=$x:y")],
            ["postgres", "my db"]);

        var parsed = CatalogFile.Parse(CatalogFile.Render(catalog));

        Assert.Equal(catalog.Databases, parsed.Databases);
        Assert.Equal(catalog.Roles.Select(r => (r.Name, r.Superuser, r.CanLogin, r.Password, string.Join(",", r.MemberOf!))),
            parsed.Roles.Select(r => (r.Name, r.Superuser, r.CanLogin, r.Password, string.Join(",", r.MemberOf!))));
    }
}
