namespace ActorPostmaster.Storage;

/// <summary>INTERNAL API. The cluster state in the control file (pg_control.h: DBState), with the same numbers.</summary>
internal enum DbState : uint
{
    /// <summary>DB_STARTUP: "starting up".</summary>
    StartingUp = 0,

    /// <summary>DB_SHUTDOWNED: "shut down" (cleanly).</summary>
    ShutDown = 1,

    /// <summary>DB_SHUTDOWNED_IN_RECOVERY: "shut down in recovery".</summary>
    ShutDownInRecovery = 2,

    /// <summary>DB_SHUTDOWNING: "shutting down".</summary>
    ShuttingDown = 3,

    /// <summary>DB_IN_CRASH_RECOVERY: "in crash recovery".</summary>
    InCrashRecovery = 4,

    /// <summary>DB_IN_ARCHIVE_RECOVERY: "in archive recovery".</summary>
    InArchiveRecovery = 5,

    /// <summary>DB_IN_PRODUCTION: "in production".</summary>
    InProduction = 6,
}

/// <summary>INTERNAL API. Names of <see cref="DbState"/> values.</summary>
internal static class DbStateNames
{
    /// <summary>pg_controldata's dbState(): the text after "Database cluster state:".</summary>
    /// <param name="state">The state.</param>
    /// <returns>For example <c>in production</c>; <c>unrecognized status code</c> for an unknown value.</returns>
    public static string ToControlDataName(this DbState state) => state switch
    {
        DbState.StartingUp => "starting up",
        DbState.ShutDown => "shut down",
        DbState.ShutDownInRecovery => "shut down in recovery",
        DbState.ShuttingDown => "shutting down",
        DbState.InCrashRecovery => "in crash recovery",
        DbState.InArchiveRecovery => "in archive recovery",
        DbState.InProduction => "in production",
        _ => "unrecognized status code",
    };
}
