using System.Reflection;
using ActorPostmaster.Interop.Harness;
using Xunit.Sdk;

namespace ActorPostmaster.Interop.Tests;

/// <summary>
/// The servers a test body runs against. PostgreSQL 15 always; actorpg when the switch <see cref="SwitchVariable"/>
/// (<c>ACTORPG_INTEROP</c>) says so: <c>1</c> = run (and fail if actorpg.dll is missing), <c>0</c> = skip, unset =
/// run exactly when <c>src/ActorPostmaster.Server/bin/{Release,Debug}/net10.0/actorpg.dll</c> (or <c>$ACTORPG_DLL</c>) exists.
/// This is the only place that decides whether actorpg is tested.
/// </summary>
public static class InteropTargets
{
    /// <summary>The target name of real PostgreSQL 15.</summary>
    public const string Postgres = "postgres";

    /// <summary>The target name of actorpg.</summary>
    public const string ActorPg = "actorpg";

    /// <summary>The switch.</summary>
    public const string SwitchVariable = "ACTORPG_INTEROP";

    /// <summary>Null when actorpg is to be tested, else why not.</summary>
    public static string? ActorPgSkipReason
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(SwitchVariable);
            if (value == "1")
            {
                return null;
            }

            if (value == "0")
            {
                return $"actorpg target disabled ({SwitchVariable}=0)";
            }

            return ActorPgServer.LocateDll() is null
                ? $"actorpg target skipped: no src/ActorPostmaster.Server/bin/*/net10.0/actorpg.dll yet (set {SwitchVariable}=1 to force)"
                : null;
        }
    }

    /// <summary>Starts a fresh server of the given target.</summary>
    public static async Task<ITestServer> StartAsync(string target, ServerOptions? options = null) => target switch
    {
        Postgres => await ThrowawayPostgres.StartAsync(options).ConfigureAwait(false),
        ActorPg => await ActorPgServer.StartAsync(options).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown target"),
    };
}

/// <summary>
/// Supplies the row <c>("postgres", extra...)</c> to a theory whose first parameter is the target name; repeat the
/// attribute for more rows.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgresTargetAttribute(params object[] extra) : DataAttribute
{
    /// <summary>The values after the target name.</summary>
    public IReadOnlyList<object> Extra { get; } = extra;

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[InteropTargets.Postgres, .. Extra]];
}

/// <summary>
/// Supplies the row <c>("actorpg", extra...)</c>, skipped unless <see cref="InteropTargets.ActorPgSkipReason"/> is null.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ActorPgTargetAttribute : DataAttribute
{
    /// <summary>Sets <see cref="DataAttribute.Skip"/> from the switch (xunit reads it from this instance).</summary>
    public ActorPgTargetAttribute(params object[] extra)
    {
        Extra = extra;
        Skip = InteropTargets.ActorPgSkipReason!;
    }

    /// <summary>The values after the target name.</summary>
    public IReadOnlyList<object> Extra { get; }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[InteropTargets.ActorPg, .. Extra]];
}
