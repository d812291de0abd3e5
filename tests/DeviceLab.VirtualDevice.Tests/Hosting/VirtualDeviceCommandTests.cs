using System.Net;
using System.Net.Sockets;
using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests.Hosting;

/// <summary>The devicelab-virtual-device executable: start-up line, clean stop, argument errors.</summary>
public sealed class VirtualDeviceCommandTests : IDisposable
{
    private readonly TestFolder _sandbox = new("command");

    [Fact]
    public async Task Prints_its_address_and_stops_cleanly_on_SIGTERM()
    {
        var device = await DeviceProcess.StartAsync(0, _sandbox.Path, "--cores", "0", "--name", "bench_b");
        await using (device)
        {
            Assert.True(File.Exists(Path.Combine(_sandbox.Path, ".devicelab", "bin", "getprop")));

            var exitCode = await device.TerminateAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, exitCode);
        }
        // The port is free again.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, device.Port));
    }

    [Theory]
    [InlineData(new[] { "--port", "5560" }, "5555-5585")]
    [InlineData(new[] { "--port", "0", "--cores", "4000" }, "core 4000 does not exist")]
    [InlineData(new[] { "--port", "0", "--cores", "one" }, "'one' in core list 'one' is not a core number")]
    [InlineData(new[] { "--port", "0", "--prop", "novalue" }, "--prop 'novalue' is not KEY=VALUE")]
    [InlineData(new[] { "--port", "0", "--prop", "devicelab.virtual=0" }, "cannot be overridden")]
    public async Task Bad_arguments_exit_2_naming_the_problem(string[] arguments, string message)
    {
        var (exitCode, stdout, stderr) = await DeviceProcess.RunAsync([.. arguments, "--sandbox", _sandbox.Path]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("listening", stdout);
    }

    [Fact]
    public async Task Missing_sandbox_is_a_usage_error()
    {
        var (exitCode, _, stderr) = await DeviceProcess.RunAsync("--port", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--sandbox", stderr);
    }

    public void Dispose() => _sandbox.Dispose();
}
