using System.Diagnostics;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// The DeviceLab server as a child process of the CLI: its output forwarded, its dashboard address printed once
/// <c>/healthz</c> answers, and on Ctrl+C / SIGTERM a graceful stop (SIGTERM, so it stops its PostgreSQL), then
/// a kill of its process tree if it does not end in time.
/// </summary>
internal static class LocalServer
{
    /// <summary>How long the server may take to shut down (Hangfire workers, then PostgreSQL) before it is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The server built next to this CLI in the repository (same configuration), or null outside a checkout.</summary>
    public static string? FindBuiltServer()
    {
        var cliFolder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = cliFolder.Parent?.Name ?? "Release"; // …/bin/<configuration>/net10.0
        for (var dir = cliFolder; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceLab.slnx")))
                return Path.Combine(dir.FullName, "src", "DeviceLab.Server", "bin", configuration, "net10.0", "DeviceLab.Server.dll");
        }
        return null;
    }

    public static async Task<int> RunAsync(string serverDll, string url, string? dataDirectory, CancellationToken stop)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { serverDll, "--contentRoot", Path.GetDirectoryName(Path.GetFullPath(serverDll))!, "--urls", url },
        };
        var (data, reason) = DemoDataFolder.Choose(
            dataDirectory ?? Environment.GetEnvironmentVariable("DEVICELAB_DATA"), Environment.CurrentDirectory);
        start.Environment["DEVICELAB_DATA"] = data;
        Console.WriteLine($"Starting DeviceLab ({serverDll}); data folder: {data}{(reason is null ? "" : $" ({reason})")}");

        using var server = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not start the server.");
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        try
        {
            await AnnounceWhenHealthyAsync(server, url, stop);
            await server.WaitForExitAsync(stop);
            return server.ExitCode; // ended by itself, e.g. a configuration error (exit code 2)
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("Stopping DeviceLab …");
            await StopAsync(server);
            return 0;
        }
    }

    private static async Task AnnounceWhenHealthyAsync(Process server, string url, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!server.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                var health = await http.GetStringAsync("/healthz", stop);
                if (health.Contains("\"status\":\"healthy\"", StringComparison.Ordinal))
                {
                    Console.WriteLine();
                    Console.WriteLine($"DeviceLab is running. Dashboard: {url.TrimEnd('/')}/");
                    Console.WriteLine($"  jobs: {url.TrimEnd('/')}/hangfire   health: {url.TrimEnd('/')}/healthz   API: {url.TrimEnd('/')}/openapi/v1.json");
                    Console.WriteLine("  Press Ctrl+C to stop.");
                    Console.WriteLine();
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested)
            {
                // a slow answer while the server starts
            }
            await Task.Delay(250, stop);
        }
    }

    private static async Task StopAsync(Process server)
    {
        if (server.HasExited) return;
        // SIGTERM, not a kill: the server stops Hangfire and its PostgreSQL cluster on the way out.
        using (var term = Process.Start("kill", ["-TERM", server.Id.ToString()])) await term.WaitForExitAsync();
        using var patience = new CancellationTokenSource(StopTimeout);
        try
        {
            await server.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"DeviceLab did not stop within {StopTimeout.TotalSeconds:0} s; killing it.");
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
