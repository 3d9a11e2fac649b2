namespace ActorPostmaster.Sql;

/// <summary>
/// A function callable from SQL (pg_proc): name, declared parameters (names, types, defaults), return type,
/// strictness, volatility and the implementation. The implementation receives one value per declared parameter, in
/// declaration order, defaults filled in, each of the parameter's CLR type (or null when the function is not strict).
/// </summary>
public sealed class SqlFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="name">The name (lower case, as unquoted identifiers are folded).</param>
    /// <param name="parameters">The parameters; once one has a default, all later ones must.</param>
    /// <param name="returnType">The result type (<see cref="SqlType.Void"/> for none).</param>
    /// <param name="implementation">The implementation.</param>
    /// <param name="isStrict">True (the default) when a NULL argument makes the result NULL without calling the implementation.</param>
    /// <param name="volatility">The volatility (default volatile).</param>
    public SqlFunction(
        string name,
        IReadOnlyList<SqlFunctionParameter> parameters,
        SqlType returnType,
        Func<SqlCallContext, object?[], ValueTask<object?>> implementation,
        bool isStrict = true,
        SqlVolatility volatility = SqlVolatility.Volatile)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(returnType);
        ArgumentNullException.ThrowIfNull(implementation);
        var sawDefault = false;
        foreach (var parameter in parameters)
        {
            if (parameter.Type == SqlType.Unknown || parameter.Type == SqlType.Void)
            {
                throw new ArgumentException($"parameter type {parameter.Type} is not allowed", nameof(parameters));
            }

            if (sawDefault && !parameter.HasDefault)
            {
                throw new ArgumentException("input parameters after one with a default value must also have defaults", nameof(parameters));
            }

            sawDefault |= parameter.HasDefault;
        }

        var names = parameters.Where(p => p.Name is not null).Select(p => p.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new ArgumentException("parameter names must be unique", nameof(parameters));
        }

        Name = name;
        Parameters = parameters.ToArray();
        ReturnType = returnType;
        Implementation = implementation;
        IsStrict = isStrict;
        Volatility = volatility;
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The declared parameters.</summary>
    public IReadOnlyList<SqlFunctionParameter> Parameters { get; }

    /// <summary>The result type.</summary>
    public SqlType ReturnType { get; }

    /// <summary>The implementation.</summary>
    public Func<SqlCallContext, object?[], ValueTask<object?>> Implementation { get; }

    /// <summary>True when any NULL argument gives NULL without a call.</summary>
    public bool IsStrict { get; }

    /// <summary>The volatility.</summary>
    public SqlVolatility Volatility { get; }

    /// <summary>The signature as PostgreSQL prints it, e.g. <c>pg_terminate_backend(integer, bigint)</c>.</summary>
    /// <returns>The signature.</returns>
    public override string ToString() => $"{Name}({string.Join(", ", Parameters.Select(p => p.Type.DisplayName))})";
}
