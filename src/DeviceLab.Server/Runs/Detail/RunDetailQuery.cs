using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs.Detail;

/// <summary>Loads a run, its jobs and their progress; and one job attempt's stream (tokens, charted telemetry).</summary>
public static class RunDetailQuery
{
    /// <summary>Telemetry the run page charts; other metrics stay in the database (and the exports).</summary>
    public static readonly string[] ChartedMetrics =
        ["memory.resident", "memory.peak", "battery.temperature", "thermal.zone", "battery.discharge_current", "battery.current"];

    public static async Task<RunDetail?> LoadAsync(DeviceLabDbContext db, long runId, CancellationToken cancellationToken = default)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Id, r.SuiteId, Suite = r.Suite != null ? r.Suite.Name : null, r.Status, r.Trigger, r.RequestedBy, r.Parameters, r.VariantIds, r.CreatedAt, r.StartedAt, r.FinishedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (run is null) return null;
        var variants = (await db.Variants.AsNoTracking().Where(v => run.VariantIds.Contains(v.Id))
                .Select(v => new { v.Id, v.Model.Name, v.QuantType }).ToListAsync(cancellationToken))
            .ToDictionary(v => v.Id, v => $"{v.Name} {v.QuantType}");
        var jobs = await db.RunJobs.AsNoTracking().Where(j => j.RunId == runId).OrderBy(j => j.Id)
            .Select(j => new
            {
                j.Id, j.DeviceId, j.Device.Manufacturer, j.Device.Model, j.Device.Serial, j.Device.IsVirtual, j.Status, j.Attempt, j.VariantIds,
                j.ErrorCode, j.ErrorMessage, j.IsPartial, j.StartedAt, j.FinishedAt,
            })
            .ToListAsync(cancellationToken);
        var jobIds = jobs.Select(j => j.Id).ToList();
        // Progress: repetitions with tokens stored, per job attempt.
        var repetitions = (await db.TokenTimings.AsNoTracking().Where(t => jobIds.Contains(t.RunJobId))
                .GroupBy(t => new { t.RunJobId, t.Attempt, t.VariantId, t.Repetition }).Select(g => g.Key).ToListAsync(cancellationToken))
            .GroupBy(k => (k.RunJobId, k.Attempt)).ToDictionary(g => g.Key, g => g.Count());
        var admission = (await db.Results.AsNoTracking().Where(r => jobIds.Contains(r.RunJobId))
                .Select(r => new { r.RunJobId, r.Attempt, r.AdmissionWaitMs, r.AdmissionForcedCount }).ToListAsync(cancellationToken))
            .GroupBy(r => (r.RunJobId, r.Attempt)).ToDictionary(g => g.Key, g => (Wait: g.Sum(r => r.AdmissionWaitMs ?? 0), Forced: g.Sum(r => r.AdmissionForcedCount)));
        var rows = jobs.Select(j => new RunJobRow
        {
            Id = j.Id, DeviceId = j.DeviceId, Device = string.Join(' ', new[] { j.Manufacturer, j.Model ?? j.Serial }.Where(s => s is not null)),
            IsVirtual = j.IsVirtual, Status = j.Status, Attempt = j.Attempt, ErrorCode = j.ErrorCode, ErrorMessage = j.ErrorMessage,
            IsPartial = j.IsPartial, StartedAt = j.StartedAt, FinishedAt = j.FinishedAt,
            RepetitionsDone = repetitions.GetValueOrDefault((j.Id, j.Attempt)),
            RepetitionsTotal = j.VariantIds.Count * run.Parameters.Repetitions,
            AdmissionWaitMs = admission.GetValueOrDefault((j.Id, j.Attempt)).Wait,
            AdmissionForced = admission.GetValueOrDefault((j.Id, j.Attempt)).Forced,
        }).ToList();
        return new RunDetail(run.Id, run.SuiteId, run.Suite, run.Status, run.Trigger, run.RequestedBy, run.Parameters, variants,
            run.VariantIds, run.CreatedAt, run.StartedAt, run.FinishedAt, rows);
    }

    /// <summary>The stored tokens and charted samples of one job attempt.</summary>
    public static async Task<JobStream> StreamAsync(DeviceLabDbContext db, RunDetail run, RunJobRow job, CancellationToken cancellationToken = default)
    {
        var stream = new JobStream(job.Id, job.Attempt, run.VariantOrder);
        await FillAsync(db, stream, job.Attempt, cancellationToken);
        return stream;
    }

    /// <summary>Adds what is stored for the stream's job <paramref name="attempt"/> (what it has already is skipped), e.g. the
    /// events that came between the page's first read and the start of its live subscription.</summary>
    public static async Task FillAsync(DeviceLabDbContext db, JobStream stream, int attempt, CancellationToken cancellationToken = default)
    {
        var tokens = await db.TokenTimings.AsNoTracking().Where(t => t.RunJobId == stream.RunJobId && t.Attempt == attempt)
            .Select(t => new { t.VariantId, t.Repetition, t.TokenIndex, t.Ms }).ToListAsync(cancellationToken);
        stream.AddTokens(attempt, tokens.Select(t => (t.VariantId, t.Repetition, t.TokenIndex, t.Ms)));
        var samples = await db.TelemetrySamples.AsNoTracking()
            .Where(s => s.RunJobId == stream.RunJobId && s.Attempt == attempt
                        && (ChartedMetrics.Contains(s.Metric) || s.Metric.StartsWith("thermal.zone/")))
            .Select(s => new { s.OffsetMs, s.Metric, s.Value, s.Source }).ToListAsync(cancellationToken);
        stream.AddSamples(attempt, samples.Select(s => (s.OffsetMs, s.Metric, s.Value, s.Source)));
    }
}
