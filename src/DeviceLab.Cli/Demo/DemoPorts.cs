using DeviceLab.Adb.Loopback;

namespace DeviceLab.Cli.Demo;

/// <summary>Loopback ports for the demo's adb server and devices: the saved one when it is still free, else a new one
/// (<see cref="ListenerPorts"/>: below the range for outgoing connections, never adb's own or scanned ports).</summary>
internal static class DemoPorts
{
    public static int Reuse(int? saved) => saved is { } port && IsFree(port) && ListenerPorts.Allowed(port) ? port : PickFree();

    public static int PickFree() => ListenerPorts.PickFree();

    public static bool IsFree(int port) => ListenerPorts.IsFree(port);
}
