namespace ActorPostmaster.Sql;

/// <summary>What a function implementation gets besides its arguments.</summary>
public sealed class SqlCallContext
{
    internal SqlCallContext(ISqlEnvironment environment, SqlFunction function, CancellationToken cancellationToken)
    {
        Environment = environment;
        Function = function;
        CancellationToken = cancellationToken;
    }

    /// <summary>The session environment the statement runs in.</summary>
    public ISqlEnvironment Environment { get; }

    /// <summary>The function being called (the overload resolution chose).</summary>
    public SqlFunction Function { get; }

    /// <summary>The execution's cancellation token.</summary>
    public CancellationToken CancellationToken { get; }
}
