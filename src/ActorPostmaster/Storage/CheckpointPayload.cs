namespace ActorPostmaster.Storage;

/// <summary>INTERNAL API. The payload of a checkpoint record, PostgreSQL's <c>CheckPoint</c> struct (pg_control.h).</summary>
/// <param name="Redo">Where replay starts: the WAL position when the checkpoint began (<c>redo</c>).</param>
/// <param name="NextXid">The next transaction id to assign (<c>nextXid</c>).</param>
/// <param name="Timeline">The timeline (<c>ThisTimeLineID</c>).</param>
/// <param name="Shutdown">Whether it is a shutdown checkpoint (XLOG_CHECKPOINT_SHUTDOWN).</param>
/// <param name="Time">When the checkpoint was taken (<c>time</c>), to the microsecond.</param>
internal sealed record CheckpointPayload(Lsn Redo, uint NextXid, uint Timeline, bool Shutdown, DateTimeOffset Time);
