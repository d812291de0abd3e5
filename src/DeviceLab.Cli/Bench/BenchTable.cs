using System.Globalization;

namespace DeviceLab.Cli.Bench;

/// <summary>The llama-bench-style markdown table.</summary>
internal static class BenchTable
{
    public static void Write(BenchReport report, TextWriter output)
    {
        var m = report.Model;
        var k = report.Kernels;
        var model = $"{m.Architecture} {m.FileType.ToUpperInvariant()}";
        var size = $"{m.FileBytes / 1048576.0:0.00} MiB";
        var parameters = $"{m.ParameterCount / 1e6:0.00} M";
        var backend = $"CPU ({k.Path})";
        output.WriteLine("| model | size | params | backend | threads | test | t/s |");
        output.WriteLine("| ----- | ---: | -----: | ------- | ------: | ---: | --: |");
        output.WriteLine($"| {model} | {size} | {parameters} | {backend} | {k.Threads} | pp{report.Settings.PromptTokens} | {Format(report.Prefill.Mean)} ± {Format(report.Prefill.StdDev)} |");
        output.WriteLine($"| {model} | {size} | {parameters} | {backend} | {k.Threads} | tg{report.Settings.GeneratedTokens} | {Format(report.Decode.Mean)} ± {Format(report.Decode.StdDev)} |");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Repetitions.Count} repetitions after {report.Settings.Warmups} warm-up(s); medians: pp {report.Prefill.P50:0.0} t/s, " +
            $"tg {report.Decode.P50:0.0} t/s, time to first token {report.TimeToFirstToken.P50:0.0} ms, " +
            $"peak RSS {Mib(report.PeakRssBytes)} (file {Mib(m.FileBytes)}, KV cache {Mib(k.Memory.KvCacheBytes)} {k.KvCacheType}, scratch {Mib(k.Memory.ScratchBytes)})"));
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => bytes < 0 ? "unknown" : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");
}
