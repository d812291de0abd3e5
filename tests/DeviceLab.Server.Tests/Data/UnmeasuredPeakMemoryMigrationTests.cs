using System.Text.Json.Nodes;
using DeviceLab.Server.Data.Migrations;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Ingestion;
using DeviceLab.Server.Tests.Runs.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Data;

/// <summary>Results stored with the agent's −1 ("could not be measured") before ingestion wrote NULL are rewritten.</summary>
public sealed class UnmeasuredPeakMemoryMigrationTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task A_stored_minus_one_peak_becomes_no_figure_and_measured_peaks_stay()
    {
        var unmeasured = await StoreResultAsync();
        var measured = await StoreResultAsync();
        await using var db = server.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"UPDATE results SET peak_memory_bytes = -1 WHERE run_job_id = {unmeasured}");

        foreach (var sql in new UnmeasuredPeakMemoryIsNull().UpOperations.Cast<SqlOperation>()) await db.Database.ExecuteSqlRawAsync(sql.Sql);

        Assert.Null((await db.Results.AsNoTracking().SingleAsync(r => r.RunJobId == unmeasured)).PeakMemoryBytes);
        Assert.Equal(1_000_000, (await db.Results.AsNoTracking().SingleAsync(r => r.RunJobId == measured)).PeakMemoryBytes);
    }

    // One result with a 1 MB peak, stored through the ingestion as an agent's would be; returns its run job.
    private async Task<long> StoreResultAsync()
    {
        const string label = "v-q4_0";
        var rows = await TestRows.CreateAsync(server);
        var lease = Assert.IsType<LeaseAcquisition.Acquired>(
            await server.Factory.Services.GetRequiredService<DeviceLeases>().TryAcquireAsync(rows.DeviceId, rows.JobIds[0], 1, default)).Lease;
        var target = new IngestionTarget(rows.RunId, rows.JobIds[0], 1, rows.DeviceId, lease,
            new Dictionary<string, IngestedVariant> { [label] = new(rows.VariantId, label, rows.VariantSha256) }, 1, true, new JsonObject());
        var lines = new AgentLines(label, rows.VariantSha256);
        await using var ingestion = AttemptIngestion.Start(target, server.Factory.Services.GetRequiredService<IngestionWriter>());
        foreach (var line in new[] { lines.Hello(), lines.Token(0, 0, 30), lines.Result(30) }) await ingestion.AcceptLineAsync(line, DateTimeOffset.UtcNow, default);
        await ingestion.CompleteAsync();
        return rows.JobIds[0];
    }
}
