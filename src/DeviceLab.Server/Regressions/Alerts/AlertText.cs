using System.Globalization;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Reports;

namespace DeviceLab.Server.Regressions.Alerts;

/// <summary>The sentences an alert says, shared by the Slack and the plain format (invariant culture: alerts are read
/// by machines too).</summary>
internal static class AlertText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Title(AlertEvent alertEvent, RegressionReport r) => (alertEvent, r.Direction) switch
    {
        (AlertEvent.Closed, _) => $"Level restored: {r.Metric} on {r.DeviceModel}",
        (_, RegressionDirection.Improvement) => $"Improvement: {r.Metric} on {r.DeviceModel}",
        _ => $"Regression: {r.Metric} on {r.DeviceModel}",
    };

    /// <summary>"decode_tokens_per_second −10.2 % (95 % CI −11.0 … −9.4 %, p = 2.1e-12): 20.1 → 18.0 tokens/s".</summary>
    public static string Change(RegressionReport r)
    {
        var evidence = new List<string>();
        if (r.RelativeChangeLow is { } low && r.RelativeChangeHigh is { } high) evidence.Add($"95% CI {Percent(low)} … {Percent(high)}");
        if (r.PValue is { } p) evidence.Add(string.Create(Invariant, $"p = {p:G2}"));
        var inParentheses = evidence.Count == 0 ? "" : $" ({string.Join(", ", evidence)})";
        var mirrors = r.MirrorMetrics is { Count: > 0 } names ? $" (also {string.Join(", ", names)})" : "";
        return string.Create(Invariant, $"{r.Metric} {Percent(r.RelativeChange)}{inParentheses}: {r.MeanBefore:G4} → {r.MeanAfter:G4} {r.Unit}{mirrors}");
    }

    /// <summary>"suite nightly · Pixel 8 · tinyllama Q4_0 · first bad night 2026-02-10".</summary>
    public static string Series(RegressionReport r) =>
        string.Create(Invariant, $"suite {r.Suite} · {r.DeviceModel} · {r.Model} {r.Variant} · first bad night {r.FirstBadNight:yyyy-MM-dd}") +
        (r.RestoredNight is { } restored ? string.Create(Invariant, $" · restored {restored:yyyy-MM-dd}") : "");

    /// <summary>Devices and variants it affects, and the virtual-device label where it applies.</summary>
    public static string Context(RegressionReport r)
    {
        var devices = r.AffectedDevices.Count == 0 ? "no single device stands out" : string.Join(", ", r.AffectedDevices.Select(d => d.Serial + (d.IsVirtual ? " (virtual)" : "")));
        var variants = string.Join(", ", r.AffectedVariants);
        return $"Devices: {devices}. Variants: {variants}." + (r.MeasuredOnVirtualDevices ? " Measured on DeviceLab virtual devices, not phones." : "");
    }

    public static string Percent(double fraction) => fraction.ToString("+0.0%;-0.0%;0.0%", Invariant);
}
