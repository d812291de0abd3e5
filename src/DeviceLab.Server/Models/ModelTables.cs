using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Models;

/// <summary>Tables of models, their variants and the artifact store.</summary>
internal static class ModelTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<Model>(m => m.HasIndex(x => x.Name).IsUnique());
        model.Entity<Variant>(variant =>
        {
            variant.HasIndex(v => new { v.ModelId, v.QuantType }).IsUnique();
            variant.HasIndex(v => v.Sha256);
            variant.HasOne(v => v.Model).WithMany(m => m.Variants).OnDelete(DeleteBehavior.Cascade);
            variant.HasOne(v => v.ParentVariant).WithMany().OnDelete(DeleteBehavior.Restrict);
            variant.HasOne(v => v.Artifact).WithMany().HasForeignKey(v => v.Sha256).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Artifact>(artifact =>
        {
            artifact.HasKey(a => a.Sha256);
            artifact.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        });
    }
}
