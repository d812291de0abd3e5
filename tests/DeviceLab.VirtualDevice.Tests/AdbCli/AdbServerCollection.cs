namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>Tests that share one real adb server; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AdbServerCollection : ICollectionFixture<AdbCliServer>
{
    public const string Name = "adb server";
}

/// <summary>
/// Device kill / restart tests: their own adb server (a dropped device must not disturb the
/// others) and their own collection, so their waits for the server's reconnect overlap the rest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DeviceLifetimeCollection : ICollectionFixture<AdbCliServer>
{
    public const string Name = "adb server for device lifetime";
}
