using System.Net;
using System.Net.Sockets;
using ActorPostmaster.Actors;
using ActorPostmaster.Authentication;
using ActorPostmaster.Protocol;
using ActorPostmaster.Settings;
using Microsoft.Extensions.Logging;

namespace ActorPostmaster.Hosting;

public sealed partial class PostgresServer
{
    /// <summary>PG_SOMAXCONN: the ceiling of the listen backlog.</summary>
    private const int MaxBacklog = 10000;

    /// <summary>Opens one socket per address of listen_addresses (PostmasterMain, StreamServerPort).</summary>
    private bool EstablishInputSockets(SettingsSnapshot settings, ServerLog log)
    {
        _postmasterLog = log;
        var port = settings.GetInt("port");
        var backlog = Math.Min(settings.GetInt("max_connections") * 2, MaxBacklog);
        var entries = settings.GetString("listen_addresses").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? firstListenAddress = null;
        foreach (var entry in entries)
        {
            var opened = 0;
            foreach (var address in Resolve(entry, port, log))
            {
                if (StreamServerPort(address, port, backlog, log))
                {
                    opened++;
                }
            }

            if (opened > 0)
            {
                firstListenAddress ??= entry;
            }
            else
            {
                log.Warning($"could not create listen socket for \"{entry}\"");
            }
        }

        if (entries.Length > 0 && firstListenAddress is null)
        {
            return Fatal(log, new PgError(PgSeverity.Fatal, "XX000", "could not create any TCP/IP sockets"));
        }

        if (entries.Length == 0)
        {
            return Fatal(log, new PgError(PgSeverity.Fatal, "XX000", "no socket created for listening")); // no Unix sockets here
        }

        _lock?.SetLine(PostmasterPidFile.LineListenAddress, firstListenAddress ?? string.Empty);
        _lock?.SetLine(PostmasterPidFile.LineSharedMemoryKey, PostmasterPidFile.NoSharedMemoryKey);

        if (!_hba.IsValid)
        {
            ReportHbaErrors(_hba, log);
            return Fatal(log, new PgError(PgSeverity.Fatal, "XX000", "could not load pg_hba.conf"));
        }

        Socket[] listeners;
        lock (_endpoints)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            _ = Task.Run(() => AcceptLoopAsync(listener, log));
        }

