namespace ActorPostmaster.Sql;

/// <summary>One statement of a query string, as <see cref="SqlParser.Parse"/> produced it.</summary>
public abstract record Statement
{
    /// <summary>
    /// The command's name as PostgreSQL gives it (CreateCommandName): SELECT, SHOW, SET, RESET, BEGIN, START
    /// TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, DISCARD ALL, CHECKPOINT … It is the CommandComplete tag for
    /// the commands whose tag carries no row count (a COMMIT of a failed transaction still reports ROLLBACK).
    /// </summary>
    public abstract string CommandName { get; }
}

/// <summary>One entry of a SELECT target list.</summary>
/// <param name="Expression">The expression (a <see cref="StarExpression"/> for <c>*</c> or <c>alias.*</c>).</param>
/// <param name="Alias">The AS name, or null.</param>
/// <param name="Position">The 1-based character position of the expression.</param>
public sealed record SelectTarget(SqlExpression Expression, string? Alias, int Position);

/// <summary>The FROM relation: <c>[schema.]name [[AS] alias]</c>.</summary>
/// <param name="Schema">The schema, or null.</param>
/// <param name="Name">The relation's name.</param>
/// <param name="Alias">The alias, or null.</param>
/// <param name="Position">The 1-based character position of the name.</param>
public sealed record RelationReference(string? Schema, string Name, string? Alias, int Position)
{
    /// <summary>The name the relation's columns are qualified with: the alias if any, else the name.</summary>
    public string ReferenceName => Alias ?? Name;

    /// <summary>The name as written, schema included (what "relation … does not exist" quotes).</summary>
    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";
}

/// <summary>Sort direction of an ORDER BY key.</summary>
public enum SortDirection
{
    /// <summary>Not given (ascending).</summary>
    Default,

    /// <summary>ASC.</summary>
    Ascending,

    /// <summary>DESC.</summary>
    Descending,
}

/// <summary>Where NULLs sort.</summary>
public enum NullsOrder
{
    /// <summary>Not given: last when ascending, first when descending.</summary>
    Default,

    /// <summary>NULLS FIRST.</summary>
    First,

    /// <summary>NULLS LAST.</summary>
    Last,
}

/// <summary>One ORDER BY key.</summary>
/// <param name="Expression">The key: an output column name, an output column number, or an expression.</param>
/// <param name="Direction">ASC/DESC.</param>
/// <param name="Nulls">NULLS FIRST/LAST.</param>
public sealed record SortKey(SqlExpression Expression, SortDirection Direction, NullsOrder Nulls);

/// <summary>
/// <c>SELECT [ALL] targets [FROM relation] [WHERE cond] [ORDER BY keys] [LIMIT n|ALL] [OFFSET n]</c> (also
/// <c>TABLE name</c> and a parenthesised SELECT).
/// </summary>
/// <param name="Targets">The target list (empty for <c>SELECT;</c>, which returns one row of no columns).</param>
/// <param name="From">The relation, or null.</param>
/// <param name="Where">The WHERE condition, or null.</param>
/// <param name="OrderBy">The ORDER BY keys (empty when none).</param>
/// <param name="Limit">The LIMIT expression, or null (also for LIMIT ALL).</param>
/// <param name="Offset">The OFFSET expression, or null.</param>
public sealed record SelectStatement(
    IReadOnlyList<SelectTarget> Targets,
    RelationReference? From,
    SqlExpression? Where,
    IReadOnlyList<SortKey> OrderBy,
    SqlExpression? Limit,
    SqlExpression? Offset) : Statement
{
    /// <inheritdoc />
    public override string CommandName => "SELECT";
}

/// <summary>
/// <c>SHOW name</c>; the name as PostgreSQL's grammar normalises it: lower case unless quoted, dotted parts joined,
/// TIME ZONE is timezone, TRANSACTION ISOLATION LEVEL is transaction_isolation, SESSION AUTHORIZATION is
/// session_authorization, and ALL is all.
/// </summary>
/// <param name="Name">The setting's name.</param>
public sealed record ShowStatement(string Name) : Statement
{
    /// <summary>True for SHOW ALL.</summary>
    public bool IsAll => Name == "all";

    /// <inheritdoc />
    public override string CommandName => "SHOW";
}

/// <summary>What kind of literal a SET value was written as (the settings engine flattens them as PostgreSQL does).</summary>
public enum SetValueKind
{
    /// <summary>A quoted string ('…', E'…', $$…$$).</summary>
    Quoted,

    /// <summary>A word (an identifier or non-reserved keyword, folded to lower case unless quoted; also ON, TRUE, FALSE).</summary>
    Word,

    /// <summary>An integer that fits in int4: <see cref="SetValue.Text"/> is its canonical decimal form.</summary>
    WholeNumber,

    /// <summary>Any other number: <see cref="SetValue.Text"/> is as written, sign included.</summary>
    Numeric,
}

