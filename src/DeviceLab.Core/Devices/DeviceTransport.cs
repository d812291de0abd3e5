namespace DeviceLab.Core.Devices;

/// <summary>How DeviceLab reaches a device.</summary>
public enum DeviceTransport
{
    /// <summary>Through the adb server of its lab host (USB or adb over Wi-Fi / TCP).</summary>
    Adb,

    /// <summary>The device's agent connects to the server over the network (iPhones and other non-ADB devices).</summary>
    Network,
}
