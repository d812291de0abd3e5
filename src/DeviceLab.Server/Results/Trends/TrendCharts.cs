using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Server.Components.Charts;
using DeviceLab.Server.Components.Formatting;
using DeviceLab.Server.Components.LocalTime;
using DeviceLab.Server.Components.Sources;

namespace DeviceLab.Server.Results.Trends;

/// <summary>
/// Turns nightly series into chart series: points in the viewer's local dates linking to their runs, change points
/// found by the detector on the series shown, and the first bad night of the suite's regressions.
/// </summary>
public static class TrendCharts
{
    public static TrendSeries Build(NightlySeriesRow row, ResultMetricView metric, IEnumerable<TrendRegression> regressions, ViewerClock clock,
        ChangePointDetector detector)
    {
        // One point per local night: a second run the same night (a re-run) keeps the later one.
        var nights = row.Points.GroupBy(p => clock.Date(p.At)).Select(g => (Night: g.Key, Point: g.Last())).OrderBy(n => n.Night).ToList();
        var points = nights.Select(n => new TrendPoint(n.Night, metric.ToAxis(n.Point.Mean), metric.ToAxis(n.Point.StdDev),
            Tooltip(n.Night, n.Point, metric), $"/runs/{n.Point.RunId}", n.Point.IsVirtual || n.Point.IsSimulated)).ToList();
        var markers = new List<TrendMarker>();
        if (nights.Count >= 2 * detector.Options.MinSegmentNights)
        {
            foreach (var change in detector.Detect(nights.Select(n => n.Point.Mean).ToArray()))
                markers.Add(new TrendMarker(nights[change.Index].Night, TrendMarkerKind.ChangePoint,
                    $"change point: {MeasurementFormat.RelativeChange(change.RelativeChange)} (p = {change.PValue:0.####}), first night {nights[change.Index].Night:yyyy-MM-dd}"));
        }
        foreach (var regression in regressions.Where(r => r.DeviceModel == row.DeviceModel && r.VariantId == row.VariantId))
            markers.Add(new TrendMarker(clock.Date(regression.FirstBadAt), regression.IsOpen ? TrendMarkerKind.OpenRegression : TrendMarkerKind.ClosedRegression,
                $"regression #{regression.Id}: {MeasurementFormat.RelativeChange(regression.Magnitude)} from {clock.Format(regression.FirstBadAt)} · {(regression.IsOpen ? "open" : "closed")} · {regression.Triage.ToLowerInvariant()}",
                $"/regressions?id={regression.Id}"));
        return new TrendSeries(row.Variant, points, markers);
    }

    private static string Tooltip(DateOnly night, NightlyPoint point, ResultMetricView metric)
    {
        var sources = SourceLabel.Describe(point.IsVirtual, point.IsSimulated);
        return $"{night:yyyy-MM-dd} · run #{point.RunId}{(sources.Length > 0 ? $" ({sources})" : "")}\n" +
               $"{metric.Label}: {MeasurementFormat.Format(point.Mean, point.StdDev, metric.Unit)} (n = {point.Count}, {point.Devices} device(s))\nclick to open the run";
    }
}
