using System.Diagnostics;
using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests;

/// <summary>
/// The device dying under the adb server (a pulled cable) and coming back (plugged in again):
/// the executable is killed with SIGKILL mid-transfer, the library device is aborted.
/// </summary>
[Collection(DeviceLifetimeCollection.Name)]
public sealed class DeviceLifetimeTests(AdbCliServer adb) : IAsyncLifetime
{
    private static readonly TimeSpan DropNoticed = TimeSpan.FromSeconds(10);
    // The adb server retries a dropped networked device about every 10 s.
    private static readonly TimeSpan ReconnectWithin = TimeSpan.FromSeconds(30);
    private const long HugeSparseBytes = 8L << 30; // 8 GiB of holes: a transfer that cannot finish before the kill
    private readonly TestFolder _sandbox = new("lifetime-sandbox");
    private readonly TestFolder _local = new("lifetime-local");
    private readonly List<string> _connected = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var address in _connected) await adb.DisconnectAsync(address);
        _sandbox.Dispose();
        _local.Dispose();
    }

    [Fact]
    public async Task Killed_during_a_push_the_push_fails_and_the_server_sees_the_drop()
    {
        await using var device = await StartConnectedAsync(FreePort.Pick());
        var source = _local.Combine("huge.bin");
        CreateSparse(source);

        using var push = adb.Start("-s", device.Address, "push", source, "/data/local/tmp/huge.bin");
        await WaitForBytesAsync(Path.Combine(_sandbox.Path, "huge.bin"));
        await device.KillAsync();

        var (exitCode, output) = await FinishAsync(push);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("huge.bin", output);
        await adb.WaitForStateAsync(device.Address, "offline", DropNoticed);
    }

    [Fact]
    public async Task Killed_during_a_pull_the_pull_fails_and_the_server_sees_the_drop()
    {
        await using var device = await StartConnectedAsync(FreePort.Pick());
        CreateSparse(Path.Combine(_sandbox.Path, "huge.bin"));
        var target = _local.Combine("huge.bin");

        using var pull = adb.Start("-s", device.Address, "pull", "/data/local/tmp/huge.bin", target);
        await WaitForBytesAsync(target);
        await device.KillAsync();

        var (exitCode, _) = await FinishAsync(pull);
        Assert.NotEqual(0, exitCode);
        Assert.False(new FileInfo(target) is { Exists: true, Length: HugeSparseBytes }, "a pull cut off by the kill produced the whole file");
        await adb.WaitForStateAsync(device.Address, "offline", DropNoticed);
    }

    [Fact]
    public async Task Killed_during_a_shell_command_the_shell_ends_and_the_server_sees_the_drop()
    {
        await using var device = await StartConnectedAsync(FreePort.Pick());

        using var shell = adb.Start("-s", device.Address, "shell", "echo started; sleep 120");
        Assert.Equal("started", await shell.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await device.KillAsync();

        await FinishAsync(shell); // the adb CLI exits (with 0!): never trust its exit code for a lost device
        await adb.WaitForStateAsync(device.Address, "offline", DropNoticed);
    }

    [Fact]
    public async Task Killed_device_restarted_on_its_port_and_sandbox_comes_back_online()
    {
        var port = FreePort.Pick();
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Path, "kept.txt"), "still here");
        await using (var first = await StartConnectedAsync(port))
        {
            await first.KillAsync();
            await adb.WaitForStateAsync(first.Address, "offline", DropNoticed);
        }

        await using var second = await DeviceProcess.StartAsync(port, _sandbox.Path);
        await adb.WaitForStateAsync(second.Address, "device", ReconnectWithin);

        var shell = await adb.RunAsync("-s", second.Address, "shell", "cat /data/local/tmp/kept.txt");
        Assert.Equal("still here", shell.Stdout);
    }

    [Fact]
    public async Task Aborted_library_device_drops_and_a_new_one_on_the_same_port_is_picked_up()
    {
        var first = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = _sandbox.Path });
        var address = first.Address;
        await adb.ConnectAsync(address);
        _connected.Add(address);

        first.Abort();
        await adb.WaitForStateAsync(address, "offline", DropNoticed);
        await first.DisposeAsync();

        await using var second = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = _sandbox.Path, Port = first.Port });
        await adb.WaitForStateAsync(address, "device", ReconnectWithin);
        Assert.Equal("back\n", (await adb.RunAsync("-s", address, "shell", "echo back")).Stdout);
    }

    [Fact]
    public async Task Stopping_the_device_kills_its_running_commands_and_ends_their_shells()
    {
        var device = await VirtualDevice.StartAsync(new VirtualDeviceOptions { Sandbox = _sandbox.Path });
        await adb.ConnectAsync(device.Address);
        _connected.Add(device.Address);
        var marker = $"{Random.Shared.Next(100_000, 999_999)}.25";
        using var shell = adb.Start("-s", device.Address, "shell", $"echo started; sleep {marker}");
        Assert.Equal("started", await shell.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        await device.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await FinishAsync(shell);
        await HostProcesses.WaitUntilAsync(() => HostProcesses.CountWithCommandLine($"sleep\0{marker}") == 0, "the stopped device's command was killed");
        await adb.WaitForStateAsync(device.Address, "offline", DropNoticed);
        await device.DisposeAsync();
    }

    private async Task<DeviceProcess> StartConnectedAsync(int port)
    {
        var device = await DeviceProcess.StartAsync(port, _sandbox.Path);
        await adb.ConnectAsync(device.Address);
        _connected.Add(device.Address);
        return device;
    }

    private static void CreateSparse(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(HugeSparseBytes);
    }

    /// <summary>Waits until a transfer has visibly started (a megabyte arrived).</summary>
    private static async Task WaitForBytesAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(new FileInfo(path) is { Exists: true, Length: > 1 << 20 }))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"no transfer into {path} started");
            await Task.Delay(5);
        }
    }

    /// <summary>The adb command must end on its own soon after the device died.</summary>
    private static async Task<(int ExitCode, string Output)> FinishAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(DropNoticed);
        }
        catch (TimeoutException)
        {
            process.Kill();
            Assert.Fail($"adb {process.StartInfo.ArgumentList[3]} still running {DropNoticed.TotalSeconds} s after the device was killed");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
