using DeviceLab.Adb.Protocol;
using DeviceLab.Adb.Transport;

namespace DeviceLab.Adb;

/// <summary>
/// One device of one adb server, by serial. Cheap to create; every request opens its own connection.
/// Requests live in the feature folders (Shell/, Sync/, Properties/, Forwarding/, Devices/).
/// </summary>
public sealed partial class AdbDevice
{
    private Task<AdbFeatureSet>? _features;

    internal AdbDevice(AdbClient client, string serial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        if (serial.AsSpan().IndexOfAny("\n\0") >= 0) throw new ArgumentException($"'{serial}' is not a device serial", nameof(serial));
        Client = client;
        Serial = serial;
    }

    public AdbClient Client { get; }

    public string Serial { get; }

    /// <summary>The device's features, asked once per handle (they change only with a new system build).</summary>
    public Task<AdbFeatureSet> GetFeaturesAsync(CancellationToken cancellationToken = default)
    {
        var features = _features;
        if (features is { IsCompletedSuccessfully: true }) return features;
        features = FetchFeaturesAsync(cancellationToken);
        _features = features;
        return features;
    }

    /// <summary>Opens a connection that belongs to this device and starts <paramref name="service"/> on it.</summary>
    internal Task<AdbConnection> OpenServiceAsync(string service, string operation, CancellationToken cancellationToken) =>
        DeviceTransport.OpenServiceAsync(Client, Serial, service, new AdbOperation(Serial, operation), cancellationToken);

    /// <summary>A host request about this device (<c>host-serial:SERIAL:request</c>) answered with text.</summary>
    internal Task<string> QueryAsync(string request, CancellationToken cancellationToken) =>
        Client.QueryAsync($"host-serial:{Serial}:{request}", Serial, cancellationToken);

    private async Task<AdbFeatureSet> FetchFeaturesAsync(CancellationToken cancellationToken) =>
        AdbFeatureSet.Parse(await QueryAsync("features", cancellationToken).ConfigureAwait(false));

    public override string ToString() => Serial;
}
