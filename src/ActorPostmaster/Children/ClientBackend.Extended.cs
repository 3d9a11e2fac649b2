using ActorPostmaster.Protocol;
using ActorPostmaster.Sql;

namespace ActorPostmaster;

/// <summary>
/// The extended query protocol (postgres.c: exec_parse_message, exec_bind_message, exec_describe_statement_message,
/// exec_describe_portal_message, exec_execute_message, and PostgresMain's Sync/Flush/Close handling).
/// </summary>
/// <remarks>
/// Statements outside a transaction block run in one implicit transaction that Sync ends. After an error every message
/// up to the next Sync is skipped, and Sync answers ReadyForQuery. Portals end with their transaction; prepared
/// statements live until Close or DISCARD ALL.
/// </remarks>
public sealed partial class ClientBackend
{
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Portal> _portals = new(StringComparer.Ordinal);
    private bool _ignoreTillSync;
    private bool _implicitTransaction;
    private Portal? _portalInExecution;

    private static bool IsExtendedProtocol(FrontendMessage? message) =>
        message is ParseMessage or BindMessage or DescribeMessage or ExecuteMessage or CloseMessage or SyncMessage or FlushMessage
            or MalformedFrontendMessage { Type: (byte)'P' or (byte)'B' or (byte)'D' or (byte)'E' or (byte)'C' or (byte)'S' or (byte)'H' };

    /// <summary>One extended-protocol message: skipped while an error waits for Sync, otherwise run with errors reported.</summary>
    private async Task RunExtendedAsync(FrontendMessage message)
    {
        DisarmIdleTimers();
        if (message is SyncMessage)
        {
            await SyncAsync();
            return;
        }

        if (message is MalformedFrontendMessage { Type: (byte)'S' } malformedSync)
        {
            // SocketBackend ends the skipping and the extended-query mode before the body is checked: ERROR, then ReadyForQuery.
            _ignoreTillSync = false;
            FailStatement(malformedSync.Error, Proc.Query ?? string.Empty);
            await SyncAsync();
            return;
        }

        if (_ignoreTillSync)
        {
            return;
        }

        if (message is FlushMessage)
        {
            _connection.Flush(); // pq_flush
            return;
        }

        if (Proc.Take(PendingInterrupts.ConfigReload) != 0)
        {
            _session.UseServerSnapshot(Environment.Server.Snapshot);
        }

        try
        {
            Interrupts.CheckForInterrupts(Proc, doingCommandRead: true, Clock);
            _sql ??= new BackendEnvironment(this);
            switch (message)
            {
                case MalformedFrontendMessage malformed:
                    throw new PgException(malformed.Error); // exec_bind_message and friends raise it as they read
                case ParseMessage parse:
                    Parse(parse);
                    break;
                case BindMessage bind:
                    Bind(bind);
                    break;
                case DescribeMessage describe:
                    Describe(describe);
                    break;
                case ExecuteMessage execute:
                    await ExecutePortalAsync(execute);
                    break;
                case CloseMessage close:
                    Close(close);
                    break;
            }
        }
        catch (PgException error) when (error.Error.Severity is PgSeverity.Fatal or PgSeverity.Panic)
        {
            SendNotices();
            Fatal(error.Error);
        }
        catch (PgException error)
        {
            SendNotices();
            FailExtended(error.Error);
        }
    }

    private void Parse(ParseMessage parse)
    {
        var statements = SqlParser.Parse(parse.Sql);
        if (statements.Count > 1)
        {
            throw new PgException("42601", "cannot insert multiple commands into a prepared statement");
        }

        var statement = statements.Count == 0 ? null : statements[0];
        if (_transaction == TransactionState.Failed && statement is not null && !EndsTransaction(statement))
        {
            throw new PgException(InFailedTransaction);
        }

        var declared = parse.ParameterTypeOids
            .Select(oid => SqlType.FromOid(oid) ?? throw new PgException("XX000", $"cache lookup failed for type {(uint)oid}"))
            .ToList();
        if (parse.Statement.Length > 0 && _statements.ContainsKey(parse.Statement))
        {
            throw new PgException("42P05", $"prepared statement \"{parse.Statement}\" already exists");
        }

        var select = statement is SelectStatement s ? SqlExecutor.Describe(s, _sql!, declared) : null;
        var modification = statement is not null && SqlExecutor.IsModification(statement) ? SqlExecutor.DescribeModification(statement, _sql!, declared) : null;
        _statements[parse.Statement] = new PreparedStatement(
            parse.Sql, statement, select?.ParameterTypes ?? modification?.ParameterTypes ?? declared, select, modification);
        _connection.Send(ParseComplete.Instance);
    }

