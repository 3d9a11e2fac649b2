using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Protocol;

/// <summary>
/// INTERNAL API. PLACEHOLDER for the wire transport (socket ↔ <see cref="ClientConnection"/> through the protocol
/// codec), which is written separately and replaces this file on merge. It speaks no protocol: it makes the
/// <see cref="ClientConnection"/> the postmaster hands to a child, reports the client's end of input, and closes the
/// socket once the server side closes the connection. Backend messages are dropped.
/// </summary>
internal static class WireConnection
{
    /// <summary>Takes over an accepted socket and returns the connection to hand to the postmaster.</summary>
    /// <param name="socket">The accepted socket; owned by the connection from now on.</param>
    /// <param name="options">The protocol limits.</param>
    /// <param name="log">Where transport problems are logged, or null.</param>
    public static ClientConnection Attach(Socket socket, WireOptions options, ILogger? log)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        var remote = socket.RemoteEndPoint is IPEndPoint endPoint
            ? (endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address).ToString()
            : "[local]";
        var connection = new ClientConnection(remote);
        _ = ReadUntilClosedAsync(socket, connection, log);
        _ = CloseWhenServerClosesAsync(socket, connection);
        return connection;
    }

    private static async Task ReadUntilClosedAsync(Socket socket, ClientConnection connection, ILogger? log)
    {
        var buffer = new byte[8192];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false) > 0)
            {
                // No codec yet: the bytes are discarded.
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (log is not null && log.IsEnabled(LogLevel.Debug))
            {
                var remote = connection.RemoteHost;
                log.LogDebug(e, "Client connection from {Remote} ended", remote);
            }
        }

        connection.ClientDisconnected();
    }

    private static async Task CloseWhenServerClosesAsync(Socket socket, ClientConnection connection)
    {
        await foreach (var _ in connection.FromServer.ReadAllAsync().ConfigureAwait(false))
        {
            // Dropped until the codec writes them.
        }

        socket.Dispose();
    }
}

/// <summary>
/// INTERNAL API. PLACEHOLDER for the wire transport's options, replaced on merge together with
/// <see cref="WireConnection"/>.
/// </summary>
internal sealed record WireOptions
{
    /// <summary>The longest frontend message accepted, in bytes (PostgreSQL's PQ_LARGE_MESSAGE_LIMIT is 1 GB − 1).</summary>
    public int MaxMessageLength { get; init; } = 0x3FFFFFFF;
}
