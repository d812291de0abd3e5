namespace DeviceLab.Adb;

/// <summary>One line of <c>host:devices-l</c> / <c>host:track-devices-l</c>.</summary>
/// <param name="Serial">e.g. <c>127.0.0.1:40123</c> for a networked device.</param>
/// <param name="StateText">The state exactly as sent (kept because adb may add words this client does not know).</param>
/// <param name="Attributes">Every <c>key:value</c> the long form carries (product, model, device, transport_id, usb, …).</param>
public sealed record AdbDeviceEntry(
    string Serial,
    AdbDeviceState State,
    string StateText,
    IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsOnline => State == AdbDeviceState.Device;

    public string? Product => Attributes.GetValueOrDefault("product");

    public string? Model => Attributes.GetValueOrDefault("model");

    public string? DeviceName => Attributes.GetValueOrDefault("device");

    /// <summary>The server's id for this connection; it changes when the device reconnects.</summary>
    public long? TransportId =>
        Attributes.TryGetValue("transport_id", out var text) && long.TryParse(text, out var id) ? id : null;

    public override string ToString() => $"{Serial} {StateText}";
}
