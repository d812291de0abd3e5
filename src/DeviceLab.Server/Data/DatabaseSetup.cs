using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Data;

/// <summary>The one place EF Core is told how to reach PostgreSQL, shared by the server and design-time tools.</summary>
internal static class DatabaseSetup
{
    public static DbContextOptionsBuilder<TContext> UseDeviceLabDatabase<TContext>(
        this DbContextOptionsBuilder<TContext> options, string connectionString) where TContext : DbContext
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return options;
    }

    public static DbContextOptionsBuilder UseDeviceLabDatabase(this DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
        .UseSnakeCaseNamingConvention();
}
