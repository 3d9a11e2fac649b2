namespace ActorPostmaster.Authentication;

/// <summary>
/// INTERNAL API. Turns a password into what pg_authid.rolpassword stores for it (a SCRAM-SHA-256 verifier,
/// <c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c>).
/// </summary>
/// <remarks>
/// Placeholder: the SCRAM implementation belongs to the protocol codec (<c>ActorPostmaster.Protocol.ScramVerifier</c>).
/// Until it is merged, this is the single place initdb asks for a verifier, and it refuses.
/// </remarks>
internal static class PasswordVerifier
{
    /// <summary>The verifier of <paramref name="password"/>.</summary>
    /// <param name="password">The clear-text password.</param>
    /// <exception cref="NotSupportedException">Always, until the protocol codec provides SCRAM.</exception>
    public static string Create(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        throw new NotSupportedException("scram-sha-256 needs the protocol codec");
    }
}
