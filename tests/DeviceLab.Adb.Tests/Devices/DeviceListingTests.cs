using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Devices;

[Collection(DeviceCollection.Name)]
public sealed class DeviceListingTests(ConnectedDeviceFixture lab)
{
    [Fact]
    public async Task The_connected_virtual_device_is_listed_online_with_its_product_and_model()
    {
        var devices = await lab.Client.ListDevicesAsync();

        var entry = Assert.Single(devices, d => d.Serial == lab.Device.Serial);
        Assert.Equal(AdbDeviceState.Device, entry.State);
        Assert.NotNull(entry.Model);
        Assert.NotNull(entry.Product);
        Assert.NotNull(entry.TransportId);
    }

    [Fact]
    public async Task Get_state_says_device()
    {
        Assert.Equal(AdbDeviceState.Device, await lab.Device.Adb.GetStateAsync());
    }

    [Fact]
    public async Task The_device_advertises_shell_v2()
    {
        var features = await lab.Client.Device(lab.Device.Serial).GetFeaturesAsync();

        Assert.True(features.Has(AdbFeatureSet.ShellV2), features.ToString());
    }
}