/// <summary>One value of a SET statement, as the GUC machinery receives it.</summary>
/// <param name="Text">The text the setting receives.</param>
/// <param name="Kind">How it was written.</param>
public sealed record SetValue(string Text, SetValueKind Kind);

/// <summary>What a SET does.</summary>
public enum SetAction
{
    /// <summary>SET name TO value[, …].</summary>
    Value,

    /// <summary>SET name TO DEFAULT (also SET TIME ZONE DEFAULT/LOCAL, SET NAMES without a value).</summary>
    Default,

    /// <summary>SET name FROM CURRENT.</summary>
    FromCurrent,
}

/// <summary>
/// <c>SET [SESSION|LOCAL] name {TO|=} value[, …] | DEFAULT</c>, and the special forms mapped to their settings:
/// TIME ZONE (timezone), NAMES (client_encoding), SCHEMA (search_path), ROLE (role), SESSION AUTHORIZATION
/// (session_authorization), XML OPTION (xmloption), TRANSACTION SNAPSHOT (transaction_snapshot).
/// </summary>
/// <param name="Name">The setting's name (lower case unless quoted, dotted parts joined).</param>
/// <param name="Action">Set a value, reset to default, or take the current value.</param>
/// <param name="Values">The values (empty unless <see cref="SetAction.Value"/>).</param>
/// <param name="IsLocal">True for SET LOCAL.</param>
public sealed record SetStatement(string Name, SetAction Action, IReadOnlyList<SetValue> Values, bool IsLocal) : Statement
{
    /// <summary>The values joined with ", " (what a plain setting receives; list settings may quote words).</summary>
    public string FlatValue => string.Join(", ", Values.Select(v => v.Text));

    /// <inheritdoc />
    public override string CommandName => "SET";
}

/// <summary>
/// A transaction mode as the setting it sets: transaction_isolation (serializable, repeatable read, read committed,
/// read uncommitted), transaction_read_only (on/off) or transaction_deferrable (on/off).
/// </summary>
/// <param name="Setting">The setting's name.</param>
/// <param name="Value">Its value.</param>
public sealed record TransactionMode(string Setting, string Value);

/// <summary>
/// <c>SET [LOCAL|SESSION] TRANSACTION modes</c> (this transaction) or <c>SET SESSION CHARACTERISTICS AS TRANSACTION
/// modes</c> (the default_transaction_* settings).
/// </summary>
/// <param name="Modes">The modes in order.</param>
/// <param name="SessionCharacteristics">True for SESSION CHARACTERISTICS.</param>
public sealed record SetTransactionStatement(IReadOnlyList<TransactionMode> Modes, bool SessionCharacteristics) : Statement
{
    /// <inheritdoc />
    public override string CommandName => "SET";
}

/// <summary><c>RESET name</c> or <c>RESET ALL</c> (names normalised as for SHOW).</summary>
/// <param name="Name">The setting, or null for RESET ALL.</param>
public sealed record ResetStatement(string? Name) : Statement
{
    /// <summary>True for RESET ALL.</summary>
    public bool IsAll => Name is null;

    /// <inheritdoc />
    public override string CommandName => "RESET";
}

/// <summary>Which transaction-control command.</summary>
public enum TransactionCommand
{
    /// <summary>BEGIN [WORK|TRANSACTION] [modes].</summary>
    Begin,

    /// <summary>START TRANSACTION [modes].</summary>
    StartTransaction,

    /// <summary>COMMIT or END [WORK|TRANSACTION] [AND [NO] CHAIN].</summary>
    Commit,

    /// <summary>ROLLBACK or ABORT [WORK|TRANSACTION] [AND [NO] CHAIN].</summary>
    Rollback,

    /// <summary>SAVEPOINT name.</summary>
    Savepoint,

    /// <summary>RELEASE [SAVEPOINT] name.</summary>
    Release,

    /// <summary>ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name.</summary>
    RollbackToSavepoint,
}

/// <summary>A transaction-control statement.</summary>
/// <param name="Command">Which command.</param>
/// <param name="Modes">The transaction modes of BEGIN/START TRANSACTION, in order (empty otherwise).</param>
/// <param name="Chain">True for AND CHAIN.</param>
/// <param name="SavepointName">The savepoint of SAVEPOINT, RELEASE and ROLLBACK TO, or null.</param>
public sealed record TransactionStatement(TransactionCommand Command, IReadOnlyList<TransactionMode> Modes, bool Chain = false, string? SavepointName = null)
    : Statement
{
    /// <inheritdoc />
    public override string CommandName => Command switch
    {
        TransactionCommand.Begin => "BEGIN",
        TransactionCommand.StartTransaction => "START TRANSACTION",
        TransactionCommand.Commit => "COMMIT",
        TransactionCommand.Savepoint => "SAVEPOINT",
        TransactionCommand.Release => "RELEASE",
        _ => "ROLLBACK",
    };
}

/// <summary>What DISCARD discards.</summary>
public enum DiscardTarget
{
    /// <summary>DISCARD ALL.</summary>
    All,

