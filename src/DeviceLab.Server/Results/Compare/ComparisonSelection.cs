namespace DeviceLab.Server.Results.Compare;

/// <summary>
/// What to compare: one model, some of its variants, some device models, and which run (the latest run that measured
/// each (device model, variant), or one given run). Empty lists mean "all that have results".
/// </summary>
public sealed record ComparisonSelection(long ModelId, IReadOnlyList<long> VariantIds, IReadOnlyList<string> DeviceModels, long? RunId = null);
