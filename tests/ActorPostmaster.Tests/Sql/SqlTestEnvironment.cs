using System.Globalization;
using ActorPostmaster.Sql;
using Xunit;

namespace ActorPostmaster.Tests.Sql;

/// <summary>
/// A session environment for the specs: the built-ins plus host-like functions (now, current_user, pg_sleep,
/// pg_terminate_backend …), a pg_stat_activity-shaped relation, and a CheckForInterrupts that counts and can fail.
/// </summary>
internal sealed class SqlTestEnvironment : ISqlEnvironment
{
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 20, 23, 40, 1, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly List<IRelation> _relations = [];

    public SqlTestEnvironment(IReadOnlyList<object?[]>? activityRows = null)
    {
        static ValueTask<object?> Value(object? value) => ValueTask.FromResult(value);
        Functions.Register("now", [], SqlType.Timestamptz, (_, _) => Value(Now), volatility: SqlVolatility.Stable);
        Functions.Register("pg_backend_pid", [], SqlType.Int4, (_, _) => Value(4242), volatility: SqlVolatility.Stable);
        Functions.Register("current_user", [], SqlType.NameType, (_, _) => Value("sqlpg"), volatility: SqlVolatility.Stable);
        Functions.Register("session_user", [], SqlType.NameType, (_, _) => Value("sqlpg"), volatility: SqlVolatility.Stable);
        Functions.Register("current_database", [], SqlType.NameType, (_, _) => Value("postgres"), volatility: SqlVolatility.Stable);
        Functions.Register("current_schema", [], SqlType.NameType, (_, _) => Value("public"), volatility: SqlVolatility.Stable);
        Functions.Register("pg_sleep", [SqlFunctionParameter.Required(null, SqlType.Float8)], SqlType.Void, async (context, args) =>
        {
            Sleeps.Add((double)args[0]!);
            await Task.Yield();
            context.CancellationToken.ThrowIfCancellationRequested();
            return null;
        });
        Functions.Register(
            "pg_terminate_backend",
            [SqlFunctionParameter.Required("pid", SqlType.Int4), SqlFunctionParameter.Optional("timeout", SqlType.Int8, 0L)],
            SqlType.Bool,
            (_, args) =>
            {
                Terminations.Add(((int)args[0]!, (long)args[1]!));
                return Value((int)args[0]! == 4242);
            });
        Functions.Register(
            "current_setting",
            [SqlFunctionParameter.Required("setting_name", SqlType.Text)],
            SqlType.Text,
            (_, args) => Value(Setting((string)args[0]!)),
            volatility: SqlVolatility.Stable);
        Functions.Register(
            "current_setting",
            [SqlFunctionParameter.Required("setting_name", SqlType.Text), SqlFunctionParameter.Required("missing_ok", SqlType.Bool)],
            SqlType.Text,
            (_, args) => Value((bool)args[1]! ? null : Setting((string)args[0]!)),
            volatility: SqlVolatility.Stable);
        _relations.Add(ActivityView.Create(activityRows ?? ActivityView.SampleRows));
    }

    public SqlFunctionRegistry Functions { get; } = SqlFunctionRegistry.CreateWithBuiltins();

    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    public List<double> Sleeps { get; } = [];

    public List<(int Pid, long Timeout)> Terminations { get; } = [];

    /// <summary>How many times CheckForInterrupts ran.</summary>
    public int InterruptChecks { get; private set; }

    /// <summary>When set, CheckForInterrupts throws this once it has run this many times (1-based).</summary>
    public (int AtCall, PgException Error)? PendingInterrupt { get; set; }

    public void AddRelation(IRelation relation) => _relations.Add(relation);

    public IRelation? FindRelation(string? schema, string name) =>
        _relations.FirstOrDefault(r => r.Name == name && (schema is null || schema == r.Schema));

    public void CheckForInterrupts()
    {
        InterruptChecks++;
        if (PendingInterrupt is { } pending && InterruptChecks >= pending.AtCall)
        {
            throw pending.Error;
        }
    }

    private static string Setting(string name) => name == "server_version"
        ? "15.18"
        : throw new PgException("42704", $"unrecognized configuration parameter \"{name}\"");
}

/// <summary>A relation with fixed rows.</summary>
internal sealed class TestRelation(string schema, string name, uint oid, IReadOnlyList<RelationColumn> columns, IReadOnlyList<object?[]> rows) : IRelation
{
    public string Schema { get; } = schema;

    public string Name { get; } = name;

    public uint Oid { get; } = oid;

    public IReadOnlyList<RelationColumn> Columns { get; } = columns;

    public int Snapshots { get; private set; }

    public ValueTask<IReadOnlyList<object?[]>> GetRowsAsync(ISqlEnvironment environment, CancellationToken cancellationToken)
    {
        Snapshots++;
        return ValueTask.FromResult(rows);
    }
}

