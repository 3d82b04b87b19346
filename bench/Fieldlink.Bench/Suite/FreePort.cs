using System.Net;
using System.Net.Sockets;

namespace Fieldlink.Bench.Suite;

/// <summary>A TCP port on 127.0.0.1 nothing listens on this instant, for a server the suite starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
