using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// The in-process client API: connect to a postmaster as a role, send queries, and read what the server sends —
/// rows, notices, errors, and the connection closing — as <see cref="BackendMessage"/>s, exactly what a wire client
/// would decode.
/// </summary>
/// <remarks>
/// Under the deterministic dispatcher, waiting runs the system (in virtual time, up to the timeout), so a test reads the
/// server's answer without sleeping; under the thread-pool dispatcher it waits in real time. Every message received is
/// also kept in <see cref="Received"/>, unsolicited ones (a quickdie WARNING, a FATAL from a timeout) included.
/// </remarks>
public sealed class ClientSession
{
    private readonly ActorSystem _system;
    private readonly List<BackendMessage> _received = [];

    private ClientSession(ActorSystem system, ClientConnection connection)
    {
        _system = system;
        Connection = connection;
    }

    /// <summary>The connection.</summary>
    public ClientConnection Connection { get; }

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<BackendMessage> Received => _received;

    /// <summary>Whether the server has closed the connection (and the client has read that).</summary>
    public bool IsClosed => _received.Count > 0 && _received[^1] is ConnectionClosed;

    /// <summary>The backend's pid and key, once BackendKeyData arrived.</summary>
    public BackendKeyData? KeyData => _received.OfType<BackendKeyData>().FirstOrDefault();

