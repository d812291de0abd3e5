namespace DeviceLab.VirtualDevice;

/// <summary>How a <see cref="VirtualDevice"/> is set up.</summary>
public sealed class VirtualDeviceOptions
{
    /// <summary>Loopback TCP port to listen on; 0 picks a free one. 5555–5585 is refused: the adb server scans it for emulators.</summary>
    public int Port { get; init; }

    /// <summary>Host folder that is the device's <c>/data/local/tmp</c>; created when missing. Commands run here.</summary>
    public required string Sandbox { get; init; }

    /// <summary><c>ro.product.name</c> and <c>ro.product.device</c>; default <c>devicelab_virtual</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>ro.serialno</c>; default <c>devicelab-virtual-PORT</c>. (The adb server lists the device as <c>127.0.0.1:PORT</c>.)</summary>
    public string? Serial { get; init; }

    /// <summary>CPU cores the device's commands are pinned to; null runs them on every core.</summary>
    public CoreSet? Cores { get; init; }

    /// <summary>Extra or replaced properties; <c>devicelab.virtual</c> and the manufacturer cannot be replaced.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    /// <summary>Receives one line per connection event and refused request; null stays silent.</summary>
    public Action<string>? Log { get; init; }
}
