using ActorPostmaster.Sql;

namespace ActorPostmaster;

/// <summary>
/// The pg_stat_activity view over the process table, with two ActorPostmaster columns for stuck backends:
/// <c>pending_interrupts</c> and <c>last_interrupt_check</c>.
/// </summary>
internal sealed class PgStatActivity(ProcTable procs) : IRelation
{
    private static readonly IReadOnlyList<RelationColumn> ColumnList =
    [
        new("pid", SqlType.Int4), new("backend_type", SqlType.Text), new("usename", SqlType.NameType), new("datname", SqlType.NameType),
        new("application_name", SqlType.Text), new("client_addr", SqlType.Text), new("state", SqlType.Text),
        new("wait_event_type", SqlType.Text), new("wait_event", SqlType.Text), new("query", SqlType.Text),
        new("backend_start", SqlType.Timestamptz), new("xact_start", SqlType.Timestamptz), new("query_start", SqlType.Timestamptz),
        new("state_change", SqlType.Timestamptz), new("pending_interrupts", SqlType.Text), new("last_interrupt_check", SqlType.Timestamptz),
    ];

    public string Schema => "pg_catalog";

    public string Name => "pg_stat_activity";

    public uint Oid => 12222;

    public IReadOnlyList<RelationColumn> Columns => ColumnList;

    public ValueTask<IReadOnlyList<object?[]>> GetRowsAsync(ISqlEnvironment environment, CancellationToken cancellationToken)
    {
        IReadOnlyList<object?[]> rows = [.. procs.Snapshot().Select(p => new object?[]
        {
            p.Pid,
            p.Type == BackendType.BackgroundWorker ? p.WorkerType : p.Type.Description(),
            p.UserName,
            p.DatabaseName,
            p.ApplicationName ?? string.Empty,
            p.ClientAddress,
            p.Type == BackendType.Backend ? p.State : null,
            p.WaitEvent?.Type,
            p.WaitEvent?.Event,
            p.Type == BackendType.Backend ? p.Query ?? string.Empty : string.Empty,
            p.BackendStart,
            p.TransactionStart,
            p.QueryStart,
            p.StateChange,
            p.Pending == PendingInterrupts.None ? null : p.Pending.ToString(),
            p.LastInterruptCheck,
        })];
        return ValueTask.FromResult(rows);
    }
}
