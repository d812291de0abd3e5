using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb;

/// <summary>
/// A client of one adb server's smart socket. Stateless and thread-safe: every request opens its own
/// TCP connection (as adb itself does), so one device failing never disturbs requests for another.
/// Server-wide requests live here (one file per feature folder); per-device requests on <see cref="AdbDevice"/>.
/// </summary>
public sealed partial class AdbClient
{
    /// <summary>How long a server may take to answer OKAY/FAIL to a request before the peer is judged not to be an adb server.</summary>
    public static readonly TimeSpan DefaultReplyTimeout = TimeSpan.FromSeconds(10);

    public AdbClient(AdbServerEndpoint endpoint, TimeSpan? replyTimeout = null)
    {
        Endpoint = endpoint;
        ReplyTimeout = replyTimeout ?? DefaultReplyTimeout;
    }

    public AdbClient(int port = AdbDefaults.ServerPort) : this(new AdbServerEndpoint(port)) { }

    public AdbServerEndpoint Endpoint { get; }

    public TimeSpan ReplyTimeout { get; }

    /// <summary>A handle on one device by serial (e.g. <c>127.0.0.1:40123</c>); nothing is sent until it is used.</summary>
    public AdbDevice Device(string serial) => new(this, serial);

    /// <summary>Opens a connection, sends a host request and reads its OKAY; the caller owns the connection.</summary>
    internal async Task<AdbConnection> OpenHostRequestAsync(string request, AdbOperation operation, CancellationToken cancellationToken)
    {
        var connection = await AdbConnection.OpenAsync(Endpoint, operation, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
            await connection.ExpectOkayAsync(request, ReplyTimeout, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A host request whose OKAY is followed by one length-prefixed text reply.</summary>
    internal async Task<string> QueryAsync(string request, string? serial, CancellationToken cancellationToken)
    {
        using var connection = await OpenHostRequestAsync(request, new AdbOperation(serial, request), cancellationToken).ConfigureAwait(false);
        return await connection.ReadLengthPrefixedStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
