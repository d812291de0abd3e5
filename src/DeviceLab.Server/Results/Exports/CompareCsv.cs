namespace DeviceLab.Server.Results.Exports;

/// <summary>A comparison as CSV: one line per (device model, variant), every metric as <c>&lt;metric&gt;_mean</c>, <c>_std_dev</c> … columns.</summary>
public static class CompareCsv
{
    private static readonly string[] Statistics = ["n", "results", "mean", "std_dev", "p50", "p90", "min", "max"];

    public static string Write(IEnumerable<CompareRow> rows)
    {
        var table = new CsvTable([
            "device_model", "model", "quant_type", "variant_id", "variant_sha256", "results", "devices",
            "any_virtual", "all_virtual", "any_simulated", "any_partial", "energy_invalid_results", "first_result_at", "last_result_at",
            .. ResultMetric.All.SelectMany(m => Statistics.Select(s => $"{m.Name}_{s}")),
            "peak_memory_method",
        ]);
        foreach (var row in rows)
        {
            table.Row([
                row.DeviceModel, row.ModelName, row.QuantType.ToString().ToLowerInvariant(), row.VariantId, row.VariantSha256, row.Results, row.Devices,
                row.AnyVirtual, row.AllVirtual, row.AnySimulated, row.AnyPartial, row.EnergyInvalidResults, row.FirstResultAt, row.LastResultAt,
                .. ResultMetric.All.SelectMany(m => Cells(row.Metrics.GetValueOrDefault(m.Name))),
                row.PeakMemoryMethod,
            ]);
        }
        return table.ToString();
    }

    private static object?[] Cells(MetricAggregate? a) =>
        a is null ? new object?[Statistics.Length] : [a.N, a.Results, a.Mean, a.StdDev, a.P50, a.P90, a.Min, a.Max];
}
