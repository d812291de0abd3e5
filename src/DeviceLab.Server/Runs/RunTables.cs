using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs;

/// <summary>Tables of runs and their per-device jobs.</summary>
internal static class RunTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<Run>(run =>
        {
            run.HasIndex(r => new { r.SuiteId, r.CreatedAt });
            run.HasIndex(r => r.Status);
            run.Property(r => r.DeviceSelector).IsJson();
            run.Property(r => r.Parameters).IsJson();
            run.HasOne(r => r.Suite).WithMany().OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<RunJob>(job =>
        {
            job.HasIndex(j => j.RunId);
            job.HasIndex(j => new { j.DeviceId, j.Status });
            job.HasOne(j => j.Run).WithMany(r => r.Jobs).OnDelete(DeleteBehavior.Cascade);
            job.HasOne(j => j.Device).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<RunJobAttempt>(attempt =>
        {
            attempt.HasIndex(a => new { a.RunJobId, a.Attempt }).IsUnique();
            attempt.HasIndex(a => new { a.DeviceId, a.Status });
            attempt.Property(a => a.AgentHello).HasColumnType("jsonb");
            attempt.Property(a => a.Preparation).HasColumnType("jsonb");
            attempt.HasOne(a => a.RunJob).WithMany(j => j.Attempts).OnDelete(DeleteBehavior.Cascade);
            attempt.HasOne(a => a.Device).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
    }
}
