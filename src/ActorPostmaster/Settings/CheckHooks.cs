using System.Text;

namespace ActorPostmaster.Settings;

/// <summary>The cross-value checks of individual settings (PostgreSQL's check and show hooks), for the settings that have them.</summary>
internal static class CheckHooks
{
    private const int NameDataLength = 64;

    private static readonly string[] Locales = [string.Empty, "C", "POSIX", "C.UTF-8", "C.utf8"];

    private static readonly string[] AbbreviationFiles = [string.Empty, "Default", "Australia", "India"];

    private static readonly string[] LogDestinations = ["stderr", "csvlog", "jsonlog", "syslog"];

    /// <summary>DateStyle: normalise to "Style, Order" relative to the current value.</summary>
    public static SettingValue DateStyle(SettingValue value, CheckContext context)
    {
        var normalized = Settings.DateStyle.Normalize(
            value.AsString,
            context.Current("DateStyle").AsString,
            context.ResetValue("DateStyle").AsString,
            out var detail);
        return normalized is null ? throw context.Invalid(detail) : SettingValue.FromString(normalized);
    }

    /// <summary>TimeZone and log_timezone.</summary>
    public static SettingValue TimeZone(SettingValue value, CheckContext context)
    {
        if (TimeZones.TryNormalize(value.AsString, out var canonical, out var detail, out var leapSeconds))
        {
            return SettingValue.FromString(canonical);
        }

        if (leapSeconds)
        {
            throw new PgException(new PgError(PgSeverity.Error, "22023", $"time zone \"{value.AsString}\" appears to use leap seconds",
                "PostgreSQL does not support leap seconds."));
        }

        throw context.Invalid(detail);
    }

    /// <summary>client_encoding: canonical name (UNICODE kept as spelled), and a conversion to the server encoding must exist.</summary>
    public static SettingValue ClientEncoding(SettingValue value, CheckContext context)
    {
        var raw = value.AsString;
        var canonical = Encodings.Canonical(raw) ?? throw context.Invalid();
        var server = context.Current("server_encoding").AsString;
        if (!Encodings.CanConvert(canonical, server))
        {
            throw context.Invalid($"Conversion between {canonical} and {server} is not supported.", sqlState: "0A000");
        }

        return SettingValue.FromString(raw == "UNICODE" ? raw : canonical);
    }

    /// <summary>application_name: truncated to 63 bytes (with a NOTICE), then non-printable-ASCII bytes become '?'.</summary>
    public static SettingValue ApplicationName(SettingValue value, CheckContext context)
    {
        var text = value.AsString;
        var truncated = TruncateIdentifier(text);
        if (truncated.Length != text.Length)
        {
            context.Notices?.Add(SettingErrors.IdentifierTruncated(text, truncated));
        }

        return SettingValue.FromString(CleanAscii(truncated));
    }

    /// <summary>cluster_name: non-printable-ASCII bytes become '?'.</summary>
    public static SettingValue CleanAscii(SettingValue value, CheckContext context) => SettingValue.FromString(CleanAscii(value.AsString));

    /// <summary>log_destination: a list of stderr, csvlog, jsonlog, syslog.</summary>
    public static SettingValue LogDestination(SettingValue value, CheckContext context)
    {
        if (!Identifiers.TrySplitList(value.AsString, out var items))
        {
            throw context.Invalid("List syntax is invalid.");
        }

        foreach (var item in items)
        {
            if (!LogDestinations.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                throw context.Invalid($"Unrecognized key word: \"{item}\".");
            }
        }

        return value;
    }

    /// <summary>search_path, temp_tablespaces: the list syntax must be valid.</summary>
    public static SettingValue IdentifierList(SettingValue value, CheckContext context) =>
        Identifiers.TrySplitList(value.AsString, out _) ? value : throw context.Invalid("List syntax is invalid.");

    /// <summary>lc_messages, lc_monetary, lc_numeric, lc_time: the locales every server has.</summary>
    public static SettingValue Locale(SettingValue value, CheckContext context) =>
        Locales.Contains(value.AsString, StringComparer.Ordinal) ? value : throw context.Invalid();

    /// <summary>timezone_abbreviations: one of PostgreSQL's abbreviation files.</summary>
    public static SettingValue TimezoneAbbreviations(SettingValue value, CheckContext context) =>
        AbbreviationFiles.Contains(value.AsString, StringComparer.Ordinal) ? value : throw context.Invalid();

