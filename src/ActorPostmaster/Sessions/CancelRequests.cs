namespace ActorPostmaster;

/// <summary>
/// Handling of a CancelRequest (backend_startup.c: ProcessCancelRequestPacket): the pid and key are checked against the
/// process table with a constant-time comparison; a match sends SIGINT to the target. Nothing is ever sent back.
/// </summary>
public static class CancelRequests
{
    /// <summary>Processes a cancel request.</summary>
    /// <param name="procs">The process table.</param>
    /// <param name="pid">The pid quoted.</param>
    /// <param name="secretKey">The key quoted.</param>
    /// <param name="log">Where the mismatch lines go.</param>
    /// <returns>True when a backend was signalled.</returns>
    public static bool Process(ProcTable procs, int pid, int secretKey, ServerLog log)
    {
        ArgumentNullException.ThrowIfNull(procs);
        ArgumentNullException.ThrowIfNull(log);
        if (pid == 0)
        {
            log.Log("invalid cancel request with PID 0");
            return false;
        }

        if (procs.Find(pid) is not { Type: BackendType.Backend } target)
        {
            log.Log($"PID {pid} in cancel request did not match any process");
            return false;
        }

        Span<byte> expected = stackalloc byte[4];
        Span<byte> given = stackalloc byte[4];
        BitConverter.TryWriteBytes(expected, target.SecretKey);
        BitConverter.TryWriteBytes(given, secretKey);
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given))
        {
            log.Log($"wrong key in cancel request for process {pid}");
            return false;
        }

        log.Debug($"processing cancel request: sending SIGINT to process {pid}");
        target.Signal(PmSignal.SigInt);
        return true;
    }
}
