using System.Runtime.InteropServices;
using DeviceLab.VirtualDevice.Properties;

namespace DeviceLab.VirtualDevice.Tests.Properties;

public sealed class DevicePropertiesTests
{
    private static readonly HostHardware Host = new("x86_64", 8L << 30, "GenuineIntel", "Test CPU @ 2.0GHz", "devicelab");

    [Fact]
    public void Device_says_it_is_virtual_and_carries_the_host_facts()
    {
        var properties = DeviceProperties.Build(new VirtualDeviceOptions { Sandbox = "/tmp/x", Cores = CoreSet.Parse("1") }, 40123, Host);

        Assert.Equal("DeviceLab", properties["ro.product.manufacturer"]);
        Assert.Equal("Virtual Device", properties["ro.product.model"]);
        Assert.Equal("1", properties["devicelab.virtual"]);
        Assert.Equal("x86_64", properties["ro.product.cpu.abi"]);
        Assert.Equal("1", properties["devicelab.cpu.cores"]);
        Assert.Equal("1", properties["devicelab.cpu.list"]);
        Assert.Equal((8L << 30).ToString(), properties["devicelab.memory.total_bytes"]);
        Assert.Equal("Test CPU @ 2.0GHz", properties["ro.soc.model"]);
        Assert.Equal("devicelab-virtual-40123", properties["ro.serialno"]);
        Assert.StartsWith("DeviceLab/devicelab_virtual/devicelab_virtual:14/DEVICELAB/", properties["ro.build.fingerprint"]);
    }

    [Fact]
    public void Overrides_replace_and_add_properties()
    {
        var properties = DeviceProperties.Build(new VirtualDeviceOptions
        {
            Sandbox = "/tmp/x",
            Name = "bench_a",
            Properties = new Dictionary<string, string> { ["ro.build.version.sdk"] = "35", ["debug.devicelab.tag"] = "nightly" },
        }, 40123, Host);

        Assert.Equal("bench_a", properties["ro.product.name"]);
        Assert.Equal("35", properties["ro.build.version.sdk"]);
        Assert.Equal("nightly", properties["debug.devicelab.tag"]);
    }

    [Theory]
    [InlineData("devicelab.virtual", "0", "cannot be overridden")]
    [InlineData("ro.product.manufacturer", "Google", "cannot be overridden")]
    [InlineData("ro.product.model", "a;b", "connection banner")]
    [InlineData("bad key", "x", "is not valid")]
    [InlineData("k", "two\nlines", "line break")]
    public void Forbidden_overrides_name_the_property(string key, string value, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => DeviceProperties.Validate(key, value)).Message);

    [Fact]
    public void Banner_lists_product_fields_and_only_implemented_features()
    {
        var properties = DeviceProperties.Build(new VirtualDeviceOptions { Sandbox = "/tmp/x" }, 1, Host);

        Assert.Equal(
            "device::ro.product.name=devicelab_virtual;ro.product.model=Virtual Device;ro.product.device=devicelab_virtual;features=shell_v2,stat_v2,ls_v2,fixed_push_mkdir",
            ConnectionBanner.Build(properties));
    }

    [Fact]
    public void Host_hardware_reads_the_real_machine()
    {
        var host = HostHardware.Read();

        Assert.Equal(HostHardware.AbiOf(RuntimeInformation.OSArchitecture), host.Abi);
        Assert.True(host.TotalMemoryBytes > 0, "MemTotal missing from /proc/meminfo");
        Assert.NotEqual("unknown", host.CpuModel);
    }

    [Theory]
    [InlineData(Architecture.X64, "x86_64")]
    [InlineData(Architecture.Arm64, "arm64-v8a")]
    [InlineData(Architecture.Arm, "armeabi-v7a")]
    [InlineData(Architecture.X86, "x86")]
    public void Abi_names_follow_android(Architecture architecture, string abi) => Assert.Equal(abi, HostHardware.AbiOf(architecture));

    [Theory]
    [InlineData("0x41", "ARM")]
    [InlineData("0x51", "Qualcomm")]
    [InlineData("0x99", "0x99")]
    [InlineData(null, "unknown")]
    public void Arm_implementer_codes_name_the_company(string? code, string company) => Assert.Equal(company, HostHardware.ArmImplementer(code));

    [Fact]
    public void Meminfo_total_is_read_in_bytes() =>
        Assert.Equal(2048L * 1024, HostHardware.ReadTotalMemoryBytes(["MemFree:  10 kB", "MemTotal:       2048 kB"]));
}
