using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Protocol;

/// <summary>The wire transport's limits.</summary>
/// <param name="LargeMessageLimit">
/// The length limit of Query, Parse, Bind, FunctionCall and CopyData messages (PostgreSQL's PQ_LARGE_MESSAGE_LIMIT by
/// default); longer messages end the connection as PostgreSQL's "invalid message length".
/// </param>
public sealed record WireOptions(int LargeMessageLimit = FrontendDecoder.DefaultLargeMessageLimit)
{
    /// <summary>PostgreSQL's limits.</summary>
    public static WireOptions Default { get; } = new();
}

/// <summary>
/// One client socket, as the child that owns its <see cref="ClientConnection"/> sees it: libpq's pq_* layer (pqcomm.c).
/// Bytes from the client are decoded into frontend messages for the owner; what the owner sends is encoded and written.
/// The postmaster only hands the connection over; it never reads from it.
/// </summary>
/// <remarks>
/// The decoder's phase follows the backend's side of the conversation (<see cref="WireOutput"/>): an authentication
/// request makes it expect a password or SASL response, AuthenticationOk makes it read PostgresMain's messages. A malformed message is reported
/// to the owner as a <see cref="ProtocolViolationMessage"/>; a socket error or end of input as the client going away.
/// Nothing here throws into the postmaster or another session.
/// </remarks>
public static class WireConnection
{
    /// <summary>The receive buffer's first size (PQ_RECV_BUFFER_SIZE); it grows for a longer message.</summary>
    private const int ReceiveBufferSize = 8192;

    /// <summary>Takes over an accepted socket and returns the connection to hand to the postmaster.</summary>
    /// <param name="socket">The accepted socket; owned by the connection from now on.</param>
    /// <param name="options">The protocol limits.</param>
    /// <param name="log">Where transport failures are logged (at debug level), or null.</param>
    public static ClientConnection Attach(Socket socket, WireOptions options, ILogger? log)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        var remote = socket.RemoteEndPoint switch
        {
            IPEndPoint ip => (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
            _ => "[local]",
        };
        var decoder = new FrontendDecoder(options.LargeMessageLimit);
        ClientConnection? connection = null;
        var output = new WireOutput(socket, decoder, e =>
        {
            LogEnd(log, connection!, e);
            connection!.ClientDisconnected();
        });
        connection = new ClientConnection(remote, output);
        _ = ReadAsync(socket, decoder, connection, log);
        return connection;
    }

    /// <summary>
    /// pq_recvbuf and pq_getmessage: decode what arrives and hand it to the owner, until the client or a violation ends
    /// it. Between messages the loop waits with a zero-byte receive, so an idle session holds no receive buffer.
    /// </summary>
    private static async Task ReadAsync(Socket socket, FrontendDecoder decoder, ClientConnection connection, ILogger? log)
    {
        byte[]? buffer = null;
        int start = 0, end = 0;
        try
        {
            while (!connection.IsClosed)
            {
                if (start == end)
                {
                    Release(ref buffer);
                    start = end = 0;
                    await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                buffer ??= ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
                if (end == buffer.Length)
                {
                    MakeRoom(ref buffer, ref start, ref end);
                }

                var received = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    PgError? eof;
                    lock (decoder)
                    {
                        eof = decoder.EndOfStream(new ReadOnlySequence<byte>(buffer, start, end - start));
                    }

                    if (eof is not null)
                    {
                        connection.SendToServer(new ProtocolViolationMessage(eof, []));
                    }

                    break;
                }

                end += received;
                var unread = new ReadOnlySequence<byte>(buffer, start, end - start);
                while (true)
                {
                    FrontendDecodeResult? result;
                    lock (decoder)
                    {
                        if (!decoder.TryDecode(ref unread, out result))
                        {
                            break;
                        }
                    }

                    switch (result)
                    {
                        case DecodedMessage decoded:
                            connection.SendToServer(decoded.Message);
                            break;
                        case ProtocolViolation violation:
                            connection.SendToServer(new ProtocolViolationMessage(violation.Error, violation.Replies));
                            Release(ref buffer);
                            return; // the owner ends the session; the socket closes after its last message
                    }
                }

                start = end - (int)unread.Length;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            LogEnd(log, connection, e);
        }

        Release(ref buffer);
        connection.ClientDisconnected();
    }

    /// <summary>A full buffer: move the unread bytes to the front, or rent one twice the size for a long message.</summary>
    private static void MakeRoom(ref byte[] buffer, ref int start, ref int end)
    {
        var unread = end - start;
        if (start > 0)
        {
            buffer.AsSpan(start, unread).CopyTo(buffer);
        }
        else
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, unread).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        start = 0;
        end = unread;
    }

    private static void Release(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    private static void LogEnd(ILogger? log, ClientConnection connection, Exception e)
    {
        if (log is not null && log.IsEnabled(LogLevel.Debug))
        {
            var remote = connection.RemoteHost;
            log.LogDebug(e, "connection from {Remote} ended", remote);
        }
    }
}
