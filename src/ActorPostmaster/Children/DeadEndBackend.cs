using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// A dead-end backend (§3.3): the child that answers a refused connection. It reads the startup packet, sends exactly
/// one FATAL with the refusal, closes, and exits 1. A cancel request is handled and answered with nothing (exit 0).
/// </summary>
/// <remarks>authentication_timeout or SIGTERM: exit 1 silently. Not pooled, excluded from reloads.</remarks>
public sealed class DeadEndBackend : PostmasterChild, IWithTimers
{
    private readonly ClientConnection _connection;
    private readonly PgError _refusal;

    /// <summary>Creates the dead-end backend.</summary>
    /// <param name="proc">Its process entry.</param>
    /// <param name="environment">The shared environment.</param>
    /// <param name="connection">The refused connection.</param>
    /// <param name="refusal">The FATAL to send.</param>
    public DeadEndBackend(ProcessState proc, ChildEnvironment environment, ClientConnection connection, PgError refusal)
        : base(proc, environment)
    {
        _connection = connection;
        _refusal = refusal;
        Receive<FrontendArrived>(arrived => OnFrontend(arrived.Message));
        Receive<AuthenticationTimedOut>(_ => Leave(1));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        Timers.StartSingleTimer("authentication_timeout", AuthenticationTimedOut.Instance, Environment.Settings.AuthenticationTimeout);
        _connection.Attach(Self);
    }

    /// <inheritdoc />
    protected override void PostStop() => _connection.Close();

    /// <inheritdoc />
    protected override void OnInterrupts()
    {
        if (Proc.Take(PendingInterrupts.ProcDie) != 0)
        {
            Leave(1);
        }
    }

    private void OnFrontend(FrontendMessage? message)
    {
        switch (message)
        {
            case SslRequestMessage or GssEncRequestMessage:
                _connection.Send(EncryptionRefused.Instance); // the startup packet follows
                break;
            case StartupMessage:
                _connection.Send(new ErrorResponse(_refusal));
                Leave(1);
                break;
            case ProtocolViolationMessage violation:
                Log.Report(violation.Error);
                foreach (var reply in violation.Replies)
                {
                    _connection.Send(reply);
                }

                Leave(violation.Error.Severity == PgSeverity.Fatal ? 1 : 0);
                break;
            case CancelRequestMessage cancel:
                CancelRequests.Process(Environment.Shared.Procs, cancel.Pid, cancel.SecretKey, Log);
                Leave(0);
                break;
            default:
                Leave(0); // no valid startup packet: nothing to say
                break;
        }
    }

    private void Leave(int code)
    {
        _connection.Close();
        ExitProcess(code);
    }

    private sealed record AuthenticationTimedOut
    {
        public static readonly AuthenticationTimedOut Instance = new();
    }
}
