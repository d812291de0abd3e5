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
    public async Task Waiting_for_a_device_that_never_comes_times_out_saying_what_it_is()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            server.Client.Device("127.0.0.1:1").WaitForStateAsync(AdbDeviceState.Device, TimeSpan.FromMilliseconds(300)));

        Assert.Contains("device '127.0.0.1:1' did not become 'Device'", error.Message);
        Assert.Contains("not listed by the server", error.Message);
    }

    [Fact]
    public async Task A_failed_request_leaves_the_client_usable()
    {
        await Assert.ThrowsAsync<AdbDeviceNotFoundException>(() => server.Client.Device("no-such-device").GetStateAsync());

        Assert.Equal(41, await server.Client.GetVersionAsync());
    }
}
