using System.Diagnostics;
using System.Text;
using DeviceLab.Server.Tests.Lab;
using DeviceLab.Testing;

namespace DeviceLab.Server.Tests.Agents;

/// <summary>
/// The real NativeAOT agent (<see cref="AgentBinary"/>) as its own process in network mode:
/// <c>devicelab-agent connect --server … --virtual --simulated-power</c> with the device token in
/// <c>DEVICELAB_DEVICE_TOKEN</c>, as a lab operator would start it. Killed and its work folder deleted on dispose.
/// </summary>
public sealed class NetworkAgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TemporaryFolder _work = new("net-agent");
    private readonly StringBuilder _output = new();

    private NetworkAgentProcess(string serverUrl, string deviceToken)
    {
        var start = new ProcessStartInfo(AgentBinary.LinuxX64) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "connect", "--server", serverUrl, "--work-dir", _work.Path, "--virtual", "--simulated-power", "--reconnect-base-ms", "200" })
            start.ArgumentList.Add(argument);
        start.Environment["DEVICELAB_DEVICE_TOKEN"] = deviceToken;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the agent wrote to its stdout / stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public static NetworkAgentProcess Start(string serverUrl, string deviceToken) => new(serverUrl, deviceToken);

    /// <summary>Kills the agent at once (SIGKILL): a phone whose app died or whose network vanished.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _work.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
    }
}
