using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ServerRequestsTests(AdbServerFixture server)
{
    [Fact]
    public async Task Version_is_the_protocol_version_of_adb_29()
    {
        Assert.Equal(41, await server.Client.GetVersionAsync());
    }

    [Fact]
    public async Task Host_features_include_shell_v2_and_stat_v2()
    {
        var features = await server.Client.GetHostFeaturesAsync();

        Assert.True(features.Has(AdbFeatureSet.ShellV2), features.ToString());
        Assert.True(features.Has(AdbFeatureSet.StatV2), features.ToString());
    }

    [Fact]
    public async Task A_server_without_devices_lists_none()
    {
        var devices = await server.Client.ListDevicesAsync();

        Assert.DoesNotContain(devices, d => d.Serial.StartsWith("emulator-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_request_leaves_the_client_usable()
    {
        await Assert.ThrowsAsync<AdbDeviceNotFoundException>(() => server.Client.Device("no-such-device").GetStateAsync());

        Assert.Equal(41, await server.Client.GetVersionAsync());
    }
}
