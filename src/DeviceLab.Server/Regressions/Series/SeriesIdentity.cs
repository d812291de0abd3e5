namespace DeviceLab.Server.Regressions.Series;

/// <summary>The database identity of a series: what <c>nightly_points</c>, <c>regressions</c> and <c>run_gate_verdicts</c> share.</summary>
public readonly record struct SeriesIdentity(long SuiteId, string DeviceModel, long ModelId, long VariantId, string Metric)
{
    public static SeriesIdentity Of(NightlyPoint night) => new(night.SuiteId, night.DeviceModel, night.ModelId, night.VariantId, night.Metric);

    public static SeriesIdentity Of(Regression regression) =>
        new(regression.SuiteId, regression.DeviceModel, regression.ModelId, regression.VariantId, regression.Metric);
}
