namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. The control file was written with another layout version: ReadControlFile's FATAL
/// <c>database files are incompatible with server</c>, with its DETAIL and HINT kept apart from the message as
/// PostgreSQL reports them (errdetail, errhint). Not an <see cref="InvalidDataException"/> (which is sealed), so
/// callers of <see cref="ControlFileData.Read"/> catch it separately.
/// </summary>
internal sealed class IncompatibleControlFileException : Exception
{
    /// <summary>The primary message.</summary>
    public const string PrimaryMessage = "database files are incompatible with server";

    /// <summary>ReadControlFile's hint when the version is simply different (not byte-swapped).</summary>
    public const string InitdbHint = "It looks like you need to initdb.";

    /// <summary>Creates the exception.</summary>
    public IncompatibleControlFileException()
        : base(PrimaryMessage)
    {
        Detail = string.Empty;
        Hint = InitdbHint;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="detail">The DETAIL line.</param>
    public IncompatibleControlFileException(string detail)
        : base(PrimaryMessage)
    {
        Detail = detail;
        Hint = InitdbHint;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="detail">The DETAIL line.</param>
    /// <param name="innerException">The cause.</param>
    public IncompatibleControlFileException(string detail, Exception innerException)
        : base(PrimaryMessage, innerException)
    {
        Detail = detail;
        Hint = InitdbHint;
    }

    /// <summary>
    /// The DETAIL line, e.g. <c>The database cluster was initialized with PG_CONTROL_VERSION 2, but the server was
    /// compiled with PG_CONTROL_VERSION 1.</c>
    /// </summary>
    public string Detail { get; }

    /// <summary>The HINT line: <see cref="InitdbHint"/>.</summary>
    public string Hint { get; }
}
