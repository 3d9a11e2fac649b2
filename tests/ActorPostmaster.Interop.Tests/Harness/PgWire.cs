using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorPostmaster.Interop.Harness;

/// <summary>Builders for frontend messages of protocol 3.0, byte for byte (for raw-socket tests and fuzzing).</summary>
public static class FrontendMessages
{
    /// <summary>Protocol 3.0 as sent in a StartupMessage.</summary>
    public const int ProtocolVersion3 = 196608;

    /// <summary>CancelRequest code.</summary>
    public const int CancelRequestCode = 80877102;

    /// <summary>SSLRequest code.</summary>
    public const int SslRequestCode = 80877103;

    /// <summary>GSSENCRequest code.</summary>
    public const int GssEncRequestCode = 80877104;

    /// <summary>StartupMessage: length, version, then name/value pairs and a final zero byte.</summary>
    public static byte[] Startup(IEnumerable<KeyValuePair<string, string>> parameters, int protocolVersion = ProtocolVersion3)
    {
        var body = new List<byte>();
        AppendInt32(body, protocolVersion);
        foreach (var (name, value) in parameters)
        {
            AppendCString(body, name);
            AppendCString(body, value);
        }

        body.Add(0);
        return WithLength(body);
    }

    /// <summary>StartupMessage for user and database.</summary>
    public static byte[] Startup(string user, string database = "postgres") =>
        Startup([new("user", user), new("database", database)]);

    /// <summary>SSLRequest (8 bytes).</summary>
    public static byte[] SslRequest() => Request(SslRequestCode);

    /// <summary>GSSENCRequest (8 bytes).</summary>
    public static byte[] GssEncRequest() => Request(GssEncRequestCode);

    /// <summary>CancelRequest (16 bytes).</summary>
    public static byte[] CancelRequest(int pid, int key)
    {
        var body = new List<byte>();
        AppendInt32(body, CancelRequestCode);
        AppendInt32(body, pid);
        AppendInt32(body, key);
        return WithLength(body);
    }

    /// <summary>Query ('Q').</summary>
    public static byte[] Query(string sql) => Message('Q', CString(sql));

    /// <summary>Parse ('P').</summary>
    public static byte[] Parse(string statement, string sql, IReadOnlyList<int>? parameterTypes = null)
    {
        var body = new List<byte>();
        AppendCString(body, statement);
        AppendCString(body, sql);
        parameterTypes ??= [];
        AppendInt16(body, (short)parameterTypes.Count);
        foreach (var oid in parameterTypes)
        {
            AppendInt32(body, oid);
        }

        return Message('P', [.. body]);
    }

    /// <summary>Bind ('B'); a null value is SQL NULL.</summary>
    public static byte[] Bind(
        string portal,
        string statement,
        IReadOnlyList<short>? parameterFormats = null,
        IReadOnlyList<byte[]?>? values = null,
        IReadOnlyList<short>? resultFormats = null)
    {
        var body = new List<byte>();
        AppendCString(body, portal);
        AppendCString(body, statement);
        parameterFormats ??= [];
        AppendInt16(body, (short)parameterFormats.Count);
        foreach (var f in parameterFormats)
        {
            AppendInt16(body, f);
        }

        values ??= [];
        AppendInt16(body, (short)values.Count);
        foreach (var v in values)
        {
            AppendInt32(body, v?.Length ?? -1);
            if (v is not null)
            {
                body.AddRange(v);
            }
        }

        resultFormats ??= [];
        AppendInt16(body, (short)resultFormats.Count);
        foreach (var f in resultFormats)
        {
            AppendInt16(body, f);
        }

        return Message('B', [.. body]);
    }

    /// <summary>Describe ('D') of a statement ('S') or portal ('P').</summary>
    public static byte[] Describe(char kind, string name)
    {
        var body = new List<byte> { (byte)kind };
        AppendCString(body, name);
        return Message('D', [.. body]);
    }

    /// <summary>Execute ('E').</summary>
    public static byte[] Execute(string portal, int maxRows = 0)
    {
        var body = new List<byte>();
        AppendCString(body, portal);
        AppendInt32(body, maxRows);
        return Message('E', [.. body]);
    }

