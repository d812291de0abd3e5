using DeviceLab.Core.Runs;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs;

/// <summary>The runs list's filters (from the page's query string) and the query they make.</summary>
public sealed record RunFilter(RunStatus? Status, long? SuiteId, RunTrigger? Trigger, int Page)
{
    public const int PageSize = 50;

    /// <summary>One page of runs, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<RunListRow> Rows, int Total)> LoadAsync(DeviceLabDbContext db, CancellationToken cancellationToken = default)
    {
        var runs = db.Runs.AsNoTracking();
        if (Status is { } status) runs = runs.Where(r => r.Status == status);
        if (SuiteId is { } suite) runs = runs.Where(r => r.SuiteId == suite);
        if (Trigger is { } trigger) runs = runs.Where(r => r.Trigger == trigger);
        var total = await runs.CountAsync(cancellationToken);
        var rows = await runs.OrderByDescending(r => r.Id).Skip(Math.Max(0, Page - 1) * PageSize).Take(PageSize)
            .Select(r => new RunListRow(r.Id, r.Suite != null ? r.Suite.Name : null, r.SuiteId, r.Status, r.Trigger, r.RequestedBy, r.VariantIds.Count,
                r.Jobs.Count, r.Jobs.Count(j => j.Status == RunJobStatus.Succeeded || j.Status == RunJobStatus.Failed || j.Status == RunJobStatus.Cancelled),
                r.Jobs.Count(j => j.Status == RunJobStatus.Failed), r.CreatedAt, r.StartedAt, r.FinishedAt))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }
}
