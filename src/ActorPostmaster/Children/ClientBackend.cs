using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// A client backend: one session (PostgresMain). It reads the startup packet, authenticates, runs the statements its
/// client sends, and ends on Terminate, on a FATAL, or when the postmaster stops it.
/// </summary>
/// <remarks>
/// <para>
/// Signals never wait behind a running statement: they set flags and the latch of the <see cref="ProcessState"/>, and
/// the backend acts on them at its next CHECK_FOR_INTERRUPTS (<see cref="Interrupts.CheckForInterrupts"/>) — inside a
/// statement's waits, or at once when idle. SIGQUIT (quickdie) and SIGKILL stop the actor directly: quickdie sends the
/// WARNING of the postmaster's quit reason first, a kill closes the connection with no message.
/// </para>
/// <para>Split by concern: this file has the startup and the idle loop, ClientBackend.Query.cs the statements.</para>
/// </remarks>
public sealed partial class ClientBackend : PostmasterChild
{
    private readonly ClientConnection _connection;
    private ICancelable? _idleTimer;
    private ICancelable? _authenticationTimer;
    private bool _authenticated;
    private bool _closing;
    private RoleSpec? _role;
    private Storage.KvTransaction? _kv;

    /// <summary>Creates the backend for a connection.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    /// <param name="connection">The client connection.</param>
    public ClientBackend(ProcessState proc, ChildEnvironment environment, ClientConnection connection)
        : base(proc, environment)
    {
        _connection = connection;
        ReceiveAsync<FrontendArrived>(arrived => arrived.Message is QueryMessage && _authenticated, arrived => RunQueryAsync(((QueryMessage)arrived.Message!).Sql));
        ReceiveAsync<FrontendArrived>(arrived => IsExtendedProtocol(arrived.Message) && _authenticated, arrived => RunExtendedAsync(arrived.Message!));
        Receive<FrontendArrived>(arrived => OnFrontend(arrived.Message));
    }

    /// <summary>The transaction state, as ReadyForQuery reports it.</summary>
    private enum TransactionState
    {
        Idle,
        InBlock,
        Failed,
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        var proc = Proc;
        _authenticationTimer = Scheduler.ScheduleOnce(
            Environment.Settings.AuthenticationTimeout, () => proc.Raise(PendingInterrupts.ProcDie));
        _connection.Attach(Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _kv?.Abort(); // the session ends: its row locks go with it
        _idleTimer?.Cancel();
        _authenticationTimer?.Cancel();
        if ((Proc.Pending & PendingInterrupts.Quit) != 0 && Proc.ExitStatus is ExitStatus.Exited { Code: 2 } && _authenticated)
        {
            // quickdie: one WARNING to the client only, then the connection drops (§4.1).
            _connection.Send(new NoticeResponse(Interrupts.QuickDie(Proc.QuitReason)));
        }

        _connection.Close();
    }

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if (!_authenticated)
        {
            if ((Proc.Pending & PendingInterrupts.ProcDie) != 0)
            {
                Leave(1); // authentication timeout or SIGTERM while starting: nothing is sent
            }

            return;
        }

        if (Proc.Take(PendingInterrupts.ConfigReload) != 0)
        {
            _session.UseServerSnapshot(Environment.Server.Snapshot); // SIGHUP: the reloaded file applies from now on
        }

        try
        {
            Interrupts.CheckForInterrupts(Proc, doingCommandRead: true, Clock);
        }
        catch (PgException error)
        {
            Fatal(error.Error);
        }
    }

