using System.Collections.Frozen;

namespace ActorPostmaster.Sql;

/// <summary>
/// A PostgreSQL data type as the SQL surface knows it: its OID, its catalog name, the name error messages use, its
/// length as RowDescription reports it, and its type category (which drives implicit casts and overload resolution).
/// The instances are fixed; compare them by reference.
/// </summary>
public sealed class SqlType
{
    private static readonly FrozenDictionary<int, SqlType> ByOid;

    static SqlType()
    {
        All =
        [
            Bool, Int2, Int4, Int8, Float4, Float8, Numeric, Text, Varchar, Bpchar, NameType, Unknown, Timestamptz, Interval,
            Void, OidType, Xid, Inet,
        ];
        ByOid = All.ToFrozenDictionary(t => t.Oid);
    }

    private SqlType(int oid, string name, string displayName, short size, char category, bool preferred)
    {
        Oid = oid;
        Name = name;
        DisplayName = displayName;
        Size = size;
        Category = category;
        IsPreferred = preferred;
    }

    /// <summary>boolean (OID 16); values are <see cref="bool"/>.</summary>
    public static SqlType Bool { get; } = new(16, "bool", "boolean", 1, 'B', true);

    /// <summary>smallint (OID 21); values are <see cref="short"/>.</summary>
    public static SqlType Int2 { get; } = new(21, "int2", "smallint", 2, 'N', false);

    /// <summary>integer (OID 23); values are <see cref="int"/>.</summary>
    public static SqlType Int4 { get; } = new(23, "int4", "integer", 4, 'N', false);

    /// <summary>bigint (OID 20); values are <see cref="long"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "PostgreSQL's type name.")]
    public static SqlType Int8 { get; } = new(20, "int8", "bigint", 8, 'N', false);

    /// <summary>real (OID 700); values are <see cref="float"/>.</summary>
    public static SqlType Float4 { get; } = new(700, "float4", "real", 4, 'N', false);

    /// <summary>double precision (OID 701); values are <see cref="double"/>.</summary>
    public static SqlType Float8 { get; } = new(701, "float8", "double precision", 8, 'N', true);

    /// <summary>numeric (OID 1700); values are <see cref="decimal"/> (so about 28 significant digits, no NaN).</summary>
    public static SqlType Numeric { get; } = new(1700, "numeric", "numeric", -1, 'N', false);

    /// <summary>text (OID 25); values are <see cref="string"/>.</summary>
    public static SqlType Text { get; } = new(25, "text", "text", -1, 'S', true);

    /// <summary>character varying (OID 1043); values are <see cref="string"/>.</summary>
    public static SqlType Varchar { get; } = new(1043, "varchar", "character varying", -1, 'S', false);

    /// <summary>character (OID 1042, blank-padded); values are <see cref="string"/>, padding included.</summary>
    public static SqlType Bpchar { get; } = new(1042, "bpchar", "character", -1, 'S', false);

    /// <summary>name (OID 19, the catalogs' identifier type); values are <see cref="string"/>.</summary>
    public static SqlType NameType { get; } = new(19, "name", "name", 64, 'S', false);

    /// <summary>
    /// unknown (OID 705): the type of a quoted literal (and of an unspecified parameter) until context decides; a
    /// result column never has it (it becomes text). Values are <see cref="string"/>.
    /// </summary>
    public static SqlType Unknown { get; } = new(705, "unknown", "unknown", -2, 'X', false);

    /// <summary>timestamp with time zone (OID 1184); values are <see cref="DateTimeOffset"/> (an instant; microseconds).</summary>
    public static SqlType Timestamptz { get; } = new(1184, "timestamptz", "timestamp with time zone", 8, 'D', true);

    /// <summary>interval (OID 1186); values are <see cref="PgInterval"/>.</summary>
    public static SqlType Interval { get; } = new(1186, "interval", "interval", 16, 'T', true);

    /// <summary>void (OID 2278), what a procedure-like function returns; the value is <see cref="PgVoid.Value"/>.</summary>
    public static SqlType Void { get; } = new(2278, "void", "void", 4, 'P', false);

    /// <summary>oid (OID 26); values are <see cref="uint"/>.</summary>
    public static SqlType OidType { get; } = new(26, "oid", "oid", 4, 'N', true);

    /// <summary>xid (OID 28, a transaction id); values are <see cref="uint"/>.</summary>
    public static SqlType Xid { get; } = new(28, "xid", "xid", 4, 'U', false);

    /// <summary>inet (OID 869); values are <see cref="System.Net.IPAddress"/> or an already formatted <see cref="string"/>.</summary>
    public static SqlType Inet { get; } = new(869, "inet", "inet", -1, 'I', true);

    /// <summary>The pseudo-type anynonarray of the textcat operators (never a value's type).</summary>
    internal static SqlType AnyNonArray { get; } = new(2776, "anynonarray", "anynonarray", 4, 'P', false);

    /// <summary>Every type this SQL surface knows.</summary>
    public static IReadOnlyList<SqlType> All { get; }

    /// <summary>The type's OID (RowDescription's data type OID).</summary>
    public int Oid { get; }

    /// <summary>The catalog name (pg_type.typname), e.g. int4; also the column name of a cast to it.</summary>
    public string Name { get; }

    /// <summary>The SQL name messages use (format_type), e.g. integer.</summary>
    public string DisplayName { get; }

    /// <summary>pg_type.typlen as RowDescription reports it: bytes for fixed-size types, -1 for varlena.</summary>
    public short Size { get; }

    /// <summary>pg_type.typcategory: B, N, S, D, T, I, U, P or X (unknown).</summary>
    public char Category { get; }

    /// <summary>pg_type.typispreferred: the preferred type of its category.</summary>
    public bool IsPreferred { get; }

    /// <summary>The type with <paramref name="oid"/>, or null when this surface does not know it.</summary>
    /// <param name="oid">A type OID (0, "unspecified", gives <see cref="Unknown"/>).</param>
    /// <returns>The type or null.</returns>
    public static SqlType? FromOid(int oid) => oid == 0 ? Unknown : ByOid.GetValueOrDefault(oid);

    /// <summary>True for the string category's types whose values are strings (text, varchar, bpchar, name).</summary>
    internal bool IsString => Category == 'S';

    /// <inheritdoc />
    public override string ToString() => Name;
}
