using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Forwarding;

/// <summary>
/// The reverse rules of one host connection: for <c>tcp:X → tcp:Y</c> the device listens on
/// 127.0.0.1:X and opens a stream to the host's <c>tcp:Y</c> for each connection it accepts. This
/// is the only way the device ever opens a stream: the adb server aborts on a device-initiated open
/// it did not ask for, so an OPEN goes out only while its rule is installed. Rules end with the connection.
/// </summary>
internal sealed class ReverseRules(DeviceConnection connection, Action<string>? log)
{
    private readonly SemaphoreSlim _gate = new(1, 1); // orders device-opened OPENs against rule removal
    private readonly Dictionary<string, ReverseRule> _rules = new(StringComparer.Ordinal);

    private sealed class ReverseRule(string local, Socket listener)
    {
        public string Local { get; } = local;
        public Socket Listener { get; } = listener;
        public string Remote { get; set; } = "";
    }

    /// <summary>Installs (or re-points) a rule; returns the bound port, or a problem as adbd words it.</summary>
    public Task<(int Port, string? Problem)> AddAsync(string local, string remote, bool noRebind)
    {
        if (!TryParseTcp(local, out var port)) return Task.FromResult((0, (string?)$"cannot bind listener: '{local}' is not tcp:PORT (the virtual device supports tcp only)"));
        lock (_rules)
        {
            if (_rules.TryGetValue(local, out var existing))
            {
                if (noRebind) return Task.FromResult((0, (string?)"cannot rebind existing socket"));
                existing.Remote = remote;
                return Task.FromResult((port, (string?)null));
            }
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
                listener.Listen(16);
            }
            catch (SocketException e)
            {
                listener.Dispose();
                return Task.FromResult((0, (string?)$"cannot bind listener: {e.Message}"));
            }
            var bound = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var rule = new ReverseRule($"tcp:{bound}", listener) { Remote = remote };
            _rules[rule.Local] = rule;
            connection.Track(AcceptLoopAsync(rule), $"reverse listener {rule.Local}");
            log?.Invoke($"reverse {rule.Local} -> {remote}");
            return Task.FromResult((bound, (string?)null));
        }
    }

    public async Task<string?> RemoveAsync(string local)
    {
        // Under the gate: no OPEN for this rule can be on its way once removal is answered.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ReverseRule? rule;
            lock (_rules)
            {
                if (!_rules.Remove(local, out rule)) return $"listener '{local}' not found";
            }
            rule.Listener.Dispose();
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveAllAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            RemoveAll();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes every listener now (also when the connection is gone and nothing can be opened anyway).</summary>
    public void RemoveAll()
    {
        lock (_rules)
        {
            foreach (var rule in _rules.Values) rule.Listener.Dispose();
            _rules.Clear();
        }
    }

    /// <summary>One line per rule, as adbd lists them: "serial local remote".</summary>
    public string List()
    {
        lock (_rules)
        {
            var text = new StringBuilder();
            foreach (var rule in _rules.Values.OrderBy(r => r.Local, StringComparer.Ordinal))
                text.Append(CultureInfo.InvariantCulture, $"host {rule.Local} {rule.Remote}\n");
            return text.ToString();
        }
    }

    private async Task AcceptLoopAsync(ReverseRule rule)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await rule.Listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            client.NoDelay = true;
            connection.Track(ConnectAsync(rule, client), $"reverse connection {rule.Local} -> {rule.Remote}");
        }
    }

    private async Task ConnectAsync(ReverseRule rule, Socket client)
    {
        DeviceStream? stream = null;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Checked under the gate: a rule the host removed must never produce an OPEN.
            string? remote;
            lock (_rules) remote = _rules.TryGetValue(rule.Local, out var live) && live == rule ? rule.Remote : null;
            if (remote is not null) stream = await connection.OpenToHostAsync(remote).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log?.Invoke($"reverse {rule.Local}: could not open {rule.Remote}: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }

        if (stream is null || !await stream.Opened.ConfigureAwait(false))
        {
            log?.Invoke($"reverse {rule.Local}: the host refused {rule.Remote}");
            client.Dispose();
            return;
        }
        await TcpBridge.RunAsync(client, stream).ConfigureAwait(false);
    }

    private static bool TryParseTcp(string spec, out int port)
    {
        port = 0;
        return spec.StartsWith("tcp:", StringComparison.Ordinal)
               && int.TryParse(spec.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out port)
               && port is >= 0 and <= 65535;
    }
}
