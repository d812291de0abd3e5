using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Forwarding;

/// <summary>
/// <c>tcp:PORT</c> (what <c>adb forward tcp:A tcp:PORT</c> opens for each connection): the device
/// connects to 127.0.0.1:PORT before accepting the stream, so a refused connection refuses the stream.
/// </summary>
internal sealed class TcpForwardService(Socket socket) : IDeviceService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public Task RunAsync(DeviceStream stream) => TcpBridge.RunAsync(socket, stream);

    /// <summary>The connected service, or null (the stream is refused) when nothing listens there.</summary>
    public static async Task<IDeviceService?> ConnectAsync(string destination, Action<string>? log)
    {
        var address = destination["tcp:".Length..];
        var colon = address.LastIndexOf(':');
        var host = colon < 0 ? "127.0.0.1" : address[..colon];
        if (!int.TryParse(colon < 0 ? address : address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            log?.Invoke($"refused '{destination}': not a port");
            return null;
        }
        if (host is not ("127.0.0.1" or "localhost"))
        {
            log?.Invoke($"refused '{destination}': a virtual device only connects to loopback");
            return null;
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token).ConfigureAwait(false);
            return new TcpForwardService(socket);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            log?.Invoke($"refused '{destination}': {e.Message}");
            return null;
        }
    }
}
