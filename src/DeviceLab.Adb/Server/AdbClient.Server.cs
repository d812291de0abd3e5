using System.Globalization;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb;

public sealed partial class AdbClient
{
    /// <summary>The server's protocol version (<c>host:version</c>; 41 for adb 29).</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var text = await QueryAsync("host:version", null, cancellationToken).ConfigureAwait(false);
        return int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new AdbProtocolException($"{Endpoint} answered host:version with '{text}', which is not a hex version number");
    }

    /// <summary>The features the server itself supports (<c>host:host-features</c>).</summary>
    public async Task<AdbFeatureSet> GetHostFeaturesAsync(CancellationToken cancellationToken = default) =>
        AdbFeatureSet.Parse(await QueryAsync("host:host-features", null, cancellationToken).ConfigureAwait(false));

    /// <summary>Asks the server to exit (<c>host:kill</c>). Succeeds when the server acknowledged or was not running.</summary>
    public async Task KillServerAsync(CancellationToken cancellationToken = default)
    {
        AdbConnection connection;
        try
        {
            connection = await OpenHostRequestAsync("host:kill", AdbOperation.Host("host:kill"), cancellationToken).ConfigureAwait(false);
        }
        catch (AdbServerNotRunningException)
        {
            return;
        }
        using (connection)
        {
            // The server closes the socket as it exits; waiting for that makes "killed" mean "gone".
            while (!(await connection.TryReadChunkAsync(int.MaxValue, cancellationToken).ConfigureAwait(false)).IsEmpty) { }
        }
    }
}