        _listening.TrySetResult();
        return true;
    }

    private bool Fatal(ServerLog log, PgError error)
    {
        _fatal = error;
        log.Report(error);
        return false;
    }

    /// <summary>The addresses of one listen_addresses entry: <c>*</c> is every IPv4 and IPv6 address; <c>localhost</c> is 127.0.0.1 only.</summary>
    private static List<IPAddress> Resolve(string entry, int port, ServerLog log)
    {
        if (entry == "*")
        {
            return Socket.OSSupportsIPv6 ? [IPAddress.Any, IPAddress.IPv6Any] : [IPAddress.Any];
        }

        if (entry == "localhost")
        {
            return [IPAddress.Loopback];
        }

        if (IPAddress.TryParse(entry, out var literal))
        {
            return [literal];
        }

        try
        {
            return [.. Dns.GetHostAddresses(entry).Distinct()];
        }
        catch (SocketException e)
        {
            log.Write(PgSeverity.Log, $"could not translate host name \"{entry}\", service \"{port}\" to address: {e.Message}");
            return [];
        }
    }

    /// <summary>StreamServerPort for one address: bind, listen, log.</summary>
    private bool StreamServerPort(IPAddress address, int port, int backlog, ServerLog log)
    {
        var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        Socket socket;
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            log.Write(PgSeverity.Log, $"could not create {family} socket for address \"{address}\": {e.Message}");
            return false;
        }

        try
        {
            SetReuseAddress(socket);
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // IPV6_V6ONLY, as PostgreSQL sets it
            }

            try
            {
                socket.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException e)
            {
                log.Write(
                    PgSeverity.Log,
                    $"could not bind {family} address \"{address}\": {e.Message}",
                    hint: $"Is another postmaster already running on port {port}? If not, wait a few seconds and retry.");
                socket.Dispose();
                return false;
            }

            try
            {
                socket.Listen(backlog);
            }
            catch (SocketException e)
            {
                log.Write(PgSeverity.Log, $"could not listen on {family} address \"{address}\": {e.Message}");
                socket.Dispose();
                return false;
            }
        }
        catch (SocketException e)
        {
            log.Write(PgSeverity.Log, $"setsockopt(SO_REUSEADDR) failed for {family} address \"{address}\": {e.Message}");
            socket.Dispose();
            return false;
        }

        log.Log($"listening on {family} address \"{address}\", port {port}");
        lock (_endpoints)
        {
            _listeners.Add(socket);
            _endpoints.Add((IPEndPoint)socket.LocalEndPoint!);
        }

        return true;
    }

    /// <summary>
    /// SO_REUSEADDR only (PostgreSQL sets it on Unix so a restart need not wait for TIME_WAIT). .NET's ReuseAddress
    /// option also sets SO_REUSEPORT on Unix, which would let a second server bind the same port, so the raw option is
    /// used instead.
    /// </summary>
    private static void SetReuseAddress(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(0xFFFF /* SOL_SOCKET */, 0x0004 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        }
    }

    /// <summary>ServerLoop's accept: every connection goes to the postmaster, which decides who takes it.</summary>
    private async Task AcceptLoopAsync(Socket listener, ServerLog log)
    {
        var transportLog = _loggerFactory.CreateLogger("ActorPostmaster.Protocol.WireConnection");
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (!_stopping.IsCancellationRequested)
            {
                log.Write(PgSeverity.Log, $"could not accept new connection: {e.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            try
            {
                client.NoDelay = true;
                client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            }
            catch (SocketException e)
            {
                log.Write(PgSeverity.Log, $"setsockopt(TCP_NODELAY) failed: {e.Message}");
            }

            var connection = WireConnection.Attach(client, new WireOptions(_options.Postmaster.LargeMessageLimit), transportLog);
            _postmaster.Tell(new ConnectionRequest(connection), ActorRefs.NoSender);
        }
    }

    private void CloseListeners()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already disposed
        }

        Socket[] listeners;
        lock (_endpoints)
        {
            listeners = [.. _listeners];
            _listeners.Clear();
            _endpoints.Clear();
        }

        foreach (var listener in listeners)
        {
            listener.Dispose();
        }
    }

    /// <summary>load_hba's messages: each invalid line (with its CONTEXT), at LOG.</summary>
    private static void ReportHbaErrors(HbaRules rules, ServerLog log)
    {
        foreach (var error in rules.Errors)
        {
            log.Write(PgSeverity.Log, error.Error.Message, error.Error.Detail, error.Error.Hint, context: error.Context);
        }
    }

    /// <summary>process_pm_reload_request after the configuration: log_line_prefix for the sink, then load_hba.</summary>
    private void Reloaded(SettingsSnapshot settings, ServerLog log)
    {
        _sink.Tell(ServerLogFormat.From(settings), ActorRefs.NoSender);
        if (_hbaPath is not { } path)
        {
            return;
        }

        var rules = LoadHbaFile(path);
        if (rules.IsValid)
        {
            _hba = rules;
        }
        else
        {
            ReportHbaErrors(rules, log);
            log.Log("pg_hba.conf was not reloaded");
        }
    }

    private void SetPidFileStatus(string status)
    {
        _lock?.SetLine(PostmasterPidFile.LineStatus, status);
        if (status is PostmasterPidFile.StatusReady or PostmasterPidFile.StatusStandby)
        {
            _ready.TrySetResult();
        }
    }

    private void Exiting()
    {
        CloseListeners();
        _lock?.Remove();
    }

    /// <summary>The postmaster's view of this server.</summary>
    private sealed class Host(PostgresServer server) : IPostmasterHost
    {
        public bool EstablishInputSockets(SettingsSnapshot settings, ServerLog log)
        {
            try
            {
                return server.EstablishInputSockets(settings, log);
            }
            catch (Exception e)
            {
                return server.Fatal(log, new PgError(PgSeverity.Fatal, "XX000", $"could not create listen sockets: {e.Message}"));
            }
        }

        public void Reloaded(SettingsSnapshot settings, ServerLog log)
        {
            try
            {
                server.Reloaded(settings, log);
            }
            catch (Exception e)
            {
                log.Write(PgSeverity.Log, $"pg_hba.conf was not reloaded: {e.Message}");
            }
        }

        public Authentication.HbaRules Hba => server.Hba;

        public void SetPidFileStatus(string status) => server.SetPidFileStatus(status);

        public void Exiting(int code) => server.Exiting();
    }
}
