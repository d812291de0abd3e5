using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Suites;

/// <summary>Table of suites.</summary>
internal static class SuiteTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<Suite>(suite =>
        {
            suite.HasIndex(s => s.Name).IsUnique();
            suite.Property(s => s.DeviceSelector).IsJson();
            suite.Property(s => s.Parameters).IsJson();
            suite.Property(s => s.DetectorOverrides).IsJson();
        });
    }
}
