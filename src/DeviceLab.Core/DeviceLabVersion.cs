namespace DeviceLab.Core;

/// <summary>Versions that travel with every result so numbers stay comparable across releases.</summary>
public static class DeviceLabVersion
{
    /// <summary>Version of the DeviceLab build (server, CLI and agent are released together).</summary>
    public const string Product = "0.1.0";
}
