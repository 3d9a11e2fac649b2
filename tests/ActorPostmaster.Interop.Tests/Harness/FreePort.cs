using System.Net;
using System.Net.Sockets;

namespace ActorPostmaster.Interop.Harness;

/// <summary>
/// Hands out TCP ports on 127.0.0.1 that were free a moment ago, never the same one twice in this process (so two
/// servers started in parallel cannot be given one port).
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>A port nothing listened on when this was called.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Gate)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free TCP port found on 127.0.0.1.");
    }
}
