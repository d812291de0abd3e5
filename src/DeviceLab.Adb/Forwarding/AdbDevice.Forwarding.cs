using System.Globalization;
using DeviceLab.Adb.Forwarding;
using DeviceLab.Adb.Protocol;

namespace DeviceLab.Adb;

public sealed partial class AdbDevice
{
    /// <summary>
    /// Forwards connections to a host socket to a device socket (<c>host-serial:S:forward:LOCAL;REMOTE</c>).
    /// Returns the host port when <paramref name="local"/> is <c>tcp:0</c> (the server picks one), else null.
    /// </summary>
    public async Task<int?> ForwardAsync(string local, string remote, bool noRebind = false, CancellationToken cancellationToken = default)
    {
        SocketSpec.Validate(local, nameof(local));
        SocketSpec.Validate(remote, nameof(remote));
        var request = $"host-serial:{Serial}:forward:{(noRebind ? "norebind:" : "")}{local};{remote}";
        try
        {
            using var connection = await Client.OpenHostRequestAsync(request, new AdbOperation(Serial, $"forward {local} → {remote}"), cancellationToken).ConfigureAwait(false);
            // First OKAY: the server accepted the request; second: the listener is installed.
            await connection.ExpectOkayAsync(request, Client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
            return await ReadAllocatedPortAsync(connection, local, cancellationToken).ConfigureAwait(false);
        }
        catch (AdbRequestFailedException e) when (e.ServerMessage.Length == 0)
        {
            // adb 29 answers a forward for an unknown serial with an empty FAIL; get-state names the cause.
            await GetStateAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Forwards host TCP port <paramref name="localPort"/> (0 = any free port) to device TCP port <paramref name="remotePort"/>; returns the host port.</summary>
    public async Task<int> ForwardTcpAsync(int localPort, int remotePort, CancellationToken cancellationToken = default) =>
        await ForwardAsync(SocketSpec.Tcp(localPort), SocketSpec.Tcp(remotePort), cancellationToken: cancellationToken).ConfigureAwait(false) ?? localPort;

    /// <summary>This device's forward rules (the server lists every device's; only this one's are kept).</summary>
    public async Task<IReadOnlyList<ForwardRule>> ListForwardsAsync(CancellationToken cancellationToken = default)
    {
        var rules = ForwardListParser.Parse(await QueryAsync("list-forward", cancellationToken).ConfigureAwait(false));
        return [.. rules.Where(rule => rule.Serial == Serial)];
    }

    /// <summary>Removes one forward rule by its host side (<c>killforward:LOCAL</c>).</summary>
    public async Task RemoveForwardAsync(string local, CancellationToken cancellationToken = default)
    {
        SocketSpec.Validate(local, nameof(local));
        var request = $"host-serial:{Serial}:killforward:{local}";
        using var connection = await Client.OpenHostRequestAsync(request, new AdbOperation(Serial, $"remove forward {local}"), cancellationToken).ConfigureAwait(false);
        await connection.ExpectOkayAsync(request, Client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every forward rule of this device.</summary>
    public async Task RemoveAllForwardsAsync(CancellationToken cancellationToken = default)
    {
        var request = $"host-serial:{Serial}:killforward-all";
        using var connection = await Client.OpenHostRequestAsync(request, new AdbOperation(Serial, "remove all forwards"), cancellationToken).ConfigureAwait(false);
        await connection.ExpectOkayAsync(request, Client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes connections to a device socket come out at a host socket (<c>reverse:forward:REMOTE;LOCAL</c>,
    /// sent through the device's transport). Returns the device port when <paramref name="deviceSide"/> is <c>tcp:0</c>, else null.
    /// </summary>
    public async Task<int?> ReverseAsync(string deviceSide, string hostSide, bool noRebind = false, CancellationToken cancellationToken = default)
    {
        SocketSpec.Validate(deviceSide, nameof(deviceSide));
        SocketSpec.Validate(hostSide, nameof(hostSide));
        var service = $"reverse:forward:{(noRebind ? "norebind:" : "")}{deviceSide};{hostSide}";
        using var connection = await OpenServiceAsync(service, $"reverse {deviceSide} → {hostSide}", cancellationToken).ConfigureAwait(false);
        await connection.ExpectOkayAsync(service, Client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        return await ReadAllocatedPortAsync(connection, deviceSide, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reverses device TCP port <paramref name="devicePort"/> to host TCP port <paramref name="hostPort"/>.</summary>
    public async Task<int> ReverseTcpAsync(int devicePort, int hostPort, CancellationToken cancellationToken = default) =>
        await ReverseAsync(SocketSpec.Tcp(devicePort), SocketSpec.Tcp(hostPort), cancellationToken: cancellationToken).ConfigureAwait(false) ?? devicePort;

    /// <summary>The device's reverse rules (<c>reverse:list-forward</c>).</summary>
    public async Task<IReadOnlyList<ForwardRule>> ListReversesAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenServiceAsync("reverse:list-forward", "list reverses", cancellationToken).ConfigureAwait(false);
        return ForwardListParser.Parse(await connection.ReadLengthPrefixedStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes one reverse rule by its device side.</summary>
    public async Task RemoveReverseAsync(string deviceSide, CancellationToken cancellationToken = default)
    {
        SocketSpec.Validate(deviceSide, nameof(deviceSide));
        var service = $"reverse:killforward:{deviceSide}";
        using var connection = await OpenServiceAsync(service, $"remove reverse {deviceSide}", cancellationToken).ConfigureAwait(false);
        await connection.ExpectOkayAsync(service, Client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every reverse rule of this device.</summary>
    public async Task RemoveAllReversesAsync(CancellationToken cancellationToken = default)
    {
        const string service = "reverse:killforward-all";
        using var connection = await OpenServiceAsync(service, "remove all reverses", cancellationToken).ConfigureAwait(false);
        await connection.ExpectOkayAsync(service, Client.ReplyTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int?> ReadAllocatedPortAsync(AdbConnection connection, string listeningSide, CancellationToken cancellationToken)
    {
        if (!SocketSpec.AsksForAnyPort(listeningSide)) return null;
        var text = await connection.ReadLengthPrefixedStringAsync(cancellationToken).ConfigureAwait(false);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new AdbProtocolException($"adb answered '{text}' where the port it picked for {listeningSide} belongs");
    }
}
