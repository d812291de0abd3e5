using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Benchmarks.Adb;

/// <summary>
/// Push throughput of DeviceLab's client against the <c>adb push</c> command, through one real adb server to
/// one virtual device (a separate process), on the same file, in pairs that alternate which goes first.
/// Reports MB/s per run, the median of each, the median ratio, the median of the per-pair ratios (a pair runs
/// back to back, so it shares the machine's load), and each client's CPU time per GiB (load-independent).
/// Options: <c>--size-mb N</c> (default 256), <c>--runs N</c> (pairs, default 7).
/// </summary>
internal static partial class PushThroughputBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMb = Option(args, "--size-mb", 256);
        var runs = Option(args, "--runs", 7);

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

            var client = new List<Measurement>();
            var adb = new List<Measurement>();
            for (var run = 0; run < runs; run++)
            {
                // Alternate the order so drift (page cache, other load) hits both alike.
                if (run % 2 == 1) adb.Add(await PushWithAdbAsync(server, device, file, $"adb-{run}.bin"));
                client.Add(await PushWithClientAsync(device, file, $"client-{run}.bin"));
                if (run % 2 == 0) adb.Add(await PushWithAdbAsync(server, device, file, $"adb-{run}.bin"));
                Console.WriteLine(
                    $"  run {run + 1}: devicelab {client[^1].MegabytesPerSecond(sizeMb),7:0.0} MB/s   " +
                    $"adb push {adb[^1].MegabytesPerSecond(sizeMb),7:0.0} MB/s wall, {adb[^1].MegabytesPerSecondAsReported(sizeMb),7:0.0} as adb reports it");
            }

            var clientMedian = Median(client.Select(m => m.MegabytesPerSecond(sizeMb)));
            var adbMedian = Median(adb.Select(m => m.MegabytesPerSecond(sizeMb)));
            var reportedMedian = Median(adb.Select(m => m.MegabytesPerSecondAsReported(sizeMb)));
            var pairRatio = Median(client.Zip(adb, (c, a) => c.MegabytesPerSecond(sizeMb) / a.MegabytesPerSecond(sizeMb)));
            var gib = sizeMb / 1024.0;
            Console.WriteLine($"median: devicelab {clientMedian:0.0} MB/s; adb push {adbMedian:0.0} MB/s wall, {reportedMedian:0.0} MB/s as adb reports it");
            Console.WriteLine($"ratio devicelab / adb push, medians (wall clock, both include connection setup): {clientMedian / adbMedian:0.00}");
            Console.WriteLine($"ratio devicelab / adb push, medians (adb's own transfer time, excludes its start-up): {clientMedian / reportedMedian:0.00}");
            Console.WriteLine($"ratio devicelab / adb push, median of back-to-back pairs: {pairRatio:0.00}");
            Console.WriteLine(
                $"CPU per GiB (median): devicelab {Median(client.Select(m => m.Cpu.TotalSeconds / gib)):0.000} s, " +
                $"adb push {Median(adb.Select(m => m.Cpu.TotalSeconds / gib)):0.000} s (client side only; server and device not counted)");
            Console.WriteLine("MB/s = MiB/s (2^20 bytes per second)");
            return 0;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<Measurement> PushWithClientAsync(RunningVirtualDevice device, string file, string name)
    {
        var remote = $"/data/local/tmp/{name}";
        var cpuBefore = ProcessorTime.OfSelf();
        var clock = Stopwatch.StartNew();
        await device.Adb.PushFileAsync(file, remote);
        var elapsed = clock.Elapsed;
        var cpu = ProcessorTime.OfSelf() - cpuBefore;
        await RemoveAsync(device, remote);
        return new Measurement(elapsed, null, cpu);
    }

    private static async Task<Measurement> PushWithAdbAsync(AdbServerFixture server, RunningVirtualDevice device, string file, string name)
    {
        var remote = $"/data/local/tmp/{name}";
        var start = new ProcessStartInfo("adb") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-P", server.Port.ToString(CultureInfo.InvariantCulture), "-s", device.Serial, "push", file, remote])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = Path.Combine(server.SandboxDirectory, "home");
        var cpuBefore = ProcessorTime.OfFinishedChildren();
        var clock = Stopwatch.StartNew();
        using var adb = Process.Start(start)!;
        var output = adb.StandardOutput.ReadToEndAsync();
        var errors = adb.StandardError.ReadToEndAsync();
        await adb.WaitForExitAsync();
        var wall = clock.Elapsed;
        var cpu = ProcessorTime.OfFinishedChildren() - cpuBefore;
        var text = await output + await errors;
        if (adb.ExitCode != 0) throw new InvalidOperationException($"adb push exited {adb.ExitCode}: {text}");
        await RemoveAsync(device, remote);
        // adb prints "… N MB/s (BYTES bytes in SECONDS s)": its own transfer time, without process start-up.
        var reported = ReportedTime().Match(text);
        return new Measurement(wall, reported.Success ? TimeSpan.FromSeconds(double.Parse(reported.Groups["seconds"].Value, CultureInfo.InvariantCulture)) : null, cpu);
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

    private static double Median(IEnumerable<double> values)
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

    /// <param name="Reported">The transfer time adb itself printed, when it printed one.</param>
    /// <param name="Cpu">User + system CPU time of the pushing client.</param>
    private sealed record Measurement(TimeSpan Wall, TimeSpan? Reported, TimeSpan Cpu)
    {
        public double MegabytesPerSecond(int sizeMb) => sizeMb / Wall.TotalSeconds;

        public double MegabytesPerSecondAsReported(int sizeMb) => sizeMb / (Reported ?? Wall).TotalSeconds;
    }
}
