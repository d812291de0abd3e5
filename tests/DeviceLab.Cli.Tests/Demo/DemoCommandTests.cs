using System.Net.Sockets;
using System.Text.Json;
using DeviceLab.LocalPostgres;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Demo;

/// <summary>
/// <c>devicelab demo</c> as a new user runs it, with the built CLI as a process and an empty data folder: it reaches a
/// finished run with results on both virtual devices and a dashboard that answers; Ctrl+C leaves no process and no open
/// port; the second start reuses the model and the suite.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoCommandTests : IDisposable
{
    private static readonly TimeSpan FirstStartPatience = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TemporaryFolder _folder = new("cli-demo");

    [Fact]
    public async Task Demo_runs_the_nightly_suite_on_both_devices_stops_everything_on_ctrl_c_and_reuses_its_data()
    {
        var url = $"http://127.0.0.1:{Testing.Adb.LoopbackPorts.PickFree()}";
        var data = _folder.Combine("data");
        string[] demo = [Path.Combine(AppContext.BaseDirectory, "devicelab.dll"), "demo", "--url", url, "--data", data];

        await using (var first = DemoProcess.Start(_folder.Path, "dotnet", demo))
        {
            await first.WaitForAsync("DeviceLab keeps running.", FirstStartPatience);
            var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "demo.json"))).RootElement;
            var serials = state.GetProperty("devicePorts").EnumerateArray().Select(p => $"127.0.0.1:{p.GetInt32()}").ToList();
            Assert.Equal(2, serials.Count);
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(first.Output, @"Nightly suite: run \d+ succeeded"), first.Output);
            foreach (var serial in serials)
                Assert.True(first.Output.Contains($"{serial} (Virtual Device, virtual): succeeded"), $"{serial} did not succeed:\n{first.Output}\nserver log:\n{ServerLogProblems(data)}");
            Assert.Contains($"Dashboard: {url}/", first.Output);
            Assert.Contains("First result stored", first.Output);
            using (var http = new HttpClient())
            {
                var page = await http.GetAsync(url + "/");
                Assert.True(page.IsSuccessStatusCode, $"{url}/ answered {(int)page.StatusCode}");
                Assert.Contains("DeviceLab", await page.Content.ReadAsStringAsync());
            }

            await first.InterruptAsync(Patience);
            Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}:\n{first.Output}");
            Assert.Contains("Stopped the server and its PostgreSQL.", first.Output);
            Assert.Contains("Stopped the virtual devices and the adb server.", first.Output);
            Assert.Empty(first.LeftOver());
            await AssertClosedAsync(url, state);
            Assert.False(File.Exists(Path.Combine(data, LocalPostgresOptions.ClusterFolderName, "postmaster.pid")), first.Output);
        }

        await using var second = DemoProcess.Start(_folder.Path, "dotnet", demo);
        await second.WaitForAsync("Nightly suite: run", Patience);
        Assert.Contains("is on the server already with this file", second.Output);
        Assert.DoesNotContain("Generating", second.Output);
        Assert.Contains("Suite nightly (id 1)", second.Output);
        await second.InterruptAsync(Patience);
        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}:\n{second.Output}");
        Assert.Empty(second.LeftOver());
        await AssertClosedAsync(url, JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "demo.json"))).RootElement);
    }

    /// <summary>Nothing listens any more on the dashboard's, the adb server's or the devices' ports.</summary>
    private static async Task AssertClosedAsync(string url, JsonElement state)
    {
        var ports = new List<int> { new Uri(url).Port, state.GetProperty("adbPort").GetInt32() };
        ports.AddRange(state.GetProperty("devicePorts").EnumerateArray().Select(p => p.GetInt32()));
        foreach (var port in ports)
        {
            await Assert.ThrowsAnyAsync<SocketException>(async () =>
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
            });
        }
    }

    /// <summary>The server log's warnings and errors, for a failure message (the folder is gone afterwards).</summary>
    private static string ServerLogProblems(string data)
    {
        var log = Path.Combine(data, "server.log");
        if (!File.Exists(log)) return "(no server.log)";
        using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var lines = reader.ReadToEnd().Split('\n');
        return string.Join('\n', lines.Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)
                                                  || l.Contains("error", StringComparison.OrdinalIgnoreCase)).TakeLast(60));
    }

    public void Dispose() => _folder.Dispose();
}
