using System.Threading.Channels;
using ActorPostmaster.Actors;

namespace ActorPostmaster;

/// <summary>
/// One client connection: the in-process counterpart of a socket. The client writes frontend messages and reads backend
/// messages; the child the postmaster hands the connection to reads the former and writes the latter. The postmaster
/// itself never reads from it.
/// </summary>
/// <remarks>
/// Frontend messages sent before a child owns the connection wait in it (the socket's receive buffer); once a child
/// attaches, each arrives in the child's mailbox as a <see cref="FrontendArrived"/>. Closing is final and idempotent: the
/// client then reads <see cref="ConnectionClosed"/>, and later writes by either side are dropped.
/// </remarks>
public sealed class ClientConnection
{
    private readonly object _lock = new();
    private readonly Channel<BackendMessage> _toClient = Channel.CreateUnbounded<BackendMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<FrontendMessage> _buffered = new();
    private IActorRef? _owner;
    private bool _closed;
    private bool _clientGone;

    /// <summary>Creates a connection from a client at <paramref name="remoteHost"/>.</summary>
    /// <param name="remoteHost">The client address as pg_stat_activity and pg_hba see it (e.g. 127.0.0.1).</param>
    public ClientConnection(string remoteHost = "127.0.0.1") => RemoteHost = remoteHost;

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

    /// <summary>What the client reads.</summary>
    public ChannelReader<BackendMessage> FromServer => _toClient.Reader;

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

            _toClient.Writer.TryWrite(message);
        }
    }

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
            _toClient.Writer.TryWrite(ConnectionClosed.Instance);
            _toClient.Writer.TryComplete();
        }
    }
}

/// <summary>A frontend message arriving at the child that owns the connection; a null message means the client went away.</summary>
/// <param name="Connection">The connection.</param>
/// <param name="Message">The message, or null at end of input.</param>
public sealed record FrontendArrived(ClientConnection Connection, FrontendMessage? Message);

/// <summary>Asks the postmaster to accept a connection (the listen socket became readable).</summary>
/// <param name="Connection">The connection.</param>
public sealed record ConnectionRequest(ClientConnection Connection);
