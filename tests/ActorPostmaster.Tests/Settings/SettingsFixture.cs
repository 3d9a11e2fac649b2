using ActorPostmaster.Settings;
using Xunit;

namespace ActorPostmaster.Tests.Settings;

/// <summary>Builds started servers and sessions for the settings specs.</summary>
internal static class SettingsFixture
{
    public static ServerSettings StartedServer(ConfigFile? file = null, params (string Name, string Value)[] commandLine)
    {
        var server = new ServerSettings();
        var result = server.Start(file, commandLine.Select(c => KeyValuePair.Create(c.Name, c.Value)));
        Assert.False(result.Failed, string.Join("\n", result.Messages));
        return server;
    }

    public static SessionSettings Session(bool superuser = true, ServerSettings? server = null, IRoleLookup? roles = null) =>
        new((server ?? StartedServer()).Snapshot, superuser ? "postgres" : "alice", superuser, roles);

    public static PgError Error(Action action)
    {
        var e = Assert.Throws<PgException>(action);
        return e.Error;
    }

    public static string ShowValue(this SessionSettings session, string name) => session.Show(name).Value;

    public static string ShowValue(this ServerSettings server, string name) => server.Show(name);

    public static string[] Lines(this SettingsLoadResult result) =>
        [.. result.Messages.Select(m => $"{m.SeverityText}:  {m.Message}")];
}

/// <summary>A role catalog for the specs: postgres (superuser), alice, bob (member of alice), reader (pg_read_all_settings).</summary>
internal sealed class TestRoles : IRoleLookup
{
    private static readonly Dictionary<string, RoleInfo> Roles = new()
    {
        ["postgres"] = new RoleInfo("postgres", true),
        ["admin2"] = new RoleInfo("admin2", true),
        ["alice"] = new RoleInfo("alice", false),
        ["bob"] = new RoleInfo("bob", false),
        ["reader"] = new RoleInfo("reader", false),
    };

    public RoleInfo? FindRole(string name) => Roles.GetValueOrDefault(name);

    public bool IsMemberOf(string member, string role) =>
        (member, role) is ("bob", "alice") or ("reader", "pg_read_all_settings");
}