    /// <summary>transaction_isolation: only before the transaction's first query, and not in a subtransaction.</summary>
    public static SettingValue TransactionIsolation(SettingValue value, CheckContext context)
    {
        var session = context.Session;
        if (session is { InTransaction: true } && value != context.Current("transaction_isolation"))
        {
            if (session.SnapshotTaken)
            {
                throw ActiveTransaction("SET TRANSACTION ISOLATION LEVEL must be called before any query");
            }

            if (session.InSubtransaction)
            {
                throw ActiveTransaction("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
            }
        }

        return value;
    }

    /// <summary>transaction_read_only: a read-only transaction can become read-write only at its very start.</summary>
    public static SettingValue TransactionReadOnly(SettingValue value, CheckContext context)
    {
        var session = context.Session;
        if (session is { InTransaction: true } && !value.AsBool && context.Current("transaction_read_only").AsBool)
        {
            if (session.InSubtransaction)
            {
                throw ActiveTransaction("cannot set transaction read-write mode inside a read-only transaction");
            }

            if (session.SnapshotTaken)
            {
                throw ActiveTransaction("transaction read-write mode must be set before any query");
            }

            if (context.Current("in_hot_standby").AsBool)
            {
                throw ActiveTransaction("cannot set transaction read-write mode during recovery");
            }
        }

        return value;
    }

    /// <summary>transaction_deferrable: only at the very start of a top-level transaction.</summary>
    public static SettingValue TransactionDeferrable(SettingValue value, CheckContext context)
    {
        var session = context.Session;
        if (session is { InTransaction: true })
        {
            if (session.InSubtransaction)
            {
                throw ActiveTransaction("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
            }

            if (session.SnapshotTaken)
            {
                throw ActiveTransaction("SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
            }
        }

        return value;
    }

    /// <summary>session_authorization: an existing role; another role than the authenticated one needs a superuser.</summary>
    public static SettingValue SessionAuthorization(SettingValue value, CheckContext context)
    {
        var session = context.Session ?? throw context.Invalid();
        var name = value.AsString;
        var role = session.FindRole(name) ?? throw RoleDoesNotExist(name);
        if (!string.Equals(role.Name, session.AuthenticatedUser, StringComparison.Ordinal) && !session.AuthenticatedUserIsSuperuser)
        {
            throw new PgException(new PgError(PgSeverity.Error, "42501", $"permission denied to set session authorization \"{name}\""));
        }

        return SettingValue.FromString(role.Name);
    }

    /// <summary>role: none, or an existing role the session user is a member of (superusers may take any).</summary>
    public static SettingValue Role(SettingValue value, CheckContext context)
    {
        var session = context.Session ?? throw context.Invalid();
        var name = value.AsString;
        if (name == "none")
        {
            return value;
        }

        var role = session.FindRole(name) ?? throw RoleDoesNotExist(name);
        var sessionUser = context.Current("session_authorization").AsString;
        if (!session.IsSuperuserRole(sessionUser) && !session.IsMemberOf(sessionUser, role.Name))
        {
            throw new PgException(new PgError(PgSeverity.Error, "42501", $"permission denied to set role \"{name}\""));
        }

        return SettingValue.FromString(role.Name);
    }

    /// <summary>archive_command shows "(disabled)" unless archive_mode is on or always.</summary>
    public static string ShowArchiveCommand(SettingValue value, Func<string, SettingValue> lookup) =>
        lookup("archive_mode").AsString == "off" ? "(disabled)" : value.AsString;

    /// <summary>File modes (unix_socket_permissions) show in octal with a leading zero, e.g. 0777.</summary>
    public static string ShowOctal(SettingValue value, Func<string, SettingValue> lookup) =>
        "0" + Convert.ToString(value.AsInt, 8).PadLeft(3, '0');

    /// <summary>PostgreSQL's pg_clean_ascii: every byte outside printable ASCII (32..126) becomes '?'.</summary>
    internal static string CleanAscii(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 32 and <= 126)
            {
                sb.Append((char)rune.Value);
            }
            else
            {
                sb.Append('?', rune.Utf8SequenceLength);
            }
        }

        return sb.ToString();
    }

    /// <summary>Truncates to at most NAMEDATALEN-1 (63) UTF-8 bytes, on a character boundary.</summary>
    internal static string TruncateIdentifier(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) < NameDataLength)
        {
            return text;
        }

        var bytes = 0;
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > NameDataLength - 1)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    private static PgException RoleDoesNotExist(string name) =>
        new(new PgError(PgSeverity.Error, "22023", $"role \"{name}\" does not exist"));

    private static PgException ActiveTransaction(string message) => new(new PgError(PgSeverity.Error, "25001", message));
}
