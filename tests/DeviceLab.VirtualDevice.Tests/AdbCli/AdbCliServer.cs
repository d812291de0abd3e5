using System.Diagnostics;
using System.Net.Sockets;

namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>
/// A real adb server (<c>adb -P PORT nodaemon server</c>) on a free port with HOME and TMPDIR in a
/// scratch folder, driven through the real adb command line. Stopped with <c>kill-server</c>.
/// </summary>
public sealed class AdbCliServer : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly TestFolder _home = new("adb-home");
    private Process? _server;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        EnsureAdbInstalled();
        Port = FreePort.Pick();
        var start = StartInfo(["-P", Port.ToString(), "nodaemon", "server"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        // Probe the port itself: an adb command sent before the server listens would start a second one.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Runs <c>adb -P PORT args…</c>; <paramref name="stdin"/> is written and closed (null: empty stdin).</summary>
    public async Task<AdbResult> RunAsync(params string[] arguments) => await RunWithInputAsync(null, arguments);

    public async Task<AdbResult> RunWithInputAsync(string? stdin, params string[] arguments)
    {
        using var process = Start(arguments);
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"adb {string.Join(' ', arguments)} did not finish in {CommandTimeout.TotalSeconds} s");
        }
        return new AdbResult(arguments, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>adb -P PORT args…</c> with redirected stdio, for tests that watch it run.</summary>
    public Process Start(params string[] arguments)
    {
        var start = StartInfo(["-P", Port.ToString(), .. arguments]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return Process.Start(start)!;
    }

    /// <summary><c>adb connect</c>, then waits until the server lists the device as <c>device</c>.</summary>
    public async Task ConnectAsync(string address)
    {
        var connect = await RunAsync("connect", address);
        Assert.True(connect.Stdout.Contains("connected to " + address), $"adb connect said: {connect.Stdout}{connect.Stderr}");
        await WaitForStateAsync(address, "device", TimeSpan.FromSeconds(10));
    }

    public async Task DisconnectAsync(string address) => await RunAsync("disconnect", address);

    /// <summary>The device's state in <c>adb devices</c> (device, offline, …), or null when not listed.</summary>
    public async Task<string?> StateOfAsync(string address)
    {
        var devices = await RunAsync("devices");
        return devices.Stdout.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2 && fields[0] == address)
            .Select(fields => fields[1].Trim())
            .FirstOrDefault();
    }

    public async Task WaitForStateAsync(string address, string? state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last;
        while ((last = await StateOfAsync(address)) != state)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{address} stayed '{last ?? "absent"}' for {timeout.TotalSeconds} s, expected '{state ?? "absent"}'");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            try
            {
                await RunAsync("kill-server");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _server.WaitForExitAsync(timeout.Token);
            }
            catch (Exception)
            {
                if (!_server.HasExited) _server.Kill();
            }
            _server.Dispose();
        }
        if (Environment.GetEnvironmentVariable("DEVICELAB_VD_TEST_LOG") is { } log)
        {
            foreach (var file in Directory.GetFiles(_home.Path, "adb.*.log")) File.Copy(file, log + ".server", overwrite: true);
        }
        _home.Dispose();
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("adb") { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["HOME"] = _home.Path;
        start.Environment["TMPDIR"] = _home.Path;
        return start;
    }

    private static void EnsureAdbInstalled()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "adb")));
        if (!found) throw new InvalidOperationException("the adb command is not installed: run `apt-get install -y adb` (./devicelab test installs it)");
    }
}
