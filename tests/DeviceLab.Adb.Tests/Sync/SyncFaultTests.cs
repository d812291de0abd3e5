using System.Diagnostics;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Sync;

[Collection(DeviceCollection.Name)]
public sealed class SyncFaultTests(ConnectedDeviceFixture lab)
{
    [Fact]
    public async Task A_device_killed_during_a_push_is_a_lost_connection_naming_device_and_push()
    {
        var victim = await lab.Devices.StartAsync();
        var halfway = new TaskCompletionSource();
        var progress = new SynchronousProgress(p => { if (p.BytesTransferred > 4 * 1024 * 1024) halfway.TrySetResult(); });
        var pushing = victim.Adb.PushAsync(new EndlessStream(), "/data/local/tmp/endless.bin", progress: progress);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var error = await Assert.ThrowsAsync<AdbConnectionLostException>(() => pushing.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"noticed after {clock.Elapsed}");
        Assert.Equal(victim.Serial, error.Serial);
        Assert.Contains($"device '{victim.Serial}'", error.Message);
        Assert.Contains("push to '/data/local/tmp/endless.bin'", error.Message);
        Assert.NotNull(await lab.Device.Adb.StatAsync("/data/local/tmp"));
    }

    [Fact]
    public async Task A_device_killed_during_a_pull_is_a_lost_connection_naming_device_and_pull()
    {
        var victim = await lab.Devices.StartAsync();
        var remote = "/data/local/tmp/big.bin";
        (await victim.Adb.RunShellAsync("sh", "-c", "head -c 104857600 /dev/zero > \"$1\"", "sh", remote)).EnsureSuccess();
        // The destination holds the pull after the first megabyte until the device is dead, so the kill lands mid-transfer.
        var destination = new GatedStream(gateAfterBytes: 1024 * 1024);
        var pulling = victim.Adb.PullAsync(remote, destination);
        await destination.GateReached.WaitAsync(TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        destination.Open();
        var error = await Assert.ThrowsAsync<AdbConnectionLostException>(() => pulling.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"noticed after {clock.Elapsed}");
        Assert.Equal(victim.Serial, error.Serial);
        Assert.Contains($"pull of '{remote}'", error.Message);
        Assert.True(destination.Length < 100 * 1024 * 1024);
        Assert.Equal(0, (await lab.Device.Adb.RunShellAsync("true")).ExitCode);
    }
}
