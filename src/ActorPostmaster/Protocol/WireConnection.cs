using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
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
/// The decoder's phase follows the backend's side of the conversation: an authentication request makes it expect a
/// password or SASL response, AuthenticationOk makes it read PostgresMain's messages. A malformed message is reported
/// to the owner as a <see cref="ProtocolViolationMessage"/>; a socket error or end of input as the client going away.
/// Nothing here throws into the postmaster or another session.
/// </remarks>
public static class WireConnection
{
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
        var connection = new ClientConnection(remote);
        var decoder = new FrontendDecoder(options.LargeMessageLimit);
        var stream = new NetworkStream(socket, ownsSocket: true);
        // Both pipes leave the stream open: the writer closes the socket once the owner has closed the connection and
        // everything it sent is out, so a reader that stops early (a violation) cannot cut off the last message.
        _ = ReadAsync(PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)), decoder, connection, log);
        _ = WriteAsync(PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)), stream, decoder, connection, log);
        return connection;
    }

    /// <summary>pq_getmessage: decode what arrives and hand it to the owner, until the client or a violation ends it.</summary>
    private static async Task ReadAsync(PipeReader reader, FrontendDecoder decoder, ClientConnection connection, ILogger? log)
    {
        try
        {
            while (!connection.IsClosed)
            {
                var read = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                while (true)
                {
                    FrontendDecodeResult? result;
                    lock (decoder)
                    {
                        if (!decoder.TryDecode(ref buffer, out result))
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
                            await reader.CompleteAsync().ConfigureAwait(false);
                            return;
                    }
                }

                if (read.IsCompleted || read.IsCanceled)
                {
                    PgError? eof;
                    lock (decoder)
                    {
                        eof = decoder.EndOfStream(buffer);
                    }

                    if (eof is not null)
                    {
                        connection.SendToServer(new ProtocolViolationMessage(eof, []));
                    }

                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            LogEnd(log, connection, e);
        }

        connection.ClientDisconnected();
        await reader.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>pq_putmessage and pq_flush: encode what the owner sends, flushing whenever nothing more is queued.</summary>
    private static async Task WriteAsync(PipeWriter writer, NetworkStream stream, FrontendDecoder decoder, ClientConnection connection, ILogger? log)
    {
        var messages = connection.FromServer;
        try
        {
            while (await messages.WaitToReadAsync().ConfigureAwait(false))
            {
                while (messages.TryRead(out var message))
                {
                    if (message is ConnectionClosed)
                    {
                        await writer.FlushAsync().ConfigureAwait(false);
                        await writer.CompleteAsync().ConfigureAwait(false);
                        stream.Socket.Shutdown(SocketShutdown.Both);
                        stream.Dispose();
                        return;
                    }

                    FollowAuthentication(decoder, message);
                    BackendEncoder.Write(writer, message);
                }

                var flushed = await writer.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break; // the client is gone; the reader reports it
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or ChannelClosedException)
        {
            LogEnd(log, connection, e);
        }

        connection.ClientDisconnected();
        await writer.CompleteAsync().ConfigureAwait(false);
        stream.Dispose();
    }

    /// <summary>The backend asked for a password or SASL data, or authentication is done: the next bytes read differently.</summary>
    private static void FollowAuthentication(FrontendDecoder decoder, BackendMessage message)
    {
        var phase = message switch
        {
            AuthenticationCleartextPassword => FrontendPhase.PasswordResponse,
            AuthenticationSasl or AuthenticationSaslContinue => FrontendPhase.SaslResponse,
            AuthenticationOk => FrontendPhase.NormalOperation,
            _ => (FrontendPhase?)null,
        };
        if (phase is { } next)
        {
            lock (decoder)
            {
                if (decoder.Phase != FrontendPhase.Closed)
                {
                    decoder.Phase = next;
                }
            }
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
