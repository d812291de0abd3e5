using System.Text.Json;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Server.Regressions;
using DeviceLab.Server.Regressions.Alerts;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>Alerts reach a loopback webhook in both formats, retry with back-off, and a dead webhook never holds up detection.</summary>
[Collection(RegressionServerCollection.Name)]
public sealed class WebhookAlertTests(RegressionServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_regression_reaches_the_slack_and_the_json_webhook_and_the_slack_one_survives_a_failed_attempt()
    {
        await WaitUntilNoDeliveryIsPendingAsync(RegressionServer.SlackPath);
        server.Receiver.FailFirst(RegressionServer.SlackPath, 1);
        var seeded = await server.SeedAndDetectAsync("alerts");
        var regressions = await RegressionsAsync(seeded.SuiteId);
        var decode = regressions.Single(r => r.Metric == "decode_tokens_per_second");

        var json = await server.Receiver.WaitForAsync(RegressionServer.JsonPath, r => AlertOf(r).Regression.Id == decode.Id, Patience);
        Assert.Equal("application/json; charset=utf-8", json.ContentType);
        var alert = AlertOf(json);
        Assert.Equal("opened", alert.Event);
        Assert.Equal((decode.Id, "Pixel 8", "Q4_0", "decode_tokens_per_second", RegressionDirection.Regression),
            (alert.Regression.Id, alert.Regression.DeviceModel, alert.Regression.Variant, alert.Regression.Metric, alert.Regression.Direction));
        Assert.Equal(decode.FirstBadNight, alert.Regression.FirstBadNight);
        Assert.Equal(["decode_ms_per_token"], alert.Regression.MirrorMetrics);
        using (var raw = JsonDocument.Parse(json.Body))
        {
            Assert.Equal("regression", raw.RootElement.GetProperty("regression").GetProperty("direction").GetString()); // enums as text
            Assert.Equal("untriaged", raw.RootElement.GetProperty("regression").GetProperty("triage").GetString());
        }

        // The one regression (ms/token mirrors tokens/s) reached Slack: refused once, retried a second later.
        Assert.Equal(decode, Assert.Single(regressions));
        var slackDelivery = await DeliveredAsync(decode.Id, "team-slack");
        Assert.Equal(2, slackDelivery.Attempts);
        Assert.Equal([500, 200], server.Receiver.Received.Where(r => r.Path == RegressionServer.SlackPath && r.Body == slackDelivery.Body).Select(r => r.AnsweredStatus));
        using var slack = JsonDocument.Parse(slackDelivery.Body);
        var text = slack.RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("Regression: decode_tokens_per_second on Pixel 8: decode_tokens_per_second -1", text);
        Assert.Contains("95% CI", text);
        Assert.Contains("(also decode_ms_per_token)", text);
        var blocks = slack.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("type").GetString()!).ToArray();
        Assert.Equal(["header", "section", "context"], blocks);
    }

    [Fact]
    public async Task A_dead_webhook_is_retried_then_marked_failed_with_the_reason_while_detection_goes_on()
    {
        var seeded = await server.SeedAndDetectAsync("dead-webhook");
        var regression = (await RegressionsAsync(seeded.SuiteId)).First();

        var dead = await EventuallyAsync(async () =>
        {
            await using var db = server.CreateDbContext();
            return await db.WebhookDeliveries.AsNoTracking()
                .SingleOrDefaultAsync(d => d.RegressionId == regression.Id && d.Webhook == "dead" && d.Status == WebhookDeliveryStatus.Failed);
        });
        Assert.Equal(3, dead.Attempts); // one attempt and the two configured retries
        Assert.Null(dead.LastStatusCode);
        Assert.StartsWith("cannot reach the webhook: Connection refused", dead.LastError);
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await DeliveredAsync(regression.Id, "ci-json")).Status);
    }

    [Fact]
    public async Task When_the_level_comes_back_the_regression_is_closed_and_the_slack_webhook_hears_it()
    {
        var seeded = await server.SeedAsync("restored", slowNight: 30);
        await using (var db = server.CreateDbContext())
        {
            // The fix lands on night 45: from then on the Pixel 8 Q4_0 results are back to the old level (test data).
            var fixedRuns = seeded.RunIds.Skip(45).ToList();
            var results = await db.Results.Where(r => fixedRuns.Contains(r.RunJob.RunId) && r.VariantId == seeded.VariantIds[Core.Models.QuantType.Q4_0]
                                                       && r.Device.Model == "Pixel 8").ToListAsync();
            foreach (var result in results)
            {
                result.DecodeTokensPerSecond = Scale(result.DecodeTokensPerSecond!.Value, 1 / 0.9);
                result.DecodeMsPerToken = Scale(result.DecodeMsPerToken!.Value, 0.9);
            }
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, (await server.DetectAsync(seeded.RunIds[40]))!.Opened);
        var closed = await server.DetectAsync(seeded.RunIds[^1]);
        Assert.Equal(1, closed!.Closed);
        var regressions = await RegressionsAsync(seeded.SuiteId);
        Assert.Single(regressions); // the fix is not reported as an improvement
        Assert.All(regressions, r =>
        {
            Assert.Equal(RegressionStatus.Closed, r.Status);
            Assert.InRange(r.RestoredNight!.Value, NightlyFleetSeed.FirstNight.AddDays(44), NightlyFleetSeed.FirstNight.AddDays(46));
        });
        var decode = regressions.Single(r => r.Metric == "decode_tokens_per_second");
        var restored = await server.Receiver.WaitForAsync(RegressionServer.SlackPath,
            r => r.Body.Contains("Level restored: decode_tokens_per_second on Pixel 8") && r.Body.Contains(seeded.Suite), Patience);
        Assert.Contains("restored 2026-02-1", restored.Body);
        // The JSON webhook did not ask for closes.
        Assert.DoesNotContain(server.Receiver.Received, r => r.Path == RegressionServer.JsonPath && AlertOf(r) is { Event: "closed" } a && a.Regression.Id == decode.Id);
    }

    private static RegressionAlert AlertOf(ReceivedWebhook request) =>
        JsonSerializer.Deserialize<RegressionAlert>(request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static Core.Statistics.SampleSummary Scale(Core.Statistics.SampleSummary s, double factor) =>
        new(s.Count, s.Mean * factor, s.StdDev * factor, s.Min * factor, s.P10 * factor, s.P50 * factor, s.P90 * factor, s.Max * factor);

    private async Task<List<Regression>> RegressionsAsync(long suiteId)
    {
        await using var db = server.CreateDbContext();
        return await db.Regressions.AsNoTracking().Where(r => r.SuiteId == suiteId).OrderBy(r => r.Metric).ToListAsync();
    }

    private Task<WebhookDelivery> DeliveredAsync(long regressionId, string webhook) => EventuallyAsync(async () =>
    {
        await using var db = server.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.RegressionId == regressionId && d.Webhook == webhook && d.Status == WebhookDeliveryStatus.Delivered);
    });

    // Deliveries of earlier tests must not take the receiver's planned failure.
    private async Task WaitUntilNoDeliveryIsPendingAsync(string path) => await EventuallyAsync(async () =>
    {
        await using var db = server.CreateDbContext();
        var url = server.Receiver.UrlOf(path);
        return await db.WebhookDeliveries.AnyAsync(d => d.Url == url && d.Status == WebhookDeliveryStatus.Pending) ? null : new object();
    });

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Not done within {Patience.TotalSeconds} s.");
    }
}
