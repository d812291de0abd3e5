using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceLab.Core.Regressions.Reports;

namespace DeviceLab.Server.Regressions.Alerts;

/// <summary>The JSON each <see cref="WebhookFormat"/> posts.</summary>
internal static class WebhookBodies
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string For(WebhookFormat format, AlertEvent alertEvent, RegressionReport regression, string? url) => format switch
    {
        WebhookFormat.Slack => Slack(alertEvent, regression, url),
        WebhookFormat.Json => JsonSerializer.Serialize(new RegressionAlert(EventName(alertEvent), regression, url), Json),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown webhook format."),
    };

    public static string EventName(AlertEvent alertEvent) => alertEvent == AlertEvent.Opened ? "opened" : "closed";

    /// <summary>Slack's incoming-webhook shape: <c>text</c> is the notification fallback, <c>blocks</c> the message.</summary>
    private static string Slack(AlertEvent alertEvent, RegressionReport r, string? url)
    {
        var title = AlertText.Title(alertEvent, r);
        var change = AlertText.Change(r);
        var series = AlertText.Series(r);
        var details = url is null ? $"*{change}*\n{series}" : $"*<{url}|{change}>*\n{series}";
        var message = new JsonObject
        {
            ["text"] = $"{title}: {change} ({series})",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = PlainText(title) },
                new JsonObject { ["type"] = "section", ["text"] = Markdown(details) },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(AlertText.Context(r))) }),
        };
        return message.ToJsonString();
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text.Length > 150 ? text[..150] : text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
