namespace ActorPostmaster.Protocol;

/// <summary>The pg_type OIDs of the types the wire codecs convert (PostgreSQL's fixed, bootstrap OIDs).</summary>
public static class PgTypeOids
{
    /// <summary>bool.</summary>
    public const int Bool = 16;

    /// <summary>bytea; values are byte[].</summary>
    public const int Bytea = 17;

    /// <summary>name.</summary>
    public const int Name = 19;

    /// <summary>int8 (bigint).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "PostgreSQL's type name.")]
    public const int Int8 = 20;

    /// <summary>int2 (smallint).</summary>
    public const int Int2 = 21;

    /// <summary>int4 (integer).</summary>
    public const int Int4 = 23;

    /// <summary>text.</summary>
    public const int Text = 25;

    /// <summary>oid.</summary>
    public const int Oid = 26;

    /// <summary>xid.</summary>
    public const int Xid = 28;

    /// <summary>float4 (real).</summary>
    public const int Float4 = 700;

    /// <summary>float8 (double precision).</summary>
    public const int Float8 = 701;

    /// <summary>unknown.</summary>
    public const int Unknown = 705;

    /// <summary>bpchar (character).</summary>
    public const int Bpchar = 1042;

    /// <summary>varchar (character varying).</summary>
    public const int Varchar = 1043;

    /// <summary>date; values are <see cref="DateOnly"/>.</summary>
    public const int Date = 1082;

    /// <summary>timestamp (without time zone); values are <see cref="DateTime"/> (wall-clock, Kind ignored).</summary>
    public const int Timestamp = 1114;

    /// <summary>timestamptz; values are <see cref="DateTimeOffset"/>.</summary>
    public const int Timestamptz = 1184;

    /// <summary>interval; values are <see cref="Sql.PgInterval"/>.</summary>
    public const int Interval = 1186;

    /// <summary>numeric; values are <see cref="decimal"/>.</summary>
    public const int Numeric = 1700;

    /// <summary>void; the value is <see cref="Sql.PgVoid.Value"/>.</summary>
    public const int Void = 2278;
}
