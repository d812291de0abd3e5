using System.Diagnostics;
using DeviceLab.Adb.Shell;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Shell;

[Collection(DeviceCollection.Name)]
public sealed class ShellFaultTests(ConnectedDeviceFixture lab)
{
    [Theory]
    [InlineData(VirtualDeviceHosting.Process)]
    [InlineData(VirtualDeviceHosting.InProcess)]
    public async Task A_device_killed_during_a_command_is_a_lost_connection_naming_device_and_command(VirtualDeviceHosting hosting)
    {
        var victim = await lab.Devices.StartAsync(hosting);
        var firstOutput = new TaskCompletionSource();
        var running = victim.Adb.ExecuteShellAsync(
            ShellCommand.Of("sh", "-c", "echo started; sleep 30; echo never"),
            (_, _) => { firstOutput.TrySetResult(); return ValueTask.CompletedTask; },
            (_, _) => ValueTask.CompletedTask);
        await firstOutput.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var error = await Assert.ThrowsAsync<AdbConnectionLostException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"noticed after {clock.Elapsed}");
        Assert.Equal(victim.Serial, error.Serial);
        Assert.Contains($"device '{victim.Serial}'", error.Message);
        Assert.Contains("shell", error.Message);
        Assert.Contains("sleep", error.Message);
        Assert.Equal(0, (await lab.Device.Adb.RunShellAsync("true")).ExitCode);
    }
}
