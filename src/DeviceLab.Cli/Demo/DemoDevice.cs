using System.Diagnostics;
using System.Globalization;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// One virtual device as a child process (<c>devicelab-virtual-device --port N --sandbox DIR --cores C</c>, built next to
/// this CLI), like a phone on its own: started and waited for until it listens, stopped with SIGTERM (it ends its running
/// commands and closes its sockets), killed only if it does not end in time.
/// </summary>
internal sealed class DemoDevice : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _recent = new();

    private DemoDevice(Process process, int port, string? cores)
    {
        _process = process;
        Port = port;
        Cores = cores;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The serial the adb server lists it under.</summary>
    public string Serial => $"127.0.0.1:{Port}";

    /// <summary>The cores its commands are pinned to, or null for every core.</summary>
    public string? Cores { get; }

    /// <exception cref="DemoException">It did not start (the message carries what it printed).</exception>
    public static async Task<DemoDevice> StartAsync(int port, string sandbox, string? cores, string serial, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "devicelab-virtual-device.dll");
        if (!File.Exists(executable)) throw new DemoException($"The virtual device is not built next to the CLI ({executable} is missing); run ./devicelab build.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            ArgumentList = { "exec", executable, "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox", sandbox, "--serial", serial },
        };
        if (cores is not null)
        {
            start.ArgumentList.Add("--cores");
            start.ArgumentList.Add(cores);
        }
        var device = new DemoDevice(Process.Start(start) ?? throw new DemoException("dotnet could not start a virtual device."), port, cores);
        device._process.StandardInput.Close();
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(StartTimeout);
            await Task.WhenAny(device._listening.Task, device._process.WaitForExitAsync(patience.Token));
            if (!device._listening.Task.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new DemoException($"Virtual device {device.Serial} did not start: {device.Recent()}");
            }
            return device;
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        if (line.StartsWith("listening on ", StringComparison.Ordinal)) _listening.TrySetResult();
        lock (_recent)
        {
            _recent.Enqueue(line);
            while (_recent.Count > 10) _recent.Dequeue();
        }
    }

    private string Recent()
    {
        lock (_recent) return _recent.Count == 0 ? "(it printed nothing)" : string.Join(" | ", _recent);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
