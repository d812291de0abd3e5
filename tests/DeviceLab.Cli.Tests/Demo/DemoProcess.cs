using System.Diagnostics;
using System.Globalization;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Demo;

/// <summary>
/// <c>devicelab demo</c> (or <c>./devicelab demo</c>) as a child process, the way a person runs it: its output collected,
/// Ctrl+C sent as SIGINT, and every process it started — followed through /proc while it runs — checked to be gone.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutputLog _output;
    private readonly HashSet<int> _seen = [];

    private DemoProcess(Process process)
    {
        _process = process;
        _output = ProcessOutputLog.Attach(process);
    }

    public string Output => _output.Text;

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public static DemoProcess Start(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new DemoProcess(Process.Start(start)!);
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output when the demo ends or time runs out.</summary>
    public async Task WaitForAsync(string text, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            RecordDescendants();
            Assert.False(_process.HasExited, $"The demo ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before printing '{text}':\n{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"No '{text}' within {patience.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(200);
        }
        RecordDescendants();
    }

    /// <summary>Ctrl+C: SIGINT to the demo alone; waits for it to end.</summary>
    public async Task InterruptAsync(TimeSpan patience)
    {
        RecordDescendants();
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var stop = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(stop.Token);
    }

    /// <summary>Processes it started (and theirs) that are still alive.</summary>
    public IReadOnlyList<string> LeftOver()
    {
        lock (_seen) return _seen.Where(Alive).Select(pid => $"{pid} {Command(pid)}").ToList();
    }

    /// <summary>Every process whose parent chain leads to the demo, remembered (a daemon re-parented to init after that is still caught).</summary>
    private void RecordDescendants()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // exited while we looked
            }
        }
        lock (_seen)
        {
            _seen.Add(_process.Id);
            bool added;
            do
            {
                added = false;
                foreach (var (pid, parent) in parents)
                {
                    if (_seen.Contains(parent) && _seen.Add(pid)) added = true;
                }
            } while (added);
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        foreach (var line in LeftOver())
        {
            try
            {
                Process.GetProcessById(int.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture)).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
        }
        _process.Dispose();
    }
}
