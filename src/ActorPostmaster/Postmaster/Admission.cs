namespace ActorPostmaster;

/// <summary>The outcome of the postmaster's admission check (postmaster.c: CAC_state).</summary>
public enum ConnectionAdmission
{
    /// <summary>Admitted: a client backend will run the session.</summary>
    Ok,

    /// <summary>First start, before redo: 57P03 "starting up".</summary>
    Startup,

    /// <summary>Redo running, no hot standby yet: 57P03 "not yet accepting connections".</summary>
    NotHotStandby,

    /// <summary>Shutting down: 57P03 "shutting down".</summary>
    Shutdown,

    /// <summary>Crash recovery: 57P03 "in recovery mode".</summary>
    Recovery,

    /// <summary>No backend slot left: 53300 "sorry, too many clients already".</summary>
    TooMany,
}

/// <summary>
/// Connection admission (spec §3): the postmaster's decision before it hands a connection to a child, and the one FATAL
/// a dead-end backend sends for each refusal. Texts are PostgreSQL 15's, as in ../shared/oracle.
/// </summary>
public static class Admission
{
    /// <summary>canAcceptConnections (§3.1), without the pool check (<see cref="ChildSlots"/> does that).</summary>
    /// <param name="snapshot">The postmaster's snapshot.</param>
    /// <param name="type">The kind of child asked for: client backends are refused during a smart shutdown, autovacuum workers are not.</param>
    public static ConnectionAdmission CanAcceptConnections(PmSnapshot snapshot, BackendType type = BackendType.Backend)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.State is not (PmState.Run or PmState.HotStandby))
        {
            if (snapshot.Shutdown > ShutdownLevel.NoShutdown)
            {
                return ConnectionAdmission.Shutdown;
            }

            if (!snapshot.FatalError && snapshot.State == PmState.Startup)
            {
                return ConnectionAdmission.Startup;
            }

            return !snapshot.FatalError && snapshot.State == PmState.Recovery ? ConnectionAdmission.NotHotStandby : ConnectionAdmission.Recovery;
        }

        if (!snapshot.ConnsAllowed && type == BackendType.Backend)
        {
            return ConnectionAdmission.Shutdown;
        }

        return ConnectionAdmission.Ok;
    }

    /// <summary>The FATAL a dead-end backend sends for a refusal (§3.2; PostgreSQL 15 variants).</summary>
    /// <param name="admission">The refusal.</param>
    /// <param name="snapshot">The postmaster's snapshot when the connection was refused.</param>
    /// <param name="hotStandby">The hot_standby setting.</param>
    /// <exception cref="ArgumentException"><paramref name="admission"/> is <see cref="ConnectionAdmission.Ok"/>.</exception>
    public static PgError Refusal(ConnectionAdmission admission, PmSnapshot snapshot, bool hotStandby = true)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return admission switch
        {
            ConnectionAdmission.Startup => Fatal("57P03", "the database system is starting up"),
            ConnectionAdmission.NotHotStandby when !hotStandby =>
                Fatal("57P03", "the database system is not accepting connections", "Hot standby mode is disabled."),
            ConnectionAdmission.NotHotStandby =>
                Fatal("57P03", "the database system is not yet accepting connections", "Consistent recovery state has not been yet reached."),
            ConnectionAdmission.Shutdown => Fatal("57P03", "the database system is shutting down"),
            ConnectionAdmission.Recovery => Fatal("57P03", "the database system is in recovery mode"),
            ConnectionAdmission.TooMany => TooManyClients,
            _ => throw new ArgumentException("An admitted connection is not refused.", nameof(admission)),
        };
    }

    /// <summary>53300, raised before authentication when no slot is free (and again in InitProcess).</summary>
    public static PgError TooManyClients { get; } = Fatal("53300", "sorry, too many clients already");

    /// <summary>53300 after authentication: only superuser-reserved slots are left (postinit.c, PostgreSQL 15 wording).</summary>
    public static PgError ReservedForSuperuser { get; } =
        Fatal("53300", "remaining connection slots are reserved for non-replication superuser connections");

    /// <summary>
    /// 53300 after authentication: only reserved_connections slots are left and the role lacks pg_use_reserved_connections
    /// (an ActorPostmaster extension of PostgreSQL 15: the setting and this PostgreSQL 16 text).
    /// </summary>
    public static PgError ReservedForPrivilegedRoles { get; } =
        Fatal("53300", "remaining connection slots are reserved for roles with privileges of the \"pg_use_reserved_connections\" role");

    private static PgError Fatal(string sqlState, string message, string? detail = null) => new(PgSeverity.Fatal, sqlState, message, detail);
}
