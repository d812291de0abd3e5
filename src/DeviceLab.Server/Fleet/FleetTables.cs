using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Fleet;

/// <summary>Tables of the fleet: lab_hosts, devices, agent_builds.</summary>
internal static class FleetTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<LabHost>(host =>
        {
            host.HasIndex(h => h.Name).IsUnique();
        });
        model.Entity<Device>(device =>
        {
            device.HasIndex(d => new { d.LabHostId, d.Serial }).IsUnique();
            device.HasIndex(d => d.Model);
            device.HasIndex(d => d.Tags).HasMethod("gin");
            device.Property(d => d.StateReason).HasMaxLength(1000);
            device.Property(d => d.UserTags).HasDefaultValueSql("'{}'"); // rows from before user tags existed
            device.Property(d => d.QuarantineReason).HasMaxLength(1000);
            device.Property(d => d.Properties).IsJson();
            device.HasOne(d => d.LabHost).WithMany(h => h.Devices).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<AgentBuild>(build =>
        {
            build.HasIndex(b => new { b.Version, b.Abi }).IsUnique();
            build.HasOne(b => b.Artifact).WithMany().HasForeignKey(b => b.ArtifactSha256).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
