using System.Text.Json;
using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs;

/// <summary>A run as the API shows it: its snapshot, status, job tally and (in detail) every job with its attempts.
/// A job's results are those of its newest attempt (<see cref="RunJobView.Attempt"/>); earlier attempts are history.</summary>
public sealed record RunView(
    long Id, long? SuiteId, RunStatus Status, RunTrigger Trigger, string? RequestedBy, IReadOnlyList<long> VariantIds,
    DeviceSelector DeviceSelector, SuiteParameters Parameters, RunJobTally Tally,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? CancelRequestedAt, string? CancelReason,
    IReadOnlyList<RunJobView>? Jobs)
{
    public static RunView Of(Run run, bool withJobs) => new(run.Id, run.SuiteId, run.Status, run.Trigger, run.RequestedBy, run.VariantIds,
        run.DeviceSelector, run.Parameters, TallyOf(run.Jobs), run.CreatedAt, run.StartedAt, run.FinishedAt, run.CancelRequestedAt, run.CancelReason,
        withJobs ? run.Jobs.OrderBy(j => j.Id).Select(RunJobView.Of).ToList() : null);

    /// <summary>A run with its jobs, attempts and devices, or null.</summary>
    public static async Task<RunView?> LoadAsync(DeviceLabDbContext db, long runId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().AsSplitQuery()
            .Include(r => r.Jobs).ThenInclude(j => j.Device)
            .Include(r => r.Jobs).ThenInclude(j => j.Attempts)
            .SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is null ? null : Of(run, withJobs: true);
    }

    private static RunJobTally TallyOf(IReadOnlyCollection<RunJob> jobs) => new(jobs.Count,
        jobs.Count(j => j.Status == RunJobStatus.Queued), jobs.Count(j => j.Status == RunJobStatus.WaitingForDevice),
        jobs.Count(j => j.Status == RunJobStatus.Running), jobs.Count(j => j.Status == RunJobStatus.Succeeded),
        jobs.Count(j => j.Status == RunJobStatus.Failed), jobs.Count(j => j.Status == RunJobStatus.Cancelled));
}

/// <summary>One device's part of a run; the error fields describe its newest attempt's end.</summary>
public sealed record RunJobView(
    long Id, long DeviceId, string? DeviceSerial, string? DeviceModel, bool DeviceIsVirtual, RunJobStatus Status, int Attempt,
    string? ErrorCode, string? ErrorMessage, bool IsPartial, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<RunJobAttemptView> Attempts)
{
    public static RunJobView Of(RunJob job) => new(job.Id, job.DeviceId, job.Device?.Serial, job.Device?.Model, job.Device?.IsVirtual ?? false,
        job.Status, job.Attempt, job.ErrorCode, job.ErrorMessage, job.IsPartial, job.StartedAt, job.FinishedAt,
        job.Attempts.OrderBy(a => a.Attempt).Select(RunJobAttemptView.Of).ToList());
}

/// <summary>One try of a job: its device, outcome, lease token, progress and what preparing the device did.</summary>
public sealed record RunJobAttemptView(
    int Attempt, long DeviceId, RunJobAttemptStatus Status, string? ErrorCode, string? ErrorMessage, bool IsPartial,
    long? LeaseFencingToken, int RepetitionsDone, int RepetitionsTotal, int? AgentExitCode,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JsonElement? Preparation)
{
    public static RunJobAttemptView Of(RunJobAttempt a) => new(a.Attempt, a.DeviceId, a.Status, a.ErrorCode, a.ErrorMessage, a.IsPartial,
        a.LeaseFencingToken, a.RepetitionsDone, a.RepetitionsTotal, a.AgentExitCode, a.CreatedAt, a.StartedAt, a.FinishedAt, a.Preparation);
}
