using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Runs.Planning;

/// <summary>What a run is made of: variants × devices (by selector) × parameters, and who asked for it.</summary>
public sealed record RunRequest(
    IReadOnlyList<long> VariantIds, DeviceSelector DeviceSelector, SuiteParameters Parameters,
    RunTrigger Trigger, string? RequestedBy, long? SuiteId = null);
