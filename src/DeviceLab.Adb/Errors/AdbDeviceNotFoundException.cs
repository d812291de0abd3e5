namespace DeviceLab.Adb;

/// <summary>The adb server knows no device with this serial (FAIL "device 'X' not found").</summary>
public sealed class AdbDeviceNotFoundException(string request, string serial, string serverMessage)
    : AdbRequestFailedException(request, serverMessage,
        $"device '{serial}' not found by the adb server (is it connected? `adb devices` lists the known serials)")
{
    public string Serial { get; } = serial;
}
