using System.Text;
using ActorPostmaster.Authentication;
using ActorPostmaster.Protocol;

namespace ActorPostmaster;

/// <summary>
/// ClientAuthentication (auth.c): the pg_hba rule for this connection decides the method — trust, reject, a clear-text
/// password, or SCRAM-SHA-256 (md5 runs SCRAM too, since every stored secret is a SCRAM verifier) — and the exchange
/// runs over PasswordMessages until AuthenticationOk or FATAL 28P01.
/// </summary>
public sealed partial class ClientBackend
{
    private StartupMessage? _authenticating;
    private HbaRule? _hbaRule;
    private ScramServerExchange? _scram;
    private bool _passwordRequested;

    /// <summary>The hba check, then trust (AuthenticationOk at once) or the first request of a password exchange.</summary>
    private void ClientAuthentication(StartupMessage startup)
    {
        var database = startup.Database ?? startup.User;
        var hba = Hba;
        if (hba is null)
        {
            Authenticated(startup); // an in-process cluster without pg_hba rules trusts everyone
            return;
        }

        var check = hba.Check(_connection.RemoteHost, startup.User, database, Environment.Options.Catalog);
        if (check.Error is { } refused)
        {
            Log.Report(refused);
            Fatal(refused);
            return;
        }

        _hbaRule = check.Rule!;
        _authenticating = startup;
        switch (_hbaRule.Method)
        {
            case HbaMethod.Trust:
                Authenticated(startup);
                break;
            case HbaMethod.Password:
                _passwordRequested = true;
                _connection.Send(AuthenticationCleartextPassword.Instance);
                break;
            default:
                _scram = new ScramServerExchange(VerifierOf(startup.User));
                _connection.Send(new AuthenticationSasl(ScramServerExchange.Mechanisms));
                break;
        }
    }

    /// <summary>The client's answer to an authentication request (a PasswordMessage, SASLInitialResponse or SASLResponse).</summary>
    private void OnPasswordMessage(PasswordMessage message)
    {
        if (_authenticating is not { } startup)
        {
            Fatal(ProtocolErrors.InvalidFrontendMessageType((byte)'p')); // a password nobody asked for
            return;
        }

        if (_passwordRequested)
        {
            var password = AuthenticationPayloads.TryParsePassword(message.Payload, out var text, out var error) ? text : null;
            if (password is null)
            {
                Fatal(error!);
                return;
            }

            if (Environment.Options.Catalog.FindRole(startup.User)?.Password is { } stored
                && (ScramVerifier.TryParse(stored, out var verifier) ? verifier.VerifyPlainPassword(password) : string.Equals(stored, password, StringComparison.Ordinal)))
            {
                Authenticated(startup);
            }
            else
            {
                AuthenticationFailed(startup);
            }

            return;
        }

        var result = _scram!.State == ScramExchangeState.Initial
            ? _scram.ProcessInitialResponse(message.Payload)
            : _scram.ProcessResponse(message.Payload);
        switch (result.Status)
        {
            case ScramExchangeStatus.Continue:
                _connection.Send(result.Reply!);
                break;
            case ScramExchangeStatus.Success:
                _connection.Send(result.Reply!);
                Authenticated(startup);
                break;
            case ScramExchangeStatus.Failure:
                AuthenticationFailed(startup);
                break;
            default:
                Log.Report(result.Error!);
                Fatal(result.Error!);
                break;
        }
    }

    /// <summary>AuthenticationOk, then InitPostgres.</summary>
    private void Authenticated(StartupMessage startup)
    {
        _authenticating = null;
        _scram = null;
        _connection.Send(AuthenticationOk.Instance);
        InitPostgres(startup);
    }

    /// <summary>auth_failed: the client gets only the message; the log adds which pg_hba rule matched.</summary>
    private void AuthenticationFailed(StartupMessage startup)
    {
        var failed = ProtocolErrors.PasswordAuthenticationFailed(startup.User);
        var role = Environment.Options.Catalog.FindRole(startup.User);
        var reason = role is null ? $"Role \"{startup.User}\" does not exist.\n"
            : role.Password is null ? $"User \"{startup.User}\" has no password assigned.\n"
            : string.Empty;
        var rule = _hbaRule!;
        Log.Report(failed with { Detail = $"{reason}Connection matched pg_hba.conf line {rule.Line}: \"{HbaRules.Render(rule)}\"" });
        Fatal(failed);
    }

    /// <summary>The server's pg_hba rules (reloadable), else the in-process ones, else none.</summary>
    private HbaRules? Hba => Environment.Options.Host?.Hba ?? Environment.Options.Hba;

    /// <summary>The role's SCRAM secret, or PostgreSQL's mock one (same salt every time) so that a prober learns nothing.</summary>
    private ScramVerifier VerifierOf(string user) =>
        Environment.Options.Catalog.FindRole(user)?.Password is { } stored && ScramVerifier.TryParse(stored, out var verifier)
            ? verifier
            : ScramVerifier.CreateMock(user, Encoding.UTF8.GetBytes(Environment.Options.MockAuthenticationNonce));
}