    /// <summary>Close ('C') of a statement ('S') or portal ('P').</summary>
    public static byte[] Close(char kind, string name)
    {
        var body = new List<byte> { (byte)kind };
        AppendCString(body, name);
        return Message('C', [.. body]);
    }

    /// <summary>Sync ('S').</summary>
    public static byte[] Sync() => Message('S', []);

    /// <summary>Several messages as one packet.</summary>
    public static byte[] Concat(params byte[][] messages) => [.. messages.SelectMany(m => m)];

    /// <summary>Flush ('H').</summary>
    public static byte[] Flush() => Message('H', []);

    /// <summary>Terminate ('X').</summary>
    public static byte[] Terminate() => Message('X', []);

    /// <summary>A typed message: type byte, Int32 length (including itself), body.</summary>
    public static byte[] Message(char type, ReadOnlySpan<byte> body)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), body.Length + 4);
        body.CopyTo(message.AsSpan(5));
        return message;
    }

    /// <summary>UTF-8 bytes plus a terminating zero.</summary>
    public static byte[] CString(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static byte[] Request(int code)
    {
        var body = new List<byte>();
        AppendInt32(body, code);
        return WithLength(body);
    }

    private static byte[] WithLength(List<byte> body)
    {
        var message = new byte[body.Count + 4];
        BinaryPrimitives.WriteInt32BigEndian(message, message.Length);
        body.CopyTo(message, 4);
        return message;
    }

    private static void AppendInt32(List<byte> target, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        target.AddRange(b);
    }

    private static void AppendInt16(List<byte> target, short value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteInt16BigEndian(b, value);
        target.AddRange(b);
    }

    private static void AppendCString(List<byte> target, string text) => target.AddRange(CString(text));
}

/// <summary>One backend message: its type byte and body (without the length word).</summary>
public sealed class BackendMessage(char type, byte[] body)
{
    /// <summary>The backend message types of protocol 3.0.</summary>
    public const string KnownTypes = "123cdADCEGHIKnNRsSTtVvWZ";

    /// <summary>The type byte, e.g. 'E' for ErrorResponse.</summary>
    public char Type { get; } = type;

    /// <summary>The body.</summary>
#pragma warning disable CA1819 // A wire test wants the bytes.
    public byte[] Body { get; } = body;
#pragma warning restore CA1819

    /// <summary>ErrorResponse or NoticeResponse.</summary>
    public bool IsErrorOrNotice => Type is 'E' or 'N';

    /// <summary>The fields of an ErrorResponse/NoticeResponse (S, V, C, M, D, H, F, L, R...), keyed by their code.</summary>
    public IReadOnlyDictionary<char, string> Fields
    {
        get
        {
            var fields = new Dictionary<char, string>();
            if (!IsErrorOrNotice)
            {
                return fields;
            }

            var i = 0;
            while (i < Body.Length && Body[i] != 0)
            {
                var code = (char)Body[i++];
                var end = Array.IndexOf(Body, (byte)0, i);
                if (end < 0)
                {
                    throw new InvalidDataException("Unterminated field in " + Type + " message.");
                }

                fields[code] = Encoding.UTF8.GetString(Body, i, end - i);
                i = end + 1;
            }

            return fields;
        }
    }

    /// <summary>Field C of an error or notice.</summary>
    public string? SqlState => Fields.GetValueOrDefault('C');

    /// <summary>Field V (non-localized severity), falling back to S.</summary>
    public string? Severity => Fields.TryGetValue('V', out var v) ? v : Fields.GetValueOrDefault('S');

    /// <summary>Field M.</summary>
    public string? MessageText => Fields.GetValueOrDefault('M');

    /// <summary>ReadyForQuery's transaction status.</summary>
    public char TransactionStatus => Type == 'Z' && Body.Length == 1 ? (char)Body[0] : '\0';

    /// <inheritdoc />
    public override string ToString() => IsErrorOrNotice
        ? $"{(Type == 'E' ? "ErrorResponse" : "NoticeResponse")} {Severity} {SqlState} {MessageText}"
        : Type == 'Z' ? $"ReadyForQuery {TransactionStatus}" : $"'{Type}' ({Body.Length} bytes)";
}

