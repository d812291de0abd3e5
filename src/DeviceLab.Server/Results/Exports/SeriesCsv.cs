namespace DeviceLab.Server.Results.Exports;

/// <summary>Trend lines as CSV: one line per (device model, variant, night).</summary>
public static class SeriesCsv
{
    public static string Write(IEnumerable<SeriesLine> lines)
    {
        var table = new CsvTable(["metric", "unit", "device_model", "model", "quant_type", "variant_id", "night", "n", "results",
            "mean", "std_dev", "p50", "p90", "min", "max", "run_ids", "any_virtual", "any_simulated"]);
        foreach (var line in lines)
        {
            foreach (var night in line.Nights)
            {
                var v = night.Value;
                table.Row([line.Metric, v.Unit, line.DeviceModel, line.ModelName, line.QuantType.ToString().ToLowerInvariant(), line.VariantId,
                    night.Night, v.N, v.Results, v.Mean, v.StdDev, v.P50, v.P90, v.Min, v.Max, string.Join(' ', night.RunIds),
                    night.AnyVirtual, night.AnySimulated]);
            }
        }
        return table.ToString();
    }
}