    private void OnFrontend(FrontendMessage? message)
    {
        switch (message)
        {
            case SslRequestMessage or GssEncRequestMessage when !_authenticated:
                _connection.Send(EncryptionRefused.Instance); // no TLS, no GSSAPI: the client goes on in the clear
                break;
            case StartupMessage startup when !_authenticated && _authenticating is null:
                Startup(startup);
                break;
            case PasswordMessage password when !_authenticated:
                OnPasswordMessage(password);
                break;
            case CancelRequestMessage cancel when !_authenticated:
                CancelRequests.Process(Environment.Shared.Procs, cancel.Pid, cancel.SecretKey, Log);
                Leave(0);
                break;
            case TerminateMessage:
                Leave(0);
                break;
            case null:
                Leave(_authenticated ? 0 : 1); // the client went away
                break;
            case CopyFrontendMessage:
                break; // CopyData, CopyDone, CopyFail outside COPY: accepted and ignored
            case ProtocolViolationMessage violation:
                // COMMERROR (server log only) and the end of input, or a FATAL the client is told about too.
                foreach (var reply in violation.Replies)
                {
                    _connection.Send(reply);
                }

                Log.Report(violation.Error);
                Leave(violation.Error.Severity == PgSeverity.Fatal ? 1 : 0);
                break;
            case MalformedFrontendMessage malformed when _authenticated:
                if (!_ignoreTillSync)
                {
                    DisarmIdleTimers(); // a Query (or FunctionCall) whose body does not parse: ERROR, then ReadyForQuery
                    FailStatement(malformed.Error, string.Empty);
                    FinishQuery();
                }

                break;
            case FunctionCallMessage when _authenticated && _ignoreTillSync:
                break;
            case FunctionCallMessage when _authenticated:
                DisarmIdleTimers();
                FailStatement(new PgError(PgSeverity.Error, "0A000", "fastpath function calls are not supported by ActorPostmaster"), string.Empty);
                FinishQuery();
                break;
            case UnknownFrontendMessage unknown:
                Fatal(Protocol.ProtocolErrors.InvalidFrontendMessageType(unknown.Type));
                break;
            default:
                Fatal(new PgError(PgSeverity.Fatal, "08P01", $"invalid frontend message type {message.GetType().Name}"));
                break;
        }
    }

    /// <summary>BackendInitialize + InitProcess + PerformAuthentication + InitPostgres, in PostgreSQL's order.</summary>
    private void Startup(StartupMessage startup)
    {
        if (!NegotiateProtocol(ref startup))
        {
            return;
        }

        var options = Environment.Settings;
        var procs = Environment.Shared.Procs;
        var used = procs.Snapshot().Count(p => p.Type == BackendType.Backend);
        if (used > options.MaxConnections)
        {
            Fatal(Admission.TooManyClients); // InitProcess: no free PGPROC, before any authentication message
            return;
        }

        ClientAuthentication(startup);
    }

    /// <summary>InitPostgres, after AuthenticationOk: the role, the reserved slots, the database, the startup options.</summary>
    private void InitPostgres(StartupMessage startup)
    {
        var options = Environment.Settings;
        var used = Environment.Shared.Procs.Snapshot().Count(p => p.Type == BackendType.Backend);
        var database = startup.Database ?? startup.User;
        _role = Environment.Options.Catalog.FindRole(startup.User);
        if (_role is null)
        {
            Fatal(new PgError(PgSeverity.Fatal, "28000", $"role \"{startup.User}\" does not exist"));
            return;
        }

        if (!_role.CanLogin)
        {
            Fatal(new PgError(PgSeverity.Fatal, "28000", $"role \"{startup.User}\" is not permitted to log in"));
            return;
        }

        // InitPostgres: reserved connection slots, for regular backends of non-superusers.
        var reserved = options.SuperuserReservedConnections + options.ReservedConnections;
        var free = options.MaxConnections - used;
        if (!_role.Superuser && reserved > 0 && free < reserved)
        {
            if (free < options.SuperuserReservedConnections)
            {
                Fatal(Admission.ReservedForSuperuser);
                return;
            }

            if (!_role.HasPrivilegesOf("pg_use_reserved_connections"))
            {
                Fatal(Admission.ReservedForPrivilegedRoles);
                return;
            }
        }

        if (!Environment.Options.Catalog.Databases.Contains(database, StringComparer.Ordinal))
        {
            Fatal(new PgError(PgSeverity.Fatal, "3D000", $"database \"{database}\" does not exist"));
            return;
        }

        if (database == "template0")
        {
            Fatal(new PgError(PgSeverity.Fatal, "55000", "database \"template0\" is not currently accepting connections"));
            return;
        }

        // process_startup_options: the parameters of the startup packet, as if SET (errors are FATAL).
        _session = new Settings.SessionSettings(Environment.Server.Snapshot, _role.Name, _role.Superuser, Environment.Options.Catalog);
        try
        {
            _session.ApplyStartupOptions(Settings.StartupOptions.Expand(startup.Parameters));
        }
        catch (PgException error)
        {
            Fatal(error.Error with { Severity = PgSeverity.Fatal });
            return;
        }

        _authenticationTimer?.Cancel();
        _authenticated = true;
        Proc.UserName = _role.Name;
        Proc.IsSuperuser = _role.Superuser;
        Proc.DatabaseName = database;
        Proc.ApplicationName = _session.GetString("application_name");
        foreach (var notice in _session.TakeNotices())
        {
            _connection.Send(new NoticeResponse(notice));
        }

        foreach (var parameter in _session.StartupParameterStatus())
        {
            _connection.Send(new ParameterStatus(parameter.Name, parameter.Value));
        }

        _connection.Send(new BackendKeyData(Proc.Pid, Proc.SecretKey));
        ReadyForQuery();
    }

