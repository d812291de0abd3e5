using System.Diagnostics;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Results.Compare;

/// <summary>
/// The rows of a comparison: for each (device model, variant) of the selection, the results of the latest run that
/// measured it (or of the chosen run), pooled by <see cref="ComparisonPooling"/>. Three round trips whatever the history:
/// the latest run per row (one aggregate), that run's results (a projection), and token timings only for rows that
/// pool several devices. Logs its time, so the page's query cost is visible (docs/decisions/0116).
/// </summary>
public sealed class ComparisonQuery(IDbContextFactory<DeviceLabDbContext> contexts, ILogger<ComparisonQuery> logger)
{
    public async Task<IReadOnlyList<ComparisonRow>> RunAsync(ComparisonSelection selection, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scoped = Scope(db, selection);

        var latest = await scoped
            .GroupBy(r => new { DeviceModel = r.Device.Model ?? UnknownModel, r.VariantId })
            .Select(g => new { g.Key.DeviceModel, g.Key.VariantId, RunId = g.Max(r => r.RunJob.RunId) })
            .ToListAsync(cancellationToken);
        var wanted = latest.Select(l => (l.DeviceModel, l.VariantId, l.RunId)).ToHashSet();
        var runIds = latest.Select(l => l.RunId).Distinct().ToList();

        var slices = (await Project(scoped.Where(r => runIds.Contains(r.RunJob.RunId))).ToListAsync(cancellationToken))
            .Where(s => wanted.Contains((s.DeviceModel, s.VariantId, s.RunId)))
            .ToList();
        var groups = slices.GroupBy(s => (s.DeviceModel, s.VariantId)).ToList();
        var timings = await TimingsAsync(db, groups.Where(g => g.Count() > 1).SelectMany(g => g).ToList(), cancellationToken);

        var rows = groups
            .Select(g => ComparisonPooling.Pool(g.ToList(), timings.GetValueOrDefault(g.Key)))
            .OrderBy(r => r.DeviceModel, StringComparer.Ordinal).ThenBy(r => r.QuantType, StringComparer.Ordinal)
            .ToList();
        logger.LogInformation("Compare query for model {ModelId}: {Rows} rows from {Results} results of {Runs} runs in {ElapsedMs} ms",
            selection.ModelId, rows.Count, slices.Count, runIds.Count, clock.ElapsedMilliseconds);
        return rows;
    }

    /// <summary>Device model shown for devices that did not report one.</summary>
    public const string UnknownModel = "unknown model";

    /// <summary>The results a selection covers: the current attempt of each job only (a retried job's first
    /// attempt is history, not a second measurement).</summary>
    public static IQueryable<BenchmarkResult> Scope(DeviceLabDbContext db, ComparisonSelection selection)
    {
        var results = db.Results.AsNoTracking()
            .Where(r => r.Variant.ModelId == selection.ModelId && r.Attempt == r.RunJob.Attempt);
        if (selection.VariantIds.Count > 0)
        {
            var variants = selection.VariantIds.ToList();
            results = results.Where(r => variants.Contains(r.VariantId));
        }
        if (selection.DeviceModels.Count > 0)
        {
            var models = selection.DeviceModels.ToList();
            results = results.Where(r => models.Contains(r.Device.Model ?? UnknownModel));
        }
        if (selection.RunId is { } runId) results = results.Where(r => r.RunJob.RunId == runId);
        return results;
    }

    private static IQueryable<ResultSlice> Project(IQueryable<BenchmarkResult> results) => results.Select(r => new ResultSlice
    {
        DeviceModel = r.Device.Model ?? UnknownModel,
        DeviceId = r.DeviceId,
        VariantId = r.VariantId,
        ModelName = r.Variant.Model.Name,
        QuantType = r.Variant.QuantType.ToString(),
        Sha256 = r.Variant.Sha256,
        RunId = r.RunJob.RunId,
        RunJobId = r.RunJobId,
        Attempt = r.Attempt,
        CreatedAt = r.CreatedAt,
        IsVirtual = r.IsVirtual || r.Device.IsVirtual,
        IsSimulated = r.IsSimulated,
        IsPartial = r.RunJob.IsPartial,
        DecodeTokensPerSecond = r.DecodeTokensPerSecond,
        DecodeMsPerToken = r.DecodeMsPerToken,
        PrefillTokensPerSecond = r.PrefillTokensPerSecond,
        TimeToFirstTokenMs = r.TimeToFirstTokenMs,
        PeakMemoryBytes = r.PeakMemoryBytes,
        // From the stored context (jsonb ->> in SQL): a missing field reads as null.
        PeakMemoryMethod = r.Context!.Value.GetProperty(PeakMemory.PeakMemoryMethod.ContextField).GetString(),
        TelemetryIntervalMs = (int?)r.Context!.Value.GetProperty("parameters").GetProperty("telemetry_interval_ms").GetInt32(),
        EnergyMjPerToken = r.EnergyMjPerToken,
        EnergyValid = r.EnergyValid,
        EnergyMethod = r.EnergyMethod,
        Perplexity = r.Perplexity,
        KlDivergence = r.KlDivergence,
        Top1Agreement = r.Top1Agreement,
        ThermalMaxC = r.ThermalMaxC,
        ThrottledShare = r.ThrottledShare,
    });

    // Token timings of the results that pool several devices, grouped per row and repetition.
    private static async Task<Dictionary<(string, long), RowTokenTimings>> TimingsAsync(
        DeviceLabDbContext db, IReadOnlyList<ResultSlice> pooled, CancellationToken cancellationToken)
    {
        if (pooled.Count == 0) return [];
        var jobIds = pooled.Select(s => s.RunJobId).Distinct().ToList();
        var variantIds = pooled.Select(s => s.VariantId).Distinct().ToList();
        var rowOf = pooled.ToDictionary(s => (s.RunJobId, s.Attempt, s.VariantId), s => (s.DeviceModel, s.VariantId));
        var timings = await db.TokenTimings.AsNoTracking()
            .Where(t => jobIds.Contains(t.RunJobId) && variantIds.Contains(t.VariantId))
            .Select(t => new { t.RunJobId, t.Attempt, t.VariantId, t.Repetition, t.Ms })
            .ToListAsync(cancellationToken);
        return timings
            .Where(t => rowOf.ContainsKey((t.RunJobId, t.Attempt, t.VariantId)))
            .GroupBy(t => rowOf[(t.RunJobId, t.Attempt, t.VariantId)])
            .ToDictionary(
                row => row.Key,
                row => new RowTokenTimings(row.GroupBy(t => (t.RunJobId, t.Attempt, t.VariantId, t.Repetition))
                    .Select(rep => (IReadOnlyList<double>)rep.Select(t => t.Ms).ToList()).ToList()));
    }
}
