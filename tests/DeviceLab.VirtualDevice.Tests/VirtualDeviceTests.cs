using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests;

[Collection(AdbServerCollection.Name)]
public sealed class VirtualDeviceTests(AdbCliServer adb)
{
    [Fact]
    public async Task Connected_device_is_listed_with_its_model_and_product()
    {
        await using var phone = await ConnectedDevice.StartAsync(adb);

        var devices = await adb.RunAsync("devices", "-l");

        var line = devices.Stdout.Split('\n').Single(l => l.StartsWith(phone.Address + " "));
        Assert.Matches(@"\s+device product:devicelab_virtual model:Virtual_Device device:devicelab_virtual transport_id:\d+", line);
        Assert.Equal("device", (await phone.AdbAsync("get-state")).Stdout.Trim());
    }

    [Fact]
    public async Task Server_learns_exactly_the_implemented_features_from_the_banner()
    {
        await using var phone = await ConnectedDevice.StartAsync(adb);

        var features = (await phone.AdbAsync("features")).EnsureSuccess().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(["fixed_push_mkdir", "ls_v2", "shell_v2", "stat_v2"], features.Order());
    }

    [Fact]
    public async Task Getprop_answers_the_device_properties()
    {
        await using var phone = await ConnectedDevice.StartAsync(adb, sandbox => new VirtualDeviceOptions
        {
            Sandbox = sandbox,
            Name = "bench_a",
            Properties = new Dictionary<string, string> { ["debug.devicelab.tag"] = "night run" },
        });

        var model = await phone.ShellAsync("getprop ro.product.model");
        var all = await phone.ShellAsync("getprop");

        Assert.Equal("Virtual Device\n", model.Stdout);
        Assert.Contains("[devicelab.virtual]: [1]\n", all.Stdout);
        Assert.Contains("[ro.product.name]: [bench_a]\n", all.Stdout);
        Assert.Contains("[debug.devicelab.tag]: [night run]\n", all.Stdout);
        Assert.Contains($"[ro.product.cpu.abi]: [{phone.Device.Properties["ro.product.cpu.abi"]}]\n", all.Stdout);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_reason()
    {
        Assert.Contains("scans for emulators", Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualDevice(new VirtualDeviceOptions { Sandbox = "/tmp/x", Port = 5560 })).Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => new VirtualDevice(new VirtualDeviceOptions { Sandbox = "/tmp/x", Cores = CoreSet.Parse("4095") })).Message);
        Assert.Contains("cannot be overridden", Assert.Throws<ArgumentException>(() => new VirtualDevice(new VirtualDeviceOptions
        {
            Sandbox = "/tmp/x",
            Properties = new Dictionary<string, string> { ["devicelab.virtual"] = "0" },
        })).Message);
        Assert.Contains("contains ' '", Assert.Throws<ArgumentException>(() => new VirtualDevice(new VirtualDeviceOptions { Sandbox = "/tmp/with space" })).Message);
    }

    [Fact]
    public async Task A_taken_port_is_reported_naming_the_port()
    {
        using var sandbox = new TestFolder("taken");
        await using var first = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = sandbox.Path });

        var error = await Assert.ThrowsAsync<IOException>(() => VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = sandbox.Path, Port = first.Port }));

        Assert.Contains($"cannot listen on 127.0.0.1:{first.Port}", error.Message);
    }
}
