using System.Net;
using System.Net.Sockets;

namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>Loopback ports picked by the OS, never in the adb server's emulator scan range.</summary>
public static class FreePort
{
    public static int Pick()
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            if (port is < VirtualDevice.EmulatorScanFirstPort or > VirtualDevice.EmulatorScanLastPort) return port;
        }
    }
}
