using System.Diagnostics;
using DeviceLab.Adb.Server;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Devices.Tracking;

public sealed class TrackingServerLossTests : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("devicelab-adb-tracking-").FullName;

    [Fact]
    public async Task Tracking_ends_with_a_lost_connection_when_the_server_goes_away()
    {
        await using var server = await AdbServerProcess.StartAsync(new AdbServerLaunch
        {
            Port = LoopbackPorts.PickFree(),
            HomeDirectory = Directory.CreateDirectory(Path.Combine(_sandbox, "home")).FullName,
            TempDirectory = Directory.CreateDirectory(Path.Combine(_sandbox, "tmp")).FullName,
        });
        await using var updates = server.Client.TrackDevicesAsync().GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Empty(updates.Current);

        var clock = Stopwatch.StartNew();
        await server.StopAsync(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<AdbConnectionLostException>(() => updates.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"noticed after {clock.Elapsed}");
        Assert.Null(error.Serial);
        Assert.Contains("track-devices", error.Message);
    }

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);
}
