using System.Net.Http.Headers;
using System.Text;
using DeviceLab.Server.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions.Alerts;

/// <summary>
/// Posts one <see cref="WebhookDelivery"/> (a Hangfire job). Every attempt is recorded on the row; a failed attempt
/// schedules the next one after <see cref="RegressionOptions.WebhookRetryDelaysSeconds"/> (back-off), and after the
/// last one the delivery is marked failed with the reason. Hangfire's own retry is off: the schedule is ours, so it
/// is configurable and visible in the table.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDbContextFactory<DeviceLabDbContext> contexts,
    IHttpClientFactory httpClients,
    IBackgroundJobClient jobs,
    IOptions<RegressionOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryJob> logger)
{
    public const string HttpClientName = "regression-webhooks";

    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStatus.Pending) return; // deleted, or already done by a duplicate job

        delivery.Attempts++;
        delivery.LastAttemptAt = time.GetUtcNow();
        var (statusCode, error) = await PostAsync(delivery, cancellationToken);
        delivery.LastStatusCode = statusCode;
        delivery.LastError = error;
        var delays = options.Value.EffectiveRetryDelays;
        TimeSpan? retryIn = null;
        if (error is null)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = time.GetUtcNow();
            delivery.NextAttemptAt = null;
        }
        else if (delivery.Attempts <= delays.Count)
        {
            retryIn = delays[delivery.Attempts - 1];
            delivery.NextAttemptAt = time.GetUtcNow() + retryIn;
        }
        else
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        LogOutcome(delivery);
        if (retryIn is { } delay)
        {
            // Scheduled only once the attempt is saved, so the retry never reads the row before it.
            delivery.HangfireJobId = jobs.Schedule<WebhookDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None), delay);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds));
        try
        {
            using var content = new StringContent(delivery.Body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(delivery.Url, content, timeout.Token);
            if (response.IsSuccessStatusCode) return ((int)response.StatusCode, null);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            return ((int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Shortened(answer)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.WebhookTimeoutSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return (null, $"cannot reach the webhook: {e.Message}");
        }
    }

    private void LogOutcome(WebhookDelivery delivery)
    {
        if (delivery.Status == WebhookDeliveryStatus.Delivered)
            logger.LogInformation("Webhook {Webhook} got the {Event} alert of regression {RegressionId} (attempt {Attempt})",
                delivery.Webhook, delivery.Event, delivery.RegressionId, delivery.Attempts);
        else
            logger.LogWarning("Webhook {Webhook} failed for regression {RegressionId}, attempt {Attempt}: {Error}; {Next}",
                delivery.Webhook, delivery.RegressionId, delivery.Attempts, delivery.LastError,
                delivery.Status == WebhookDeliveryStatus.Failed ? "giving up" : $"next attempt at {delivery.NextAttemptAt:O}");
    }

    private static string Shortened(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
