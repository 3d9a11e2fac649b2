using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>
/// A SCRAM-SHA-256 secret as PostgreSQL stores it in pg_authid.rolpassword:
/// <c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c> (salt and keys in base64).
/// The server needs only this, never the password (RFC 5802 section 3, RFC 7677).
/// </summary>
public sealed class ScramVerifier
{
    /// <summary>The mechanism name, as AuthenticationSASL offers it.</summary>
    public const string MechanismName = "SCRAM-SHA-256";

    /// <summary>SCRAM_DEFAULT_ITERATIONS of PostgreSQL 15.</summary>
    public const int DefaultIterations = 4096;

    /// <summary>SCRAM_DEFAULT_SALT_LEN: bytes of random salt.</summary>
    public const int DefaultSaltLength = 16;

    /// <summary>SCRAM_KEY_LEN: the length of StoredKey, ServerKey and proofs (a SHA-256 digest).</summary>
    public const int KeyLength = 32;

    /// <summary>MOCK_AUTH_NONCE_LEN: the length of the cluster's mock authentication nonce.</summary>
    public const int MockAuthenticationNonceLength = 32;

    private readonly byte[] _salt;
    private readonly byte[] _storedKey;
    private readonly byte[] _serverKey;

    private ScramVerifier(int iterations, byte[] salt, string saltText, byte[] storedKey, byte[] serverKey, bool isMock)
    {
        Iterations = iterations;
        _salt = salt;
        SaltText = saltText;
        _storedKey = storedKey;
        _serverKey = serverKey;
        IsMock = isMock;
    }

    /// <summary>The PBKDF2 iteration count.</summary>
    public int Iterations { get; }

    /// <summary>The salt.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The salt as stored and as sent in the server-first-message (<c>s=</c>), base64.</summary>
    public string SaltText { get; }

    /// <summary>StoredKey = H(ClientKey).</summary>
    public ReadOnlySpan<byte> StoredKey => _storedKey;

    /// <summary>ServerKey = HMAC(SaltedPassword, "Server Key").</summary>
    public ReadOnlySpan<byte> ServerKey => _serverKey;

    /// <summary>
    /// True for the stand-in of <see cref="CreateMock"/>: an exchange against it goes through every step and always fails
    /// (PostgreSQL's "doomed" authentication), so a client cannot tell an unknown role from a wrong password.
    /// </summary>
    public bool IsMock { get; }

    /// <summary>
    /// pg_be_scram_build_secret: derives the secret of <paramref name="password"/> with a random 16-byte salt, after
    /// SASLprep (or of the raw password when SASLprep refuses it).
    /// </summary>
    /// <param name="password">The password.</param>
    /// <param name="iterations">The iteration count.</param>
    /// <returns>The secret.</returns>
    public static ScramVerifier FromPassword(string password, int iterations = DefaultIterations) =>
        FromPassword(password, RandomNumberGenerator.GetBytes(DefaultSaltLength), iterations);

    /// <summary>scram_build_secret with a given salt.</summary>
    /// <param name="password">The password.</param>
    /// <param name="salt">The salt.</param>
    /// <param name="iterations">The iteration count.</param>
    /// <returns>The secret.</returns>
    public static ScramVerifier FromPassword(string password, ReadOnlySpan<byte> salt, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var saltedPassword = SaltedPassword(password, salt, iterations);
        var clientKey = HMACSHA256.HashData(saltedPassword, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(saltedPassword, "Server Key"u8);
        return new ScramVerifier(iterations, salt.ToArray(), PgBase64.Encode(salt), storedKey, serverKey, isMock: false);
    }

    /// <summary>
    /// mock_scram_secret: what PostgreSQL pretends a role without a usable SCRAM secret has. The salt is the first 16
    /// bytes of SHA-256(user name ‖ the cluster's mock authentication nonce), so it is the same on every attempt for the
    /// same name; the iteration count is the default; the keys are zeros and never match.
    /// </summary>
    /// <param name="userName">The user name of the startup packet.</param>
    /// <param name="mockAuthenticationNonce">The cluster's secret nonce (pg_control's mock_authentication_nonce, 32 bytes).</param>
    /// <returns>The doomed secret.</returns>
    public static ScramVerifier CreateMock(string userName, ReadOnlySpan<byte> mockAuthenticationNonce)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var input = new byte[Encoding.UTF8.GetByteCount(userName) + mockAuthenticationNonce.Length];
        var written = Encoding.UTF8.GetBytes(userName, input);
        mockAuthenticationNonce.CopyTo(input.AsSpan(written));
        var salt = SHA256.HashData(input)[..DefaultSaltLength];
        return new ScramVerifier(DefaultIterations, salt, PgBase64.Encode(salt), new byte[KeyLength], new byte[KeyLength], isMock: true);
    }