/// <summary>pg_stat_activity's columns as PostgreSQL 15 has them (OID 12222), with a few sample backends.</summary>
internal static class ActivityView
{
    public static readonly IReadOnlyList<RelationColumn> Columns = new (string Name, SqlType Type)[]
    {
        ("datid", SqlType.OidType), ("datname", SqlType.NameType), ("pid", SqlType.Int4), ("leader_pid", SqlType.Int4),
        ("usesysid", SqlType.OidType), ("usename", SqlType.NameType), ("application_name", SqlType.Text), ("client_addr", SqlType.Inet),
        ("client_hostname", SqlType.Text), ("client_port", SqlType.Int4), ("backend_start", SqlType.Timestamptz),
        ("xact_start", SqlType.Timestamptz), ("query_start", SqlType.Timestamptz), ("state_change", SqlType.Timestamptz),
        ("wait_event_type", SqlType.Text), ("wait_event", SqlType.Text), ("state", SqlType.Text), ("backend_xid", SqlType.Xid),
        ("backend_xmin", SqlType.Xid), ("query_id", SqlType.Int8), ("query", SqlType.Text), ("backend_type", SqlType.Text),
    }.Select(c => new RelationColumn(c.Name, c.Type)).ToArray();

    public static readonly IReadOnlyList<object?[]> SampleRows =
    [
        Row(4242, "psql", "active", "select 1", "client backend", queryStart: "2026-11-20 23:40:00+00"),
        Row(100, null, null, string.Empty, "checkpointer"),
        Row(4243, "pgbench", "idle", "SELECT abalance FROM pgbench_accounts", "client backend", queryStart: "2026-11-20 23:30:00+00"),
        Row(4244, "app", "idle in transaction", "BEGIN", "client backend", queryStart: "2026-11-20 22:00:00+00"),
    ];

    public static TestRelation Create(IReadOnlyList<object?[]> rows) => new("pg_catalog", "pg_stat_activity", 12222, Columns, rows);

    public static object?[] Row(int pid, string? application, string? state, string query, string backendType, string? queryStart = null)
    {
        var row = new object?[Columns.Count];
        row[0] = backendType == "client backend" ? 5u : null;
        row[1] = backendType == "client backend" ? "postgres" : null;
        row[2] = pid;
        row[5] = backendType == "client backend" ? "sqlpg" : null;
        row[6] = application ?? string.Empty;
        row[7] = backendType == "client backend" ? "127.0.0.1" : null;
        row[9] = backendType == "client backend" ? 50000 + pid : null;
        row[10] = DateTimeOffset.Parse("2026-11-20 20:00:00+00", CultureInfo.InvariantCulture);
        row[12] = queryStart is null ? null : DateTimeOffset.Parse(queryStart, CultureInfo.InvariantCulture);
        row[16] = state;
        row[20] = query;
        row[21] = backendType;
        return row;
    }
}

/// <summary>Runs SQL text the way a session would: parse, describe, execute.</summary>
internal static class SqlRunner
{
    public static async Task<QueryResult> QueryAsync(string sql, SqlTestEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        environment ??= new SqlTestEnvironment();
        var statement = Assert.Single(SqlParser.Parse(sql));
        var select = Assert.IsType<SelectStatement>(statement);
        return await SqlExecutor.Describe(select, environment).ExecuteToEndAsync(environment, null, cancellationToken);
    }

    /// <summary>The result's rows in text format (null for NULL).</summary>
    public static async Task<string?[][]> TextRowsAsync(string sql, SqlTestEnvironment? environment = null)
    {
        environment ??= new SqlTestEnvironment();
        var result = await QueryAsync(sql, environment);
        return result.Rows.Select(row => row.Select((v, i) => result.Columns[i].Format(v, environment.TimeZone)).ToArray()).ToArray();
    }

    /// <summary>The single value of a one-row, one-column result, as text.</summary>
    public static async Task<string?> ScalarTextAsync(string sql, SqlTestEnvironment? environment = null)
    {
        var rows = await TextRowsAsync(sql, environment);
        return Assert.Single(Assert.Single(rows));
    }

    /// <summary>The error running every statement of <paramref name="sql"/> raises (parse, describe or execution).</summary>
    public static async Task<PgError> ErrorAsync(string sql, SqlTestEnvironment? environment = null)
    {
        environment ??= new SqlTestEnvironment();
        var exception = await Assert.ThrowsAsync<PgException>(async () =>
        {
            foreach (var statement in SqlParser.Parse(sql))
            {
                switch (statement)
                {
                    case SelectStatement select:
                        await SqlExecutor.Describe(select, environment).ExecuteToEndAsync(environment);
                        break;
                    case UnsupportedStatement unsupported:
                        throw unsupported.ToException();
                }
            }
        });
        return exception.Error;
    }

    /// <summary>A column as <c>name:oid/size/typmod</c> (and <c>@tableoid.attnum</c> when it comes from a relation).</summary>
    public static string Describe(ResultColumn column) =>
        $"{column.Name}:{column.TypeOid}/{column.TypeSize}/{column.TypeModifier}" + (column.TableOid != 0 ? $"@{column.TableOid}.{column.ColumnNumber}" : string.Empty);
}
