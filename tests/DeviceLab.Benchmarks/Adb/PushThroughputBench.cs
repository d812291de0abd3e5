using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Benchmarks.Adb;

/// <summary>
/// Push throughput of DeviceLab's client against the <c>adb push</c> command, through one real adb server to
/// one virtual device (a separate process), on the same file, alternating which goes first, several runs each.
/// Reports MB/s per run, medians and the median ratio (bar: ≥ 0.9).
/// Options: <c>--size-mb N</c> (default 256), <c>--runs N</c> (default 5).
/// </summary>
internal static partial class PushThroughputBench
{
    private const double Mebibyte = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMb = Option(args, "--size-mb", 256);
        var runs = Option(args, "--runs", 5);

        var server = new AdbServerFixture();
        await server.InitializeAsync();
        try
        {
            await using var devices = new VirtualDeviceFixture(server);
            var device = await devices.StartAsync(VirtualDeviceHosting.Process);
            var file = Path.Combine(server.CreateScratchDirectory("push-bench"), "payload.bin");
            WriteRandomFile(file, sizeMb);
            Console.WriteLine($"adb-push: {sizeMb} MiB file, {runs} runs each, adb server 127.0.0.1:{server.Port}, device {device.Serial} (process)");

            // One untimed push each warms the page cache, the JIT and the device's file system.
            await PushWithClientAsync(device, file, "warmup-client.bin");
            await PushWithAdbAsync(server, device, file, "warmup-adb.bin");

            var client = new List<double>();
            var adbWall = new List<double>();
            var adbReported = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                // Alternate the order so drift (page cache, thermal, other load) hits both alike.
                var clientFirst = run % 2 == 0;
                if (!clientFirst) await MeasureAdbAsync();
                client.Add(MegabytesPerSecond(sizeMb, await PushWithClientAsync(device, file, $"client-{run}.bin")));
                if (clientFirst) await MeasureAdbAsync();
                Console.WriteLine($"  run {run + 1}: devicelab {client[^1],7:0.0} MB/s   adb push {adbWall[^1],7:0.0} MB/s wall ({adbReported[^1],7:0.0} MB/s as adb reports it)");
            }

            var clientMedian = Median(client);
            var wallMedian = Median(adbWall);
            var reportedMedian = Median(adbReported);
            Console.WriteLine($"median: devicelab {clientMedian:0.0} MB/s, adb push {wallMedian:0.0} MB/s wall, {reportedMedian:0.0} MB/s as adb reports it");
            Console.WriteLine($"ratio devicelab / adb push (wall clock, both include connection setup): {clientMedian / wallMedian:0.00}");
            Console.WriteLine($"ratio devicelab / adb push (adb's own transfer time, excludes its start-up): {clientMedian / reportedMedian:0.00}");
            Console.WriteLine("MB/s = MiB/s (2^20 bytes per second)");
            return 0;

            async Task MeasureAdbAsync()
            {
                var (wall, reportedSeconds) = await PushWithAdbAsync(server, device, file, $"adb-{adbWall.Count}.bin");
                adbWall.Add(MegabytesPerSecond(sizeMb, wall));
                adbReported.Add(MegabytesPerSecond(sizeMb, reportedSeconds is { } s ? TimeSpan.FromSeconds(s) : wall));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<TimeSpan> PushWithClientAsync(RunningVirtualDevice device, string file, string name)
    {
        var remote = $"/data/local/tmp/{name}";
        var clock = Stopwatch.StartNew();
        await device.Adb.PushFileAsync(file, remote);
        var elapsed = clock.Elapsed;
        await RemoveAsync(device, remote);
        return elapsed;
    }

    /// <returns>Wall-clock time of the command, and the transfer time adb prints ("… (N bytes in T s)"), when it prints one.</returns>
    private static async Task<(TimeSpan Wall, double? ReportedSeconds)> PushWithAdbAsync(AdbServerFixture server, RunningVirtualDevice device, string file, string name)
    {
        var remote = $"/data/local/tmp/{name}";
        var start = new ProcessStartInfo("adb") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-P", server.Port.ToString(CultureInfo.InvariantCulture), "-s", device.Serial, "push", file, remote])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = Path.Combine(server.SandboxDirectory, "home");
        var clock = Stopwatch.StartNew();
        using var adb = Process.Start(start)!;
        var output = adb.StandardOutput.ReadToEndAsync();
        var errors = adb.StandardError.ReadToEndAsync();
        await adb.WaitForExitAsync();
        var wall = clock.Elapsed;
        var text = await output + await errors;
        if (adb.ExitCode != 0) throw new InvalidOperationException($"adb push exited {adb.ExitCode}: {text}");
        await RemoveAsync(device, remote);
        var reported = ReportedTime().Match(text);
        return (wall, reported.Success ? double.Parse(reported.Groups["seconds"].Value, CultureInfo.InvariantCulture) : null);
    }

    private static async Task RemoveAsync(RunningVirtualDevice device, string remote) =>
        (await device.Adb.RunShellAsync("rm", "-f", remote)).EnsureSuccess();

    private static void WriteRandomFile(string path, int sizeMb)
    {
        var chunk = new byte[1024 * 1024];
        var random = new Random(42);
        using var file = File.Create(path);
        for (var i = 0; i < sizeMb; i++)
        {
            random.NextBytes(chunk);
            file.Write(chunk);
        }
    }

    private static double MegabytesPerSecond(int sizeMb, TimeSpan elapsed) => sizeMb * Mebibyte / Mebibyte / elapsed.TotalSeconds;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"bytes in (?<seconds>[0-9.]+)s\)")]
    private static partial Regex ReportedTime();
}
