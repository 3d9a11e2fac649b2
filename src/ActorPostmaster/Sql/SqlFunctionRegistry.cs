using System.Collections.Immutable;

namespace ActorPostmaster.Sql;

/// <summary>
/// The functions SQL can call, by name, with overloads (the pg_catalog part of pg_proc this surface knows).
/// Registration is thread-safe and lookups see a consistent snapshot, so one registry can serve every session.
/// </summary>
public sealed class SqlFunctionRegistry
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ImmutableList<SqlFunction>> _functions =
        ImmutableDictionary<string, ImmutableList<SqlFunction>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>A registry holding the pure built-ins: abs, length, char_length, octet_length, upper, lower.</summary>
    /// <returns>The registry.</returns>
    public static SqlFunctionRegistry CreateWithBuiltins()
    {
        var registry = new SqlFunctionRegistry();
        BuiltinFunctions.RegisterAll(registry);
        return registry;
    }

    /// <summary>Adds a function (an overload when the name exists with other parameter types).</summary>
    /// <param name="function">The function.</param>
    /// <exception cref="ArgumentException">When a function with the same name and parameter types exists.</exception>
    public void Register(SqlFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        lock (_gate)
        {
            var overloads = _functions.GetValueOrDefault(function.Name) ?? [];
            if (overloads.Any(f => f.Parameters.Select(p => p.Type).SequenceEqual(function.Parameters.Select(p => p.Type))))
            {
                throw new ArgumentException($"function {function} already exists", nameof(function));
            }

            _functions = _functions.SetItem(function.Name, overloads.Add(function));
        }
    }

    /// <summary>Adds a function built from its parts.</summary>
    /// <param name="name">The name.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="returnType">The result type.</param>
    /// <param name="implementation">The implementation.</param>
    /// <param name="isStrict">Strictness (default true).</param>
    /// <param name="volatility">Volatility (default volatile).</param>
    /// <returns>The registered function.</returns>
    public SqlFunction Register(
        string name,
        IReadOnlyList<SqlFunctionParameter> parameters,
        SqlType returnType,
        Func<SqlCallContext, object?[], ValueTask<object?>> implementation,
        bool isStrict = true,
        SqlVolatility volatility = SqlVolatility.Volatile)
    {
        var function = new SqlFunction(name, parameters, returnType, implementation, isStrict, volatility);
        Register(function);
        return function;
    }

    /// <summary>The overloads registered under <paramref name="name"/> (empty when none).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The overloads.</returns>
    public IReadOnlyList<SqlFunction> Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Volatile.Read(ref _functions).GetValueOrDefault(name) ?? [];
    }
}
