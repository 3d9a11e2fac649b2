using ActorPostmaster.Actors;
using ActorPostmaster.Sql;

namespace ActorPostmaster;

public sealed partial class ClientBackend
{
    private TransactionState _transaction = TransactionState.Idle;
    private Settings.SessionSettings _session = null!;
    private BackendEnvironment? _sql;

    /// <summary>25P02: a statement inside a failed transaction block.</summary>
    private static PgError InFailedTransaction { get; } =
        new(PgSeverity.Error, "25P02", "current transaction is aborted, commands ignored until end of transaction block");

    /// <summary>
    /// exec_simple_query: every statement in turn (one implicit transaction block when there are several), stopping at
    /// the first error, then ParameterStatus for changed reported settings and ReadyForQuery.
    /// </summary>
    private async Task RunQueryAsync(string sql)
    {
        if (_ignoreTillSync)
        {
            return; // PostgresMain skips every message but Sync after an extended-protocol error
        }

        DisarmIdleTimers();
        await EndImplicitTransactionAsync(commit: true); // a Query without the Sync of an extended-protocol batch before it
        if (Proc.Take(PendingInterrupts.ConfigReload) != 0)
        {
            _session.UseServerSnapshot(Environment.Server.Snapshot);
        }

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
        _sql ??= new BackendEnvironment(this);

        IReadOnlyList<Statement> statements;
        try
        {
            statements = SqlParser.Parse(sql);
        }
        catch (PgException error)
        {
            FailStatement(error.Error, sql);
            FinishQuery();
            return;
        }

        if (statements.Count == 0)
        {
            _connection.Send(EmptyQueryResponse.Instance);
            FinishQuery();
            return;
        }

        var implicitBlock = statements.Count > 1 && _transaction == TransactionState.Idle;
        if (implicitBlock)
        {
            BeginSessionTransaction();
        }

        var failed = false;
        foreach (var statement in statements)
        {
            if (!await RunStatementAsync(statement, sql))
            {
                failed = true;
                break;
            }

            if (_closing)
            {
                return;
            }
        }

        if (implicitBlock && _transaction == TransactionState.Idle)
        {
            await EndKvAsync(commit: !failed);
            if (failed)
            {
                _session.AbortTransaction();
            }
            else
            {
                _session.CommitTransaction();
            }
        }

        if (!_closing)
        {
            FinishQuery();
        }
    }

    /// <summary>One statement, with statement_timeout armed around it. False when it failed (the rest is skipped).</summary>
    private async Task<bool> RunStatementAsync(Statement statement, string sql)
    {
        if (_transaction == TransactionState.Failed && !EndsTransaction(statement))
        {
            FailStatement(InFailedTransaction, sql);
            return false;
        }

        var proc = Proc;
        var timeout = _session.GetTimeSpan("statement_timeout");
        var timer = timeout > TimeSpan.Zero ? Scheduler.ScheduleOnce(timeout, () => proc.Raise(PendingInterrupts.StatementTimeout)) : null;
        try
        {
            Proc.Breadcrumb = statement.CommandName;
            await ExecuteAsync(statement);
            if (!InTransactionScope)
            {
                await EndKvAsync(commit: true); // autocommit: a read of kv ends here (a change was committed before its tag)
            }

            SendNotices();
            return true;
        }
        catch (PgException error) when (error.Error.Severity is PgSeverity.Fatal or PgSeverity.Panic)
        {
            SendNotices();
            Fatal(error.Error);
            return false;
        }
        catch (PgException error)
        {
            if (!InTransactionScope)
            {
                await EndKvAsync(commit: false);
            }

            SendNotices();
            FailStatement(error.Error, sql);
            return false;
        }
        finally
        {
            timer?.Cancel();
            Proc.Take(PendingInterrupts.StatementTimeout);
            Proc.Breadcrumb = null;
        }
    }

