namespace ActorPostmaster.Storage;

/// <summary>
/// A WAL write or fdatasync failed: PostgreSQL's PANIC ("If WAL cannot be flushed to disk, PostgreSQL raises PANIC").
/// Thrown out of the process that met it, so that its crash starts the crash cycle, whose recovery replays the WAL
/// that was durable.
/// </summary>
public sealed class WalWriteException : Exception
{
    /// <summary>Creates the exception for a failed write or flush.</summary>
    /// <param name="cause">The I/O error (its message is the PANIC's, e.g. <c>could not fdatasync file "…": Input/output error</c>).</param>
    public WalWriteException(IOException cause)
        : base(cause?.Message, cause)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WalWriteException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The PANIC message.</param>
    public WalWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The PANIC message.</param>
    /// <param name="innerException">The cause.</param>
    public WalWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
