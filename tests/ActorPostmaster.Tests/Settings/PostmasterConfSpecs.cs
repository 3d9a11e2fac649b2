using ActorPostmaster.Settings;
using Xunit;

namespace ActorPostmaster.Tests.Settings;

/// <summary>hocon/postmaster.conf documents exactly the registry: every setting once, with the registry's default.</summary>
public sealed class PostmasterConfSpecs
{
    private static readonly string ConfPath = Path.Combine(FindRepositoryRoot(), "hocon", "postmaster.conf");

    private static readonly string[] Lines = File.ReadAllLines(ConfPath);

    private static readonly ConfigFile Conf = ConfigFile.Load(ConfPath);

    public static TheoryData<string> SettingNames() => [.. SettingsRegistry.Default.All.Select(d => d.Name)];

    [Fact]
    public void The_file_should_parse_as_HOCON()
    {
        Assert.Null(Conf.SyntaxError);
        Assert.NotEmpty(Conf.Entries);
    }

    [Fact]
    public void The_file_should_list_every_registered_setting_once_and_nothing_else()
    {
        var listed = Conf.Entries.Select(e => e.Name).ToList();

        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            SettingsRegistry.Default.All.Select(d => d.Name).Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SettingNames))]
    public void Each_setting_should_have_the_registrys_default_in_the_file(string name)
    {
        var definition = SettingsRegistry.Default.Get(name);
        var entry = Assert.Single(Conf.Entries, e => e.Name == name);

        Assert.Equal(definition.DefaultValue, definition.Parse(entry.Value));
    }

    [Theory]
    [MemberData(nameof(SettingNames))]
    public void Each_setting_should_be_documented_like_postgresql_conf_sample(string name)
    {
        var definition = SettingsRegistry.Default.Get(name);
        var index = Array.FindIndex(Lines, l => l.TrimStart().StartsWith(name + " = ", StringComparison.Ordinal));
        Assert.True(index > 0, $"{name} is not in the file");
        var comments = Lines[..index].Reverse().TakeWhile(l => l.TrimStart().StartsWith('#')).ToList();

        Assert.Contains("# " + definition.Description, comments.Select(c => c.Trim()));
        Assert.Equal(definition.Context == GucContext.Postmaster, Lines[index].EndsWith("# (change requires restart)", StringComparison.Ordinal));
        Assert.Equal(definition.Context == GucContext.Internal, Lines[index].Contains("(read-only", StringComparison.Ordinal));
        Assert.Equal(definition.IsExtension, comments.Any(c => c.Contains("ActorPostmaster extension", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_server_started_with_the_file_minus_its_read_only_settings_should_show_the_defaults()
    {
        var settable = Conf.Entries.Where(e =>
            SettingsRegistry.Default.Get(e.Name) is { Context: not GucContext.Internal } d &&
            (d.Flags & (SettingFlags.DisallowInFile | SettingFlags.TransactionScoped)) == 0);
        var server = new ServerSettings();

        var result = server.Start(ConfigFile.FromEntries(ConfPath, settable));

        Assert.False(result.Failed, string.Join("\n", result.Messages));
        Assert.Empty(result.Messages);
        var defaults = new ServerSettings();
        defaults.Start();
        foreach (var definition in SettingsRegistry.Default.All)
        {
            Assert.Equal(defaults.Show(definition.Name), server.Show(definition.Name));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorPostmaster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ActorPostmaster.sln not found above " + AppContext.BaseDirectory);
    }
}
