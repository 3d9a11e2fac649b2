namespace ActorPostmaster.Settings;

/// <summary>
/// One session's settings, layered as in PostgreSQL: server-wide value (default ← configuration file ← command line)
/// ← the connection's startup options ← SET ← SET LOCAL. Implements SET, SET LOCAL, SET … TO DEFAULT, RESET, RESET
/// ALL, SHOW, SHOW ALL, current_setting and set_config with PostgreSQL 15's errors; transaction semantics (SET LOCAL
/// ends with the transaction; everything set in a transaction or savepoint that rolls back is undone); and the
/// ParameterStatus reports for the protocol. Not thread-safe: owned by the session.
/// </summary>
/// <remarks>
/// <para>Transactions: call <see cref="BeginTransaction"/> when a transaction block starts (BEGIN, or an implicit block
/// of several statements in one Query message) and <see cref="CommitTransaction"/> or <see cref="AbortTransaction"/>
/// when it ends; savepoints map to <see cref="BeginSubtransaction"/>, <see cref="CommitSubtransaction"/> (RELEASE) and
/// <see cref="AbortSubtransaction"/> (ROLLBACK TO is an abort followed by a begin). A single statement outside a block
/// needs no calls: SET then sticks, and SET LOCAL warns and has no effect, as in PostgreSQL.</para>
/// <para>Protocol: after the startup options, send <see cref="StartupParameterStatus"/>; before each ReadyForQuery, send
/// <see cref="TakeParameterStatusChanges"/>; after each statement (failed ones too, before their error), send
/// <see cref="TakeNotices"/>.</para>
/// </remarks>
public sealed class SessionSettings
{
    private readonly Dictionary<string, SessionVar> _vars = new(SettingsRegistry.NameEquality);
    private readonly Dictionary<string, ServerValue> _backendValues = new(SettingsRegistry.NameEquality);
    private readonly List<Dictionary<SessionVar, SavedState>> _levels = [];
    private readonly Dictionary<string, SettingValue> _transactionStart = new(SettingsRegistry.NameEquality);
    private readonly Dictionary<string, string> _lastReported = new(StringComparer.Ordinal);
    private readonly List<PgError> _notices = [];
    private readonly IRoleLookup? _roles;
    private SettingsSnapshot _server;
    private long _changes;
    private long _reportedAt = -1;

    /// <summary>Creates a session's settings.</summary>
    /// <param name="server">The server-wide settings when the session starts.</param>
    /// <param name="authenticatedUser">The user the session authenticated as (session_authorization).</param>
    /// <param name="authenticatedUserIsSuperuser">True when that user is a superuser.</param>
    /// <param name="roles">How to look up other roles (SET ROLE, SET SESSION AUTHORIZATION), or null to know only the session user.</param>
    public SessionSettings(SettingsSnapshot server, string authenticatedUser, bool authenticatedUserIsSuperuser, IRoleLookup? roles = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(authenticatedUser);
        _server = server;
        _roles = roles;
        AuthenticatedUser = authenticatedUser;
        AuthenticatedUserIsSuperuser = authenticatedUserIsSuperuser;
        foreach (var definition in Registry.All)
        {
            if (definition.Context is GucContext.Backend or GucContext.SuperuserBackend)
            {
                _backendValues[definition.Name] = server.Get(definition.Name);
            }
        }

        Var("session_authorization").Client = SettingValue.FromString(authenticatedUser);
    }

    /// <summary>The registry of the settings.</summary>
    public SettingsRegistry Registry => _server.Registry;

    /// <summary>The server-wide settings this session currently inherits.</summary>
    public SettingsSnapshot Server => _server;

    /// <summary>The user the session authenticated as.</summary>
    public string AuthenticatedUser { get; }

    /// <summary>True when the authenticated user is a superuser.</summary>
    public bool AuthenticatedUserIsSuperuser { get; }

    /// <summary>True between <see cref="BeginTransaction"/> and the transaction's end.</summary>
    public bool InTransaction => _levels.Count > 0;

    /// <summary>True inside a savepoint (subtransaction).</summary>
    public bool InSubtransaction => _levels.Count > 1;

