using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions;

/// <summary>Checks <see cref="RegressionOptions"/> at start, so a bad value stops the server with a message naming the key.</summary>
internal sealed class RegressionOptionsValidation : IValidateOptions<RegressionOptions>
{
    public ValidateOptionsResult Validate(string? name, RegressionOptions options)
    {
        var failures = new List<string>();
        const string prefix = RegressionOptions.Section;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.NightTimeZone ?? "", out _))
            failures.Add($"{prefix}:NightTimeZone '{options.NightTimeZone}' is not a known time zone: use an IANA name such as UTC or Europe/Berlin.");
        if (options.HistoryNights < 30)
            failures.Add($"{prefix}:HistoryNights is {options.HistoryNights}: the detector needs at least 30 nights of history.");
        if (options.MaxPValue is { } p && !(p > 0 && p < 1))
            failures.Add($"{prefix}:MaxPValue is {p}: use a p-value strictly between 0 and 1 (e.g. 0.001).");
        if (options.MinRelativeMagnitude is { } m && !(m >= 0 && m < 1))
            failures.Add($"{prefix}:MinRelativeMagnitude is {m}: use a fraction between 0 and 1 (0.038 = 3.8 %).");
        if (options.WebhookRetryDelaysSeconds?.FirstOrDefault(d => !(d >= 0) || double.IsInfinity(d)) is { } badDelay and not 0)
            failures.Add($"{prefix}:WebhookRetryDelaysSeconds has {badDelay}: delays are seconds ≥ 0.");
        if (!(options.WebhookTimeoutSeconds > 0 && options.WebhookTimeoutSeconds <= 300))
            failures.Add($"{prefix}:WebhookTimeoutSeconds is {options.WebhookTimeoutSeconds}: use 1–300 seconds.");
        if (!string.IsNullOrWhiteSpace(options.DashboardUrl) && !IsHttpUrl(options.DashboardUrl))
            failures.Add($"{prefix}:DashboardUrl '{options.DashboardUrl}' is not an http(s) address.");

        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var key = $"{prefix}:Webhooks:{i}";
            if (string.IsNullOrWhiteSpace(webhook.Name)) failures.Add($"{key}:Name is empty: give the webhook a name for logs.");
            if (!IsHttpUrl(webhook.Url)) failures.Add($"{key}:Url '{webhook.Url}' is not an absolute http(s) address.");
            if (!Enum.IsDefined(webhook.Format)) failures.Add($"{key}:Format is {webhook.Format}: use Slack or Json.");
        }
        foreach (var duplicate in options.Webhooks.GroupBy(w => w.Name).Where(g => g.Count() > 1 && !string.IsNullOrWhiteSpace(g.Key)))
            failures.Add($"{prefix}:Webhooks has two webhooks named '{duplicate.Key}': names must be unique.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
