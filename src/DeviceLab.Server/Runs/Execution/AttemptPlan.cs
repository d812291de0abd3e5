using DeviceLab.Core.Models;
using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>Everything one attempt of a run job needs to run on its device.</summary>
public sealed record AttemptPlan(
    long RunId, long RunJobId, int Attempt, long DeviceId, string Serial, string LabHost, string? Abi, bool DeviceIsVirtual,
    DateTimeOffset AttemptCreatedAt, IReadOnlyList<PlannedVariant> Variants, SuiteParameters Parameters, DeviceSelector Selector,
    PhaseLimits Limits)
{
    public int RepetitionsTotal => Variants.Count * Parameters.Repetitions;

    public override string ToString() => $"run job {RunJobId} attempt {Attempt} on {Serial}";
}

/// <summary>A variant to run: the label the agent uses for it, and its file.</summary>
public sealed record PlannedVariant(long VariantId, string Label, QuantType QuantType, string Sha256, long SizeBytes);

/// <summary>The time limits of one attempt's phases.</summary>
public sealed record PhaseLimits(TimeSpan Push, TimeSpan Admission, TimeSpan Benchmark);
