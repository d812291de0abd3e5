using System.ComponentModel;
using System.Diagnostics;

namespace DeviceLab.Adb.Server;

/// <summary>
/// An adb server this process started and owns. <see cref="StartAsync"/> runs <c>adb -P PORT nodaemon server</c>
/// as a child, so it can always be stopped: <c>host:kill</c> first, then a kill of the process if it lingers.
/// <see cref="StartDaemonAsync"/> runs <c>adb -P PORT start-server</c> instead, which leaves a background server.
/// </summary>
public sealed class AdbServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ServerLog _log;

    private AdbServerProcess(Process process, ServerLog log, AdbClient client)
    {
        _process = process;
        _log = log;
        Client = client;
    }

    public AdbClient Client { get; }

    public AdbServerEndpoint Endpoint => Client.Endpoint;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The server's last log lines (it logs to stderr in nodaemon mode), for error reports.</summary>
    public string RecentLog => _log.Recent;

    /// <summary>Starts <c>adb -P PORT nodaemon server</c> and returns once it answers <c>host:version</c>.</summary>
    /// <exception cref="AdbException">adb is missing, exited (e.g. the port was taken), or did not answer in time; the message carries its log.</exception>
    public static async Task<AdbServerProcess> StartAsync(AdbServerLaunch launch, CancellationToken cancellationToken = default)
    {
        await EnsurePortIsFreeAsync(launch.Port, cancellationToken).ConfigureAwait(false);
        var log = new ServerLog();
        var process = Launch(launch, ["-P", launch.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "nodaemon", "server"], log);
        var server = new AdbServerProcess(process, log, new AdbClient(launch.Port));
        try
        {
            await server.WaitUntilReadyAsync(launch.ReadyTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <c>adb -P PORT start-server</c> (a background server that outlives this process) and returns a client of it.</summary>
    public static async Task<AdbClient> StartDaemonAsync(AdbServerLaunch launch, CancellationToken cancellationToken = default)
    {
        var log = new ServerLog();
        using var process = Launch(launch, ["-P", launch.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "start-server"], log);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(launch.ReadyTimeout);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        process.WaitForExit(); // drains the redirected output
        if (process.ExitCode != 0)
        {
            throw new AdbException($"`{launch.AdbPath} -P {launch.Port} start-server` exited {process.ExitCode}: {log.Recent}");
        }
        var client = new AdbClient(launch.Port);
        await client.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>A server already on the port would answer the readiness check in place of the one started here.</summary>
    private static async Task EnsurePortIsFreeAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            await new AdbClient(port).GetVersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AdbServerNotRunningException)
        {
            return;
        }
        catch (AdbException)
        {
            throw new AdbException($"port {port} is already in use by something that is not an adb server; pick a free port");
        }
        throw new AdbException($"an adb server already answers on port {port}; stop it (`adb -P {port} kill-server`) or pick another port");
    }

    /// <summary>Stops the server: <c>host:kill</c>, then kills the process if it is still there after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        using var deadline = new CancellationTokenSource(grace);
        try
        {
            await Client.KillServerAsync(deadline.Token).ConfigureAwait(false);
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AdbException or OperationCanceledException)
        {
            // Not answering or not exiting: the kill below ends it.
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    private static Process Launch(AdbServerLaunch launch, string[] arguments, ServerLog log)
    {
        var start = new ProcessStartInfo(launch.AdbPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (launch.HomeDirectory is not null) start.Environment["HOME"] = launch.HomeDirectory;
        if (launch.TempDirectory is not null) start.Environment["TMPDIR"] = launch.TempDirectory;
        // These would override HOME or -P inside adb.
        start.Environment.Remove("ANDROID_SDK_HOME");
        start.Environment.Remove("ANDROID_ADB_SERVER_PORT");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new AdbException($"cannot run '{launch.AdbPath}': {e.Message} (install it with `apt-get install -y adb`)", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new AdbException($"adb server on port {Endpoint.Port} exited with code {_process.ExitCode} at start: {RecentLog}");
            }
            try
            {
                await Client.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AdbException) when (started.Elapsed < timeout)
            {
                // Not listening yet, or dropping connections while it initialises: ask again shortly.
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (AdbException e)
            {
                throw new AdbException($"adb server on port {Endpoint.Port} did not answer within {timeout.TotalSeconds:0} s: {RecentLog}", e);
            }
        }
    }

    /// <summary>The last lines the server printed, kept bounded.</summary>
    private sealed class ServerLog
    {
        private const int MaxLines = 40;
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > MaxLines) _lines.Dequeue();
            }
        }

        public string Recent
        {
            get
            {
                lock (_lines) return _lines.Count == 0 ? "(no output)" : string.Join('\n', _lines);
            }
        }
    }
}
