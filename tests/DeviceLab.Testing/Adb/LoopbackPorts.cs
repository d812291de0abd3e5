using DeviceLab.Adb.Loopback;

namespace DeviceLab.Testing.Adb;

/// <summary>
/// Free loopback TCP ports for what tests start (adb servers, virtual devices, servers), never a fixed number: many
/// helpers and CI share this machine. Picked below the range for outgoing connections and outside adb's own ports
/// (<see cref="ListenerPorts"/>).
/// </summary>
public static class LoopbackPorts
{
    public const int EmulatorScanFirst = ListenerPorts.EmulatorScanFirst;
    public const int EmulatorScanLast = ListenerPorts.EmulatorScanLast;

    public static int PickFree() => ListenerPorts.PickFree();
}
