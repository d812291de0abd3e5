using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Connect;

[Collection(ServerCollection.Name)]
public sealed class ConnectTests(AdbServerFixture server)
{
    [Fact]
    public async Task Connecting_to_a_port_where_nothing_listens_throws_with_the_servers_reason()
    {
        var port = LoopbackPorts.PickFree();

        var error = await Assert.ThrowsAsync<AdbConnectException>(() => server.Client.ConnectAsync("127.0.0.1", port));

        Assert.Equal($"127.0.0.1:{port}", error.Address);
        Assert.Contains($"failed to connect to '127.0.0.1:{port}'", error.Message);
        Assert.Contains("Connection refused", error.ServerMessage);
    }

    [Fact]
    public async Task Disconnecting_an_unknown_device_names_it()
    {
        var port = LoopbackPorts.PickFree();

        var error = await Assert.ThrowsAsync<AdbDeviceNotFoundException>(() => server.Client.DisconnectAsync("127.0.0.1", port));

        Assert.Equal($"127.0.0.1:{port}", error.Serial);
        Assert.Contains($"device '127.0.0.1:{port}' not found", error.Message);
    }

    [Theory]
    [InlineData("", 5000)]
    [InlineData("127.0.0.1;kill", 5000)]
    [InlineData("127.0.0.1", 0)]
    [InlineData("127.0.0.1", 70000)]
    public async Task Malformed_addresses_are_refused_before_anything_is_sent(string host, int port)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => server.Client.ConnectAsync(host, port));
    }
}
