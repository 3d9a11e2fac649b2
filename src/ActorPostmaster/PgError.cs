namespace ActorPostmaster;

/// <summary>PostgreSQL's message severities, as they appear in the S and V fields of an ErrorResponse or NoticeResponse.</summary>
public enum PgSeverity
{
    /// <summary>DEBUG (not sent to clients by default).</summary>
    Debug,

    /// <summary>LOG (server log only).</summary>
    Log,

    /// <summary>INFO.</summary>
    Info,

    /// <summary>NOTICE.</summary>
    Notice,

    /// <summary>WARNING.</summary>
    Warning,

    /// <summary>ERROR: the statement (and the transaction block) is aborted; the session goes on.</summary>
    Error,

    /// <summary>FATAL: the session ends; the connection closes after the message.</summary>
    Fatal,

    /// <summary>PANIC: the process aborts, which is a crash for the postmaster.</summary>
    Panic,
}

/// <summary>
/// A PostgreSQL error or notice as a client sees it: severity, SQLSTATE, message, and the optional detail, hint and
/// cursor position. The texts are PostgreSQL 15's, byte for byte (../shared/oracle is the reference).
/// </summary>
/// <param name="Severity">The severity.</param>
/// <param name="SqlState">The five-character SQLSTATE.</param>
/// <param name="Message">The primary message.</param>
/// <param name="Detail">The DETAIL, or null.</param>
/// <param name="Hint">The HINT, or null.</param>
/// <param name="Position">The 1-based character position in the query text (the P field), or null.</param>
public sealed record PgError(PgSeverity Severity, string SqlState, string Message, string? Detail = null, string? Hint = null, int? Position = null)
{
    /// <summary>The severity's text as the S/V fields carry it (ERROR, FATAL, WARNING …).</summary>
    public string SeverityText => Severity.ToString().ToUpperInvariant();

    /// <inheritdoc />
    public override string ToString() => $"{SeverityText}:  {SqlState}: {Message}";
}

/// <summary>Raised by SQL parsing, settings and execution code; carries the <see cref="PgError"/> to send to the client.</summary>
public sealed class PgException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the client is to see.</param>
    public PgException(PgError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Creates an ERROR-level exception.</summary>
    /// <param name="sqlState">The SQLSTATE.</param>
    /// <param name="message">The message.</param>
    /// <param name="detail">The detail, or null.</param>
    /// <param name="hint">The hint, or null.</param>
    /// <param name="position">The 1-based position in the query text, or null.</param>
    public PgException(string sqlState, string message, string? detail = null, string? hint = null, int? position = null)
        : this(new PgError(PgSeverity.Error, sqlState, message, detail, hint, position))
    {
    }

    /// <summary>Creates the exception (for serializers and tooling; prefer the other constructors).</summary>
    public PgException()
        : this(new PgError(PgSeverity.Error, "XX000", "internal error"))
    {
    }

    /// <summary>Creates an internal-error exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PgException(string message)
        : this(new PgError(PgSeverity.Error, "XX000", message))
    {
    }

    /// <summary>Creates an internal-error exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PgException(string message, Exception? innerException)
        : base(message, innerException) => Error = new PgError(PgSeverity.Error, "XX000", message);

    /// <summary>What the client is to see.</summary>
    public PgError Error { get; }
}