/// <summary>
/// A raw protocol-3.0 client over one TCP socket: sends whatever bytes it is given and reads backend messages, for
/// tests that must see the wire (fuzzing, idle connections for memory figures) without a driver in the way.
/// </summary>
public sealed class PgWireConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[16384];
    private int _start;
    private int _end;

    private PgWireConnection(Socket socket) => _socket = socket;

    /// <summary>Whether the connection ended with a TCP reset rather than a clean EOF.</summary>
    public bool ResetByPeer { get; private set; }

    /// <summary>BackendKeyData's pid after a successful startup.</summary>
    public int BackendPid { get; private set; }

    /// <summary>BackendKeyData's secret key after a successful startup.</summary>
    public int SecretKey { get; private set; }

    /// <summary>Connects to host:port (loopback in these tests).</summary>
    public static async Task<PgWireConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(host), port), cancellationToken).ConfigureAwait(false);
            return new PgWireConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends bytes as they are.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        while (!bytes.IsEmpty)
        {
            var n = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[n..];
        }
    }

    /// <summary>Half-closes: the server reads EOF after what was sent, and can still answer.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Vanishes: closes at once with a TCP RST (SO_LINGER 0), whatever the server was doing.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Reads one raw byte (e.g. the 'N'/'S' answer to an SSLRequest); null at EOF.</summary>
    public async Task<byte?> ReadByteAsync(CancellationToken cancellationToken = default)
    {
        if (!await FillAsync(1, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _buffer[_start++];
    }

    /// <summary>
    /// Reads the next backend message; null at a clean EOF between messages. Throws <see cref="InvalidDataException"/>
    /// for an unknown type byte, a length below 4, or EOF inside a message.
    /// </summary>
    public async Task<BackendMessage?> ReadMessageAsync(CancellationToken cancellationToken = default)
    {
        if (!await FillAsync(5, cancellationToken).ConfigureAwait(false))
        {
            if (_end - _start == 0)
            {
                return null;
            }

            throw new InvalidDataException($"EOF inside a message header ({_end - _start} bytes).");
        }

        var type = (char)_buffer[_start];
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
        if (!BackendMessage.KnownTypes.Contains(type))
        {
            throw new InvalidDataException($"Unknown backend message type 0x{(int)type:X2}.");
        }

        if (length < 4 || length > 64 * 1024 * 1024)
        {
            throw new InvalidDataException($"Backend message '{type}' has length {length}.");
        }

        _start += 5;
        var body = new byte[length - 4];
        var copied = 0;
        while (copied < body.Length)
        {
            if (!await FillAsync(1, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException($"EOF inside '{type}' message ({copied} of {body.Length} body bytes).");
            }

            var n = Math.Min(body.Length - copied, _end - _start);
            Array.Copy(_buffer, _start, body, copied, n);
            _start += n;
            copied += n;
        }

        return new BackendMessage(type, body);
    }

    /// <summary>Sends a StartupMessage and reads until ReadyForQuery, an ErrorResponse or EOF; returns everything read.</summary>
    public async Task<IReadOnlyList<BackendMessage>> StartupAsync(string user, string database = "postgres", CancellationToken cancellationToken = default)
    {
        await SendAsync(FrontendMessages.Startup(user, database), cancellationToken).ConfigureAwait(false);
        return await ReadUntilReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads messages until ReadyForQuery (included), an ErrorResponse with severity FATAL (included), or EOF.</summary>
    public async Task<IReadOnlyList<BackendMessage>> ReadUntilReadyAsync(CancellationToken cancellationToken = default)
    {
        var messages = new List<BackendMessage>();
        while (await ReadMessageAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            messages.Add(message);
            if (message.Type == 'K' && message.Body.Length >= 8)
            {
                BackendPid = BinaryPrimitives.ReadInt32BigEndian(message.Body);
                SecretKey = BinaryPrimitives.ReadInt32BigEndian(message.Body.AsSpan(4));
            }

            if (message.Type == 'Z' || (message.Type == 'E' && message.Severity is "FATAL" or "PANIC"))
            {
                break;
            }
        }

        return messages;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        while (_end - _start < needed)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int n;
            try
            {
                n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset)
            {
                ResetByPeer = true;
                n = 0;
            }

            if (n == 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }
}
