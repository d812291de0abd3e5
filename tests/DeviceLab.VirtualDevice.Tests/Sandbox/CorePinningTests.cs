using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests.Sandbox;

[Collection(AdbServerCollection.Name)]
public sealed class CorePinningTests(AdbCliServer adb)
{
    [Fact]
    public async Task Two_devices_pinned_to_different_cores_run_their_commands_only_there()
    {
        var allowed = AllowedCores();
        var (coreA, coreB) = (allowed[0], allowed[^1]);
        await using var a = await ConnectedDevice.StartAsync(adb, sandbox => new VirtualDeviceOptions { Sandbox = sandbox, Cores = CoreSet.Of(coreA) });
        await using var b = await ConnectedDevice.StartAsync(adb, sandbox => new VirtualDeviceOptions { Sandbox = sandbox, Cores = CoreSet.Of(coreB) });

        // A child of a child: affinity is inherited by everything the command starts.
        const string command = "sh -c 'grep Cpus_allowed_list /proc/self/status'; getprop devicelab.cpu.list";
        var onA = await a.ShellAsync(command);
        var onB = await b.ShellAsync(command);

        Assert.Equal($"Cpus_allowed_list:\t{coreA}\n{coreA}\n", onA.Stdout);
        Assert.Equal($"Cpus_allowed_list:\t{coreB}\n{coreB}\n", onB.Stdout);
    }

    [Fact]
    public async Task Unpinned_device_uses_every_core_the_host_allows()
    {
        await using var phone = await ConnectedDevice.StartAsync(adb);

        var result = await phone.ShellAsync("grep Cpus_allowed_list /proc/self/status");

        Assert.Equal($"Cpus_allowed_list:\t{CoreSet.Of([.. AllowedCores()])}\n", result.Stdout);
    }

    /// <summary>The cores this test process may use (a CI container may allow fewer than it has).</summary>
    private static int[] AllowedCores()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:"));
        return [.. CoreSet.Parse(line["Cpus_allowed_list:".Length..].Trim()).Cores];
    }
}
