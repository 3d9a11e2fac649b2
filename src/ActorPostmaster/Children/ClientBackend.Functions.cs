using System.Globalization;
using ActorPostmaster.Actors;
using ActorPostmaster.Sql;

namespace ActorPostmaster;

public sealed partial class ClientBackend
{
    /// <summary>
    /// What SQL sees of this session: the functions the host provides (version, current_setting, pg_backend_pid,
    /// pg_sleep, pg_cancel_backend, pg_terminate_backend, pg_reload_conf, the ap_* fault injections), the
    /// pg_stat_activity view, the session's time zone, and CHECK_FOR_INTERRUPTS.
    /// </summary>
    private sealed class BackendEnvironment : ISqlEnvironment
    {
        private static readonly Lazy<SqlFunctionRegistry> s_functions = new(CreateFunctions);

        private readonly ClientBackend _backend;
        private readonly IActorRef _postmaster;

        public BackendEnvironment(ClientBackend backend)
        {
            _backend = backend;
            _postmaster = Context.Parent;
        }

        /// <summary>One registry for all sessions: built once, read-only afterwards.</summary>
        public SqlFunctionRegistry Functions => s_functions.Value;

        public TimeZoneInfo TimeZone
        {
            get
            {
                var name = _backend._session.GetString("TimeZone");
                return name is "UTC" or "Etc/UTC" || !TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? TimeZoneInfo.Utc : zone;
            }
        }

        /// <summary>pg_stat_activity; kv when the cluster has storage; else what the options' <see cref="PostmasterOptions.Tables"/> catalog supplies.</summary>
        public IRelation? FindRelation(string? schema, string name) =>
            name == "pg_stat_activity" && schema is null or "pg_catalog"
                ? new PgStatActivity(_backend.Environment.Shared.Procs)
                : Storage.KvSqlTable.Names(schema, name) && _backend.Environment.Shared.Kv is not null
                    ? new Storage.KvSqlTable(_backend.KvTransaction)
                    : _backend.Environment.Options.Tables?.Find(this, schema, name);

        public void CheckForInterrupts() => Interrupts.CheckForInterrupts(_backend.Proc, doingCommandRead: false, _backend.Clock);

        private ProcessState Proc => _backend.Proc;

        private RoleSpec Role => _backend._role!;