    /// <summary>
    /// parse_scram_secret: reads a stored secret, with strtok's way of splitting (runs of separators count as one) and
    /// strtol's way of reading the iteration count; the salt must be valid base64 and both keys 32 bytes.
    /// </summary>
    /// <param name="secret">The stored secret.</param>
    /// <param name="verifier">The secret, when valid.</param>
    /// <returns>True when <paramref name="secret"/> is a valid SCRAM-SHA-256 secret.</returns>
    public static bool TryParse(string? secret, [NotNullWhen(true)] out ScramVerifier? verifier)
    {
        verifier = null;
        if (secret is null)
        {
            return false;
        }

        var position = 0;
        var scheme = StrTok(secret, ref position, "$");
        var iterationsText = StrTok(secret, ref position, ":");
        var saltText = StrTok(secret, ref position, "$");
        var storedKeyText = StrTok(secret, ref position, ":");
        var serverKeyText = StrTok(secret, ref position, string.Empty);
        if (scheme != MechanismName || iterationsText is null || saltText is null || storedKeyText is null || serverKeyText is null
            || !TryStrtol(iterationsText, out var iterations))
        {
            return false;
        }

        var salt = PgBase64.Decode(saltText);
        var storedKey = PgBase64.Decode(storedKeyText);
        var serverKey = PgBase64.Decode(serverKeyText);
        if (salt is null || storedKey is not { Length: KeyLength } || serverKey is not { Length: KeyLength })
        {
            return false;
        }

        verifier = new ScramVerifier(iterations, salt, saltText, storedKey, serverKey, isMock: false);
        return true;
    }

    /// <summary>Reads a stored secret (see <see cref="TryParse"/>).</summary>
    /// <param name="secret">The stored secret.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="FormatException">Not a valid SCRAM-SHA-256 secret.</exception>
    public static ScramVerifier Parse(string secret) =>
        TryParse(secret, out var verifier) ? verifier : throw new FormatException("invalid SCRAM secret");

    /// <summary>
    /// scram_verify_plain_password: whether a cleartext password (password authentication against a SCRAM secret)
    /// matches: SASLprep, derive, and compare the ServerKey.
    /// </summary>
    /// <param name="password">The password the client sent.</param>
    /// <returns>True when it matches.</returns>
    public bool VerifyPlainPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (IsMock || Iterations < 1)
        {
            return false;
        }

        var serverKey = HMACSHA256.HashData(SaltedPassword(password, _salt, Iterations), "Server Key"u8);
        return CryptographicOperations.FixedTimeEquals(serverKey, _serverKey);
    }

    /// <summary>The stored form, <c>SCRAM-SHA-256$4096:salt$StoredKey:ServerKey</c>.</summary>
    /// <returns>The secret text.</returns>
    public string ToSecret() => string.Create(
        CultureInfo.InvariantCulture,
        $"{MechanismName}${Iterations}:{SaltText}${PgBase64.Encode(_storedKey)}:{PgBase64.Encode(_serverKey)}");

    /// <inheritdoc />
    public override string ToString() => ToSecret();

    /// <summary>SaltedPassword = Hi(SASLprep(password), salt, i), i.e. PBKDF2 with HMAC-SHA-256.</summary>
    internal static byte[] SaltedPassword(string password, ReadOnlySpan<byte> salt, int iterations)
    {
        var prepared = SaslPrep.Prepare(password) ?? password;
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(prepared), salt, iterations, HashAlgorithmName.SHA256, KeyLength);
    }

    /// <summary>strtok: skips leading separators, then takes up to the next separator (consumed); null at the end.</summary>
    private static string? StrTok(string text, ref int position, string separators)
    {
        while (position < text.Length && separators.Contains(text[position], StringComparison.Ordinal))
        {
            position++;
        }

        if (position >= text.Length)
        {
            return null;
        }

        var start = position;
        while (position < text.Length && !separators.Contains(text[position], StringComparison.Ordinal))
        {
            position++;
        }

        var token = text[start..position];
        if (position < text.Length)
        {
            position++;
        }

        return token;
    }

    /// <summary>strtol(text, &amp;end, 10) with the checks parse_scram_secret makes: the whole text, no overflow.</summary>
    private static bool TryStrtol(string text, out int value)
    {
        var trimmed = text.TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
        return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && trimmed.Length > 0 && char.IsAsciiDigit(trimmed[^1]);
    }
}
