using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeviceLab.Server.Tests.Runs.Planning;

/// <summary>A run request that cannot run gets a 400 naming each problem and what exists instead; nothing is stored.</summary>
public sealed class RunRequestTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task An_unknown_tag_or_model_is_refused_naming_what_the_fleet_has()
    {
        var rows = await TestRows.CreateAsync(server);
        var unknownTag = await RefusedAsync(new { variantIds = new[] { rows.VariantId }, deviceSelector = new DeviceSelector(["pixel-99-pool"], []) });
        var message = Assert.Single(unknownTag.GetProperty("errors").GetProperty("device_selector").EnumerateArray()).GetString()!;
        Assert.Contains("no device has tag(s) 'pixel-99-pool'", message);
        Assert.Contains("known tags: ", message);
        Assert.Contains("'pixel-7'", message);

        var unknownModel = await RefusedAsync(new { variantIds = new[] { rows.VariantId }, deviceSelector = new DeviceSelector([], ["Pixel 99"]) });
        Assert.Contains("no device is a 'Pixel 99' (known models: 'Pixel 7')", unknownModel.GetProperty("errors").GetProperty("device_selector")[0].GetString());
    }

    [Fact]
    public async Task An_empty_selector_is_refused_rather_than_running_on_every_device()
    {
        var rows = await TestRows.CreateAsync(server);
        var problem = await RefusedAsync(new { variantIds = new[] { rows.VariantId }, deviceSelector = new DeviceSelector([], []) });
        Assert.Contains("is empty", problem.GetProperty("errors").GetProperty("device_selector")[0].GetString());
        var missing = await RefusedAsync(new { variantIds = new[] { rows.VariantId } });
        Assert.Contains("is empty", missing.GetProperty("errors").GetProperty("device_selector")[0].GetString());
    }

    [Fact]
    public async Task Every_problem_of_a_request_is_named_at_once()
    {
        var rows = await TestRows.CreateAsync(server);
        await ExecuteAsync("UPDATE variants SET build_status = 'building' WHERE id = $1", rows.VariantId);
        var problem = await RefusedAsync(new
        {
            variantIds = new[] { rows.VariantId, 987654321L },
            deviceSelector = new DeviceSelector(["pixel-7"], []),
            parameters = SuiteParameters.Default with { Repetitions = 0, PromptTokens = 100_000 },
        });
        var errors = problem.GetProperty("errors");
        var variants = errors.GetProperty("variant_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(variants, v => v.Contains("variant 987654321 does not exist"));
        Assert.Contains(variants, v => v.Contains($"variant {rows.VariantId}") && v.Contains("is not ready"));
        var parameters = errors.GetProperty("parameters").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("parameters.repetitions: is 0, must be 1–10000", parameters);
        Assert.Contains("parameters.prompt_tokens: is 100000, must be 1–65536", parameters);
    }

    [Fact]
    public async Task A_selector_that_matches_only_unreachable_devices_says_why_each_cannot_run()
    {
        var rows = await TestRows.CreateAsync(server, tag: "offline-pool");
        await ExecuteAsync("UPDATE devices SET is_connected = false, state = 'offline', state_reason = 'liveness probe failed: no answer' WHERE id = $1", rows.DeviceId);
        var problem = await RefusedAsync(new { variantIds = new[] { rows.VariantId }, deviceSelector = new DeviceSelector(["offline-pool"], []) });
        var message = problem.GetProperty("errors").GetProperty("device_selector")[0].GetString()!;
        Assert.Contains("matches 1 device(s), but none can run now", message);
        Assert.Contains("offline: liveness probe failed: no answer", message);
    }

    [Fact]
    public async Task Only_operators_start_runs()
    {
        var rows = await TestRows.CreateAsync(server);
        var body = new { variantIds = new[] { rows.VariantId }, deviceSelector = new DeviceSelector(["pixel-7"], []) };
        using var viewer = server.CreateClient(DeviceLabRole.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/runs", body)).StatusCode);
        using var anonymous = server.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/runs", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/runs")).StatusCode);
    }

    private async Task<JsonElement> RefusedAsync(object request)
    {
        await using var db = server.CreateDbContext();
        var runsBefore = await db.Runs.CountAsync();
        using var client = server.CreateClient(DeviceLabRole.Operator);
        using var response = await client.PostAsJsonAsync("/api/v1/runs", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(runsBefore, await db.Runs.CountAsync()); // nothing half-stored
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task ExecuteAsync(string sql, long id)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await DeviceLab.Server.Data.Sql.ExecuteAsync(connection, null, sql, default, id);
    }
}
