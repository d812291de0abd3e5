using System.Diagnostics;
using System.Globalization;

namespace DeviceLab.Testing.Adb;

/// <summary>Runs <c>devicelab-virtual-device --port N --sandbox DIR [--cores LIST]</c> from the test's output folder.</summary>
internal sealed class VirtualDeviceProcess : IVirtualDeviceHost
{
    private readonly Process _process;
    private readonly BoundedLog _log = new();

    public VirtualDeviceProcess(int port, string sandboxDirectory, string? cores)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "devicelab-virtual-device.dll");
        if (!File.Exists(assembly)) throw new FileNotFoundException($"the virtual device executable is not next to the tests: {assembly}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])["exec", assembly, "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox", sandboxDirectory, "--verbose"])
        {
            start.ArgumentList.Add(argument);
        }
        if (cores is not null)
        {
            start.ArgumentList.Add("--cores");
            start.ArgumentList.Add(cores);
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => _log.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _log.Add(e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Describe() => $"virtual device process {_process.Id}{(_process.HasExited ? $" (exited {_process.ExitCode})" : "")}: {_log}";

    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }
}
