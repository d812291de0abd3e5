using System.Diagnostics;
using DeviceLab.Testing;

namespace DeviceLab.Server.Tests;

/// <summary>
/// The built DeviceLab server run as its own process, exactly as <c>./devicelab demo</c> runs it. For what an
/// in-memory host cannot show: the exit code and the one-line message of a failed start, and a real restart.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutputLog _output;

    private ServerProcess(Process process)
    {
        _process = process;
        _output = ProcessOutputLog.Attach(process);
    }

    public string Output => _output.Text;

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public static string ServerDll
    {
        get
        {
            // The test runs from tests/DeviceLab.Server.Tests/bin/<Configuration>/net10.0/.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(TestPaths.RepositoryRoot, "src", "DeviceLab.Server", "bin", configuration, "net10.0", "DeviceLab.Server.dll");
        }
    }

    public static ServerProcess Start(string workingDirectory, IDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(ServerDll)!);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new ServerProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the process to end by itself (e.g. a failed start), at most <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Asks the server to shut down as Ctrl+C or systemd would (SIGTERM) and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        if (!await WaitForExitAsync(timeout)) throw new TimeoutException($"The server did not stop within {timeout}. Output:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
