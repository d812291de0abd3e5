using System.Buffers.Binary;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb.Transport;

/// <summary>
/// Transport selection: <c>host:tport:serial:S</c> answers OKAY + the 8-byte little-endian transport id, and from
/// then on the socket belongs to that device (the older <c>host:transport:S</c> does the same without the id).
/// The next request on the socket is a device service (<c>shell,v2,raw:…</c>, <c>sync:</c>, <c>reverse:…</c>).
/// </summary>
internal static class DeviceTransport
{
    public static async Task<AdbConnection> OpenServiceAsync(
        AdbClient client, string serial, string service, AdbOperation operation, CancellationToken cancellationToken)
    {
        var connection = await SelectAsync(client, serial, operation, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.SendRequestAsync(service, cancellationToken).ConfigureAwait(false);
            try
            {
                await connection.ExpectOkayAsync(service, client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (AdbRequestFailedException e) when (e.ServerMessage == "closed")
            {
                throw new AdbRequestFailedException(service, e.ServerMessage,
                    $"device '{serial}' refused the service '{service}' (FAIL \"closed\"): it does not offer it");
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Selects the device with <c>host:tport</c>, or <c>host:transport</c> on servers older than adb 28 that lack it.</summary>
    private static async Task<AdbConnection> SelectAsync(AdbClient client, string serial, AdbOperation operation, CancellationToken cancellationToken)
    {
        AdbConnection connection;
        try
        {
            connection = await client.OpenHostRequestAsync($"host:tport:serial:{serial}", operation, cancellationToken).ConfigureAwait(false);
        }
        catch (AdbRequestFailedException e) when (e is not AdbDeviceNotFoundException && e.ServerMessage.Contains("unknown host service", StringComparison.Ordinal))
        {
            return await client.OpenHostRequestAsync($"host:transport:{serial}", operation, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var transportId = await connection.ReadBlockAsync(sizeof(long), cancellationToken).ConfigureAwait(false);
            _ = BinaryPrimitives.ReadInt64LittleEndian(transportId.Span);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
