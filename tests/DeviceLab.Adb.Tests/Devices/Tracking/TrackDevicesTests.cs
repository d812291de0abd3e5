using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Devices.Tracking;

[Collection(DeviceCollection.Name)]
public sealed class TrackDevicesTests(ConnectedDeviceFixture lab)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_device_appearing_and_being_disconnected_is_reported()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var updates = lab.Client.TrackDevicesAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await updates.MoveNextAsync());
        Assert.Contains(updates.Current, d => d.Serial == lab.Device.Serial);

        var newcomer = await lab.Devices.StartAsync();
        await NextUntilAsync(updates, list => list.Any(d => d.Serial == newcomer.Serial && d.IsOnline));

        await newcomer.DisconnectAsync();
        await NextUntilAsync(updates, list => list.All(d => d.Serial != newcomer.Serial));
        Assert.Contains(updates.Current, d => d.Serial == lab.Device.Serial);
    }

    [Fact]
    public async Task A_killed_device_comes_back_online_when_restarted()
    {
        var device = await lab.Devices.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var updates = lab.Client.TrackDevicesAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await updates.MoveNextAsync());

        await device.KillAsync();
        await device.StartAsync();

        // adb 29 marks the device offline only while it reconnects; what a client sees last is the device online again.
        await NextUntilAsync(updates, list => list.Any(d => d.Serial == device.Serial && d.IsOnline), acceptCurrent: true);
        Assert.Equal(0, (await device.Adb.RunShellAsync("true")).ExitCode);
    }

    [Fact]
    public async Task Cancelling_the_tracking_ends_it()
    {
        using var stop = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in lab.Client.TrackDevicesAsync(stop.Token))
            {
                seen++;
                stop.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }

    private static async Task NextUntilAsync(
        IAsyncEnumerator<IReadOnlyList<AdbDeviceEntry>> updates, Func<IReadOnlyList<AdbDeviceEntry>, bool> condition, bool acceptCurrent = false)
    {
        if (acceptCurrent && condition(updates.Current)) return;
        using var deadline = new CancellationTokenSource(Patience);
        while (await updates.MoveNextAsync().AsTask().WaitAsync(deadline.Token))
        {
            if (condition(updates.Current)) return;
        }
        Assert.Fail("tracking ended before the expected change");
    }
}