    /// <summary>The nesting depth: 0 outside a transaction, 1 in a transaction, 2+ in savepoints.</summary>
    public int TransactionDepth => _levels.Count;

    /// <summary>True once the transaction ran its first query (see <see cref="MarkSnapshotTaken"/>).</summary>
    public bool SnapshotTaken { get; private set; }

    /// <summary>True when the current role is a superuser (is_superuser).</summary>
    public bool IsSuperuser => GetBool("is_superuser");

    /// <summary>True when the current role may read every setting (a superuser or a member of pg_read_all_settings).</summary>
    public bool CanReadAllSettings
    {
        get
        {
            var role = CurrentRoleName;
            return IsSuperuserRole(role) || IsMemberOf(role, "pg_read_all_settings");
        }
    }

    private string CurrentRoleName
    {
        get
        {
            var role = Effective(Var("role")).Value.AsString;
            return role == "none" ? Effective(Var("session_authorization")).Value.AsString : role;
        }
    }

    /// <summary>
    /// Applies a setting from the connection's startup packet (or its <c>options=-c name=value</c>), as PostgreSQL does
    /// before sending AuthenticationOk's ParameterStatus list. The keys user, database, options and replication are
    /// not settings; leave them out.
    /// </summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="PgException">A FATAL error (the connection must be refused), with PostgreSQL's text.</exception>
    public void ApplyStartupOption(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            var v = Resolve(name, create: true);
            var superuser = AuthenticatedUserIsSuperuser;
            switch (v.Definition.Context)
            {
                case GucContext.Internal:
                    throw new PgException(SettingErrors.CannotBeChanged(name));
                case GucContext.Postmaster:
                    throw new PgException(SettingErrors.RequiresRestart(name));
                case GucContext.Sighup:
                    throw new PgException(SettingErrors.CannotBeChangedNow(name));
                case GucContext.SuperuserBackend or GucContext.Superuser when !superuser:
                    throw new PgException(SettingErrors.PermissionDenied(name));
            }

            var parsed = ParseChecked(v, name, value, SettingSource.Client);
            if ((v.Definition.Flags & SettingFlags.TransactionScoped) == 0)
            {
                v.Client = parsed;
            }
        }
        catch (PgException e) when (e.Error.Severity != PgSeverity.Fatal)
        {
            throw new PgException(e.Error with { Severity = PgSeverity.Fatal });
        }
    }

    /// <summary>Applies several startup options in order (see <see cref="ApplyStartupOption"/>).</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="PgException">A FATAL error.</exception>
    public void ApplyStartupOptions(IEnumerable<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, value) in options)
        {
            ApplyStartupOption(name, value);
        }
    }

    /// <summary>
    /// The ParameterStatus messages sent at connection start (after AuthenticationOk): every reported setting, in
    /// PostgreSQL's order (application_name, client_encoding, DateStyle, … TimeZone). Records them as reported.
    /// </summary>
    /// <returns>The messages.</returns>
    public IReadOnlyList<ReportedParameter> StartupParameterStatus()
    {
        var result = new List<ReportedParameter>();
        foreach (var definition in Registry.Reported)
        {
            var value = Display(Var(definition.Name));
            _lastReported[definition.Name] = value;
            result.Add(new ReportedParameter(definition.Name, value));
        }

        return result;
    }

    /// <summary>
    /// The ParameterStatus messages to send before ReadyForQuery: the reported settings whose value differs from what
    /// the client last heard, in PostgreSQL's order. Records them as reported.
    /// </summary>
    /// <returns>The messages (usually none).</returns>
    public IReadOnlyList<ReportedParameter> TakeParameterStatusChanges()
    {
        // Reported values change only with a session value or the server snapshot (none is transaction-scoped), so a
        // statement that changed neither, the usual case, costs nothing here.
        if (_reportedAt == _changes && !Registry.ReportedTransactionScoped)
        {
            return [];
        }

        _reportedAt = _changes;
        var result = new List<ReportedParameter>();
        foreach (var definition in Registry.Reported)
        {
            var value = Display(Var(definition.Name));
            if (!_lastReported.TryGetValue(definition.Name, out var last) || last != value)
            {
                _lastReported[definition.Name] = value;
                result.Add(new ReportedParameter(definition.Name, value));
            }
        }

        return result;
    }

    /// <summary>The notices (WARNING, NOTICE) raised since the last call, in order; send them before any error.</summary>
    /// <returns>The notices.</returns>
    public IReadOnlyList<PgError> TakeNotices()
    {
        var result = _notices.ToArray();
        _notices.Clear();
        return result;
    }

    /// <summary>Inherits a new server-wide snapshot (after a reload), as a backend does before its next statement.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public void UseServerSnapshot(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _server = snapshot;
        _changes++;
    }

    /// <summary>
    /// <c>SET [LOCAL] name TO value</c> (and <c>SET [LOCAL] name = value</c>). Outside a transaction block, SET LOCAL
    /// queues PostgreSQL's WARNING and changes nothing.
    /// </summary>
    /// <param name="name">The name as written (errors quote it).</param>
    /// <param name="value">The value (a list already joined; see the overload taking arguments).</param>
    /// <param name="isLocal">True for SET LOCAL.</param>
    /// <exception cref="PgException">PostgreSQL's error (42704, 42602, 55P02, 42501, 22023 …).</exception>
    public void Set(string name, string value, bool isLocal = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (isLocal && !InTransaction)
        {
            _notices.Add(SettingErrors.NoTransactionBlock("SET LOCAL"));
        }

        Assign(name, value, isLocal);
    }

    /// <summary>
    /// <c>SET [LOCAL] name TO value [, …]</c> with the statement's values: a list is accepted only by list settings
    /// (search_path, DateStyle …) and joined as PostgreSQL does (identifiers quoted where the setting wants it).
    /// </summary>
    /// <param name="name">The name as written.</param>
    /// <param name="arguments">The values.</param>
    /// <param name="isLocal">True for SET LOCAL.</param>
    /// <exception cref="PgException">PostgreSQL's error.</exception>
    public void Set(string name, IReadOnlyList<SetArgument> arguments, bool isLocal = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        if (isLocal && !InTransaction)
        {
            _notices.Add(SettingErrors.NoTransactionBlock("SET LOCAL"));
        }

        var definition = Registry.Find(name) ?? TryResolveExisting(name)?.Definition;
        Assign(name, FlattenArguments(definition, name, arguments), isLocal);
    }

    /// <summary>
    /// Joins SET's values into one string as PostgreSQL does: one value as is; several only for list settings, joined
    /// with ", "; for settings whose elements are identifiers (search_path), string values are quoted where needed.
    /// </summary>
    /// <param name="definition">The setting, or null for an unknown one (which takes one value).</param>
    /// <param name="name">The name as written (the error quotes it).</param>
    /// <param name="arguments">The values.</param>
    /// <returns>The string.</returns>
    /// <exception cref="PgException">22023 <c>SET name takes only one argument</c>.</exception>
    public static string FlattenArguments(SettingDefinition? definition, string name, IReadOnlyList<SetArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var flags = definition?.Flags ?? SettingFlags.None;
        if (arguments.Count == 0)
        {
            throw new ArgumentException("SET needs at least one value.", nameof(arguments));
        }

        if (arguments.Count > 1 && (flags & SettingFlags.ListInput) == 0)
        {
            throw new PgException(SettingErrors.TakesOnlyOneArgument(name));
        }

        var quote = (flags & SettingFlags.ListQuote) != 0;
        return string.Join(", ", arguments.Select(a =>
            a.Kind == SetArgumentKind.StringConstant && quote ? Identifiers.Quote(a.Text) : a.Text));
    }

    /// <summary><c>SET [LOCAL] name TO DEFAULT</c>: the value RESET would give (SET LOCAL: until the transaction ends).</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="isLocal">True for SET LOCAL.</param>
    /// <exception cref="PgException">PostgreSQL's error.</exception>
    public void SetToDefault(string name, bool isLocal = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (isLocal && !InTransaction)
        {
            _notices.Add(SettingErrors.NoTransactionBlock("SET LOCAL"));
        }

        AssignDefault(name, isLocal);
    }

    /// <summary><c>RESET name</c>: back to the value the session started with (startup option, file or default).</summary>
    /// <param name="name">The name as written.</param>
    /// <exception cref="PgException">PostgreSQL's error.</exception>
    public void Reset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!InTransaction && AsciiCaseInsensitiveComparer.Instance.Equals(name, "transaction_isolation"))
        {
            _notices.Add(SettingErrors.NoTransactionBlock("RESET TRANSACTION"));
        }

        AssignDefault(name, isLocal: false);
    }

    /// <summary>
    /// <c>RESET ALL</c>: every user- and superuser-settable setting back to its reset value, except those PostgreSQL
    /// keeps (transaction_*, role, session_authorization). Transactional like SET.
    /// </summary>
    public void ResetAll()
    {
        foreach (var v in _vars.Values)
        {
            var definition = v.Definition;
            if (definition.Context is not (GucContext.User or GucContext.Superuser) || (definition.Flags & SettingFlags.NoResetAll) != 0)
            {
                continue;
            }

            if (v.Session is not null || v.Local is not null)
            {
                Save(v);
                v.Session = null;
                v.Local = null;
            }
        }
    }

    /// <summary><c>SHOW name</c>.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The column name and the value.</returns>
    /// <exception cref="PgException">42704 for an unknown name; 42501 for a superuser-only setting.</exception>
    public ShowResult Show(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var v = TryResolveExisting(name) ?? throw new PgException(SettingErrors.Unrecognized(name));
        CheckReadable(v.Definition, name);
        return new ShowResult(v.Definition.Name, Display(v));
    }

    /// <summary>SHOW ALL's rows, in PostgreSQL's order; hidden settings and (for other roles) superuser-only ones are left out.</summary>
    /// <returns>The rows.</returns>
    public IReadOnlyList<ShowAllRow> ShowAll()
    {
        var all = CanReadAllSettings;
        return [.. Registry.All
            .Where(d => (d.Flags & SettingFlags.NoShowAll) == 0 && (all || (d.Flags & SettingFlags.SuperuserOnly) == 0))
            .Select(d => new ShowAllRow(d.Name, Display(Var(d.Name)), d.Description))];
    }

    /// <summary><c>current_setting(name [, missing_ok])</c>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="missingOk">True to return null for an unknown name instead of raising 42704.</param>
    /// <returns>The value's text, or null.</returns>
    /// <exception cref="PgException">42704 (unless <paramref name="missingOk"/>); 42501 for a superuser-only setting.</exception>
    public string? CurrentSetting(string name, bool missingOk = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var v = TryResolveExisting(name);
        if (v is null)
        {
            return missingOk ? null : throw new PgException(SettingErrors.Unrecognized(name));
        }

        CheckReadable(v.Definition, name);
        return Display(v);
    }

    /// <summary>
    /// <c>set_config(name, value, is_local)</c>: SET (or SET LOCAL, without the warning), or SET … TO DEFAULT for a
    /// null value; returns the new value. Outside a transaction block, is_local has no lasting effect.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value, or null for the default.</param>
    /// <param name="isLocal">True for the transaction only.</param>
    /// <returns>SHOW's text of the new value.</returns>
    /// <exception cref="PgException">PostgreSQL's error.</exception>
    public string SetConfig(string name, string? value, bool isLocal)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (isLocal && !InTransaction)
        {
            // The implicit transaction ends with the statement: compute the value, keep nothing.
            var v = Resolve(name, create: true);
            CheckSettable(v, name);
            var parsed = value is null ? ResetEntry(v).Value : ParseChecked(v, name, value, SettingSource.Session);
            return DisplayValue(v.Definition, parsed);
        }

        if (value is null)
        {
            AssignDefault(name, isLocal);
        }
        else
        {
            Assign(name, value, isLocal);
        }

        return CurrentSetting(name)!;
    }

    /// <summary>A setting's current value (no permission check; for the server's own use).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PgException">42704 for an unknown name.</exception>
    public SettingValue GetValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var v = TryResolveExisting(name) ?? throw new PgException(SettingErrors.Unrecognized(name));
        return Effective(v).Value;
    }

    /// <summary>Where a setting's current value comes from.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The source.</returns>
    public SettingSource GetSource(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var v = TryResolveExisting(name) ?? throw new PgException(SettingErrors.Unrecognized(name));
        return Effective(v).Source;
    }

    /// <summary>An integer setting's current value in its base unit.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public int GetInt(string name) => GetValue(name).AsInt;

    /// <summary>A bool setting's current value.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public bool GetBool(string name) => GetValue(name).AsBool;

    /// <summary>A real setting's current value in its base unit.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public double GetReal(string name) => GetValue(name).AsReal;

    /// <summary>A string or enum setting's current value.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public string GetString(string name) => GetValue(name).AsString;

    /// <summary>A time setting's current value as a duration (e.g. statement_timeout; 0 means disabled for most).</summary>
    /// <param name="name">The name of an integer setting with a time unit.</param>
    /// <returns>The duration.</returns>
    public TimeSpan GetTimeSpan(string name) =>
        (Registry.Find(name) ?? throw new PgException(SettingErrors.Unrecognized(name))).ToTimeSpan(GetValue(name));

    /// <summary>A memory setting's current value in bytes (e.g. work_mem).</summary>
    /// <param name="name">The name of an integer setting with a memory unit.</param>
    /// <returns>The number of bytes.</returns>
    public long GetBytes(string name) =>
        (Registry.Find(name) ?? throw new PgException(SettingErrors.Unrecognized(name))).ToBytes(GetValue(name));

    /// <summary>Starts a transaction block: transaction_* take their default_ counterparts' values.</summary>
    /// <exception cref="InvalidOperationException">Already in a transaction.</exception>
    public void BeginTransaction()
    {
        if (InTransaction)
        {
            throw new InvalidOperationException("A transaction is already in progress.");
        }

        _transactionStart.Clear();
        foreach (var definition in Registry.TransactionScoped)
        {
            _transactionStart[definition.Name] = Effective(Var(definition.TransactionDefault!)).Value;
        }

        SnapshotTaken = false;
        _levels.Add([]);
    }

    /// <summary>Records that the transaction ran its first query (after which isolation level and read-write mode are fixed).</summary>
    public void MarkSnapshotTaken() => SnapshotTaken = InTransaction;

    /// <summary>Commits: SET values stay, SET LOCAL values end.</summary>
    public void CommitTransaction()
    {
        foreach (var level in _levels)
        {
            foreach (var v in level.Keys)
            {
                v.Local = null;
            }
        }

        EndTransaction();
    }

    /// <summary>Rolls back: everything set in the transaction is undone.</summary>
    public void AbortTransaction()
    {
        for (var i = _levels.Count - 1; i >= 0; i--)
        {
            Restore(_levels[i]);
        }

        foreach (var level in _levels)
        {
            foreach (var v in level.Keys)
            {
                v.Local = null;
            }
        }

        EndTransaction();
    }

    /// <summary>Starts a savepoint (subtransaction).</summary>
    /// <exception cref="InvalidOperationException">Not in a transaction.</exception>
    public void BeginSubtransaction()
    {
        if (!InTransaction)
        {
            throw new InvalidOperationException("Savepoints exist only inside transactions.");
        }

        _levels.Add([]);
    }

    /// <summary>Releases the innermost savepoint: its changes become part of the enclosing level.</summary>
    /// <exception cref="InvalidOperationException">Not in a subtransaction.</exception>
    public void CommitSubtransaction()
    {
        if (!InSubtransaction)
        {
            throw new InvalidOperationException("No savepoint is active.");
        }

        var inner = _levels[^1];
        _levels.RemoveAt(_levels.Count - 1);
        var outer = _levels[^1];
        foreach (var (v, saved) in inner)
        {
            outer.TryAdd(v, saved);
        }
    }

    /// <summary>
    /// Rolls back the innermost savepoint: its changes are undone (ROLLBACK TO is this, then <see cref="BeginSubtransaction"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">Not in a subtransaction.</exception>
    public void AbortSubtransaction()
    {
        if (!InSubtransaction)
        {
            throw new InvalidOperationException("No savepoint is active.");
        }

        Restore(_levels[^1]);
        _levels.RemoveAt(_levels.Count - 1);
    }

    internal RoleInfo? FindRole(string name) =>
        _roles?.FindRole(name) ?? (name == AuthenticatedUser ? new RoleInfo(AuthenticatedUser, AuthenticatedUserIsSuperuser) : null);

    internal bool IsSuperuserRole(string name) => FindRole(name)?.IsSuperuser ?? false;

    internal bool IsMemberOf(string member, string role) => member == role || (_roles?.IsMemberOf(member, role) ?? false);

    private void EndTransaction()
    {
        _levels.Clear();
        _transactionStart.Clear();
        SnapshotTaken = false;
    }

    private static void Restore(Dictionary<SessionVar, SavedState> level)
    {
        foreach (var (v, saved) in level)
        {
            v.Session = saved.Session;
            v.Local = saved.Local;
        }
    }

    private void Save(SessionVar v)
    {
        if (InTransaction)
        {
            _levels[^1].TryAdd(v, new SavedState(v.Session, v.Local));
        }
    }

    private void Assign(string name, string value, bool isLocal)
    {
        var v = Resolve(name, create: true);
        CheckSettable(v, name);
        var parsed = ParseChecked(v, name, value, SettingSource.Session);
        Store(v, parsed, isLocal);
    }

    private void AssignDefault(string name, bool isLocal)
    {
        var v = Resolve(name, create: true);
        CheckSettable(v, name);
        if ((v.Definition.Flags & SettingFlags.TransactionScoped) != 0)
        {
            if (InTransaction)
            {
                Save(v);
                v.Local = _transactionStart[v.Definition.Name];
            }

            return;
        }

        if (isLocal)
        {
            if (InTransaction)
            {
                var reset = ResetEntry(v).Value;
                Save(v);
                v.Local = reset;
            }

            return;
        }

        Save(v);
        v.Session = null;
        v.Local = null;
    }

    private void Store(SessionVar v, SettingValue value, bool isLocal)
    {
        if (isLocal || (v.Definition.Flags & SettingFlags.TransactionScoped) != 0)
        {
            if (InTransaction)
            {
                Save(v);
                v.Local = value;
            }

            return;
        }

        Save(v);
        v.Session = value;
        v.Local = null;
    }

    /// <summary>The context rules for SET in a session (PostgreSQL's set_config_option with PGC_SUSET or PGC_USERSET).</summary>
    private void CheckSettable(SessionVar v, string name)
    {
        switch (v.Definition.Context)
        {
            case GucContext.Internal:
                throw new PgException(SettingErrors.CannotBeChanged(name));
            case GucContext.Postmaster:
                throw new PgException(SettingErrors.RequiresRestart(name));
            case GucContext.Sighup:
                throw new PgException(SettingErrors.CannotBeChangedNow(name));
            case GucContext.Backend or GucContext.SuperuserBackend:
                throw new PgException(SettingErrors.CannotBeSetAfterConnectionStart(name));
            case GucContext.Superuser when !IsSuperuser:
                throw new PgException(SettingErrors.PermissionDenied(name));
        }
    }

    private void CheckReadable(SettingDefinition definition, string name)
    {
        if ((definition.Flags & SettingFlags.SuperuserOnly) != 0 && !CanReadAllSettings)
        {
            throw new PgException(SettingErrors.CannotExamine(name));
        }
    }

    private SettingValue ParseChecked(SessionVar v, string name, string text, SettingSource source)
    {
        var definition = v.Definition;
        var value = definition.Parse(text, name);
        if (definition.Check is { } check)
        {
            value = check(value, new CheckContext
            {
                Name = name,
                RawText = text,
                Source = source,
                Current = n => Effective(Var(n)).Value,
                ResetValue = n => ResetEntry(Var(n)).Value,
                Session = this,
                Notices = _notices,
            });
        }

        return value;
    }

    private SessionVar Resolve(string name, bool create)
    {
        var v = TryResolveExisting(name);
        if (v is not null)
        {
            return v;
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            throw new PgException(SettingErrors.Unrecognized(name));
        }

        if (!SettingsRegistry.IsValidCustomName(name))
        {
            throw new PgException(SettingErrors.InvalidName(name));
        }

        if (!create)
        {
            throw new PgException(SettingErrors.Unrecognized(name));
        }

        v = new SessionVar(this, SettingsRegistry.Placeholder(name));
        _vars.Add(name, v);
        return v;
    }

    private SessionVar? TryResolveExisting(string name)
    {
        if (_vars.TryGetValue(name, out var v))
        {
            return v;
        }

        if (Registry.Find(name) is { } definition)
        {
            return Var(definition.Name);
        }

        foreach (var (placeholderName, _) in _server.Placeholders)
        {
            if (SettingsRegistry.NameEquality.Equals(placeholderName, name))
            {
                v = new SessionVar(this, SettingsRegistry.Placeholder(placeholderName));
                _vars.Add(placeholderName, v);
                return v;
            }
        }

        return null;
    }

    private SessionVar Var(string canonicalName)
    {
        if (!_vars.TryGetValue(canonicalName, out var v))
        {
            v = new SessionVar(this, Registry.Find(canonicalName) ?? throw new PgException(SettingErrors.Unrecognized(canonicalName)));
            _vars.Add(v.Definition.Name, v);
        }

        return v;
    }

    private ServerValue Effective(SessionVar v)
    {
        if (v.Local is { } local)
        {
            return new ServerValue(local, SettingSource.Session);
        }

        var definition = v.Definition;
        if (definition.TransactionDefault is { } source)
        {
            return InTransaction
                ? new ServerValue(_transactionStart[definition.Name], SettingSource.Default)
                : Effective(Var(source));
        }

        return v.Session is { } session ? new ServerValue(session, SettingSource.Session) : ResetEntry(v);
    }

    private ServerValue ResetEntry(SessionVar v)
    {
        if (v.Client is { } client)
        {
            return new ServerValue(client, SettingSource.Client);
        }

        var definition = v.Definition;
        if (definition.TransactionDefault is not null && InTransaction)
        {
            return new ServerValue(_transactionStart[definition.Name], SettingSource.Default);
        }

        if (definition.Name == "is_superuser")
        {
            return new ServerValue(SettingValue.FromBool(IsSuperuserRole(CurrentRoleName)), SettingSource.Default);
        }

        if (_backendValues.TryGetValue(definition.Name, out var frozen))
        {
            return frozen;
        }

        if ((definition.Flags & SettingFlags.CustomPlaceholder) != 0)
        {
            return _server.TryGetPlaceholder(definition.Name, out var fromFile)
                ? fromFile
                : new ServerValue(definition.DefaultValue, SettingSource.Default);
        }

        return _server.Get(definition.Name);
    }

    private string Display(SessionVar v) => DisplayValue(v.Definition, Effective(v).Value);

    private string DisplayValue(SettingDefinition definition, SettingValue value) =>
        definition.ShowHook is { } hook ? hook(value, n => Effective(Var(n)).Value) : definition.Format(value);

    private readonly record struct SavedState(SettingValue? Session, SettingValue? Local);

    /// <summary>One setting's session-level values; every change counts in the owner's <see cref="_changes"/>.</summary>
    private sealed class SessionVar(SessionSettings owner, SettingDefinition definition)
    {
        public SettingDefinition Definition { get; } = definition;

        /// <summary>From the startup packet (source client).</summary>
        public SettingValue? Client
        {
            get;
            set
            {
                field = value;
                owner._changes++;
            }
        }

        /// <summary>From SET.</summary>
        public SettingValue? Session
        {
            get;
            set
            {
                field = value;
                owner._changes++;
            }
        }

        /// <summary>From SET LOCAL (or a transaction-scoped SET), until the transaction ends.</summary>
        public SettingValue? Local
        {
            get;
            set
            {
                field = value;
                owner._changes++;
            }
        }
    }
}
