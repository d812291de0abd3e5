using DeviceLab.Core.Regressions;
using DeviceLab.Server.Data;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions.Alerts;

/// <summary>
/// Decides which webhooks hear about what the detection job opened and closed, writes one <see cref="WebhookDelivery"/>
/// per (webhook, event) in the job's transaction, and — only after it committed — hands them to
/// <see cref="WebhookDeliveryJob"/>. Sending happens in its own jobs, so a dead webhook never holds up detection.
/// </summary>
public sealed class RegressionAlerts(IOptions<RegressionOptions> options, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Adds the deliveries to <paramref name="db"/> (not saved). Records opened already closed (a backfill
    /// found both the change and its restoration) are history, not news: no alert.</summary>
    public async Task<List<WebhookDelivery>> PlanAsync(
        DeviceLabDbContext db, IReadOnlyList<Regression> opened, IReadOnlyList<Regression> closed, CancellationToken cancellationToken)
    {
        var webhooks = options.Value.Webhooks;
        var events = opened.Where(r => r.Status == RegressionStatus.Open).Select(r => (Event: AlertEvent.Opened, Regression: r))
            .Concat(closed.Select(r => (Event: AlertEvent.Closed, Regression: r)))
            .Where(e => webhooks.Any(w => Wants(w, e.Event, e.Regression)))
            .ToList();
        if (events.Count == 0) return [];

        var reports = (await RegressionReports.BuildAsync(db, events.Select(e => e.Regression).Distinct().ToList(), cancellationToken))
            .ToDictionary(r => r.Id);
        var deliveries = new List<WebhookDelivery>();
        foreach (var (alertEvent, regression) in events)
        {
            foreach (var webhook in webhooks.Where(w => Wants(w, alertEvent, regression)))
            {
                deliveries.Add(new WebhookDelivery
                {
                    Regression = regression,
                    Event = alertEvent,
                    Webhook = webhook.Name,
                    Url = webhook.Url,
                    Format = webhook.Format,
                    Body = WebhookBodies.For(webhook.Format, alertEvent, reports[regression.Id], DashboardLink(regression.Id)),
                    Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = time.GetUtcNow(),
                });
            }
        }
        db.WebhookDeliveries.AddRange(deliveries);
        return deliveries;
    }

    /// <summary>Starts sending saved deliveries.</summary>
    public void Send(IEnumerable<WebhookDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            var id = delivery.Id;
            jobs.Enqueue<WebhookDeliveryJob>(job => job.DeliverAsync(id, CancellationToken.None));
        }
    }

    private static bool Wants(WebhookOptions webhook, AlertEvent alertEvent, Regression regression) =>
        (alertEvent == AlertEvent.Opened ? webhook.OnOpened : webhook.OnClosed)
        && (regression.Direction == RegressionDirection.Regression || webhook.OnImprovements);

    private string? DashboardLink(long regressionId) =>
        string.IsNullOrWhiteSpace(options.Value.DashboardUrl) ? null : $"{options.Value.DashboardUrl.TrimEnd('/')}/regressions/{regressionId}";
}
