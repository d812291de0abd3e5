using DeviceLab.Adb.Properties;
using DeviceLab.Adb.Shell;

namespace DeviceLab.Adb;

public sealed partial class AdbDevice
{
    /// <summary>All system properties, parsed from <c>getprop</c> (multi-line values kept whole).</summary>
    public async Task<DeviceProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunShellAsync(ShellCommand.Of("getprop"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new DeviceProperties(PropertyListParser.Parse(result.EnsureSuccess().OutputText));
    }

    /// <summary>One property's value, or null when the device does not have it (getprop prints an empty line).</summary>
    public async Task<string?> GetPropertyAsync(string key, CancellationToken cancellationToken = default)
    {
        var result = await RunShellAsync(ShellCommand.Of("getprop", key), cancellationToken: cancellationToken).ConfigureAwait(false);
        var value = result.EnsureSuccess().OutputText;
        value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
        return value.Length == 0 ? null : value;
    }
}
