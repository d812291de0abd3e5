using System.Net;
using System.Net.Sockets;
using System.Text;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Server;

/// <summary>The client pointed where no adb server is: each case names the port and what to do.</summary>
public sealed class ServerErrorsTests
{
    [Fact]
    public async Task No_server_on_the_port_says_so_and_how_to_start_one()
    {
        var port = LoopbackPorts.PickFree();
        var client = new AdbClient(port);

        var error = await Assert.ThrowsAsync<AdbServerNotRunningException>(() => client.GetVersionAsync());

        Assert.Contains($"no adb server on 127.0.0.1:{port}", error.Message);
        Assert.Contains($"adb -P {port} start-server", error.Message);
    }

    [Fact]
    public async Task No_server_is_the_same_clear_error_for_device_requests()
    {
        var client = new AdbClient(LoopbackPorts.PickFree());

        await Assert.ThrowsAsync<AdbServerNotRunningException>(() => client.Device("127.0.0.1:1").RunShellAsync("true"));
        await Assert.ThrowsAsync<AdbServerNotRunningException>(() => client.Device("127.0.0.1:1").StatAsync("/data/local/tmp"));
    }

    [Fact]
    public async Task Something_else_on_the_port_is_named_as_not_an_adb_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answer = AnswerOnceAsync(listener, "HTTP/1.1 400 Bad Request\r\n\r\n");

        var error = await Assert.ThrowsAsync<AdbProtocolException>(() => new AdbClient(port).GetVersionAsync());
        await answer;

        Assert.Contains("answered 'HTTP'", error.Message);
        Assert.Contains($"is an adb server listening on port {port}", error.Message);
    }

    [Fact]
    public async Task A_silent_peer_on_the_port_times_out_with_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var client = new AdbClient(new AdbServerEndpoint(port), replyTimeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<AdbProtocolException>(() => client.GetVersionAsync());

        Assert.Contains("did not answer 'host:version'", error.Message);
    }

    [Fact]
    public async Task A_peer_that_hangs_up_is_not_taken_for_a_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answer = AnswerOnceAsync(listener, "");

        var error = await Assert.ThrowsAsync<AdbProtocolException>(() => new AdbClient(port).ListDevicesAsync());
        await answer;

        Assert.Contains("closed the connection without answering 'host:devices-l'", error.Message);
    }

    [Fact]
    public async Task Cancellation_stops_a_request_waiting_for_an_answer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AdbClient(port).GetVersionAsync(cancel.Token));
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string reply)
    {
        using var peer = await listener.AcceptTcpClientAsync();
        var stream = peer.GetStream();
        var request = new byte[64];
        _ = await stream.ReadAsync(request);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply));
    }
}
