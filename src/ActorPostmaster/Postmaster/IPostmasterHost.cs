using ActorPostmaster.Settings;

namespace ActorPostmaster;

/// <summary>
/// What the process around the postmaster does at PostmasterMain's fixed points: the listen sockets, postmaster.pid
/// and pg_hba.conf. The postmaster calls it on its own thread, at the moment and in the order PostgreSQL does, so the
/// host's log lines fall between the postmaster's in PostgreSQL's order. An in-process postmaster has no host.
/// </summary>
/// <remarks>
/// Every method runs inside the postmaster actor: it must be quick, must not block on the actor system, and must not
/// throw (a host reports its failures through the log it is given and its return value).
/// </remarks>
public interface IPostmasterHost
{
    /// <summary>
    /// PostmasterMain's "establish input sockets" and the steps after it up to the startup process (postmaster.pid
    /// lines 6 and 7, pg_hba.conf): called once, after <c>starting PostgreSQL …</c>. The host logs what it opened
    /// (<c>listening on IPv4 address …</c>); when it cannot go on it logs the FATAL and returns false, and the postmaster
    /// then exits with code 1.
    /// </summary>
    /// <param name="settings">The server's settings (port, listen_addresses, max_connections …).</param>
    /// <param name="log">The postmaster's log.</param>
    /// <returns>True to go on with the startup process.</returns>
    bool EstablishInputSockets(SettingsSnapshot settings, ServerLog log);

    /// <summary>
    /// The rest of process_pm_reload_request, after the configuration file was re-read and the children signalled:
    /// load_hba and load_ident. Not called when a reload is ignored (during a fast or immediate shutdown).
    /// </summary>
    /// <param name="settings">The settings after the reload.</param>
    /// <param name="log">The postmaster's log.</param>
    void Reloaded(SettingsSnapshot settings, ServerLog log);

    /// <summary>The pg_hba rules in force (load_hba at start and at every reload); backends read them when a client connects.</summary>
    Authentication.HbaRules Hba { get; }

    /// <summary>AddToDataDirLockFile(LOCK_FILE_LINE_PM_STATUS): <c>starting</c>, <c>ready   </c>, <c>standby </c> or <c>stopping</c>.</summary>
    /// <param name="status">The status, padded to 8 characters as PostgreSQL writes it.</param>
    void SetPidFileStatus(string status);

    /// <summary>
    /// proc_exit's last steps: close the listen sockets and remove postmaster.pid. Called just before the postmaster
    /// logs <c>database system is shut down</c> and publishes <see cref="PostmasterExited"/>.
    /// </summary>
    /// <param name="code">The exit code: 0 after a clean shutdown, 1 otherwise.</param>
    void Exiting(int code);
}