    private void Bind(BindMessage bind)
    {
        var statement = FindStatement(bind.Statement);
        var count = bind.Parameters.Count;
        if (WireValues.CheckParameterFormatCount(bind.ParameterFormats.Count, count) is { } formatCount)
        {
            throw new PgException(formatCount);
        }

        if (count != statement.ParameterTypes.Count)
        {
            throw new PgException(ProtocolErrors.BindParameterCount(count, bind.Statement, statement.ParameterTypes.Count));
        }

        if (_transaction == TransactionState.Failed && statement.Statement is not null && !EndsTransaction(statement.Statement))
        {
            throw new PgException(InFailedTransaction);
        }

        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = WireValues.DecodeParameter(
                bind.Parameters[i], WireValues.ParameterFormat(bind.ParameterFormats, i), statement.ParameterTypes[i].Oid, i + 1, _sql!.TimeZone);
        }

        var columns = statement.Columns(this);
        var resultFormats = WireValues.ColumnFormats(bind.ResultFormats, columns.Count);
        if (bind.Portal.Length > 0 && _portals.ContainsKey(bind.Portal))
        {
            throw new PgException("42P03", $"cursor \"{bind.Portal}\" already exists");
        }

        if (_portals.Remove(bind.Portal, out var replaced))
        {
            replaced.Dispose();
        }

