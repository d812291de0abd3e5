using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DeviceLab.Adb.Loopback;

/// <summary>
/// Loopback ports for things DeviceLab starts and then connects to — an adb server, virtual devices, a server under
/// test — picked below the kernel's range for outgoing connections, and never 5555–5585 (the adb server scans those for
/// emulators) nor adb's 5037.
/// </summary>
/// <remarks>
/// A port is picked, then handed to a process that binds it a moment later. A port from the kernel's own pick (bind to
/// port 0) lies in <c>ip_local_port_range</c>, the range every outgoing connection takes its local port from, so on a
/// busy machine a client socket could take it in between ("address already in use" in a fresh-clone CI run). Below that
/// range only another listener can, and a random pick among thousands makes that unlikely.
/// </remarks>
public static class ListenerPorts
{
    public const int EmulatorScanFirst = 5555;
    public const int EmulatorScanLast = 5585;
    private const int LowestPort = 10_000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A port of 127.0.0.1 nothing listens on right now, outside the range for outgoing connections when there is room.</summary>
    public static int PickFree()
    {
        var (first, _) = EphemeralRange();
        if (first - LowestPort >= 1_000)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, first);
                if (Allowed(port) && IsFree(port)) return port;
            }
        }
        // No room below the range (an unusual kernel setting) or all taken: the kernel's own pick.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (Allowed(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port outside the adb emulator range {EmulatorScanFirst}–{EmulatorScanLast}");
    }

    /// <summary>True when <paramref name="port"/> of 127.0.0.1 can be bound right now.</summary>
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

    /// <summary>False for the ports an adb server scans or uses itself.</summary>
    public static bool Allowed(int port) => port is not (>= EmulatorScanFirst and <= EmulatorScanLast) && port != AdbDefaults.ServerPort;

    /// <summary>The kernel's range for the local ports of outgoing connections (Linux's default when it cannot be read).</summary>
    public static (int First, int Last) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var first) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var last))
                return (first, last);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or a sandbox without /proc: assume the default.
        }
        return (32768, 60999);
    }
}
