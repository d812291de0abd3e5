using DeviceLab.Server.Regressions.Alerts;
using DeviceLab.Server.Regressions.Detection;
using DeviceLab.Server.Regressions.Gate;
using DeviceLab.Server.Regressions.Series;
using DeviceLab.Server.Regressions.Triage;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions;

/// <summary>Tables of nightly series, regressions, their triage, gate verdicts and alert deliveries.</summary>
internal static class RegressionTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<Regression>(regression =>
        {
            regression.HasIndex(r => new { r.SuiteId, r.DeviceModel, r.ModelId, r.VariantId, r.Metric });
            regression.HasIndex(r => new { r.Status, r.TriageState });
            regression.Property(r => r.AffectedVariantIds).HasDefaultValueSql("'{}'"); // rows from before the column existed
            regression.HasOne(r => r.Suite).WithMany().OnDelete(DeleteBehavior.Cascade);
            regression.HasOne(r => r.Model).WithMany().OnDelete(DeleteBehavior.Cascade);
            regression.HasOne(r => r.Variant).WithMany().OnDelete(DeleteBehavior.Cascade);
            regression.HasOne(r => r.FirstBadRun).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<NightlyPoint>(night =>
        {
            night.ToTable("nightly_points");
            // The key is also the index every series read uses: (suite, series …, night).
            night.HasKey(n => new { n.SuiteId, n.DeviceModel, n.ModelId, n.VariantId, n.Metric, n.Night });
            night.HasOne<Suites.Suite>().WithMany().HasForeignKey(n => n.SuiteId).OnDelete(DeleteBehavior.Cascade);
            night.HasOne<Models.Variant>().WithMany().HasForeignKey(n => n.VariantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RunGateVerdict>(verdict =>
        {
            verdict.ToTable("run_gate_verdicts");
            verdict.HasKey(v => new { v.RunId, v.DeviceModel, v.VariantId, v.Metric });
            verdict.HasOne<Runs.Run>().WithMany().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RegressionCheck>(check =>
        {
            check.ToTable("regression_checks");
            check.HasKey(c => c.RunId);
            check.HasOne<Runs.Run>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TriageEntry>(entry =>
        {
            entry.ToTable("triage_entries");
            entry.HasIndex(e => new { e.RegressionId, e.At });
            entry.HasOne(e => e.Regression).WithMany().OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasIndex(d => d.RegressionId);
            delivery.HasIndex(d => d.Status);
            delivery.HasOne(d => d.Regression).WithMany().OnDelete(DeleteBehavior.Cascade);
        });
    }
}