    /// <summary>DISCARD PLANS.</summary>
    Plans,

    /// <summary>DISCARD SEQUENCES.</summary>
    Sequences,

    /// <summary>DISCARD TEMP or TEMPORARY.</summary>
    Temp,
}

/// <summary><c>DISCARD ALL|PLANS|SEQUENCES|TEMP</c>.</summary>
/// <param name="Target">What to discard.</param>
public sealed record DiscardStatement(DiscardTarget Target) : Statement
{
    /// <inheritdoc />
    public override string CommandName => Target switch
    {
        DiscardTarget.All => "DISCARD ALL",
        DiscardTarget.Plans => "DISCARD PLANS",
        DiscardTarget.Sequences => "DISCARD SEQUENCES",
        _ => "DISCARD TEMP",
    };
}

/// <summary><c>CHECKPOINT</c>.</summary>
public sealed record CheckpointStatement : Statement
{
    /// <inheritdoc />
    public override string CommandName => "CHECKPOINT";
}

/// <summary>
/// A statement PostgreSQL would accept but this surface does not implement (INSERT, CREATE TABLE, a SELECT with a
/// join or GROUP BY …). It is not an error at parse time, because PostgreSQL would run the statements before it:
/// executing it raises <see cref="ToException"/>, 0A000 "<c>{Feature} is not supported</c>".
/// </summary>
/// <param name="CommandName">The command's name as far as it was recognised, e.g. INSERT or CREATE TABLE.</param>
/// <param name="Feature">What is not supported (the command, or the construct inside it).</param>
/// <param name="Position">The 1-based character position of the construct.</param>
public sealed record UnsupportedStatement(string CommandName, string Feature, int Position) : Statement
{
    /// <inheritdoc />
    public override string CommandName { get; } = CommandName;

    /// <summary>The error executing the statement raises.</summary>
    /// <returns>A 0A000 exception.</returns>
    public PgException ToException() =>
        new(SqlState.FeatureNotSupported, $"{Feature} is not supported", position: Position);
}

/// <summary>A column named in an INSERT column list, an ON CONFLICT target or a SET clause.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Position">The 1-based character position of the name.</param>
public sealed record ColumnName(string Name, int Position);

/// <summary>One <c>column = expression</c> of a SET clause (the expression may be a <see cref="DefaultExpression"/>).</summary>
/// <param name="Column">The column assigned.</param>
/// <param name="Value">The value.</param>
public sealed record SetClause(ColumnName Column, SqlExpression Value);

/// <summary>What ON CONFLICT does.</summary>
public enum OnConflictAction
{
    /// <summary>DO NOTHING.</summary>
    Nothing,

    /// <summary>DO UPDATE SET ….</summary>
    Update,
}

/// <summary><c>ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET …</c>.</summary>
/// <param name="Target">The inference columns (empty when none were given).</param>
/// <param name="ConstraintName">The ON CONSTRAINT name, or null.</param>
/// <param name="Action">DO NOTHING or DO UPDATE.</param>
/// <param name="Assignments">The SET clauses of DO UPDATE (empty for DO NOTHING).</param>
/// <param name="Position">The 1-based character position of ON.</param>
public sealed record OnConflictClause(
    IReadOnlyList<ColumnName> Target, string? ConstraintName, OnConflictAction Action, IReadOnlyList<SetClause> Assignments, int Position);

/// <summary><c>INSERT INTO table [(columns)] VALUES (…)[, (…)…] [ON CONFLICT …]</c>.</summary>
/// <param name="Table">The target table.</param>
/// <param name="Columns">The column list, or null when none was written.</param>
/// <param name="Rows">The VALUES lists (an entry may be a <see cref="DefaultExpression"/>).</param>
/// <param name="OnConflict">The ON CONFLICT clause, or null.</param>
public sealed record InsertStatement(
    RelationReference Table, IReadOnlyList<ColumnName>? Columns, IReadOnlyList<IReadOnlyList<SqlExpression>> Rows, OnConflictClause? OnConflict) : Statement
{
    /// <inheritdoc />
    public override string CommandName => "INSERT";
}

/// <summary><c>UPDATE table [[AS] alias] SET column = expression[, …] [WHERE condition]</c>.</summary>
/// <param name="Table">The target table.</param>
/// <param name="Assignments">The SET clauses.</param>
/// <param name="Where">The WHERE condition, or null.</param>
public sealed record UpdateStatement(RelationReference Table, IReadOnlyList<SetClause> Assignments, SqlExpression? Where) : Statement
{
    /// <inheritdoc />
    public override string CommandName => "UPDATE";
}

/// <summary><c>DELETE FROM table [[AS] alias] [WHERE condition]</c>.</summary>
/// <param name="Table">The target table.</param>
/// <param name="Where">The WHERE condition, or null.</param>
public sealed record DeleteStatement(RelationReference Table, SqlExpression? Where) : Statement
{
    /// <inheritdoc />
    public override string CommandName => "DELETE";
}
