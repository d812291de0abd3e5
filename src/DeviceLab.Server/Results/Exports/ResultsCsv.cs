using DeviceLab.Core.Statistics;

namespace DeviceLab.Server.Results.Exports;

/// <summary>A run's results as CSV: one line per result, each distribution as count/mean/std_dev/min/p10/p50/p90/max columns.</summary>
public static class ResultsCsv
{
    private static readonly string[] Statistics = ["count", "mean", "std_dev", "min", "p10", "p50", "p90", "max"];
    private static readonly string[] Summaries = ["decode_tokens_per_second", "decode_ms_per_token", "prefill_tokens_per_second", "time_to_first_token_ms"];

    public static string Write(IEnumerable<ResultView> results)
    {
        var table = new CsvTable([
            "result_id", "run_id", "run_job_id", "attempt", "superseded", "partial", "device_id", "device_serial", "device_model", "device_abi",
            "os_version", "variant_id", "model", "quant_type", "variant_sha256",
            .. Summaries.SelectMany(s => Statistics.Select(x => $"{s}_{x}")),
            "peak_memory_bytes", "peak_memory_method", "energy_j", "energy_mj_per_token", "energy_method", "energy_valid", "perplexity", "kl_divergence",
            "top1_agreement", "thermal_max_c", "throttled_share", "admission_wait_ms", "admission_forced_count", "is_virtual", "is_simulated", "created_at",
        ]);
        foreach (var r in results)
        {
            table.Row([
                r.Id, r.RunId, r.RunJobId, r.Attempt, r.Superseded, r.IsPartial, r.DeviceId, r.DeviceSerial, r.DeviceModel, r.DeviceAbi,
                r.OsVersion, r.VariantId, r.ModelName, r.QuantType.ToString().ToLowerInvariant(), r.VariantSha256,
                .. Cells(r.DecodeTokensPerSecond), .. Cells(r.DecodeMsPerToken), .. Cells(r.PrefillTokensPerSecond), .. Cells(r.TimeToFirstTokenMs),
                r.PeakMemoryBytes, r.PeakMemoryMethod, r.EnergyJ, r.EnergyMjPerToken, r.EnergyMethod, r.EnergyValid, r.Perplexity, r.KlDivergence,
                r.Top1Agreement, r.ThermalMaxC, r.ThrottledShare, r.AdmissionWaitMs, r.AdmissionForcedCount, r.IsVirtual, r.IsSimulated, r.CreatedAt,
            ]);
        }
        return table.ToString();
    }

    private static object?[] Cells(SampleSummary? s) =>
        s is not { } v ? new object?[Statistics.Length] : [v.Count, v.Mean, v.StdDev, v.Min, v.P10, v.P50, v.P90, v.Max];
}
