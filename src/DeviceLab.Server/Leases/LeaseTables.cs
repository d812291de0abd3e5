using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Leases;

/// <summary>Table of device leases (docs/decisions/0006).</summary>
internal static class LeaseTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<DeviceLease>(lease =>
        {
            lease.HasIndex(l => new { l.DeviceId, l.FencingToken }).IsUnique();
            // The database, not the code, guarantees one active lease per device.
            lease.HasIndex(l => l.DeviceId).IsUnique().HasFilter("released_at IS NULL")
                .HasDatabaseName("ix_device_leases_one_active_per_device");
            lease.HasIndex(l => l.RunJobId);
            lease.HasOne(l => l.Device).WithMany().OnDelete(DeleteBehavior.Cascade);
            lease.HasOne(l => l.RunJob).WithMany().OnDelete(DeleteBehavior.Cascade);
        });
    }
}
