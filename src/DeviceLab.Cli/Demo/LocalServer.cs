using System.Diagnostics;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// The DeviceLab server as a child process of the CLI, with its own PostgreSQL in the data folder. Its console output
/// goes to <c>server.log</c> in the data folder (the demo's terminal shows progress instead); it counts as started once
/// <c>/healthz</c> says healthy, and stops gracefully on SIGTERM (Hangfire, then PostgreSQL), killed with its process tree
/// only if it does not end within <see cref="StopTimeout"/>.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    /// <summary>How long the server may take to shut down (Hangfire workers, then PostgreSQL) before it is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _recent = new();
    private bool _closed;

    private LocalServer(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    /// <summary>The server built next to this CLI in the repository (same configuration), or null outside a checkout.</summary>
    public static string? FindBuiltServer()
    {
        var cliFolder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = cliFolder.Parent?.Name ?? "Release"; // …/bin/<configuration>/net10.0
        return RepositoryRoot() is { } root ? Path.Combine(root, "src", "DeviceLab.Server", "bin", configuration, "net10.0", "DeviceLab.Server.dll") : null;
    }

    /// <summary>The checkout this CLI was built in (the folder with DeviceLab.slnx), or null.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceLab.slnx"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>Starts the server and returns once it is healthy.</summary>
    /// <param name="settings">Configuration passed as environment variables (<c>DeviceLab__Adb__ServerPort</c> …): secrets never on a command line.</param>
    /// <exception cref="DemoException">It ended by itself (e.g. a configuration error: the message carries its last lines) or did not become healthy in time.</exception>
    public static async Task<LocalServer> StartAsync(
        string serverDll, string url, string dataFolder, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { serverDll, "--contentRoot", Path.GetDirectoryName(Path.GetFullPath(serverDll))!, "--urls", url },
        };
        start.Environment["DEVICELAB_DATA"] = dataFolder;
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var logPath = Path.Combine(dataFolder, "server.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"---- devicelab demo starting the server at {DateTimeOffset.UtcNow:O} ----");
        var server = new LocalServer(Process.Start(start) ?? throw new DemoException("dotnet could not start the DeviceLab server."), log, logPath);
        try
        {
            await server.WaitUntilHealthyAsync(url, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server's last lines, for error messages.</summary>
    public string RecentOutput()
    {
        lock (_recent) return string.Join('\n', _recent);
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_recent)
        {
            if (_closed) return;
            _log.WriteLine(line);
            _recent.Enqueue(line);
            while (_recent.Count > 30) _recent.Dequeue();
        }
    }

    private async Task WaitUntilHealthyAsync(string url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drain the output
                throw new DemoException($"The DeviceLab server stopped (exit code {_process.ExitCode}) while starting; its last lines:\n{RecentOutput()}\n(whole log: {LogPath})");
            }
            try
            {
                var health = await http.GetStringAsync("/healthz", cancellationToken);
                if (health.Contains("\"status\":\"healthy\"", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a slow answer while the server starts
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new DemoException($"The DeviceLab server did not become healthy within {StartTimeout.TotalMinutes:0} minutes; see {LogPath}.");
    }

    /// <summary>SIGTERM, not a kill: the server stops Hangfire and its PostgreSQL cluster on the way out.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Record($"devicelab demo: the server did not stop within {StopTimeout.TotalSeconds:0} s; killing it.");
                _process.Kill(entireProcessTree: true);
            }
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_recent)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}

/// <summary>The demo cannot go on; the message says why and what to do.</summary>
public sealed class DemoException(string message) : Exception(message);
