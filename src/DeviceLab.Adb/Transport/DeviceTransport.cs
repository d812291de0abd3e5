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
        var transportRequest = $"host:tport:serial:{serial}";
        var connection = await client.OpenHostRequestAsync(transportRequest, operation, cancellationToken).ConfigureAwait(false);
        try
        {
            var idBytes = await connection.ReadBlockAsync(sizeof(long), cancellationToken).ConfigureAwait(false);
            _ = BinaryPrimitives.ReadInt64LittleEndian(idBytes.Span);
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
}
