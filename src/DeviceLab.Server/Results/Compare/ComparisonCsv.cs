using System.Globalization;
using System.Text;

namespace DeviceLab.Server.Results.Compare;

/// <summary>
/// The compare table as CSV (RFC 4180, UTF-8, invariant numbers at full precision): one line per row, for every metric
/// its mean, stddev and n (p50 / p90 where the metric has them) and why a value is invalid; peak memory also its method.
/// Sources are columns, so a virtual device's numbers stay marked in a spreadsheet too.
/// </summary>
public static class ComparisonCsv
{
    public static string Write(IEnumerable<ComparisonRow> rows)
    {
        var csv = new StringBuilder();
        var header = new List<string>
        {
            "device_model", "model", "variant", "variant_sha256", "run_id", "measured_at_utc", "devices", "results",
            "virtual_device", "simulated_telemetry", "partial",
        };
        foreach (var metric in ResultMetricView.All)
        {
            header.AddRange([$"{metric.Key}_mean", $"{metric.Key}_stddev", $"{metric.Key}_n"]);
            if (metric.HasPercentiles) header.AddRange([$"{metric.Key}_p50", $"{metric.Key}_p90"]);
            header.Add($"{metric.Key}_invalid");
            if (metric == ResultMetricView.PeakMemoryBytes) header.Add(PeakMemoryMethodColumn);
        }
        csv.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            var fields = new List<string>
            {
                Text(row.DeviceModel), Text(row.ModelName), Text(row.QuantType), Text(row.Sha256 ?? ""),
                row.RunId.ToString(CultureInfo.InvariantCulture), row.MeasuredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                row.Devices.ToString(CultureInfo.InvariantCulture), row.Results.ToString(CultureInfo.InvariantCulture),
                Flag(row.IsVirtual), Flag(row.IsSimulated), Flag(row.IsPartial),
            };
            foreach (var metric in ResultMetricView.All)
            {
                var value = row[metric];
                fields.AddRange([Number(value.Mean), Number(value.StdDev), value.HasValue ? value.Count.ToString(CultureInfo.InvariantCulture) : ""]);
                if (metric.HasPercentiles) fields.AddRange([Number(value.P50), Number(value.P90)]);
                fields.Add(Text(value.Invalid ?? ""));
                if (metric == ResultMetricView.PeakMemoryBytes) fields.Add(value.HasValue ? Text(row.PeakMemoryMethod.Key ?? "") : "");
            }
            csv.AppendJoin(',', fields).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>The agent's <c>peak_rss_method</c> (<c>hwm_reset</c>, <c>rss_sampled_max</c>, <c>mixed</c> …), empty when not reported.</summary>
    public const string PeakMemoryMethodColumn = "peak_memory_method";

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Flag(bool value) => value ? "true" : "false";

    /// <summary>Quoted when needed; a leading = + - @ gets a ' so a spreadsheet never runs a device name as a formula.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
