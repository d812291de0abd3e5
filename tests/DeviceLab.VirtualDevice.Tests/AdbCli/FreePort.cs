using DeviceLab.Testing.Adb;

namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>Loopback ports for the devices and adb servers these tests start (<see cref="LoopbackPorts"/>).</summary>
public static class FreePort
{
    public static int Pick() => LoopbackPorts.PickFree();
}
