namespace DeviceLab.VirtualDevice.Wire;

/// <summary>Protocol constants the device and the adb server agree on in the CNXN exchange.</summary>
internal static class AdbProtocol
{
    /// <summary>The protocol version the device speaks: the first that no longer needs data checksums.</summary>
    public const uint Version = 0x01000001;

    /// <summary>Versions below this one expect a checksum on every packet.</summary>
    public const uint VersionSkipChecksum = 0x01000001;

    /// <summary>Largest WRTE payload the device offers (the adb server offers the same, 1 MiB).</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>The smallest payload limit a peer may announce; anything below is a broken peer.</summary>
    public const int MinPayloadBytes = 4096;
}
