using System.Net.Sockets;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Forwarding;

/// <summary>
/// Joins a TCP socket and a device stream, bytes flowing both ways, until either side closes;
/// then the other side is closed too (ADB streams have no half-close), after what was already
/// received has been passed on.
/// </summary>
internal static class TcpBridge
{
    private const int ChunkBytes = 64 * 1024;

    public static async Task RunAsync(Socket socket, DeviceStream stream)
    {
        using (socket)
        {
            var toHost = SocketToStreamAsync(socket, stream);
            var toSocket = StreamToSocketAsync(stream, socket);
            if (await Task.WhenAny(toHost, toSocket).ConfigureAwait(false) == toSocket)
            {
                // The host closed the stream and everything it sent is on the socket: hang up locally.
                Shutdown(socket);
            }
            // The output has one writer: wait for it before completing, which sends the rest, then CLSE.
            await toHost.ConfigureAwait(false);
            await stream.Output.CompleteAsync().ConfigureAwait(false);
            await toSocket.ConfigureAwait(false);
            Shutdown(socket);
        }
    }

    private static async Task SocketToStreamAsync(Socket socket, DeviceStream stream)
    {
        try
        {
            while (true)
            {
                var memory = stream.Output.GetMemory(ChunkBytes);
                var read = await socket.ReceiveAsync(memory, SocketFlags.None, stream.Closed).ConfigureAwait(false);
                if (read == 0) return;
                stream.Output.Advance(read);
                if ((await stream.Output.FlushAsync(stream.Closed).ConfigureAwait(false)).IsCompleted) return;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Until the host closes the stream: its input completes only after every byte it sent.</summary>
    private static async Task StreamToSocketAsync(DeviceStream stream, Socket socket)
    {
        try
        {
            while (true)
            {
                var result = await stream.Input.ReadAsync().ConfigureAwait(false);
                foreach (var segment in result.Buffer) await socket.SendAsync(segment, SocketFlags.None).ConfigureAwait(false);
                stream.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled) return;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            await stream.Input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static void Shutdown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
