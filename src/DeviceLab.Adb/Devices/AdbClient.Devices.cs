using DeviceLab.Adb.Devices;

namespace DeviceLab.Adb;

public sealed partial class AdbClient
{
    /// <summary>Every device the server knows, in any state (<c>host:devices-l</c>).</summary>
    public async Task<IReadOnlyList<AdbDeviceEntry>> ListDevicesAsync(CancellationToken cancellationToken = default) =>
        DeviceListParser.Parse(await QueryAsync("host:devices-l", null, cancellationToken).ConfigureAwait(false));
}
