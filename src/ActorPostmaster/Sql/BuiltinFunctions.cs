using System.Text;

namespace ActorPostmaster.Sql;

/// <summary>The pure built-in functions the SQL surface provides itself (host functions are registered by the domain).</summary>
internal static class BuiltinFunctions
{
    public static void RegisterAll(SqlFunctionRegistry registry)
    {
        void Pure(string name, SqlType argument, SqlType result, Func<object, object?> body) =>
            registry.Register(name, [SqlFunctionParameter.Required(null, argument)], result,
                (_, args) => ValueTask.FromResult(body(args[0]!)), isStrict: true, volatility: SqlVolatility.Immutable);

        Pure("abs", SqlType.Int2, SqlType.Int2, v => (short)v == short.MinValue ? throw OutOfRange("smallint") : (short)Math.Abs((short)v));
        Pure("abs", SqlType.Int4, SqlType.Int4, v => (int)v == int.MinValue ? throw OutOfRange("integer") : Math.Abs((int)v));
        Pure("abs", SqlType.Int8, SqlType.Int8, v => (long)v == long.MinValue ? throw OutOfRange("bigint") : Math.Abs((long)v));
        Pure("abs", SqlType.Float4, SqlType.Float4, v => Math.Abs((float)v));
        Pure("abs", SqlType.Float8, SqlType.Float8, v => Math.Abs((double)v));
        Pure("abs", SqlType.Numeric, SqlType.Numeric, v => Math.Abs((decimal)v));
        Pure("length", SqlType.Text, SqlType.Int4, v => Coercion.CodePointLength((string)v));
        Pure("char_length", SqlType.Text, SqlType.Int4, v => Coercion.CodePointLength((string)v));
        Pure("character_length", SqlType.Text, SqlType.Int4, v => Coercion.CodePointLength((string)v));
        Pure("octet_length", SqlType.Text, SqlType.Int4, v => Encoding.UTF8.GetByteCount((string)v));
        Pure("upper", SqlType.Text, SqlType.Text, v => ((string)v).ToUpperInvariant());
        Pure("lower", SqlType.Text, SqlType.Text, v => ((string)v).ToLowerInvariant());
    }

    private static PgException OutOfRange(string typeName) => new(SqlState.NumericValueOutOfRange, $"{typeName} out of range");
}