        /// <summary>The functions every session can call: the built-ins and these, which act on the calling session (the call's environment).</summary>
        private static SqlFunctionRegistry CreateFunctions()
        {
            var r = SqlFunctionRegistry.CreateWithBuiltins();
            r.Register("version", [], SqlType.Text, (c, _) =>
                ValueTask.FromResult<object?>($"PostgreSQL {E(c)._backend._session.GetString("server_version")} on x86_64-pc-linux-gnu, compiled by .NET 10, 64-bit"), volatility: SqlVolatility.Stable);
            r.Register("current_setting", [SqlFunctionParameter.Required("setting_name", SqlType.Text)], SqlType.Text, (c, a) =>
                ValueTask.FromResult<object?>(E(c)._backend._session.CurrentSetting((string)a[0]!)), volatility: SqlVolatility.Stable);
            r.Register("current_setting", [SqlFunctionParameter.Required("setting_name", SqlType.Text), SqlFunctionParameter.Required("missing_ok", SqlType.Bool)], SqlType.Text, (c, a) =>
                ValueTask.FromResult<object?>(E(c)._backend._session.CurrentSetting((string)a[0]!, (bool)a[1]!)), volatility: SqlVolatility.Stable);
            r.Register("set_config", [SqlFunctionParameter.Required("setting_name", SqlType.Text), SqlFunctionParameter.Required("new_value", SqlType.Text), SqlFunctionParameter.Required("is_local", SqlType.Bool)], SqlType.Text, (c, a) =>
                ValueTask.FromResult<object?>(E(c)._backend._session.SetConfig((string)a[0]!, (string?)a[1], (bool)a[2]!)), isStrict: false);
            r.Register("now", [], SqlType.Timestamptz, (c, _) =>
                ValueTask.FromResult<object?>(E(c).Proc.TransactionStart ?? E(c).Proc.QueryStart ?? E(c)._backend.Clock.GetUtcNow()), volatility: SqlVolatility.Stable);
            r.Register("current_user", [], SqlType.NameType, (c, _) => ValueTask.FromResult<object?>(E(c)._backend._session.GetString("role") is { Length: > 0 } role and not "none" ? role : E(c).Role.Name), volatility: SqlVolatility.Stable);
            r.Register("session_user", [], SqlType.NameType, (c, _) => ValueTask.FromResult<object?>(E(c)._backend._session.GetString("session_authorization")), volatility: SqlVolatility.Stable);
            r.Register("current_database", [], SqlType.NameType, (c, _) => ValueTask.FromResult<object?>(E(c).Proc.DatabaseName), volatility: SqlVolatility.Stable);
            r.Register("current_schema", [], SqlType.NameType, (c, _) => ValueTask.FromResult<object?>("public"), volatility: SqlVolatility.Stable);
            r.Register("pg_backend_pid", [], SqlType.Int4, (c, _) => ValueTask.FromResult<object?>(E(c).Proc.Pid), volatility: SqlVolatility.Stable);
            r.Register("pg_sleep", [SqlFunctionParameter.Required("seconds", SqlType.Float8)], SqlType.Void, async (c, a) =>
            {
                await E(c).SleepAsync(TimeSpan.FromSeconds(Math.Max(0, (double)a[0]!)), checkInterrupts: true, ("Timeout", "PgSleep"));
                return PgVoid.Value;
            });
            r.Register("pg_cancel_backend", [SqlFunctionParameter.Required("pid", SqlType.Int4)], SqlType.Bool, (c, a) =>
                ValueTask.FromResult<object?>(E(c).SignalBackend((int)a[0]!, PmSignal.SigInt)));
            r.Register(
                "pg_terminate_backend",
                [SqlFunctionParameter.Required("pid", SqlType.Int4), SqlFunctionParameter.Optional("timeout", SqlType.Int8, 0L)],
                SqlType.Bool,
                async (c, a) => await E(c).TerminateBackendAsync((int)a[0]!, (long)a[1]!));
            r.Register("pg_reload_conf", [], SqlType.Bool, (c, _) =>
            {
                E(c).RequireSuperuser("pg_reload_conf");
                E(c)._postmaster.Tell(ReloadRequest.Instance, ActorRefs.NoSender);
                return ValueTask.FromResult<object?>(true);
            });

            // Fault injection, superuser only (documented in README and hocon/postmaster.conf).
            r.Register("ap_crash_backend", [], SqlType.Void, (c, _) =>
            {
                E(c).RequireSuperuser("ap_crash_backend");
                throw new InvalidOperationException("ap_crash_backend: this backend crashes on request");
            });
            r.Register("ap_crash_process", [SqlFunctionParameter.Required("type", SqlType.Text)], SqlType.Void, (c, a) =>
            {
                E(c).RequireSuperuser("ap_crash_process");
                var wanted = (string)a[0]!;
                var type = Enum.GetValues<BackendType>().FirstOrDefault(t => t.Description() == wanted || t.ProcessName().StartsWith(wanted, StringComparison.Ordinal), (BackendType)(-1));
                if (!Enum.IsDefined(type))
                {
                    throw new PgException("22023", $"unknown process type \"{wanted}\"", hint: "Use a backend_type as pg_stat_activity shows it, e.g. 'checkpointer'.");
                }

                E(c)._postmaster.Tell(new CrashProcess(type), ActorRefs.NoSender);
                return ValueTask.FromResult<object?>(PgVoid.Value);
            });
            r.Register("ap_spin", [SqlFunctionParameter.Required("seconds", SqlType.Float8)], SqlType.Void, async (c, a) =>
            {
                E(c).RequireSuperuser("ap_spin");
                await E(c).SleepAsync(TimeSpan.FromSeconds(Math.Max(0, (double)a[0]!)), checkInterrupts: false, null);
                return PgVoid.Value;
            });
            r.Register("ap_spin", [SqlFunctionParameter.Required("seconds", SqlType.Float8), SqlFunctionParameter.Required("check_interrupts", SqlType.Bool)], SqlType.Void, async (c, a) =>
            {
                E(c).RequireSuperuser("ap_spin");
                await E(c).SleepAsync(TimeSpan.FromSeconds(Math.Max(0, (double)a[0]!)), checkInterrupts: (bool)a[1]!, null);
                return PgVoid.Value;
            });
            r.Register("ap_quit_backend", [SqlFunctionParameter.Required("pid", SqlType.Int4)], SqlType.Bool, async (c, a) =>
            {
                E(c).RequireSuperuser("ap_quit_backend");
                return await E(c)._postmaster.Ask<bool>(new QuitProcess((int)a[0]!), TimeSpan.FromSeconds(10));
            });
            r.Register("ap_kill_backend", [SqlFunctionParameter.Required("pid", SqlType.Int4)], SqlType.Bool, async (c, a) =>
            {
                E(c).RequireSuperuser("ap_kill_backend");
                return await E(c)._postmaster.Ask<bool>(new KillProcess((int)a[0]!), TimeSpan.FromSeconds(10));
            });
            return r;
        }

