namespace DeviceLab.VirtualDevice.Properties;

/// <summary>
/// The device's CNXN banner: <c>device::ro.product.name=…;ro.product.model=…;ro.product.device=…;features=…</c>.
/// The features list only what this device implements; the adb server and its clients choose
/// protocols (shell v2, STA2, LIS2) from it.
/// </summary>
internal static class ConnectionBanner
{
    /// <summary>
    /// shell_v2: <c>shell,v2,…</c> with separate stdout/stderr and exit codes; stat_v2: STA2/LST2;
    /// ls_v2: LIS2/DNT2; fixed_push_mkdir: SEND creates missing parent folders.
    /// </summary>
    public static readonly IReadOnlyList<string> Features = ["shell_v2", "stat_v2", "ls_v2", "fixed_push_mkdir"];

    public static string Build(IReadOnlyDictionary<string, string> properties)
    {
        var fields = DeviceProperties.BannerKeys.Select(key => $"{key}={properties[key]}");
        return $"device::{string.Join(';', fields)};features={string.Join(',', Features)}";
    }
}
