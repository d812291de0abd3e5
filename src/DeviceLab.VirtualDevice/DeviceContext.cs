using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice;

/// <summary>What every connection of one virtual device shares: its properties, sandbox and shells.</summary>
internal sealed class DeviceContext(IReadOnlyDictionary<string, string> properties, string banner, DevicePaths paths, ShellLauncher shells, Action<string>? log)
{
    public IReadOnlyDictionary<string, string> Properties { get; } = properties;
    public string Banner { get; } = banner;
    public DevicePaths Paths { get; } = paths;
    public ShellLauncher Shells { get; } = shells;
    public Action<string>? Log { get; } = log;
}
