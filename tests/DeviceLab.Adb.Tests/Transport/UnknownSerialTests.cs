using DeviceLab.Adb.Shell;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Transport;

/// <summary>Every kind of device request names the unknown serial the same way.</summary>
[Collection(ServerCollection.Name)]
public sealed class UnknownSerialTests(AdbServerFixture server)
{
    private AdbDevice Missing => server.Client.Device("ghost-1234");

    public static TheoryData<string> Requests => ["get-state", "features", "shell", "push", "pull", "stat", "forward", "reverse"];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_unknown_serial_is_device_not_found(string request)
    {
        Func<Task> call = request switch
        {
            "get-state" => () => Missing.GetStateAsync(),
            "features" => () => Missing.GetFeaturesAsync(),
            "shell" => () => Missing.RunShellAsync(ShellCommand.Of("true"), new ShellOptions { Protocol = ShellProtocol.V2 }),
            "push" => () => Missing.PushAsync(new MemoryStream([1, 2, 3]), "/data/local/tmp/x"),
            "pull" => () => Missing.PullAsync("/data/local/tmp/x", Stream.Null),
            "stat" => () => Missing.StatAsync("/data/local/tmp"),
            "forward" => () => Missing.ForwardTcpAsync(0, 80),
            "reverse" => () => Missing.ReverseTcpAsync(8080, 80),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };

        var error = await Assert.ThrowsAsync<AdbDeviceNotFoundException>(call);

        Assert.Equal("ghost-1234", error.Serial);
        Assert.StartsWith("device 'ghost-1234' not found", error.Message);
    }
}