    private async Task ExecuteAsync(Statement statement)
    {
        switch (statement)
        {
            case SelectStatement select:
                await SelectAsync(select);
                break;
            case ShowStatement show:
                Show(show);
                break;
            case SetStatement set:
                Set(set);
                break;
            case ResetStatement reset:
                if (reset.IsAll)
                {
                    _session.ResetAll();
                }
                else
                {
                    _session.Reset(reset.Name!);
                }

                Complete("RESET");
                break;
            case TransactionStatement transaction:
                await TransactionAsync(transaction);
                break;
            case DiscardStatement discard:
                if (_transaction != TransactionState.Idle)
                {
                    throw new PgException("25001", $"{discard.CommandName} cannot run inside a transaction block");
                }

                if (discard.Target == DiscardTarget.All)
                {
                    _session.ResetAll();
                    DiscardPrepared();
                }

                Complete(discard.CommandName);
                break;
            case CheckpointStatement:
                if (!_role!.HasPrivilegesOf("pg_checkpoint"))
                {
                    throw new PgException("42501", "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT"); // PostgreSQL 15
                }

                if (Environment.Shared.Storage is { } storage)
                {
                    await storage.Checkpoints.RequestAsync("immediate force wait"); // RequestCheckpoint(CHECKPOINT_IMMEDIATE | FORCE | WAIT)
                }

                Complete("CHECKPOINT");
                break;
            case InsertStatement or UpdateStatement or DeleteStatement:
                var modified = await SqlExecutor.ExecuteModificationAsync(statement, _sql!);
                if (!InTransactionScope)
                {
                    await EndKvAsync(commit: true); // finish_xact_command before EndCommand: the tag means it is committed
                }

                Complete(modified.CommandTag);
                break;
            case UnsupportedStatement unsupported:
                throw unsupported.ToException();
            default:
                throw new PgException("0A000", $"{statement.CommandName} is not supported by ActorPostmaster");
        }
    }

    /// <summary>SELECT: RowDescription goes out before any row is computed (a cancelled pg_sleep has already sent it).</summary>
    private async Task SelectAsync(SelectStatement select)
    {
        var prepared = SqlExecutor.Describe(select, _sql!);
        _connection.Send(new RowDescription([.. prepared.Columns.Select(c => new RowField(c.Name, c.TypeOid, c.TypeSize, c.TypeModifier))]));
        var rows = 0;
        await foreach (var row in prepared.ExecuteAsync(_sql!))
        {
            var values = new string?[row.Length];
            for (var i = 0; i < row.Length; i++)
            {
                values[i] = prepared.Columns[i].Format(row[i], _sql!.TimeZone);
            }

            _connection.Send(new DataRow(values));
            rows++;
        }

        Complete($"SELECT {rows}");
    }

    private void Show(ShowStatement show)
    {
        if (string.Equals(show.Name, "all", StringComparison.OrdinalIgnoreCase))
        {
            var all = _session.ShowAll();
            SendSimpleRowDescription([Text("name"), Text("setting"), Text("description")]);
            foreach (var row in all)
            {
                _connection.Send(new DataRow([row.Name, row.Setting, row.Description]));
            }
        }
        else
        {
            var result = _session.Show(show.Name);
            SendSimpleRowDescription([Text(result.ColumnName)]);
            _connection.Send(new DataRow([result.Value]));
        }

        Complete("SHOW");

        static RowField Text(string name) => new(name, SqlType.Text.Oid, SqlType.Text.Size);
    }

    /// <summary>The simple protocol describes a statement's rows as it runs it; in the extended protocol Describe did.</summary>
    private void SendSimpleRowDescription(IReadOnlyList<RowField> fields)
    {
        if (_portalInExecution is null)
        {
            _connection.Send(new RowDescription(fields));
        }
    }

    private void Set(SetStatement set)
    {
        switch (set.Action)
        {
            case SetAction.Default:
                _session.SetToDefault(set.Name, set.IsLocal);
                break;
            case SetAction.FromCurrent:
                throw new PgException("0A000", "SET FROM CURRENT is not supported by ActorPostmaster");
            default:
                var arguments = set.Values.Select(v => v.Kind is SetValueKind.WholeNumber or SetValueKind.Numeric
                    ? new Settings.SetArgument(Settings.SetArgumentKind.NumericConstant, v.Text)
                    : Settings.SetArgument.FromString(v.Text)).ToList();
                _session.Set(set.Name, arguments, set.IsLocal);
                break;
        }

        Complete("SET");
    }

