using System.Threading.Channels;
using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// One client connection: the in-process counterpart of a socket. The client writes frontend messages and reads backend
/// messages; the child the postmaster hands the connection to reads the former and writes the latter. The postmaster
/// itself never reads from it.
/// </summary>
/// <remarks>
/// <para>
/// Frontend messages sent before a child owns the connection wait in it (the socket's receive buffer); once a child
/// attaches, each arrives in the child's mailbox as a <see cref="FrontendArrived"/>. Closing is final and idempotent: the
/// client then reads <see cref="ConnectionClosed"/>, and later writes by either side are dropped.
/// </para>
/// <para>
/// What the server sends goes either to <see cref="FromServer"/> (an in-process client) or, for a socket, straight to
/// its <see cref="IClientTransport"/>, which encodes it on the sender's thread and flushes where PostgreSQL's pq_flush
/// does.
/// </para>
/// </remarks>
public sealed class ClientConnection
{
    private readonly object _lock = new();
    private readonly IClientTransport? _transport;
    private Channel<BackendMessage>? _toClient;
    private readonly Queue<FrontendMessage> _buffered = new();
    private IActorRef? _owner;
    private bool _closed;
    private bool _clientGone;

    /// <summary>Creates a connection from a client at <paramref name="remoteHost"/>.</summary>
    /// <param name="remoteHost">The client address as pg_stat_activity and pg_hba see it (e.g. 127.0.0.1).</param>
    public ClientConnection(string remoteHost = "127.0.0.1") => RemoteHost = remoteHost;

    /// <summary>Creates a connection whose server side writes to <paramref name="transport"/> (a socket).</summary>
    /// <param name="remoteHost">The client address as pg_stat_activity and pg_hba see it.</param>
    /// <param name="transport">Where backend messages go.</param>
    public ClientConnection(string remoteHost, IClientTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        RemoteHost = remoteHost;
        _transport = transport;
    }

    /// <summary>The client's address.</summary>
    public string RemoteHost { get; }

    /// <summary>Whether the server side has closed the connection.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>What an in-process client reads (a connection with a transport writes there instead).</summary>
    public ChannelReader<BackendMessage> FromServer
    {
        get
        {
            if (_transport is not null)
            {
                throw new InvalidOperationException("the connection writes to its transport");
            }

            lock (_lock)
            {
                return ToClient.Reader;
            }
        }
    }

    private Channel<BackendMessage> ToClient =>
        _toClient ??= Channel.CreateUnbounded<BackendMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Client side: sends a frontend message (dropped once the connection is closed).</summary>
    /// <param name="message">The message.</param>
    public void SendToServer(FrontendMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        IActorRef? owner;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            owner = _owner;
            if (owner is null)
            {
                _buffered.Enqueue(message);
                return;
            }
        }

        owner.Tell(new FrontendArrived(this, message), ActorRefs.NoSender);
    }

    /// <summary>Client side: the client went away (its socket closed); the server notices at its next read.</summary>
    public void ClientDisconnected()
    {
        IActorRef? owner;
        lock (_lock)
        {
            if (_clientGone)
            {
                return;
            }

            _clientGone = true;
            owner = _owner;
        }

        owner?.Tell(new FrontendArrived(this, null), ActorRefs.NoSender);
    }

    /// <summary>Server side: the child that now owns the connection; buffered messages are delivered to it in order.</summary>
    /// <param name="owner">The child.</param>
    public void Attach(IActorRef owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        List<FrontendMessage> buffered;
        bool clientGone;
        lock (_lock)
        {
            _owner = owner;
            buffered = [.. _buffered];
            _buffered.Clear();
            clientGone = _clientGone;
        }

        foreach (var message in buffered)
        {
            owner.Tell(new FrontendArrived(this, message), ActorRefs.NoSender);
        }

        if (clientGone)
        {
            owner.Tell(new FrontendArrived(this, null), ActorRefs.NoSender);
        }
    }

    /// <summary>Server side: sends a backend message (dropped once closed).</summary>
    /// <param name="message">The message.</param>
    public void Send(BackendMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (_transport is null)
            {
                ToClient.Writer.TryWrite(message);
                return;
            }
        }

        _transport.Write(message); // after Close the transport drops it
    }

    /// <summary>Server side: pq_flush — whatever was sent goes out now (PostgreSQL's Flush message).</summary>
    public void Flush() => _transport?.Flush();

    /// <summary>Server side: closes the connection (after whatever was already sent).</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (_transport is null)
            {
                ToClient.Writer.TryWrite(ConnectionClosed.Instance);
                ToClient.Writer.TryComplete();
                return;
            }
        }

        _transport.Close();
    }
}

/// <summary>
/// The server side of a socket: pqcomm's output buffer. Messages are encoded as they are written and flushed at
/// PostgreSQL's flush points; <see cref="Close"/> sends what is left, then closes the socket.
/// </summary>
public interface IClientTransport
{
    /// <summary>pq_putmessage: buffers one message, flushing at the points where PostgreSQL flushes.</summary>
    /// <param name="message">The message.</param>
    void Write(BackendMessage message);

    /// <summary>pq_flush: sends what is buffered.</summary>
    void Flush();

    /// <summary>Sends what is buffered, then closes the socket. Later writes are dropped.</summary>
    void Close();
}

/// <summary>A frontend message arriving at the child that owns the connection; a null message means the client went away.</summary>
/// <param name="Connection">The connection.</param>
/// <param name="Message">The message, or null at end of input.</param>
public sealed record FrontendArrived(ClientConnection Connection, FrontendMessage? Message);

/// <summary>Asks the postmaster to accept a connection (the listen socket became readable).</summary>
/// <param name="Connection">The connection.</param>
public sealed record ConnectionRequest(ClientConnection Connection);
