using DeviceLab.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeviceLab.Server.Results;

/// <summary>Tables of results, token timings and telemetry samples (docs/decisions/0007).</summary>
internal static class ResultTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<BenchmarkResult>(result =>
        {
            result.ToTable("results");
            result.HasIndex(r => new { r.RunJobId, r.Attempt, r.VariantId }).IsUnique();
            result.HasIndex(r => new { r.VariantId, r.DeviceId });
            // Compare and exports filter a model's variants over a time window (Results/ResultAggregation).
            result.HasIndex(r => new { r.VariantId, r.CreatedAt });
            Summary(result, r => r.DecodeTokensPerSecond);
            Summary(result, r => r.DecodeMsPerToken);
            Summary(result, r => r.PrefillTokensPerSecond);
            Summary(result, r => r.TimeToFirstTokenMs);
            result.Property(r => r.Top1Agreement).HasColumnName("top1_agreement");
            result.Property(r => r.Context).HasColumnType("jsonb");
            result.HasOne(r => r.RunJob).WithMany().OnDelete(DeleteBehavior.Cascade);
            result.HasOne(r => r.Variant).WithMany().OnDelete(DeleteBehavior.Restrict);
            result.HasOne(r => r.Device).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<TokenTiming>(timing =>
        {
            timing.HasKey(t => new { t.RunJobId, t.Attempt, t.VariantId, t.Repetition, t.TokenIndex });
            timing.HasOne<Runs.RunJob>().WithMany().HasForeignKey(t => t.RunJobId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TelemetrySample>(sample =>
        {
            // The key doubles as the (run_job, attempt, time) index; a re-delivered sample collides instead of doubling.
            sample.HasKey(s => new { s.RunJobId, s.Attempt, s.OffsetMs, s.Metric });
            sample.HasOne<Runs.RunJob>().WithMany().HasForeignKey(s => s.RunJobId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>A summary becomes columns named after it: decode_ms_per_token_mean, …_p90, …_count.</summary>
    private static void Summary(EntityTypeBuilder<BenchmarkResult> result,
        System.Linq.Expressions.Expression<Func<BenchmarkResult, SampleSummary?>> summary) =>
        result.ComplexProperty(summary);
}
