using System.Net;
using System.Net.Sockets;

namespace ActorPostmaster.Server.Tests;

/// <summary>Waiting for what a server does on its own time, and free ports. A timeout is a failure, never a measurement.</summary>
internal static class Eventually
{
    /// <summary>Generous: the machine may be shared and slow.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting until {what}");
            }

            await Task.Delay(50);
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
