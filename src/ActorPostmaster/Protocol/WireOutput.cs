using System.Buffers;
using System.Net.Sockets;

namespace ActorPostmaster.Protocol;

/// <summary>
/// pqcomm's output side for one socket (PqSendBuffer, pq_putmessage, pq_flush): the owning backend encodes each message
/// into the buffer on its own thread, and a flush hands the buffer to the kernel right there. Only when the socket's
/// send buffer is full does a send continue asynchronously; messages written meanwhile queue behind it, in order.
/// </summary>
/// <remarks>
/// The flush points are PostgreSQL's: ReadyForQuery (ReadyForQuery's caller flushes), every ErrorResponse and
/// NoticeResponse (send_message_to_frontend), authentication requests that wait for an answer (sendAuthRequest), the
/// one-byte answer to SSLRequest and GSSENCRequest, a full buffer, and the client's Flush message. So a query's
/// RowDescription, DataRows and CommandComplete leave in one send with its ReadyForQuery. The buffer is rented only
/// while there is something to send: an idle session holds none.
/// </remarks>
internal sealed class WireOutput : IClientTransport
{
    /// <summary>PQ_SEND_BUFFER_SIZE: a buffer this full is flushed.</summary>
    private const int SendBufferSize = 8192;

    private readonly Socket _socket;
    private readonly FrontendDecoder _decoder;
    private readonly Action<Exception> _failed;
    private readonly object _gate = new();
    private PooledBufferWriter? _buffer;
    private bool _sending;
    private bool _closing;
    private bool _done;

    /// <summary>Creates the output side of <paramref name="socket"/>.</summary>
    /// <param name="socket">The socket; closed by <see cref="Close"/> once everything is out.</param>
    /// <param name="decoder">The connection's decoder, whose phase follows the authentication requests sent.</param>
    /// <param name="failed">Called once when a send fails (the client went away).</param>
    public WireOutput(Socket socket, FrontendDecoder decoder, Action<Exception> failed)
    {
        _socket = socket;
        _decoder = decoder;
        _failed = failed;
    }

    /// <inheritdoc />
    public void Write(BackendMessage message)
    {
        lock (_gate)
        {
            if (_closing || _done)
            {
                return;
            }

            FollowAuthentication(message);
            _buffer ??= new PooledBufferWriter(SendBufferSize);
            BackendEncoder.Write(_buffer, message);
            if (IsFlushPoint(message) || _buffer.WrittenCount >= SendBufferSize)
            {
                FlushLocked();
            }
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        lock (_gate)
        {
            if (!_done)
            {
                FlushLocked();
            }
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_gate)
        {
            if (_closing || _done)
            {
                return;
            }

            _closing = true;
            FlushLocked();
            if (!_sending)
            {
                CloseSocket();
            }
        }
    }

    /// <summary>Where PostgreSQL calls pq_flush after a message.</summary>
    private static bool IsFlushPoint(BackendMessage message) => message is ReadyForQuery or ErrorResponse or NoticeResponse
        or LegacyErrorResponse or EncryptionRefused or AuthenticationCleartextPassword or AuthenticationSasl or AuthenticationSaslContinue;

    /// <summary>The backend asked for a password or SASL data, or authentication is done: the next bytes read differently.</summary>
    private void FollowAuthentication(BackendMessage message)
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
            lock (_decoder)
            {
                if (_decoder.Phase != FrontendPhase.Closed)
                {
                    _decoder.Phase = next;
                }
            }
        }
    }

    /// <summary>Sends the buffer, synchronously while the socket takes it; the rest continues in <see cref="DrainAsync"/>.</summary>
    private void FlushLocked()
    {
        if (_sending || _buffer is not { WrittenCount: > 0 } buffer)
        {
            return;
        }

        _buffer = null;
        var sent = 0;
        try
        {
            while (sent < buffer.WrittenCount)
            {
                // On Unix a socket send is attempted at once; it completes here unless the kernel's buffer is full.
                var send = _socket.SendAsync(buffer.WrittenMemory[sent..], SocketFlags.None);
                if (!send.IsCompleted)
                {
                    _sending = true;
                    _ = DrainAsync(send, buffer, sent);
                    return;
                }

                sent += send.GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            buffer.Dispose();
            Fail(e);
            return;
        }

        buffer.Dispose();
    }

    /// <summary>Finishes a send the kernel could not take at once, then sends what was written meanwhile.</summary>
    private async Task DrainAsync(ValueTask<int> pending, PooledBufferWriter buffer, int sent)
    {
        try
        {
            while (true)
            {
                sent += await pending.ConfigureAwait(false);
                if (sent < buffer.WrittenCount)
                {
                    pending = _socket.SendAsync(buffer.WrittenMemory[sent..], SocketFlags.None);
                    continue;
                }

                buffer.Dispose();
                lock (_gate)
                {
                    if (_done)
                    {
                        return;
                    }

                    if (_buffer is not { WrittenCount: > 0 } next)
                    {
                        _sending = false;
                        if (_closing)
                        {
                            CloseSocket();
                        }

                        return;
                    }

                    _buffer = null;
                    buffer = next;
                    sent = 0;
                    pending = _socket.SendAsync(buffer.WrittenMemory, SocketFlags.None);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            buffer.Dispose();
            lock (_gate)
            {
                Fail(e);
            }
        }
    }

    private void Fail(Exception e)
    {
        if (_done)
        {
            return;
        }

        _buffer?.Dispose();
        _buffer = null;
        _sending = false;
        CloseSocket();
        _failed(e);
    }

    /// <summary>Everything is out: the socket closes (the client reads end of input).</summary>
    private void CloseSocket()
    {
        _done = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the client is already gone
        }

        _socket.Dispose();
    }
}

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool, returned by <see cref="Dispose"/>.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _written;

    /// <summary>Creates a writer with at least <paramref name="initialSize"/> bytes.</summary>
    /// <param name="initialSize">The first array's size.</param>
    public PooledBufferWriter(int initialSize) => _array = ArrayPool<byte>.Shared.Rent(initialSize);

    /// <summary>The bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>What was written.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    /// <inheritdoc />
    public void Advance(int count) => _written += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var array = _array;
        _array = [];
        _written = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        _array.AsSpan(0, _written).CopyTo(larger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = larger;
    }
}