    /// <summary>
    /// ProcessStartupPacket's version check: 3.0 is served as asked; a later 3.x, or <c>_pq_.</c> options (none of which
    /// exist in 3.0), get NegotiateProtocolVersion and the session goes on in 3.0; other majors are refused.
    /// </summary>
    private bool NegotiateProtocol(ref StartupMessage startup)
    {
        if (startup.ProtocolVersion >> 16 != 3)
        {
            Fatal(Protocol.ProtocolErrors.UnsupportedFrontendProtocol(startup.ProtocolVersion));
            return false;
        }

        if (Protocol.FrontendDecoder.ProtocolNegotiationFor(startup) is { } negotiation)
        {
            _connection.Send(negotiation);
            startup = startup with
            {
                Parameters = startup.Parameters.Where(p => !p.Key.StartsWith("_pq_.", StringComparison.Ordinal)).ToDictionary(),
            };
        }

        return true;
    }

    /// <summary>ReadyForQuery, after arming the idle timeouts (PostgresMain, just before reading the next command).</summary>
    private void ReadyForQuery()
    {
        var now = Clock.GetUtcNow();
        Proc.State = _transaction switch
        {
            TransactionState.Idle => "idle",
            TransactionState.InBlock => "idle in transaction",
            _ => "idle in transaction (aborted)",
        };
        Proc.StateChange = now;
        Proc.WaitEvent = ("Client", "ClientRead");
        var proc = Proc;
        var (timeout, flag) = _transaction == TransactionState.Idle
            ? (_session.GetTimeSpan("idle_session_timeout"), PendingInterrupts.IdleSessionTimeout)
            : (_session.GetTimeSpan("idle_in_transaction_session_timeout"), PendingInterrupts.IdleInTransactionSessionTimeout);
        if (timeout > TimeSpan.Zero)
        {
            _idleTimer = Scheduler.ScheduleOnce(timeout, () => proc.Raise(flag));
        }

        _connection.Send(new ActorPostmaster.ReadyForQuery(_transaction switch
        {
            TransactionState.Idle => 'I',
            TransactionState.InBlock => 'T',
            _ => 'E',
        }));
    }

    private void DisarmIdleTimers()
    {
        _idleTimer?.Cancel();
        _idleTimer = null;
        Proc.Take(PendingInterrupts.IdleSessionTimeout | PendingInterrupts.IdleInTransactionSessionTimeout);
    }

    /// <summary>A FATAL: the client gets it, the connection closes, the backend exits 1.</summary>
    private void Fatal(PgError error)
    {
        if (_closing)
        {
            return;
        }

        if (error.SqlState != Interrupts.ConnectionLost.SqlState)
        {
            _connection.Send(new ErrorResponse(error));
        }

        if (_authenticated && error.SqlState != Interrupts.ConnectionLost.SqlState)
        {
            Log.Report(error);
        }

        Leave(1);
    }

    private void Leave(int code)
    {
        _closing = true;
        _connection.Close();
        ExitProcess(code);
    }
}