    /// <summary>Opens a connection and sends the startup packet; read the answer with <see cref="ReadUntilReadyAsync"/>.</summary>
    /// <param name="system">The system the postmaster runs in.</param>
    /// <param name="postmaster">The postmaster.</param>
    /// <param name="user">The role.</param>
    /// <param name="database">The database; null for the role's name.</param>
    /// <param name="applicationName">application_name, or null.</param>
    public static ClientSession Open(ActorSystem system, IActorRef postmaster, string user = "postgres", string? database = "postgres", string? applicationName = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(postmaster);
        var connection = new ClientConnection();
        postmaster.Tell(new ConnectionRequest(connection), ActorRefs.NoSender);
        var parameters = applicationName is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["application_name"] = applicationName };
        connection.SendToServer(new StartupMessage(user, database, parameters));
        return new ClientSession(system, connection);
    }

    /// <summary>Connects and waits for the first ReadyForQuery (or the connection closing).</summary>
    /// <param name="system">The system the postmaster runs in.</param>
    /// <param name="postmaster">The postmaster.</param>
    /// <param name="user">The role.</param>
    /// <param name="database">The database.</param>
    /// <param name="timeout">How long to wait; 10 s by default.</param>
    public static async Task<ClientSession> ConnectAsync(ActorSystem system, IActorRef postmaster, string user = "postgres", string? database = "postgres", TimeSpan? timeout = null)
    {
        var session = Open(system, postmaster, user, database);
        await session.ReadUntilReadyAsync(timeout);
        return session;
    }

    /// <summary>Opens a connection and sends <paramref name="first"/> messages as they are (SSLRequest, a startup packet …).</summary>
    /// <param name="system">The system the postmaster runs in.</param>
    /// <param name="postmaster">The postmaster.</param>
    /// <param name="first">What the client sends first.</param>
    public static ClientSession OpenRaw(ActorSystem system, IActorRef postmaster, params FrontendMessage[] first)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(postmaster);
        ArgumentNullException.ThrowIfNull(first);
        var connection = new ClientConnection();
        postmaster.Tell(new ConnectionRequest(connection), ActorRefs.NoSender);
        foreach (var message in first)
        {
            connection.SendToServer(message);
        }

        return new ClientSession(system, connection);
    }

    /// <summary>Sends a CancelRequest on a new connection, as libpq does; nothing comes back.</summary>
    /// <param name="system">The system the postmaster runs in.</param>
    /// <param name="postmaster">The postmaster.</param>
    /// <param name="pid">The backend's pid.</param>
    /// <param name="secretKey">Its key.</param>
    /// <returns>The cancel connection (it closes without a message).</returns>
    public static ClientSession SendCancel(ActorSystem system, IActorRef postmaster, int pid, int secretKey)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(postmaster);
        var connection = new ClientConnection();
        postmaster.Tell(new ConnectionRequest(connection), ActorRefs.NoSender);
        connection.SendToServer(new CancelRequestMessage(pid, secretKey));
        return new ClientSession(system, connection);
    }

    /// <summary>Sends a simple query and reads until ReadyForQuery (or the connection closing).</summary>
    /// <param name="sql">The query text.</param>
    /// <param name="timeout">How long to wait; 10 s by default.</param>
    /// <returns>The messages of this query, in order.</returns>
    public Task<IReadOnlyList<BackendMessage>> QueryAsync(string sql, TimeSpan? timeout = null)
    {
        Connection.SendToServer(new QueryMessage(sql));
        return ReadUntilReadyAsync(timeout);
    }

    /// <summary>Sends a query without waiting for its answer (to cancel or terminate it meanwhile).</summary>
    /// <param name="sql">The query text.</param>
    public void SendQuery(string sql) => Connection.SendToServer(new QueryMessage(sql));

    /// <summary>Sends any frontend message without waiting (extended-protocol messages, a stray message type …).</summary>
    /// <param name="messages">The messages, in order.</param>
    public void Send(params FrontendMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            Connection.SendToServer(message);
        }
    }

    /// <summary>
    /// The extended protocol's one-shot query, as drivers send it: Parse, Bind, Describe (portal), Execute, Sync, all
    /// unnamed, parameters in text format; reads until ReadyForQuery.
    /// </summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">The parameter values as text (null is SQL NULL); their types are inferred.</param>
    /// <returns>The messages, in order.</returns>
    public Task<IReadOnlyList<BackendMessage>> ExtendedQueryAsync(string sql, params string?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Send(
            new ParseMessage(string.Empty, sql, []),
            new BindMessage(string.Empty, string.Empty, [], [.. parameters.Select(p => p is null ? null : System.Text.Encoding.UTF8.GetBytes(p))], []),
            new DescribeMessage('P', string.Empty),
            new ExecuteMessage(string.Empty, 0),
            SyncMessage.Instance);
        return ReadUntilReadyAsync();
    }

    /// <summary>Sends Terminate.</summary>
    public void Terminate() => Connection.SendToServer(TerminateMessage.Instance);

    /// <summary>Reads until ReadyForQuery or ConnectionClosed.</summary>
    /// <param name="timeout">How long to wait; 10 s by default.</param>
    /// <exception cref="TimeoutException">Neither arrived in time.</exception>
    public async Task<IReadOnlyList<BackendMessage>> ReadUntilReadyAsync(TimeSpan? timeout = null)
    {
        var messages = new List<BackendMessage>();
        var deadline = _system.Scheduler.Now + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var remaining = deadline - _system.Scheduler.Now;
            var message = await ReadAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)
                ?? throw new TimeoutException($"No ReadyForQuery within {timeout ?? TimeSpan.FromSeconds(10)}; received so far: {string.Join(", ", messages)}");
            messages.Add(message);
            if (message is ReadyForQuery or ConnectionClosed)
            {
                return messages;
            }
        }
    }

    /// <summary>Reads the next message, waiting up to <paramref name="timeout"/>; null when none came.</summary>
    /// <param name="timeout">How long to wait.</param>
    public async Task<BackendMessage?> ReadAsync(TimeSpan timeout)
    {
        var reader = Connection.FromServer;
        if (_system.DeterministicDispatcher is { } dispatcher)
        {
            dispatcher.RunUntil(() => reader.TryPeek(out _), _system.Scheduler.Now + timeout);
            return Take(reader.TryRead(out var message) ? message : null);
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return Take(await reader.ReadAsync(cancel.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    private BackendMessage? Take(BackendMessage? message)
    {
        if (message is not null)
        {
            _received.Add(message);
        }

        return message;
    }
}