        BeginImplicitTransaction();
        _portals[bind.Portal] = new Portal(statement, values, resultFormats);
        _connection.Send(BindComplete.Instance);
    }

    private void Describe(DescribeMessage describe)
    {
        switch (describe.Kind)
        {
            case 'S':
                var statement = FindStatement(describe.Name);
                if (_transaction == TransactionState.Failed && statement.Columns(this).Count > 0)
                {
                    throw new PgException(InFailedTransaction); // describing rows needs the catalogs
                }

                _connection.Send(new ParameterDescription([.. statement.ParameterTypes.Select(t => t.Oid)]));
                SendRowDescription(statement.Columns(this), formats: null);
                break;
            case 'P':
                var portal = FindPortal(describe.Name);
                SendRowDescription(portal.Statement.Columns(this), portal.ResultFormats);
                break;
            default:
                throw new PgException(ProtocolErrors.InvalidDescribeSubtype((byte)describe.Kind));
        }
    }

    private void SendRowDescription(IReadOnlyList<ResultColumn> columns, short[]? formats)
    {
        if (columns.Count == 0)
        {
            _connection.Send(NoData.Instance);
            return;
        }

        _connection.Send(new RowDescription(
            [.. columns.Select((c, i) => new RowField(c.Name, c.TypeOid, c.TypeSize, c.TypeModifier, formats?[i] ?? 0))]));
    }

    private async Task ExecutePortalAsync(ExecuteMessage execute)
    {
        var portal = FindPortal(execute.Portal);
        var statement = portal.Statement;
        if (statement.Statement is null)
        {
            _connection.Send(EmptyQueryResponse.Instance);
            return;
        }

        if (_transaction == TransactionState.Failed && !EndsTransaction(statement.Statement))
        {
            throw new PgException(InFailedTransaction);
        }

        // printtup_prepare_info: a result format other than text or binary fails when rows are about to be sent.
        if (portal.ResultFormats.FirstOrDefault(f => f is not (WireValues.TextFormat or WireValues.BinaryFormat)) is var bad and not 0)
        {
            throw new PgException(ProtocolErrors.UnsupportedFormatCode(bad));
        }

        var now = Clock.GetUtcNow();
        Proc.State = "active";
        Proc.Query = statement.Sql;
        Proc.QueryStart = now;
        Proc.StateChange = now;
        Proc.WaitEvent = null;
        var proc = Proc;
        var timeout = _session.GetTimeSpan("statement_timeout");
        var timer = timeout > TimeSpan.Zero ? Scheduler.ScheduleOnce(timeout, () => proc.Raise(PendingInterrupts.StatementTimeout)) : null;
        try
        {
            Proc.Breadcrumb = statement.Statement.CommandName;
            if (statement.Select is { } select)
            {
                await FetchAsync(portal, select, execute.MaxRows);
            }
            else if (statement.Modification is { } modification && !portal.Done)
            {
                _portalInExecution = portal;
                var result = await modification.ExecuteAsync(_sql!, portal.Parameters);
                portal.Done = true;
                Complete(result.CommandTag);
            }
            else if (portal.Done)
            {
                throw new PgException("55000", $"portal \"{execute.Portal}\" cannot be run");
            }
            else
            {
                if (statement.Statement is TransactionStatement)
                {
                    await EndImplicitTransactionAsync(commit: true); // BEGIN, COMMIT … act on the block, not on the implicit transaction
                }

                _portalInExecution = portal;
                await ExecuteAsync(statement.Statement);
                portal.Done = true;
            }

            SendNotices();
        }
        finally
        {
            _portalInExecution = null;
            timer?.Cancel();
            Proc.Take(PendingInterrupts.StatementTimeout);
            Proc.Breadcrumb = null;
        }
    }

    /// <summary>Runs a SELECT portal for up to <paramref name="maxRows"/> rows (0 = all); PortalSuspended when rows remain.</summary>
    private async Task FetchAsync(Portal portal, PreparedSelect select, int maxRows)
    {
        if (portal.Done)
        {
            Complete("SELECT 0");
            return;
        }

        portal.Rows ??= select.ExecuteAsync(_sql!, portal.Parameters).GetAsyncEnumerator();
        var sent = 0;
        while (maxRows <= 0 || sent < maxRows)
        {
            if (!await portal.Rows.MoveNextAsync())
            {
                portal.Done = true;
                await portal.Rows.DisposeAsync();
                portal.Rows = null;
                Complete($"SELECT {sent}");
                return;
            }

            SendRow(portal, select.Columns, portal.Rows.Current);
            sent++;
        }

        _connection.Send(PortalSuspended.Instance);
    }

    private void SendRow(Portal portal, IReadOnlyList<ResultColumn> columns, object?[] row)
    {
        var timeZone = _sql!.TimeZone;
        if (portal.ResultFormats.All(f => f == 0))
        {
            _connection.Send(new DataRow([.. row.Select((value, i) => columns[i].Format(value, timeZone))]));
            return;
        }

        _connection.Send(new EncodedDataRow([.. row.Select((value, i) => WireValues.EncodeColumn(value, columns[i].TypeOid, portal.ResultFormats[i], timeZone))]));
    }

    private void Close(CloseMessage close)
    {
        switch (close.Kind)
        {
            case 'S':
                _statements.Remove(close.Name);
                break;
            case 'P':
                if (_portals.Remove(close.Name, out var portal))
                {
                    portal.Dispose();
                }

                break;
            default:
                throw new PgException(ProtocolErrors.InvalidCloseSubtype((byte)close.Kind));
        }

        _connection.Send(CloseComplete.Instance);
    }

    /// <summary>Sync: ends the implicit transaction (committing it unless a message failed) and answers ReadyForQuery.</summary>
    private async Task SyncAsync()
    {
        var failed = _ignoreTillSync;
        _ignoreTillSync = false;
        await EndImplicitTransactionAsync(commit: !failed);
        if (_transaction == TransactionState.Idle)
        {
            DropPortals();
        }

        FinishQuery();
    }

    /// <summary>An ERROR in the extended protocol: reported, then everything up to Sync is skipped.</summary>
    private void FailExtended(PgError error)
    {
        FailStatement(error, _portalInExecution?.Statement.Sql ?? Proc.Query ?? string.Empty);
        _ignoreTillSync = true;
    }

    private void BeginImplicitTransaction()
    {
        if (_transaction == TransactionState.Idle && !_implicitTransaction)
        {
            _implicitTransaction = true;
            BeginSessionTransaction();
            Proc.TransactionStart = Clock.GetUtcNow();
        }
    }

    /// <summary>Ends the implicit transaction: the table's changes first (a commit waits for its WAL flush), then the settings'.</summary>
    private async Task EndImplicitTransactionAsync(bool commit)
    {
        if (!_implicitTransaction)
        {
            return;
        }

        if (_transaction == TransactionState.Idle)
        {
            await EndKvAsync(commit);
        }

        EndImplicitTransaction(commit);
    }

    private void EndImplicitTransaction(bool commit)
    {
        if (!_implicitTransaction)
        {
            return;
        }

        _implicitTransaction = false;
        if (commit)
        {
            _session.CommitTransaction();
        }
        else
        {
            _session.AbortTransaction();
        }

        if (_transaction == TransactionState.Idle)
        {
            Proc.TransactionStart = null;
        }
    }

    private void DropPortals()
    {
        foreach (var portal in _portals.Values)
        {
            portal.Dispose();
        }

        _portals.Clear();
    }

    /// <summary>DISCARD ALL: every prepared statement and portal goes too.</summary>
    private void DiscardPrepared()
    {
        _statements.Clear();
        DropPortals();
    }

    private PreparedStatement FindStatement(string name) =>
        _statements.GetValueOrDefault(name) ?? throw new PgException(
            "26000", name.Length == 0 ? "unnamed prepared statement does not exist" : $"prepared statement \"{name}\" does not exist");

    private Portal FindPortal(string name) =>
        _portals.GetValueOrDefault(name) ?? throw new PgException("34000", $"portal \"{name}\" does not exist");

    /// <summary>
    /// A prepared statement (Parse): its text, its parsed statement (null when empty), its parameter types, and its plan
    /// when it is a SELECT or an INSERT/UPDATE/DELETE.
    /// </summary>
    private sealed class PreparedStatement(
        string sql, Statement? statement, IReadOnlyList<SqlType> parameterTypes, PreparedSelect? select, PreparedModification? modification)
    {
        public string Sql { get; } = sql;

        public Statement? Statement { get; } = statement;

        public IReadOnlyList<SqlType> ParameterTypes { get; } = parameterTypes;

        public PreparedSelect? Select { get; } = select;

        public PreparedModification? Modification { get; } = modification;

        /// <summary>The result columns: a SELECT's, SHOW's one text column (all three for SHOW ALL), none otherwise.</summary>
        public IReadOnlyList<ResultColumn> Columns(ClientBackend backend) => Statement switch
        {
            SelectStatement => Select!.Columns,
            ShowStatement show when string.Equals(show.Name, "all", StringComparison.OrdinalIgnoreCase) =>
                [new("name", SqlType.Text), new("setting", SqlType.Text), new("description", SqlType.Text)],
            ShowStatement show => [new(backend._session.Show(show.Name).ColumnName, SqlType.Text)],
            _ => [],
        };
    }

    /// <summary>A portal (Bind): a statement with its parameter values, result formats and, once running, its rows.</summary>
    private sealed class Portal(PreparedStatement statement, object?[] parameters, short[] resultFormats) : IDisposable
    {
        public PreparedStatement Statement { get; } = statement;

        public object?[] Parameters { get; } = parameters;

        public short[] ResultFormats { get; } = resultFormats;

        public IAsyncEnumerator<object?[]>? Rows { get; set; }

        public bool Done { get; set; }

        public void Dispose()
        {
            Rows?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Rows = null;
        }
    }
}
