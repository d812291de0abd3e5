using System.Runtime.CompilerServices;
using DeviceLab.Adb.Devices;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb;

public sealed partial class AdbClient
{
    /// <summary>
    /// The server's device list each time it changes (<c>host:track-devices-l</c>), starting with the current list.
    /// Note what adb 29 really reports: a device whose peer dies is not marked offline at once; it disappears on
    /// <c>disconnect</c> and goes offline → device when it reconnects. Ends only by cancellation (an <see cref="OperationCanceledException"/>); the server
    /// going away is an <see cref="AdbConnectionLostException"/>.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<AdbDeviceEntry>> TrackDevicesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string request = "host:track-devices-l";
        using var connection = await OpenHostRequestAsync(request, new AdbOperation(null, "track-devices"), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var text = await connection.ReadLengthPrefixedStringAsync(cancellationToken).ConfigureAwait(false);
            yield return DeviceListParser.Parse(text);
        }
    }
}
