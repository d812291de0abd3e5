using System.Net;
using System.Net.Sockets;
using System.Text;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Forwarding;

/// <summary>The virtual device's network is this machine's loopback, so a TCP listener here plays the device's (or the host's) server.</summary>
[Collection(DeviceCollection.Name)]
public sealed class ForwardingTests(ConnectedDeviceFixture lab)
{
    private AdbDevice Device => lab.Device.Adb;

    [Fact]
    public async Task A_forward_carries_tcp_from_the_host_port_to_the_device_port()
    {
        using var deviceServer = new TcpListener(IPAddress.Loopback, 0);
        deviceServer.Start();
        var devicePort = ((IPEndPoint)deviceServer.LocalEndpoint).Port;
        var echo = EchoOnceAsync(deviceServer);

        var hostPort = await Device.ForwardTcpAsync(0, devicePort);
        try
        {
            Assert.Contains(await Device.ListForwardsAsync(), r => r.Local == $"tcp:{hostPort}" && r.Remote == $"tcp:{devicePort}");
            Assert.Equal("ping through forward", await SendAndReceiveAsync(hostPort, "ping through forward"));
            await echo.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await Device.RemoveForwardAsync($"tcp:{hostPort}");
        }
        Assert.DoesNotContain(await Device.ListForwardsAsync(), r => r.Local == $"tcp:{hostPort}");
    }

    [Fact]
    public async Task A_reverse_carries_tcp_from_the_device_port_to_the_host_port()
    {
        using var hostServer = new TcpListener(IPAddress.Loopback, 0);
        hostServer.Start();
        var hostPort = ((IPEndPoint)hostServer.LocalEndpoint).Port;
        var echo = EchoOnceAsync(hostServer);
        var devicePort = LoopbackPorts.PickFree();

        await Device.ReverseTcpAsync(devicePort, hostPort);
        try
        {
            Assert.Contains(await Device.ListReversesAsync(), r => r.Local == $"tcp:{devicePort}" && r.Remote == $"tcp:{hostPort}");
            // A program on the device connects to its own port; the device is this machine's loopback.
            Assert.Equal("ping through reverse", await SendAndReceiveAsync(devicePort, "ping through reverse"));
            await echo.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await Device.RemoveAllReversesAsync();
        }
        Assert.Empty(await Device.ListReversesAsync());
    }

    [Fact]
    public async Task Removing_a_forward_that_does_not_exist_is_a_clear_failure()
    {
        var error = await Assert.ThrowsAsync<AdbRequestFailedException>(() => Device.RemoveForwardAsync("tcp:1"));

        Assert.Contains("tcp:1", error.Message);
    }

    [Theory]
    [InlineData("tcp:1;tcp:2")]
    [InlineData("8080")]
    [InlineData("tcp:80 x")]
    public async Task Malformed_socket_specs_are_refused_before_anything_is_sent(string spec)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Device.ForwardAsync(spec, "tcp:80"));
    }

    private static async Task EchoOnceAsync(TcpListener listener)
    {
        using var peer = await listener.AcceptTcpClientAsync();
        var stream = peer.GetStream();
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        // Hanging up right after the answer: the bytes must still arrive before the close does.
        await stream.WriteAsync(buffer.AsMemory(0, read));
    }

    private static async Task<string> SendAndReceiveAsync(int port, string message)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(message));
        var buffer = new byte[256];
        var received = new StringBuilder();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Length < message.Length)
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0) break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return received.ToString();
    }
}
