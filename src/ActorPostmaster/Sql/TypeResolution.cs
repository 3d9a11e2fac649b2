namespace ActorPostmaster.Sql;

/// <summary>Type names (as the grammar normalised them) to types and type modifiers, with PostgreSQL's checks.</summary>
internal static class TypeResolution
{
    /// <summary>Types PostgreSQL has that this surface does not evaluate.</summary>
    private static readonly HashSet<string> KnownUnsupported =
    [
        "timestamp", "date", "time", "timetz", "bytea", "json", "jsonb", "uuid", "money", "bit", "varbit", "regclass", "regproc",
        "regprocedure", "regtype", "regoper", "regnamespace", "regrole", "char", "cidr", "macaddr", "macaddr8", "point", "line",
        "lseg", "box", "path", "polygon", "circle", "record", "tsvector", "tsquery", "xml", "int2vector", "oidvector", "cid",
        "tid", "pg_lsn", "txid_snapshot", "pg_snapshot", "xid8", "anyelement", "anyarray", "any", "cstring", "trigger",
        "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "aclitem", "refcursor", "jsonpath",
    ];

    public static (SqlType Type, int TypeModifier) Resolve(TypeName name)
    {
        var names = name.Names;
        if (names.Count > 3)
        {
            throw new PgException(SqlState.SyntaxError, $"improper %TYPE reference (too many dotted names): {name}", position: name.Position);
        }

        if (names.Count == 3)
        {
            throw new PgException(SqlState.FeatureNotSupported, $"cross-database references are not implemented: {name}", position: name.Position);
        }

        if (names.Count == 2 && names[0] != "pg_catalog")
        {
            throw new PgException(SqlState.UndefinedObject, $"type \"{name}\" does not exist", position: name.Position);
        }

        var type = SqlType.All.FirstOrDefault(t => t.Name == name.Name && t != SqlType.Unknown)
            ?? (name.Name == "unknown" ? SqlType.Unknown : null);
        if (type is null)
        {
            if (KnownUnsupported.Contains(name.Name))
            {
                throw new PgException(SqlState.FeatureNotSupported, $"type {name.Name} is not supported", position: name.Position);
            }

            throw new PgException(SqlState.UndefinedObject, $"type \"{name}\" does not exist", position: name.Position);
        }

        return (type, Modifier(type, name));
    }

    private static int Modifier(SqlType type, TypeName name)
    {
        var modifiers = name.Modifiers;
        if (modifiers.Count == 0)
        {
            return -1;
        }

        PgException Invalid(string message) => new(SqlState.InvalidParameterValue, message, position: name.Position);
        switch (type.Oid)
        {
            case 1043:
            case 1042:
            {
                var typeName = type == SqlType.Varchar ? "varchar" : "char";
                if (modifiers.Count != 1)
                {
                    throw Invalid($"invalid type modifier");
                }

                return modifiers[0] switch
                {
                    < 1 => throw Invalid($"length for type {typeName} must be at least 1"),
                    > 10485760 => throw Invalid($"length for type {typeName} cannot exceed 10485760"),
                    var length => length + 4,
                };
            }

            case 1700:
            {
                if (modifiers.Count > 2)
                {
                    throw Invalid("invalid NUMERIC type modifier");
                }

                var precision = modifiers[0];
                if (precision is < 1 or > 1000)
                {
                    throw Invalid($"NUMERIC precision {precision} must be between 1 and 1000");
                }

                var scale = modifiers.Count == 2 ? modifiers[1] : 0;
                if (scale is < -1000 or > 1000)
                {
                    throw Invalid($"NUMERIC scale {scale} must be between -1000 and 1000");
                }

                if (scale < 0)
                {
                    throw new PgException(SqlState.FeatureNotSupported, "negative numeric scale is not supported", position: name.Position);
                }

                return ((precision << 16) | (scale & 0x7FF)) + 4;
            }

            case 1184:
            {
                if (modifiers.Count != 1)
                {
                    throw Invalid("invalid type modifier");
                }

                return modifiers[0] < 0
                    ? throw Invalid($"TIMESTAMP(%d) WITH TIME ZONE precision must not be negative".Replace("%d", modifiers[0].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    : Math.Min(modifiers[0], 6);
            }

            default:
                throw new PgException(SqlState.SyntaxError, $"type modifier is not allowed for type \"{type.Name}\"", position: name.Position);
        }
    }
}
