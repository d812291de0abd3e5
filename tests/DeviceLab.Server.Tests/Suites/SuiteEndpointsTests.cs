using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Suites;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Suites;

/// <summary>Suites through the API, and their nightly schedules as Hangfire recurring jobs.</summary>
public sealed class SuiteEndpointsTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task A_scheduled_suite_becomes_a_recurring_job_that_follows_its_edits_and_deletion()
    {
        var rows = await TestRows.CreateAsync(server);
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var name = $"nightly-{Guid.NewGuid():N}";
        using var created = await client.PostAsJsonAsync("/api/v1/suites", Suite(name, rows.VariantId, "0 2 * * *"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var suite = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = suite.GetProperty("id").GetInt64();
        Assert.Equal(2, suite.GetProperty("nextRunAt").GetDateTimeOffset().Hour);
        var job = Assert.Single(RecurringJobs(), j => j.Id == NightlySchedule.RecurringJobId(id));
        Assert.Equal("0 2 * * *", job.Cron);
        Assert.Equal("default", job.Queue);

        using var moved = await client.PutAsJsonAsync($"/api/v1/suites/{id}", Suite(name, rows.VariantId, "30 3 * * 1-5"));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("30 3 * * 1-5", Assert.Single(RecurringJobs(), j => j.Id == NightlySchedule.RecurringJobId(id)).Cron);

        using var onDemand = await client.PutAsJsonAsync($"/api/v1/suites/{id}", Suite(name, rows.VariantId, null));
        Assert.Equal(HttpStatusCode.OK, onDemand.StatusCode);
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == NightlySchedule.RecurringJobId(id));

        await client.PutAsJsonAsync($"/api/v1/suites/{id}", Suite(name, rows.VariantId, "0 4 * * *"));
        Assert.Contains(RecurringJobs(), j => j.Id == NightlySchedule.RecurringJobId(id));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/suites/{id}")).StatusCode);
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == NightlySchedule.RecurringJobId(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/suites/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_bad_suite_is_refused_with_every_problem_named_and_a_taken_name_is_a_conflict()
    {
        var rows = await TestRows.CreateAsync(server);
        using var client = server.CreateClient(DeviceLabRole.Operator);
        using var bad = await client.PostAsJsonAsync("/api/v1/suites", new
        {
            name = " ", variantIds = new[] { 424242L }, deviceSelector = new DeviceSelector([], []), cron = "every night at two",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("is required", errors.GetProperty("name")[0].GetString());
        Assert.Contains("variant 424242 does not exist", errors.GetProperty("variant_ids")[0].GetString());
        Assert.Contains("is empty", errors.GetProperty("device_selector")[0].GetString());
        Assert.Contains("is not a five-field cron expression", errors.GetProperty("cron")[0].GetString());

        var name = $"taken-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/suites", Suite(name, rows.VariantId, null))).StatusCode);
        using var again = await client.PostAsJsonAsync("/api/v1/suites", Suite(name, rows.VariantId, null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Triggering_a_suite_whose_pool_is_empty_is_refused_and_stores_no_run()
    {
        var rows = await TestRows.CreateAsync(server);
        using var client = server.CreateClient(DeviceLabRole.Operator);
        using var created = await client.PostAsJsonAsync("/api/v1/suites", new
        {
            name = $"empty-pool-{Guid.NewGuid():N}", variantIds = new[] { rows.VariantId }, deviceSelector = new DeviceSelector(["nobody-has-this"], []),
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var triggered = await client.PostAsync($"/api/v1/suites/{id}:trigger", null);
        Assert.Equal(HttpStatusCode.BadRequest, triggered.StatusCode);
        Assert.Contains("no device has tag(s) 'nobody-has-this'", await triggered.Content.ReadAsStringAsync());
        using var runs = await client.GetAsync($"/api/v1/runs?suiteId={id}");
        Assert.Equal(0, JsonDocument.Parse(await runs.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }

    private static object Suite(string name, long variantId, string? cron) => new
    {
        name, variantIds = new[] { variantId }, deviceSelector = new DeviceSelector(["pixel-7"], []), parameters = SuiteParameters.Default, cron,
    };

    private List<RecurringJobDto> RecurringJobs()
    {
        using var connection = server.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}
