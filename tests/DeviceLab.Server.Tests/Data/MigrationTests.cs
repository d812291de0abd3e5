using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeviceLab.Server.Tests.Data;

public sealed class MigrationTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task Start_applies_every_migration_and_the_committed_migrations_match_the_model()
    {
        await using var db = server.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // A model change without `dotnet ef migrations add` fails here, not in production.
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add a migration (docs/database.md).");
    }

    [Fact]
    public async Task The_schema_has_every_domain_table_with_snake_case_names_and_hangfire_in_its_own_schema()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'hangfire')", connection);
        var tables = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        string[] expected =
        [
            "lab_hosts", "devices", "device_leases", "models", "variants", "artifacts", "agent_builds", "suites", "runs",
            "run_jobs", "results", "token_timings", "telemetry_samples", "regressions", "api_keys",
        ];
        Assert.All(expected, table => Assert.Contains($"public.{table}", tables));
        Assert.Contains("hangfire.job", tables);
        Assert.Contains("hangfire.jobqueue", tables);
    }
}
