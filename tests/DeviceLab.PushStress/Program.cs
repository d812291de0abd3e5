using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DeviceLab.Adb;
using DeviceLab.Testing.Adb;

// Pushes large files concurrently to several virtual devices through a private real adb server while busy
// threads load the CPU, and checks every file's sha256 in the device's sandbox. Prints one line per failure
// and a summary; exit code 1 when any push failed or arrived corrupted.
//   devicelab-push-stress [--rounds N] [--devices N] [--sizes-mb 327,174,93,10] [--client ours|adb] [--spinners N]
var options = StressOptions.Parse(args);
using var load = new CpuLoad(options.Spinners);
await using var server = new AdbServerFixture();
await server.InitializeAsync();
await using var fixture = new VirtualDeviceFixture(server);
var devices = await fixture.StartManyAsync(options.Devices);
var sources = await PayloadFiles.CreateAsync(server.CreateScratchDirectory("payloads"), options.SizesMb);
Console.WriteLine($"adb server on port {server.Port}; devices {string.Join(", ", devices.Select(d => d.Serial))}; client {options.Client}; spinners {options.Spinners}");

var failures = 0;
var pushes = 0;
var watch = Stopwatch.StartNew();
for (var round = 1; round <= options.Rounds; round++)
{
    var results = await Task.WhenAll(devices.Select(d => PushAllAsync(d, sources, options.Client, server.Port, round)));
    foreach (var problems in results)
    {
        pushes += sources.Count;
        failures += problems.Count;
        foreach (var problem in problems) Console.WriteLine($"round {round}: {problem}");
    }
    Console.WriteLine($"round {round}/{options.Rounds} done at {watch.Elapsed.TotalSeconds:0.0} s; failures so far {failures}");
}
Console.WriteLine($"SUMMARY pushes={pushes} failures={failures} rounds={options.Rounds} devices={options.Devices} client={options.Client} seconds={watch.Elapsed.TotalSeconds:0.0}");
return failures == 0 ? 0 : 1;

static async Task<List<string>> PushAllAsync(RunningVirtualDevice device, IReadOnlyList<PayloadFile> sources, string client, int adbPort, int round)
{
    var problems = new List<string>();
    foreach (var source in sources)
    {
        var remote = $"/data/local/tmp/stress/r{round}/{Path.GetFileName(source.Path)}";
        var onDevice = Path.Combine(device.SandboxDirectory, "data", "local", "tmp", "stress", $"r{round}", Path.GetFileName(source.Path));
        try
        {
            if (client == "adb") await AdbCliPushAsync(adbPort, device.Serial, source.Path, remote);
            else await device.Adb.PushFileAsync(source.Path, remote);
            var hash = await PayloadFiles.HashAsync(LocateOnDevice(device, remote));
            if (hash != source.Sha256) problems.Add($"{device.Serial} {remote}: sha256 {hash[..12]}… expected {source.Sha256[..12]}…{Desync.Compare(source.Path, LocateOnDevice(device, remote))}");
        }
        catch (Exception e)
        {
            problems.Add($"{device.Serial} {remote}: {e.GetType().Name}: {e.Message}{Desync.Explain(e.Message, source.Path)}");
        }
        finally
        {
            TryDelete(LocateOnDevice(device, remote));
            Console.Out.Flush();
        }
    }
    return problems;
}

// The device's /data/local/tmp is its sandbox folder.
static string LocateOnDevice(RunningVirtualDevice device, string remote) =>
    Path.Combine(device.SandboxDirectory, remote["/data/local/tmp/".Length..]);

static void TryDelete(string path)
{
    try
    {
        if (File.Exists(path)) File.Delete(path);
    }
    catch (IOException)
    {
    }
}

static async Task AdbCliPushAsync(int port, string serial, string local, string remote)
{
    var start = new ProcessStartInfo("adb") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in (string[])["-P", port.ToString(CultureInfo.InvariantCulture), "-s", serial, "push", local, remote]) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"adb push exited {process.ExitCode}: {(await output).Trim()} {(await error).Trim()}");
}
