using System.Net;
using System.Net.Sockets;
using System.Text;
using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests.Services.Forwarding;

[Collection(AdbServerCollection.Name)]
public sealed class ForwardingTests(AdbCliServer adb) : IAsyncLifetime
{
    private ConnectedDevice _phone = null!;

    public async Task InitializeAsync() => _phone = await ConnectedDevice.StartAsync(adb);

    public async Task DisposeAsync() => await _phone.DisposeAsync();

    [Fact]
    public async Task Reverse_lets_a_client_inside_the_device_reach_a_host_listener()
    {
        using var hostListener = Listen();
        var hostPort = ((IPEndPoint)hostListener.LocalEndpoint).Port;
        var devicePort = FreePort.Pick();
        var serving = ServeOnceAsync(hostListener, request => "hello from host, you said " + request);

        (await _phone.AdbAsync("reverse", $"tcp:{devicePort}", $"tcp:{hostPort}")).EnsureSuccess();
        // A tiny client inside the device shell: bash's /dev/tcp.
        var client = await _phone.ShellAsync($"bash -c 'exec 3<>/dev/tcp/127.0.0.1/{devicePort}; echo ping >&3; head -n 1 <&3'");
        await serving;

        Assert.True(client.Stdout == "hello from host, you said ping\n", $"device client got '{client.Stdout}', exit {client.ExitCode}, stderr '{client.Stderr}'");
        await serving;
    }

    [Fact]
    public async Task Reverse_rules_are_listed_removed_and_errors_are_named()
    {
        var first = FreePort.Pick();
        (await _phone.AdbAsync("reverse", $"tcp:{first}", "tcp:9")).EnsureSuccess();
        var picked = (await _phone.AdbAsync("reverse", "tcp:0", "tcp:10")).EnsureSuccess().Stdout.Trim();
        var rebind = await _phone.AdbAsync("reverse", "--no-rebind", $"tcp:{first}", "tcp:11");

        var listed = (await _phone.AdbAsync("reverse", "--list")).Stdout;
        (await _phone.AdbAsync("reverse", "--remove", $"tcp:{first}")).EnsureSuccess();
        var removedTwice = await _phone.AdbAsync("reverse", "--remove", $"tcp:{first}");
        (await _phone.AdbAsync("reverse", "--remove-all")).EnsureSuccess();
        var empty = (await _phone.AdbAsync("reverse", "--list")).Stdout;

        Assert.Matches(@"^\d+$", picked);
        Assert.Contains($"tcp:{first} tcp:9", listed);
        Assert.Contains($"tcp:{picked} tcp:10", listed);
        Assert.Contains("cannot rebind existing socket", rebind.Output);
        Assert.Contains($"listener 'tcp:{first}' not found", removedTwice.Output);
        Assert.Equal("", empty.Trim());
    }

    [Fact]
    public async Task Forward_reaches_a_tcp_service_on_the_device()
    {
        using var deviceService = Listen(); // a service running on the (virtual) device's loopback
        var servicePort = ((IPEndPoint)deviceService.LocalEndpoint).Port;
        var hostPort = FreePort.Pick();
        var serving = ServeOnceAsync(deviceService, request => "pong " + request);

        (await _phone.AdbAsync("forward", $"tcp:{hostPort}", $"tcp:{servicePort}")).EnsureSuccess();
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, hostPort);
            var stream = client.GetStream();
            await stream.WriteAsync("ping\n"u8.ToArray());
            var reply = await new StreamReader(stream).ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("pong ping", reply);
            await serving;
        }
        finally
        {
            await _phone.AdbAsync("forward", "--remove", $"tcp:{hostPort}");
        }
    }

    [Fact]
    public async Task Forward_to_a_port_nobody_listens_on_closes_the_connection()
    {
        var hostPort = FreePort.Pick();
        (await _phone.AdbAsync("forward", $"tcp:{hostPort}", $"tcp:{FreePort.Pick()}")).EnsureSuccess();
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, hostPort);
            var read = await client.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, read);
        }
        finally
        {
            await _phone.AdbAsync("forward", "--remove", $"tcp:{hostPort}");
        }
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    /// <summary>Accepts one connection, reads one line, answers one line, closes.</summary>
    private static async Task ServeOnceAsync(TcpListener listener, Func<string, string> answer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var connection = await listener.AcceptTcpClientAsync(timeout.Token);
        var stream = connection.GetStream();
        var request = await new StreamReader(stream).ReadLineAsync(timeout.Token);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(answer(request ?? "") + "\n"), timeout.Token);
    }
}
