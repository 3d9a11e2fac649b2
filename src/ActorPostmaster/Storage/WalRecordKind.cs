namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. What a WAL record describes; one byte in the record header (the role of PostgreSQL's resource
/// manager id and xl_info together).
/// </summary>
internal enum WalRecordKind : byte
{
    /// <summary>Insert or update a row; payload: key, value (strings).</summary>
    Put = 1,

    /// <summary>Delete a row; payload: key (string).</summary>
    Delete = 2,

    /// <summary>A transaction committed (XLOG_XACT_COMMIT); payload: commit time, unix microseconds (int64).</summary>
    Commit = 3,

    /// <summary>A transaction aborted (XLOG_XACT_ABORT); no payload.</summary>
    Abort = 4,

    /// <summary>
    /// A checkpoint (XLOG_CHECKPOINT_ONLINE / XLOG_CHECKPOINT_SHUTDOWN); payload: <see cref="CheckpointPayload"/>.
    /// </summary>
    Checkpoint = 5,

    /// <summary>Reserved: a new range of transaction ids (XLOG_NEXTOID's role for xids); payload: next xid (uint32).</summary>
    NextXid = 6,
}
