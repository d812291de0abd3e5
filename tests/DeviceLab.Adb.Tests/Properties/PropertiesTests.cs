using System.Runtime.InteropServices;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Properties;

[Collection(DeviceCollection.Name)]
public sealed class PropertiesTests(ConnectedDeviceFixture lab)
{
    [Fact]
    public async Task The_virtual_device_says_what_it_is()
    {
        var properties = await lab.Device.Adb.GetPropertiesAsync();

        Assert.Equal("DeviceLab", properties.Manufacturer);
        Assert.Equal("Virtual Device", properties.Model);
        Assert.Equal(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64-v8a" : "x86_64", properties.Abi);
        Assert.True(properties.Count >= 3, $"{properties.Count} properties");
    }

    [Fact]
    public async Task One_property_by_name_and_a_missing_one_is_null()
    {
        Assert.Equal("Virtual Device", await lab.Device.Adb.GetPropertyAsync("ro.product.model"));
        Assert.Null(await lab.Device.Adb.GetPropertyAsync("devicelab.no.such.property"));
    }
}
