using DeviceLab.Core.Runs;

namespace DeviceLab.Server.Runs;

/// <summary>A run as the runs list shows it.</summary>
public sealed record RunListRow(
    long Id, string? Suite, long? SuiteId, RunStatus Status, RunTrigger Trigger, string? RequestedBy, int Variants,
    int Jobs, int JobsDone, int JobsFailed, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
