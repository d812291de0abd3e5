using DeviceLab.Adb.Connect;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb;

public sealed partial class AdbClient
{
    /// <summary>
    /// Connects the server to a networked device (<c>host:connect:HOST:PORT</c>). The device may still be
    /// <c>offline</c> for a moment after this returns: use <see cref="AdbDevice.WaitForStateAsync"/> before using it.
    /// </summary>
    /// <exception cref="AdbConnectException">The server could not connect (its reason is in the message).</exception>
    public async Task<AdbConnectResult> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var address = Address(host, port);
        var request = $"host:connect:{address}";
        // Connecting waits for the TCP handshake with the device, so allow more than the usual reply time.
        using var connection = await AdbConnection.OpenAsync(Endpoint, AdbOperation.Host($"connect {address}"), cancellationToken).ConfigureAwait(false);
        await connection.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        await connection.ExpectOkayAsync(request, ReplyTimeout * 3, cancellationToken).ConfigureAwait(false);
        var text = await connection.ReadLengthPrefixedStringAsync(cancellationToken).ConfigureAwait(false);
        return ConnectReply.Interpret(address, text);
    }

    /// <summary>Drops a networked device (<c>host:disconnect:HOST:PORT</c>).</summary>
    /// <exception cref="AdbDeviceNotFoundException">The server holds no such device.</exception>
    public async Task DisconnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var address = Address(host, port);
        await QueryAsync($"host:disconnect:{address}", address, cancellationToken).ConfigureAwait(false);
    }

    private static string Address(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (host.AsSpan().IndexOfAny(":;\n\0") >= 0 && !host.StartsWith('[')) throw new ArgumentException($"'{host}' is not a host name or address", nameof(host));
        return $"{host}:{port}";
    }
}
