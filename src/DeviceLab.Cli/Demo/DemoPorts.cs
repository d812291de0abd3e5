using System.Net;
using System.Net.Sockets;

namespace DeviceLab.Cli.Demo;

/// <summary>Loopback ports for the demo's adb server and devices: the saved one when it is still free, else one the kernel
/// picks — never 5555–5585 (the adb server scans those for emulators) nor adb's default 5037.</summary>
internal static class DemoPorts
{
    public static int Reuse(int? saved) => saved is { } port && IsFree(port) && Allowed(port) ? port : PickFree();

    public static int PickFree()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (Allowed(port)) return port;
        }
        throw new InvalidOperationException("the kernel kept handing out ports in the adb emulator range 5555–5585");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Allowed(int port) => port is not (>= 5555 and <= 5585) && port != DeviceLab.Adb.AdbDefaults.ServerPort;
}
