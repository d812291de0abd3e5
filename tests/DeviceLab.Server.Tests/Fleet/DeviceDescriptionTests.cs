using DeviceLab.Server.Fleet;

namespace DeviceLab.Server.Tests.Fleet;

/// <summary>A device's own properties become its hardware fields and automatic pool tags.</summary>
public sealed class DeviceDescriptionTests
{
    [Fact]
    public void A_phones_properties_name_its_model_soc_os_and_pool_tags()
    {
        var description = DeviceDescription.FromProperties(new Dictionary<string, string>
        {
            ["ro.product.manufacturer"] = "Google", ["ro.product.model"] = "Pixel 7 Pro", ["ro.product.cpu.abi"] = "arm64-v8a",
            ["ro.soc.manufacturer"] = "Google", ["ro.soc.model"] = "Tensor G2", ["ro.build.version.release"] = "14",
            ["ro.build.fingerprint"] = "google/cheetah/cheetah:14/UQ1A.240205.004/11269751:user/release-keys",
        }, cores: 8, ramBytes: 12L << 30);

        Assert.Equal("Google", description.Manufacturer);
        Assert.Equal("Google Tensor G2", description.Soc);
        Assert.Equal("14", description.OsVersion);
        Assert.False(description.IsVirtual);
        Assert.Equal(["pixel-7-pro", "android-14", "abi-arm64-v8a"], description.AutomaticTags());
    }

    [Fact]
    public void A_soc_model_that_names_its_maker_is_not_prefixed_twice() =>
        Assert.Equal("Qualcomm SM8550", DeviceDescription.FromProperties(new Dictionary<string, string>
        {
            ["ro.soc.manufacturer"] = "Qualcomm", ["ro.soc.model"] = "Qualcomm SM8550",
        }, null, null).Soc);

    [Fact]
    public void Emulators_and_DeviceLab_virtual_devices_are_virtual()
    {
        Assert.True(DeviceDescription.FromProperties(new Dictionary<string, string> { ["devicelab.virtual"] = "1" }, null, null).IsVirtual);
        Assert.True(DeviceDescription.FromProperties(new Dictionary<string, string> { ["ro.kernel.qemu"] = "1" }, null, null).IsVirtual);
        Assert.Contains("virtual", DeviceDescription.FromProperties(new Dictionary<string, string> { ["ro.boot.qemu"] = "1" }, null, null).AutomaticTags());
    }

    [Theory]
    [InlineData("0-7", 8)]
    [InlineData("0-3,4-5", 6)]
    [InlineData("0", 1)]
    [InlineData("MemTotal: 1 kB", null)]
    [InlineData("", null)]
    public void Possible_cpus_are_counted(string line, int? cores) => Assert.Equal(cores, DeviceDescription.CoresOf(line));

    [Fact]
    public void Memory_is_read_from_meminfo_in_bytes() =>
        Assert.Equal(7_806_784L * 1024, DeviceDescription.MemTotalBytesOf("MemTotal:        7806784 kB"));

    [Theory]
    [InlineData("Pixel 7 Pro", "pixel-7-pro")]
    [InlineData("  SM-S918B (Galaxy S23 Ultra) ", "sm-s918b-galaxy-s23-ultra")]
    [InlineData("Virtual Device", "virtual-device")]
    [InlineData("***", "")]
    public void Model_names_become_tags(string model, string tag) => Assert.Equal(tag, DeviceTags.Slug(model));
}
