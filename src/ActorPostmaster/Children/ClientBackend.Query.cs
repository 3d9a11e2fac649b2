namespace ActorPostmaster;

public sealed partial class ClientBackend
{
    private TransactionState _transaction = TransactionState.Idle;

    /// <summary>The reported parameters at connection start, in the order the oracle shows.</summary>
    private IEnumerable<(string Name, string Value)> ReportedParameters()
    {
        yield return ("application_name", Proc.ApplicationName ?? string.Empty);
        yield return ("client_encoding", "UTF8");
        yield return ("DateStyle", "ISO, MDY");
        yield return ("default_transaction_read_only", "off");
        yield return ("in_hot_standby", "off");
        yield return ("integer_datetimes", "on");
        yield return ("IntervalStyle", "postgres");
        yield return ("is_superuser", Proc.IsSuperuser ? "on" : "off");
        yield return ("server_encoding", "UTF8");
        yield return ("server_version", Environment.Options.ServerVersion);
        yield return ("session_authorization", Proc.UserName ?? string.Empty);
        yield return ("standard_conforming_strings", "on");
        yield return ("TimeZone", "Etc/UTC");
    }

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
