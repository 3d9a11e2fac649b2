namespace ActorPostmaster;

/// <summary>
/// ProcessInterrupts (postgres.c, spec §4.2) for a client backend: applies pending interrupts in PostgreSQL's order
/// and turns them into the errors a client sees. Called at every CHECK_FOR_INTERRUPTS.
/// </summary>
public static class Interrupts
{
    /// <summary>57P01, sent to a client whose backend was terminated (pg_terminate_backend, fast shutdown).</summary>
    public static PgError AdministratorCommand { get; } = new(PgSeverity.Fatal, "57P01", "terminating connection due to administrator command");

    /// <summary>57014 for a cancel (pg_cancel_backend, CancelRequest).</summary>
    public static PgError UserCancel { get; } = new(PgSeverity.Error, "57014", "canceling statement due to user request");

    /// <summary>57014 for statement_timeout.</summary>
    public static PgError StatementTimeout { get; } = new(PgSeverity.Error, "57014", "canceling statement due to statement timeout");

    /// <summary>25P03 for idle_in_transaction_session_timeout.</summary>
    public static PgError IdleInTransactionTimeout { get; } = new(PgSeverity.Fatal, "25P03", "terminating connection due to idle-in-transaction timeout");

    /// <summary>57P05 for idle_session_timeout.</summary>
    public static PgError IdleSessionTimeout { get; } = new(PgSeverity.Fatal, "57P05", "terminating connection due to idle-session timeout");

    /// <summary>08006 when the client went away (not sent: nobody listens).</summary>
    public static PgError ConnectionLost { get; } = new(PgSeverity.Fatal, "08006", "connection to client lost");

    /// <summary>
    /// Applies pending interrupts. Returns normally when nothing (or nothing that may act now) is pending; throws a
    /// <see cref="PgException"/> with the client-visible error otherwise.
    /// </summary>
    /// <param name="proc">The backend's process entry.</param>
    /// <param name="doingCommandRead">True while idle, waiting for a command: a cancel then does nothing.</param>
    /// <param name="clock">For <see cref="ProcessState.LastInterruptCheck"/>.</param>
    public static void CheckForInterrupts(ProcessState proc, bool doingCommandRead, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(proc);
        ArgumentNullException.ThrowIfNull(clock);
        proc.LastInterruptCheck = clock.GetUtcNow();
        if (proc.InterruptHoldoffCount != 0 || proc.CritSectionCount != 0 || proc.Pending == PendingInterrupts.None)
        {
            return; // held: everything stays pending
        }

        if (proc.Take(PendingInterrupts.ProcDie) != 0)
        {
            proc.Take(PendingInterrupts.QueryCancel | PendingInterrupts.StatementTimeout); // die beats cancel
            throw new PgException(AdministratorCommand);
        }

        if (proc.Take(PendingInterrupts.ClientConnectionLost) != 0)
        {
            proc.Take(PendingInterrupts.QueryCancel | PendingInterrupts.StatementTimeout);
            throw new PgException(ConnectionLost);
        }

        if ((proc.Pending & (PendingInterrupts.QueryCancel | PendingInterrupts.StatementTimeout)) != 0)
        {
            if (proc.QueryCancelHoldoffCount != 0)
            {
                proc.Latch.Set(); // stays pending: re-armed for the next check
            }
            else
            {
                var cancel = proc.Take(PendingInterrupts.QueryCancel | PendingInterrupts.StatementTimeout);
                if (!doingCommandRead)
                {
                    throw new PgException((cancel & PendingInterrupts.StatementTimeout) != 0 ? StatementTimeout : UserCancel);
                }
            }
        }

        if (proc.Take(PendingInterrupts.IdleInTransactionSessionTimeout) != 0)
        {
            throw new PgException(IdleInTransactionTimeout);
        }

        if (proc.Take(PendingInterrupts.IdleSessionTimeout) != 0)
        {
            throw new PgException(IdleSessionTimeout);
        }
    }

    /// <summary>The WARNING quickdie sends its client (§4.1), chosen by the postmaster's quit reason.</summary>
    /// <param name="reason">Why the postmaster told the backend to quit.</param>
    public static PgError QuickDie(QuitReason reason) => reason switch
    {
        QuitReason.ForCrash => new PgError(
            PgSeverity.Warning,
            "57P02",
            "terminating connection because of crash of another server process",
            "The postmaster has commanded this server process to roll back the current transaction and exit, because another server process exited abnormally and possibly corrupted shared memory.",
            "In a moment you should be able to reconnect to the database and repeat your command."),
        QuitReason.ForStop => new PgError(PgSeverity.Warning, "57P01", "terminating connection due to immediate shutdown command"),
        _ => new PgError(PgSeverity.Warning, "57P01", "terminating connection because of unexpected SIGQUIT signal"),
    };
}
