namespace DeviceLab.Server.Results;

/// <summary>Which results a compare, series or export covers. Empty lists mean "all".</summary>
/// <param name="From">Results created at or after (UTC); null: no lower bound.</param>
/// <param name="To">Results created before (UTC); null: no upper bound.</param>
/// <param name="IncludeVirtual">Also results measured on DeviceLab virtual devices (labelled as such).</param>
public sealed record ResultFilter(
    long? ModelId = null,
    long? SuiteId = null,
    long? RunId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    IReadOnlyList<string>? DeviceModels = null,
    IReadOnlyList<long>? VariantIds = null,
    bool IncludeVirtual = true);
