using System.Diagnostics;
using System.Text.RegularExpressions;
using DeviceLab.Testing;

namespace DeviceLab.Benchmarks.Dashboard;

/// <summary>
/// The built DeviceLab server as its own process (as <c>./devicelab demo</c> runs it), on a given database and a loopback
/// port, ADB tracking off (the bench measures the web node). Keeps its log lines so the bench can read what the
/// server measured itself (the compare query's time).
/// </summary>
internal sealed partial class BenchServerProcess : IAsyncDisposable
{
    public const string AdminEmail = "bench@devicelab.local";
    public const string AdminPassword = "Bench-admin-password-1";

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private BenchServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    /// <summary>The server's own "Compare query … in N ms" figures so far.</summary>
    public IReadOnlyList<double> CompareQueryMs()
    {
        lock (_lines) return _lines.Select(l => CompareQueryLine().Match(l)).Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value)).ToList();
    }

    public static async Task<BenchServerProcess> StartAsync(string connectionString, string dataDirectory, int port)
    {
        // tests/DeviceLab.Benchmarks/bin/<Configuration>/net10.0/ → src/DeviceLab.Server/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(TestPaths.RepositoryRoot, "src", "DeviceLab.Server", "bin", configuration, "net10.0", "DeviceLab.Server.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the server first (dotnet build -c {configuration}).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(dll)!);
        start.Environment["ConnectionStrings__DeviceLab"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DeviceLab__DataDirectory"] = dataDirectory;
        start.Environment["DeviceLab__LabHost__Name"] = $"bench-{Environment.ProcessId}";
        start.Environment["DeviceLab__Adb__Enabled"] = "false";
        start.Environment["DeviceLab__Auth__BootstrapAdmin__Email"] = AdminEmail;
        start.Environment["DeviceLab__Auth__BootstrapAdmin__Password"] = AdminPassword;
        var server = new BenchServerProcess(Process.Start(start)!, $"http://127.0.0.1:{port}");
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        return server;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Log()}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The server did not answer /healthz within {timeout.TotalSeconds:0} s:\n{Log()}");
    }

    private string Log()
    {
        lock (_lines) return string.Join('\n', _lines.TakeLast(40));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Compare query for model \d+: \d+ rows from \d+ results of \d+ runs in (\d+) ms")]
    private static partial Regex CompareQueryLine();
}
