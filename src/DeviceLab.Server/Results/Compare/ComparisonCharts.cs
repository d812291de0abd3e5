using DeviceLab.Server.Components.Charts;
using DeviceLab.Server.Components.Formatting;
using DeviceLab.Server.Components.Sources;

namespace DeviceLab.Server.Results.Compare;

/// <summary>Turns compare rows into chart data: grouped bars of one metric, and a scatter of two (speed or energy
/// against quality). Rows missing either value are left out of a scatter (and counted, so the page can say so).</summary>
public static class ComparisonCharts
{
    public static IReadOnlyList<BarValue> Bars(IEnumerable<ComparisonRow> rows, ResultMetricView metric) =>
        rows.Select(row =>
        {
            var value = row[metric];
            return new BarValue(row.DeviceModel, row.QuantType,
                value.Mean is { } mean ? metric.ToAxis(mean) : null,
                value.StdDev is { } sd ? metric.ToAxis(sd) : null,
                Tooltip(row, metric, value), row.IsVirtual || row.IsSimulated);
        }).ToList();

    public static IReadOnlyList<ScatterPoint> Scatter(IEnumerable<ComparisonRow> rows, ResultMetricView x, ResultMetricView y) =>
        rows.Where(row => row[x].Mean is not null && row[y].Mean is not null && row[x].Invalid is null && row[y].Invalid is null)
            .Select(row => new ScatterPoint(row.DeviceModel, row.QuantType,
                x.ToAxis(row[x].Mean!.Value), y.ToAxis(row[y].Mean!.Value),
                $"{Tooltip(row, x, row[x])}\n{Describe(y, row[y])}",
                row.IsVirtual || row.IsSimulated,
                row[x].StdDev is { } xs ? x.ToAxis(xs) : null,
                row[y].StdDev is { } ys ? y.ToAxis(ys) : null))
            .ToList();

    private static string Tooltip(ComparisonRow row, ResultMetricView metric, PooledValue value)
    {
        var sources = SourceLabel.Describe(row.IsVirtual, row.IsSimulated);
        return $"{row.DeviceModel} · {row.ModelName} {row.QuantType} · run #{row.RunId}" + (sources.Length > 0 ? $" ({sources})" : "") +
               "\n" + Describe(metric, value);
    }

    private static string Describe(ResultMetricView metric, PooledValue value) =>
        $"{metric.Label}: {MeasurementFormat.Format(value.Mean, value.StdDev, metric.Unit)} (n = {value.Count})" +
        (value.Invalid is null ? "" : $" — not valid: {value.Invalid}");
}
