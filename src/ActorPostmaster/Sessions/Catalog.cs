namespace ActorPostmaster;

/// <summary>A role (pg_authid).</summary>
/// <param name="Name">The role name.</param>
/// <param name="Superuser">rolsuper.</param>
/// <param name="CanLogin">rolcanlogin.</param>
/// <param name="MemberOf">Roles it is a member of (e.g. pg_signal_backend, pg_use_reserved_connections).</param>
/// <param name="Password">A password for password authentication, or null.</param>
public sealed record RoleSpec(string Name, bool Superuser = false, bool CanLogin = true, IReadOnlyList<string>? MemberOf = null, string? Password = null)
{
    /// <summary>Whether the role has the privileges of <paramref name="role"/> (itself, membership, or superuser).</summary>
    /// <param name="role">The other role.</param>
    public bool HasPrivilegesOf(string role) =>
        Superuser || string.Equals(Name, role, StringComparison.Ordinal) || (MemberOf?.Contains(role, StringComparer.Ordinal) ?? false);
}

/// <summary>The roles and databases a cluster knows (the catalogs that matter for connecting). They live on "disk": a crash keeps them.</summary>
/// <param name="Roles">The roles.</param>
/// <param name="Databases">The databases.</param>
public sealed record Catalog(IReadOnlyList<RoleSpec> Roles, IReadOnlyList<string> Databases) : Settings.IRoleLookup
{
    /// <summary>A fresh cluster: the superuser <c>postgres</c>, and the databases <c>postgres</c>, <c>template1</c> and <c>template0</c>.</summary>
    public static Catalog Default { get; } = new([new RoleSpec("postgres", Superuser: true)], ["postgres", "template1", "template0"]);

    /// <summary>The role named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name.</param>
    public RoleSpec? FindRole(string name) => Roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <inheritdoc />
    Settings.RoleInfo? Settings.IRoleLookup.FindRole(string name) => FindRole(name) is { } role ? new Settings.RoleInfo(role.Name, role.Superuser) : null;

    /// <inheritdoc />
    public bool IsMemberOf(string member, string role) => FindRole(member)?.HasPrivilegesOf(role) ?? false;

    /// <summary>A copy with one more role.</summary>
    /// <param name="role">The role.</param>
    public Catalog WithRole(RoleSpec role) => this with { Roles = [.. Roles, role] };
}
