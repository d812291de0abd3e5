using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Suites;
using DeviceLab.Server.Tests.Lab;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Suites;

/// <summary>A nightly suite's recurring job starts a run of the suite, and the finished run is reported to observers once.</summary>
[Collection(LabCollection.Name)]
public sealed class NightlyRunTests(LabFixture lab)
{
    [Fact]
    public async Task When_the_schedule_fires_a_nightly_run_of_the_suite_starts_and_its_end_is_reported_once()
    {
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        using var created = await client.PostAsJsonAsync("/api/v1/suites", new
        {
            name = "nightly-lab-b", variantIds = new[] { lab.Q4 }, deviceSelector = new DeviceSelector(["lab-b"], []),
            parameters = LabRuns.Quick, cron = "0 2 * * *",
        });
        var suiteId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        lab.Factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(NightlySchedule.RecurringJobId(suiteId));

        var run = await Eventually.GetAsync(async () =>
        {
            var runs = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/runs?suiteId={suiteId}")).RootElement;
            return runs.GetArrayLength() == 1 ? JsonDocument.Parse(runs[0].GetRawText()) : null;
        }, LabFixture.Patience, "a run of the nightly suite");
        Assert.Equal("nightly", run.RootElement.GetProperty("trigger").GetString());
        Assert.Equal("schedule", run.RootElement.GetProperty("requestedBy").GetString());
        var runId = run.RootElement.GetProperty("id").GetInt64();
        Assert.Equal("succeeded", (await LabRuns.WaitForEndAsync(client, runId)).GetProperty("status").GetString());

        await Eventually.TrueAsync(() => Task.FromResult(lab.FinishedRuns.Calls.Contains(runId)), TimeSpan.FromSeconds(20), "observers told");
        await Task.Delay(500);
        Assert.Single(lab.FinishedRuns.Calls, id => id == runId);
    }
}
