namespace DeviceLab.Adb;

/// <summary>A device's state as the adb server reports it (<c>device</c> = online and usable).</summary>
public enum AdbDeviceState
{
    Unknown,
    Device,
    Offline,
    Connecting,
    Authorizing,
    Unauthorized,
    NoPermissions,
    Bootloader,
    Recovery,
    Sideload,
    Rescue,
    Host,
}

public static class AdbDeviceStates
{
    /// <summary>Maps adb's state words; anything unrecognised is <see cref="AdbDeviceState.Unknown"/> (the raw word is kept by the caller).</summary>
    public static AdbDeviceState Parse(string word) => word switch
    {
        "device" => AdbDeviceState.Device,
        "offline" => AdbDeviceState.Offline,
        "connecting" => AdbDeviceState.Connecting,
        "authorizing" => AdbDeviceState.Authorizing,
        "unauthorized" => AdbDeviceState.Unauthorized,
        "bootloader" => AdbDeviceState.Bootloader,
        "recovery" => AdbDeviceState.Recovery,
        "sideload" => AdbDeviceState.Sideload,
        "rescue" => AdbDeviceState.Rescue,
        "host" => AdbDeviceState.Host,
        _ when word.StartsWith("no permissions", StringComparison.Ordinal) => AdbDeviceState.NoPermissions,
        _ => AdbDeviceState.Unknown,
    };
}
