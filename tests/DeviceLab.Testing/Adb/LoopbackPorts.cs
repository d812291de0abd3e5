using System.Net;
using System.Net.Sockets;

namespace DeviceLab.Testing.Adb;

/// <summary>
/// Free loopback TCP ports picked by the kernel (bind port 0), never a fixed number: many helpers and CI share
/// this machine. Ports the adb server scans for emulators (5555–5585) and its default port are skipped.
/// </summary>
public static class LoopbackPorts
{
    public const int EmulatorScanFirst = 5555;
    public const int EmulatorScanLast = 5585;

    public static int PickFree()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (port is >= EmulatorScanFirst and <= EmulatorScanLast || port == DeviceLab.Adb.AdbDefaults.ServerPort) continue;
            return port;
        }
        throw new InvalidOperationException("the kernel kept handing out ports in the adb emulator range 5555–5585");
    }
}
