namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. The record the control file names as the latest checkpoint is missing or invalid: PostgreSQL's
/// PANIC <c>could not locate a valid checkpoint record</c> (xlogrecovery.c: InitWalRecovery, ReadCheckpointRecord).
/// </summary>
/// <remarks>
/// PostgreSQL 15 logs up to three lines here, in this order: the WAL reader's own message when the record could not
/// be read at all (<see cref="ReaderError"/>, e.g. <c>invalid record length at 0/1000028: wanted 24, got 0</c>),
/// ReadCheckpointRecord's LOG for the primary checkpoint (<see cref="Reason"/>, e.g. <c>invalid primary checkpoint
/// record</c>), then the PANIC (<see cref="Exception.Message"/>).
/// </remarks>
internal sealed class InvalidCheckpointRecordException : Exception
{
    /// <summary>The PANIC message.</summary>
    public const string PanicMessage = "could not locate a valid checkpoint record";

    /// <summary>ReadCheckpointRecord's LOG when the record cannot be read (PostgreSQL 15, primary checkpoint).</summary>
    public const string InvalidRecord = "invalid primary checkpoint record";

    /// <summary>Creates the exception.</summary>
    public InvalidCheckpointRecordException()
        : base(PanicMessage)
    {
        Reason = InvalidRecord;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">ReadCheckpointRecord's LOG message.</param>
    public InvalidCheckpointRecordException(string reason)
        : base(PanicMessage)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">ReadCheckpointRecord's LOG message.</param>
    /// <param name="readerError">The WAL reader's message, logged before it, or null.</param>
    public InvalidCheckpointRecordException(string reason, string? readerError)
        : base(PanicMessage)
    {
        Reason = reason;
        ReaderError = readerError;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">ReadCheckpointRecord's LOG message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidCheckpointRecordException(string reason, Exception innerException)
        : base(PanicMessage, innerException)
    {
        Reason = reason;
    }

    /// <summary>
    /// ReadCheckpointRecord's LOG message, PostgreSQL 15's for the primary checkpoint: <c>invalid primary checkpoint
    /// link in control file</c>, <c>invalid primary checkpoint record</c>, <c>invalid resource manager ID in primary
    /// checkpoint record</c>, <c>invalid xl_info in primary checkpoint record</c> or <c>invalid length of primary
    /// checkpoint record</c>.
    /// </summary>
    public string Reason { get; }

    /// <summary>
    /// When the record could not be read, the WAL reader's message (xlogreader.c's, logged by ReadRecord before
    /// <see cref="Reason"/>), e.g. <c>incorrect resource manager data checksum in record at 0/1000028</c>; else null.
    /// </summary>
    public string? ReaderError { get; }
}
