namespace DeviceLab.Adb;

/// <summary>The device's sync service refused a transfer (FAIL), e.g. no such file or permission denied.</summary>
public sealed class AdbSyncException(string serial, string operation, string deviceMessage)
    : AdbException($"{operation} failed on device '{serial}': {deviceMessage}")
{
    public string Serial { get; } = serial;

    public string Operation { get; } = operation;

    /// <summary>The device's own words.</summary>
    public string DeviceMessage { get; } = deviceMessage;
}
