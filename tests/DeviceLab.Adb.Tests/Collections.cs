using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests;

/// <summary>Tests that need only a real adb server (no device) share one.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<AdbServerFixture>
{
    public const string Name = "adb server";
}

/// <summary>Tests that need a device share one server with one virtual device; fault tests add their own devices.</summary>
[CollectionDefinition(Name)]
public sealed class DeviceCollection : ICollectionFixture<ConnectedDeviceFixture>
{
    public const string Name = "adb server with a virtual device";
}
