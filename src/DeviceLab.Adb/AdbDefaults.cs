namespace DeviceLab.Adb;

/// <summary>Well-known values of the adb host protocol.</summary>
public static class AdbDefaults
{
    /// <summary>The adb server's default smart-socket port.</summary>
    public const int ServerPort = 5037;
}
