using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DeviceLab.Server.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the server (no database is contacted
/// to add a migration). See docs/database.md.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DeviceLabDbContext>
{
    public DeviceLabDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<DeviceLabDbContext>()
            .UseDeviceLabDatabase("Host=127.0.0.1;Database=devicelab_design_time")
            .Options);
}
