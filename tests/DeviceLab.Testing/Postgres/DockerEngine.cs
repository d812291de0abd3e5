using System.Net.Sockets;
using System.Text;

namespace DeviceLab.Testing.Postgres;

/// <summary>Whether a Docker engine answers, checked in well under a second so machines without one
/// (like DeviceLab's CI) do not wait for Testcontainers' own, much longer, discovery.</summary>
public static class DockerEngine
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    public static bool IsReachable()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        try
        {
            if (string.IsNullOrEmpty(host) || host.StartsWith("unix://", StringComparison.Ordinal))
            {
                var socketPath = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
                if (!File.Exists(socketPath)) return false;
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                return Ping(socket, new UnixDomainSocketEndPoint(socketPath));
            }
            if (host.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var uri))
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                return Ping(socket, new System.Net.DnsEndPoint(uri.Host, uri.Port));
            }
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Ping(Socket socket, System.Net.EndPoint endPoint)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            socket.ConnectAsync(endPoint, cancel.Token).AsTask().GetAwaiter().GetResult();
            socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
            socket.Send("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8);
            var buffer = new byte[256];
            var read = socket.Receive(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
