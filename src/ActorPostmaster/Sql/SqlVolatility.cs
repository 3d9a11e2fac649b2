namespace ActorPostmaster.Sql;

/// <summary>A function's volatility (pg_proc.provolatile): whether a call may be computed once at plan time.</summary>
public enum SqlVolatility
{
    /// <summary>Same arguments, same result, no side effects: calls with constant arguments are folded at plan time.</summary>
    Immutable,

    /// <summary>Same result within a statement (now(), current_setting()).</summary>
    Stable,

    /// <summary>May change at any call or have side effects (pg_sleep, pg_terminate_backend).</summary>
    Volatile,
}
