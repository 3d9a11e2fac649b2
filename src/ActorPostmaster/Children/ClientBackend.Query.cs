namespace ActorPostmaster;

public sealed partial class ClientBackend
{
    private TransactionState _transaction = TransactionState.Idle;
    private Settings.SessionSettings _session = null!;

    /// <summary>A simple query: every statement in turn, then ReadyForQuery.</summary>
    private async Task RunQueryAsync(string sql)
    {
        DisarmIdleTimers();
        try
        {
            Interrupts.CheckForInterrupts(Proc, doingCommandRead: true, Clock); // a cancel that arrived while idle is dropped here
        }
        catch (PgException fatal)
        {
            Fatal(fatal.Error);
            return;
        }

        var now = Clock.GetUtcNow();
        Proc.State = "active";
        Proc.Query = sql;
        Proc.QueryStart = now;
        Proc.StateChange = now;
        Proc.WaitEvent = null;
        await Task.CompletedTask;
        _connection.Send(new ErrorResponse(new PgError(PgSeverity.Error, "0A000", "statements are not available yet")));
        if (!_closing)
        {
            ReadyForQuery();
        }
    }
}
