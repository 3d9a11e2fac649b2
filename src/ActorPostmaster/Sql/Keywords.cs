using System.Collections.Frozen;

namespace ActorPostmaster.Sql;

/// <summary>The category of a PostgreSQL keyword (pg_get_keywords().catcode), which decides where it may serve as a name.</summary>
internal enum KeywordCategory
{
    /// <summary>Unreserved (U): usable as any kind of name.</summary>
    Unreserved,

    /// <summary>Unreserved, but cannot be a function or type name (C).</summary>
    ColumnName,

    /// <summary>Reserved, but can be a function or type name (T).</summary>
    TypeFunctionName,

    /// <summary>Reserved (R).</summary>
    Reserved,
}

/// <summary>
/// PostgreSQL 15's keywords with their categories and whether they may be a column label without AS, as the server
/// reports them through pg_get_keywords().
/// </summary>
internal static class Keywords
{
    private static readonly FrozenDictionary<string, KeywordCategory> Categories = Build();

    private static readonly FrozenSet<string> NotBareLabels = Split(
        "array as char character create day except fetch filter for from grant group having hour intersect " +
        "into isnull limit minute month notnull offset on order over overlaps precision returning second to " +
        "union varying where window with within without year ").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The category of <paramref name="word"/> (lower case), or null when it is not a keyword.</summary>
    public static KeywordCategory? Lookup(string word) => Categories.TryGetValue(word, out var category) ? category : null;

    /// <summary>True when the keyword may be a column label without AS (pg_get_keywords().barelabel).</summary>
    public static bool IsBareLabel(string word) => !NotBareLabels.Contains(word);

    private static FrozenDictionary<string, KeywordCategory> Build()
    {
        var map = new Dictionary<string, KeywordCategory>(StringComparer.Ordinal);
        foreach (var word in Split(
            "abort absolute access action add admin after aggregate also alter always asensitive assertion " +
            "assignment at atomic attach attribute backward before begin breadth by cache call called cascade " +
            "cascaded catalog chain characteristics checkpoint class close cluster columns comment comments " +
            "commit committed compression configuration conflict connection constraints content continue " +
            "conversion copy cost csv cube current cursor cycle data database day deallocate declare defaults " +
            "deferred definer delete delimiter delimiters depends depth detach dictionary disable discard " +
            "document domain double drop each enable encoding encrypted enum escape event exclude excluding " +
            "exclusive execute explain expression extension external family filter finalize first following " +
            "force forward function functions generated global granted groups handler header hold hour identity " +
            "if immediate immutable implicit import include including increment index indexes inherit inherits " +
            "inline input insensitive insert instead invoker isolation key label language large last leakproof " +
            "level listen load local location lock locked logged mapping match matched materialized maxvalue " +
            "merge method minute minvalue mode month move name names new next nfc nfd nfkc nfkd no normalized " +
            "nothing notify nowait nulls object of off oids old operator option options ordinality others over " +
            "overriding owned owner parallel parameter parser partial partition passing password plans policy " +
            "preceding prepare prepared preserve prior privileges procedural procedure procedures program " +
            "publication quote range read reassign recheck recursive ref referencing refresh reindex relative " +
            "release rename repeatable replace replica reset restart restrict return returns revoke role " +
            "rollback rollup routine routines rows rule savepoint schema schemas scroll search second security " +
            "sequence sequences serializable server session set sets share show simple skip snapshot sql stable " +
            "standalone start statement statistics stdin stdout storage stored strict strip subscription support " +
            "sysid system tables tablespace temp template temporary text ties transaction transform trigger " +
            "truncate trusted type types uescape unbounded uncommitted unencrypted unknown unlisten unlogged " +
            "until update vacuum valid validate validator value varying version view views volatile whitespace " +
            "within without work wrapper write xml year yes zone "))
        {
            map[word] = KeywordCategory.Unreserved;
        }

        foreach (var word in Split(
            "between bigint bit boolean char character coalesce dec decimal exists extract float greatest " +
            "grouping inout int integer interval least national nchar none normalize nullif numeric out overlay " +
            "position precision real row setof smallint substring time timestamp treat trim values varchar " +
            "xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot " +
            "xmlserialize xmltable "))
        {
            map[word] = KeywordCategory.ColumnName;
        }

        foreach (var word in Split(
            "authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull " +
            "join left like natural notnull outer overlaps right similar tablesample verbose "))
        {
            map[word] = KeywordCategory.TypeFunctionName;
        }

        foreach (var word in Split(
            "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint " +
            "create current_catalog current_date current_role current_time current_timestamp current_user " +
            "default deferrable desc distinct do else end except false fetch for foreign from grant group having " +
            "in initially intersect into lateral leading limit localtime localtimestamp not null offset on only " +
            "or order placing primary references returning select session_user some symmetric table then to " +
            "trailing true union unique user using variadic when where window with "))
        {
            map[word] = KeywordCategory.Reserved;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string[] Split(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