    private async Task TransactionAsync(TransactionStatement statement)
    {
        var now = Clock.GetUtcNow();
        switch (statement.Command)
        {
            case TransactionCommand.Begin or TransactionCommand.StartTransaction:
                if (_transaction != TransactionState.Idle)
                {
                    Notice(new PgError(PgSeverity.Warning, "25001", "there is already a transaction in progress"));
                }
                else
                {
                    _transaction = TransactionState.InBlock;
                    BeginSessionTransaction(); // within a multi-statement query the implicit block becomes this one
                    Proc.TransactionStart = now;
                }

                Complete(statement.CommandName);
                break;
            case TransactionCommand.Commit:
                var tag = _transaction == TransactionState.Failed ? "ROLLBACK" : "COMMIT";
                if (_transaction != TransactionState.Idle)
                {
                    await EndKvAsync(commit: _transaction == TransactionState.InBlock);
                }

                EndTransaction(commit: _transaction == TransactionState.InBlock);
                Complete(tag);
                break;
            case TransactionCommand.Rollback:
                if (_transaction != TransactionState.Idle)
                {
                    await EndKvAsync(commit: false);
                }

                EndTransaction(commit: false);
                Complete("ROLLBACK");
                break;
            default:
                throw new PgException("0A000", $"{statement.CommandName} is not supported by ActorPostmaster");
        }
    }

    private void EndTransaction(bool commit)
    {
        if (_transaction == TransactionState.Idle)
        {
            Notice(new PgError(PgSeverity.Warning, "25P01", "there is no transaction in progress"));
            return;
        }

        if (commit)
        {
            _session.CommitTransaction();
        }
        else
        {
            _session.AbortTransaction();
        }

        _transaction = TransactionState.Idle;
        Proc.TransactionStart = null;
    }

    /// <summary>Whether a statement's changes wait for a transaction end (a block, or an implicit transaction) rather than commit with it.</summary>
    private bool InTransactionScope => _transaction != TransactionState.Idle || _session.InTransaction;

    /// <summary>This transaction's view of the kv table (begun at its first use).</summary>
    private Storage.KvTransaction KvTransaction() => _kv ??= Environment.Shared.Kv!.Begin();

    /// <summary>
    /// Ends the kv transaction: a commit goes to the WAL and, with synchronous_commit on (or local, remote_write,
    /// remote_apply), waits until it is durable; a WAL that cannot be flushed is a PANIC, which crashes this backend.
    /// </summary>
    private async Task EndKvAsync(bool commit)
    {
        var kv = _kv;
        _kv = null;
        if (kv is null)
        {
            return;
        }

        if (!commit)
        {
            kv.Abort();
            return;
        }

        try
        {
            await kv.CommitAsync(waitForFlush: _session.GetString("synchronous_commit") != "off");
        }
        catch (IOException e)
        {
            throw new Storage.WalWriteException(e);
        }
    }

    /// <summary>Starts the session's transaction (SET LOCAL scope) unless one is already open.</summary>
    private void BeginSessionTransaction()
    {
        if (!_session.InTransaction)
        {
            _session.BeginTransaction();
        }
    }

    private static bool EndsTransaction(Statement statement) =>
        statement is TransactionStatement { Command: TransactionCommand.Commit or TransactionCommand.Rollback or TransactionCommand.RollbackToSavepoint };

    /// <summary>An ERROR: reported to the client and the log; inside a block the transaction becomes failed.</summary>
    private void FailStatement(PgError error, string sql)
    {
        _connection.Send(new ErrorResponse(error));
        Log.Report(error, sql);
        if (_transaction == TransactionState.InBlock)
        {
            _transaction = TransactionState.Failed;
        }
    }

    private void Complete(string tag) => _connection.Send(new CommandComplete(tag));

    private void Notice(PgError notice) => _connection.Send(new NoticeResponse(notice));

    private void SendNotices()
    {
        foreach (var notice in _session.TakeNotices())
        {
            Notice(notice);
        }
    }

    private void FinishQuery()
    {
        foreach (var parameter in _session.TakeParameterStatusChanges())
        {
            _connection.Send(new ParameterStatus(parameter.Name, parameter.Value));
        }

        ReadyForQuery();
    }
}
