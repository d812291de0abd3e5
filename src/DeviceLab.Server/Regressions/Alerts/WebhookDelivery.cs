namespace DeviceLab.Server.Regressions.Alerts;

/// <summary>
/// One alert to one webhook (table <c>webhook_deliveries</c>): the exact body posted, every attempt's outcome and
/// whether it finally arrived. Written in the detection job's transaction, sent by <see cref="WebhookDeliveryJob"/>.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long RegressionId { get; set; }
    public Regression Regression { get; set; } = null!;

    public AlertEvent Event { get; set; }

    /// <summary>The webhook's name from configuration.</summary>
    public required string Webhook { get; set; }
    public required string Url { get; set; }
    public WebhookFormat Format { get; set; }

    /// <summary>The JSON posted, kept as sent.</summary>
    public required string Body { get; set; }

    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>HTTP status of the last attempt; null when it got no response.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed, for people.</summary>
    public string? LastError { get; set; }

    public string? HangfireJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>What an alert is about.</summary>
public enum AlertEvent
{
    /// <summary>The detector opened a regression (or an improvement, if configured).</summary>
    Opened,

    /// <summary>A later change restored the level.</summary>
    Closed,
}

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not yet delivered; attempts remain.</summary>
    Pending,
    Delivered,

    /// <summary>Every attempt failed; <see cref="WebhookDelivery.LastError"/> says why.</summary>
    Failed,
}

/// <summary>The body a webhook receives.</summary>
public enum WebhookFormat
{
    /// <summary>Slack-compatible: <c>{"text": …, "blocks": […]}</c> (Slack incoming webhooks, Mattermost, …).</summary>
    Slack,

    /// <summary>DeviceLab's own: <c>{"event": "opened", "regression": RegressionReport}</c>.</summary>
    Json,
}