        private static BackendEnvironment E(SqlCallContext call) => (BackendEnvironment)call.Environment;

        /// <summary>
        /// Waits on the latch until <paramref name="duration"/> has passed. With interrupt checks it is pg_sleep; without,
        /// it is a stuck backend (busy work that never reaches CHECK_FOR_INTERRUPTS), though it holds no thread.
        /// </summary>
        private async Task SleepAsync(TimeSpan duration, bool checkInterrupts, (string, string)? waitEvent)
        {
            var clock = _backend.Clock;
            var end = clock.GetUtcNow() + duration;
            if (!checkInterrupts)
            {
                await Task.Delay(duration, clock);
                return;
            }

            while (true)
            {
                CheckForInterrupts();
                var remaining = end - clock.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    return;
                }

                Proc.WaitEvent = waitEvent;
                await Proc.Latch.WaitAsync(remaining, clock);
                Proc.Latch.Reset();
                Proc.WaitEvent = null;
            }
        }

        /// <summary>pg_signal_backend (signalfuncs.c) with PostgreSQL 15's messages (the oracle, 09-signal-permissions).</summary>
        private bool SignalBackend(int pid, PmSignal signal)
        {
            var cancel = signal == PmSignal.SigInt;
            var target = _backend.Environment.Shared.Procs.Find(pid);
            if (target is null || !ProcTable.InProcArray(target.Type))
            {
                _backend.Notice(new PgError(PgSeverity.Warning, "01000", $"PID {pid} is not a PostgreSQL backend process"));
                _backend.Log.Warning($"PID {pid} is not a PostgreSQL backend process");
                return false;
            }

            if ((target.UserName is null || target.IsSuperuser) && !Role.Superuser)
            {
                throw new PgException("42501", cancel ? "must be a superuser to cancel superuser query" : "must be a superuser to terminate superuser process");
            }

            if (target.UserName is { } owner && !Role.HasPrivilegesOf(owner) && !Role.HasPrivilegesOf("pg_signal_backend"))
            {
                throw new PgException("42501", cancel
                    ? "must be a member of the role whose query is being canceled or member of pg_signal_backend"
                    : "must be a member of the role whose process is being terminated or member of pg_signal_backend");
            }

            target.Signal(signal);
            return true;
        }

        private async Task<object?> TerminateBackendAsync(int pid, long timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 0)
            {
                throw new PgException("22023", "\"timeout\" must not be negative");
            }

            if (!SignalBackend(pid, PmSignal.SigTerm))
            {
                return false;
            }

            if (timeoutMilliseconds == 0)
            {
                return true;
            }

            // pg_wait_until_termination: poll every 100 ms, checking our own interrupts in between.
            var clock = _backend.Clock;
            var deadline = clock.GetUtcNow() + TimeSpan.FromMilliseconds(timeoutMilliseconds);
            while (_backend.Environment.Shared.Procs.Find(pid) is not null)
            {
                var remaining = deadline - clock.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    var unit = timeoutMilliseconds == 1 ? "millisecond" : "milliseconds";
                    _backend.Notice(new PgError(PgSeverity.Warning, "01000", $"backend with PID {pid} did not terminate within {timeoutMilliseconds.ToString(CultureInfo.InvariantCulture)} {unit}"));
                    return false;
                }

                await Task.Delay(remaining < TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100), clock);
                CheckForInterrupts();
            }

            return true;
        }

        private void RequireSuperuser(string function)
        {
            if (!Role.Superuser)
            {
                throw new PgException("42501", $"permission denied for function {function}");
            }
        }
    }
}
