using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions;

/// <summary>Table of regressions.</summary>
internal static class RegressionTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<Regression>(regression =>
        {
            regression.HasIndex(r => new { r.SuiteId, r.DeviceModel, r.ModelId, r.VariantId, r.Metric });
            regression.HasIndex(r => new { r.Status, r.TriageState });
            regression.HasOne(r => r.Suite).WithMany().OnDelete(DeleteBehavior.Cascade);
            regression.HasOne(r => r.Model).WithMany().OnDelete(DeleteBehavior.Cascade);
            regression.HasOne(r => r.Variant).WithMany().OnDelete(DeleteBehavior.Cascade);
            regression.HasOne(r => r.FirstBadRun).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
    }
}
