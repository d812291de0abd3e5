namespace DeviceLab.Server.Results.Trends;

/// <summary>One night of a (device model, variant) series: the run's results of devices of that model, pooled.</summary>
/// <param name="At">When the run was created (UTC); the chart shows the viewer's local date.</param>
/// <param name="Mean">Mean in the metric's unit.</param>
/// <param name="StdDev">Stddev of the pooled measurements.</param>
/// <param name="Count">Measurements behind the mean (repetitions, tokens, or one per device).</param>
/// <param name="Devices">Devices that ran it that night.</param>
public sealed record NightlyPoint(DateTimeOffset At, long RunId, double Mean, double StdDev, int Count, int Devices, bool IsVirtual, bool IsSimulated);

/// <summary>A (device model, variant) series of one metric in one suite, oldest night first.</summary>
public sealed record NightlySeriesRow(string DeviceModel, long VariantId, string Variant, IReadOnlyList<NightlyPoint> Points);

/// <summary>A regression of the suite as the regressions table has it (the detector's output).</summary>
public sealed record TrendRegression(long Id, string DeviceModel, long VariantId, string Metric, DateTimeOffset FirstBadAt, double Magnitude, bool IsOpen, string Triage);
