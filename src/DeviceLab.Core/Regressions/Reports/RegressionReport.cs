namespace DeviceLab.Core.Regressions.Reports;

/// <summary>
/// A regression (or improvement) as the API returns it and the plain-JSON webhook posts it: one change of level in
/// one nightly series — (suite, device model, model, variant, metric) — with its first bad night, size, confidence
/// and triage. Field names are camelCase in JSON; enums are snake_case text.
/// </summary>
/// <param name="Id">Stable id; <c>/api/v1/regressions/{id}</c>.</param>
/// <param name="Suite">Suite name.</param>
/// <param name="DeviceModel">Device model the series pools (every device of that model), e.g. <c>Pixel 8</c>.</param>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Quantization variant, e.g. <c>Q4_0</c>.</param>
/// <param name="Metric">Metric, e.g. <c>decode_tokens_per_second</c>.</param>
/// <param name="Unit">Unit of the levels, e.g. <c>tokens/s</c>.</param>
/// <param name="Direction"><c>regression</c> (worse) or <c>improvement</c> (better), for the metric's own sense.</param>
/// <param name="Status"><c>open</c> while the new level stands; <c>closed</c> once a later change restored the level.</param>
/// <param name="Triage">What people decided: untriaged, acknowledged, invalid, fixed, wont_fix.</param>
/// <param name="FirstBadNight">First night of the new level.</param>
/// <param name="LastGoodNight">The night before it.</param>
/// <param name="RestoredNight">First night of the restored level; null while open.</param>
/// <param name="FirstBadRunId">A run of the first bad night.</param>
/// <param name="RelativeChange">Level after ÷ level before − 1, e.g. −0.10 for 10 % fewer tokens/s.</param>
/// <param name="RelativeChangeLow">Lower bound of its 95 % confidence interval.</param>
/// <param name="RelativeChangeHigh">Upper bound.</param>
/// <param name="PValue">Two-sided p-value of the t-test between the levels (smaller is more certain).</param>
/// <param name="MeanBefore">Level before: mean of the nightly medians, in <paramref name="Unit"/>.</param>
/// <param name="MeanAfter">Level after.</param>
/// <param name="NightsBefore">Nights behind <paramref name="MeanBefore"/>.</param>
/// <param name="NightsAfter">Nights behind <paramref name="MeanAfter"/>.</param>
/// <param name="AffectedDevices">Devices of the model whose own results show the change.</param>
/// <param name="AffectedVariants">Variants of the same model, device model and metric where the same change was
/// found within a few nights (this one included).</param>
/// <param name="MeasuredOnVirtualDevices">Some nights came from DeviceLab virtual devices, not phones.</param>
/// <param name="TriageNote">The latest triage note.</param>
/// <param name="TriagedBy">Who triaged last.</param>
/// <param name="TriagedAt">When.</param>
/// <param name="OpenedAt">When the detector opened it.</param>
/// <param name="ClosedAt">When the detector closed it.</param>
/// <param name="MirrorMetrics">Metrics that measure the same thing in another unit (e.g. <c>decode_ms_per_token</c> for
/// <c>decode_tokens_per_second</c>): the change is theirs too, and they get no regression of their own.</param>
public sealed record RegressionReport(
    long Id,
    string Suite,
    string DeviceModel,
    string Model,
    string Variant,
    string Metric,
    string Unit,
    RegressionDirection Direction,
    RegressionStatus Status,
    TriageState Triage,
    DateOnly FirstBadNight,
    DateOnly LastGoodNight,
    DateOnly? RestoredNight,
    long FirstBadRunId,
    double RelativeChange,
    double? RelativeChangeLow,
    double? RelativeChangeHigh,
    double? PValue,
    double MeanBefore,
    double MeanAfter,
    int NightsBefore,
    int NightsAfter,
    IReadOnlyList<AffectedDevice> AffectedDevices,
    IReadOnlyList<string> AffectedVariants,
    bool MeasuredOnVirtualDevices,
    string? TriageNote,
    string? TriagedBy,
    DateTimeOffset? TriagedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string>? MirrorMetrics = null);

/// <summary>A device whose results show a regression.</summary>
/// <param name="Id">Device id.</param>
/// <param name="Serial">Its adb serial or agent device id.</param>
/// <param name="IsVirtual">A DeviceLab virtual device.</param>
public sealed record AffectedDevice(long Id, string Serial, bool IsVirtual);
