using System.Net;
using System.Net.Sockets;

namespace DeviceLab.LocalPostgres;

/// <summary>TCP ports on 127.0.0.1.</summary>
public static class LoopbackPort
{
    /// <summary>A port that was free a moment ago (the kernel picks it). Another process may still take it before
    /// PostgreSQL binds it; the cluster retries with a new port when that happens.</summary>
    public static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when nothing listens on <paramref name="port"/> of 127.0.0.1 right now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
