using System.Text.Json.Nodes;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Runs.Ingestion;

/// <summary>Storing agent events whatever the transport: re-deliveries store nothing twice, a bad line stores nothing of itself.</summary>
public sealed class AttemptIngestionTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private const string Label = "v-q4_0";

    [Fact]
    public async Task Events_delivered_again_in_the_same_or_a_later_session_are_stored_once()
    {
        var (rows, target) = await LeasedTargetAsync();
        var lines = new AgentLines(Label, rows.VariantSha256);
        string[] all = [lines.Hello(), lines.Sample(5, 4100), lines.Token(0, 0, 30), lines.Token(0, 1, 31), lines.Sample(250, 4095), lines.Result(30, 31)];

        await using (var first = Start(target))
        {
            foreach (var line in all.Take(4).Concat(all.Take(4))) await first.AcceptLineAsync(line, DateTimeOffset.UtcNow, default);
            await first.CompleteAsync();
            Assert.Equal(4, first.Tally.DuplicateEvents);
            Assert.Equal(4, first.StoredThroughSeq);
        }
        // A reconnecting network agent re-sends everything not acknowledged — here all of it — to a new session.
        await using (var second = Start(target))
        {
            foreach (var line in all) await second.AcceptLineAsync(line, DateTimeOffset.UtcNow, default);
            await second.CompleteAsync();
            Assert.Equal(6, second.StoredThroughSeq);
        }

        await using var db = server.CreateDbContext();
        Assert.Equal(2, await db.TelemetrySamples.CountAsync(s => s.RunJobId == target.RunJobId));
        Assert.Equal(2, await db.TokenTimings.CountAsync(t => t.RunJobId == target.RunJobId));
        var result = await db.Results.AsNoTracking().SingleAsync(r => r.RunJobId == target.RunJobId);
        Assert.Equal(2, result.DecodeMsPerToken!.Value.Count);
        Assert.Equal("x86_64", result.Context!.Value.GetProperty("device").GetProperty("abi").GetString());
        var attempt = await db.RunJobAttempts.AsNoTracking().SingleAsync(a => a.RunJobId == target.RunJobId && a.Attempt == 1);
        Assert.Equal(6, attempt.StoredThroughSeq);
        Assert.Equal("adb", attempt.AgentHello!.Value.GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("""{"type":"token","v":1,"seq":3,"t_ms":5,"variant":"v-q4_0","repetition":0,"index":-1,"ms":1.5}""", "line 3, field 'index': must be ≥ 0, was -1")]
    [InlineData("""{"type":"token","v":1,"seq":3,"t_ms":5,"variant":"v-q9","repetition":0,"index":0,"ms":1.5}""", "line 3, field 'variant': 'v-q9' is not a variant of this job (v-q4_0)")]
    [InlineData("""{"type":"sample","v":1,"seq":3,"t_ms":5,"metric":"battery.voltage","unit":"mV","source":"sysfs","value":4100""", "line 3, field '(line)': is not JSON")]
    [InlineData("""{"type":"token","v":2,"seq":3,"t_ms":5}""", "line 3, field 'v': schema version 2 is newer than this parser understands")]
    public async Task A_malformed_line_is_refused_naming_its_line_and_field_and_nothing_of_it_is_stored(string bad, string expected)
    {
        var (rows, target) = await LeasedTargetAsync();
        var lines = new AgentLines(Label, rows.VariantSha256);
        await using var ingestion = Start(target);
        await ingestion.AcceptLineAsync(lines.Hello(), DateTimeOffset.UtcNow, default);
        await ingestion.AcceptLineAsync(lines.Sample(5, 4100), DateTimeOffset.UtcNow, default);

        var error = await Assert.ThrowsAsync<MalformedAgentEventException>(async () => await ingestion.AcceptLineAsync(bad, DateTimeOffset.UtcNow, default));
        Assert.Contains(expected, error.Message);
        await ingestion.CompleteAsync();

        await using var db = server.CreateDbContext();
        Assert.Equal(1, await db.TelemetrySamples.CountAsync(s => s.RunJobId == target.RunJobId)); // what came before is kept
        Assert.Equal(0, await db.TokenTimings.CountAsync(t => t.RunJobId == target.RunJobId));
    }

    [Theory]
    [InlineData("""{"type":"token","v":1,"seq":4,"t_ms":5,"variant":"v-q9","repetition":0,"index":0,"ms":1.5}""", "line 4, field 'variant'")]
    [InlineData("""{"type":"sample","v":1,"seq":4,"t_ms":5""", "line 4, field '(line)': is not JSON")]
    public async Task A_batch_with_a_malformed_line_stores_none_of_its_lines(string bad, string expected)
    {
        var (rows, target) = await LeasedTargetAsync();
        var lines = new AgentLines(Label, rows.VariantSha256);
        await using var ingestion = Start(target);
        var stored = await ingestion.AcceptLinesAsync([lines.Hello(), lines.Sample(5, 4100)], DateTimeOffset.UtcNow, default);
        await ingestion.WaitUntilStoredAsync(stored, default);
        Assert.Equal(2, ingestion.StoredThroughSeq);

        var error = await Assert.ThrowsAsync<MalformedAgentEventException>(async () =>
            await ingestion.AcceptLinesAsync([lines.Sample(250, 4095), bad, lines.Token(0, 0, 30)], DateTimeOffset.UtcNow, default));
        Assert.Contains(expected, error.Message);
        await ingestion.CompleteAsync();

        await using var db = server.CreateDbContext();
        Assert.Equal(1, await db.TelemetrySamples.CountAsync(s => s.RunJobId == target.RunJobId)); // only the first batch's
        Assert.Equal(0, await db.TokenTimings.CountAsync(t => t.RunJobId == target.RunJobId));
        Assert.Equal(2, ingestion.StoredThroughSeq);
    }

    [Fact]
    public async Task A_second_hello_within_one_batch_refuses_the_batch()
    {
        var (rows, target) = await LeasedTargetAsync();
        var lines = new AgentLines(Label, rows.VariantSha256);
        await using var ingestion = Start(target);

        var error = await Assert.ThrowsAsync<MalformedAgentEventException>(async () =>
            await ingestion.AcceptLinesAsync([lines.Hello(), lines.Sample(5, 4100), lines.Hello()], DateTimeOffset.UtcNow, default));
        Assert.Contains("a second hello", error.Message);
        await ingestion.CompleteAsync();

        Assert.Null(ingestion.Tally.Hello);
        Assert.Equal(0, ingestion.StoredThroughSeq);
    }

    [Fact]
    public async Task An_event_type_from_a_newer_agent_is_skipped_and_counted()
    {
        var (rows, target) = await LeasedTargetAsync();
        var lines = new AgentLines(Label, rows.VariantSha256);
        await using var ingestion = Start(target);
        await ingestion.AcceptLineAsync(lines.Hello(), DateTimeOffset.UtcNow, default);
        await ingestion.AcceptLineAsync("""{"type":"gpu_counter","v":1,"seq":2,"t_ms":5,"busy":0.5}""", DateTimeOffset.UtcNow, default);
        await ingestion.CompleteAsync();
        Assert.Equal(1, ingestion.Tally.UnknownEvents);
    }

    [Fact]
    public async Task A_peak_the_agent_could_not_measure_is_stored_as_no_figure_not_minus_one()
    {
        var (rows, target) = await LeasedTargetAsync();
        var lines = new AgentLines(Label, rows.VariantSha256);
        await using (var ingestion = Start(target))
        {
            foreach (var line in new[] { lines.Hello(), lines.Token(0, 0, 30), lines.ResultWithPeak(-1, 30) })
                await ingestion.AcceptLineAsync(line, DateTimeOffset.UtcNow, default);
            await ingestion.CompleteAsync();
        }

        await using var db = server.CreateDbContext();
        var result = await db.Results.AsNoTracking().SingleAsync(r => r.RunJobId == target.RunJobId);
        Assert.Null(result.PeakMemoryBytes);
        Assert.Equal("unavailable", result.Context!.Value.GetProperty("peak_rss_method").GetString());
        Assert.Equal(30, result.DecodeMsPerToken!.Value.P50); // the rest of the result is stored as usual
    }

    private AttemptIngestion Start(IngestionTarget target) => AttemptIngestion.Start(target, server.Factory.Services.GetRequiredService<IngestionWriter>());

    private async Task<(TestRows Rows, IngestionTarget Target)> LeasedTargetAsync()
    {
        var rows = await TestRows.CreateAsync(server);
        var lease = Assert.IsType<LeaseAcquisition.Acquired>(
            await server.Factory.Services.GetRequiredService<DeviceLeases>().TryAcquireAsync(rows.DeviceId, rows.JobIds[0], 1, default)).Lease;
        return (rows, new IngestionTarget(rows.RunId, rows.JobIds[0], 1, rows.DeviceId, lease,
            new Dictionary<string, IngestedVariant> { [Label] = new(rows.VariantId, Label, rows.VariantSha256) }, 1, true, new JsonObject()));
    }
}
