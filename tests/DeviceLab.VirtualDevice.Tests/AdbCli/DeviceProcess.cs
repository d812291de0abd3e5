using System.Diagnostics;

namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>
/// The devicelab-virtual-device executable as a child process, for what only a separate process
/// can show: being killed (SIGKILL, a pulled cable), stopped with SIGTERM, restarted on its port.
/// </summary>
public sealed class DeviceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private DeviceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public bool HasExited => _process.HasExited;

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "devicelab-virtual-device.dll");

    /// <summary>Starts the executable and waits for its "listening on" line.</summary>
    public static async Task<DeviceProcess> StartAsync(int port, string sandbox, params string[] extraArguments)
    {
        var process = Process.Start(StartInfo(["--port", port.ToString(), "--sandbox", sandbox, .. extraArguments]))!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (line is null || !line.StartsWith("listening on 127.0.0.1:"))
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            throw new InvalidOperationException($"devicelab-virtual-device did not start: {line} {error}");
        }
        return new DeviceProcess(process, int.Parse(line["listening on 127.0.0.1:".Length..]));
    }

    /// <summary>Runs the executable to completion (for argument errors).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>SIGKILL: the process gets no chance to say goodbye, like a pulled cable.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then the exit code once it stopped.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public Task<string> StandardErrorAsync() => _stderr;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(ExecutablePath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
