using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using DeviceLab.LocalPostgres;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Demo;

/// <summary><c>devicelab demo</c> as a person runs it: start, wait for the address, open it, press Ctrl+C.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TemporaryFolder _folder = new("cli-demo");

    [Fact]
    public async Task Demo_prints_the_dashboard_address_serves_it_and_stops_server_and_database_on_ctrl_c()
    {
        var url = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        var output = new StringBuilder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "devicelab.dll"), "demo", "--url", url, "--data", _folder.Combine("data") },
        };
        using var cli = Process.Start(start)!;
        cli.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        cli.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        cli.BeginOutputReadLine();
        cli.BeginErrorReadLine();
        string Output() { lock (output) return output.ToString(); }

        try
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!Output().Contains($"Dashboard: {url}/"))
            {
                Assert.True(DateTime.UtcNow < deadline && !cli.HasExited, $"No dashboard address:\n{Output()}");
                await Task.Delay(100);
            }
            using (var http = new HttpClient())
                Assert.Contains("href=\"/fleet\"", await http.GetStringAsync(url + "/"));
            var cluster = _folder.Combine("data", LocalPostgresOptions.ClusterFolderName);
            Assert.True(File.Exists(Path.Combine(cluster, "postmaster.pid")));

            using (var interrupt = Process.Start("kill", ["-INT", cli.Id.ToString()])) await interrupt.WaitForExitAsync();

            using var stop = new CancellationTokenSource(Patience);
            await cli.WaitForExitAsync(stop.Token);
            Assert.Equal(0, cli.ExitCode);
            Assert.Contains("Stopped the local PostgreSQL cluster", Output());
            Assert.False(File.Exists(Path.Combine(cluster, "postmaster.pid")), Output());
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(new Uri(url).Host, new Uri(url).Port);
            });
        }
        finally
        {
            if (!cli.HasExited) cli.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => _folder.Dispose();
}
