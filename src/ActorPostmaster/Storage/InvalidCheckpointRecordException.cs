namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. The record the control file names as the latest checkpoint is missing or invalid: PostgreSQL's
/// PANIC <c>could not locate a valid checkpoint record</c> (xlogrecovery.c: InitWalRecovery, ReadCheckpointRecord).
/// </summary>
internal sealed class InvalidCheckpointRecordException : Exception
{
    /// <summary>The PANIC message.</summary>
    public const string PanicMessage = "could not locate a valid checkpoint record";

    /// <summary>Creates the exception.</summary>
    public InvalidCheckpointRecordException()
        : base(PanicMessage)
    {
        Reason = PanicMessage;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the record is not valid (the reader's message).</param>
    public InvalidCheckpointRecordException(string reason)
        : base(PanicMessage)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the record is not valid.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidCheckpointRecordException(string reason, Exception innerException)
        : base(PanicMessage, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the record is not valid, e.g. <c>invalid record length at 0/1000028: wanted 24, got 0</c>.</summary>
    public string Reason { get; }
}
