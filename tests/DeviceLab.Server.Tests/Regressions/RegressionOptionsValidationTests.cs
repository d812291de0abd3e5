using DeviceLab.Server.Regressions;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>Bad regression settings stop the server at start (ValidateOnStart, exit code 2 like every option) with the key named.</summary>
public class RegressionOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new RegressionOptions();
        Assert.True(new RegressionOptionsValidation().Validate(null, options).Succeeded);
        Assert.Equal([Core.Runs.RunTrigger.Nightly], options.EffectiveTriggers);
        Assert.Equal([30.0, 120, 600, 1800, 7200], options.EffectiveRetryDelays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void Every_bad_value_is_named_with_what_to_use_instead()
    {
        var options = new RegressionOptions
        {
            NightTimeZone = "Mars/Olympus",
            HistoryNights = 10,
            MaxPValue = 1.5,
            WebhookRetryDelaysSeconds = [30, -1],
            Webhooks =
            [
                new WebhookOptions { Name = "team", Url = "slack.example/hook" },
                new WebhookOptions { Name = "team", Url = "https://hooks.example/x" },
            ],
        };

        var failures = new RegressionOptionsValidation().Validate(null, options).Failures!.ToList();

        Assert.Contains("DeviceLab:Regressions:NightTimeZone 'Mars/Olympus' is not a known time zone: use an IANA name such as UTC or Europe/Berlin.", failures);
        Assert.Contains("DeviceLab:Regressions:HistoryNights is 10: the detector needs at least 30 nights of history.", failures);
        Assert.Contains("DeviceLab:Regressions:MaxPValue is 1.5: use a p-value strictly between 0 and 1 (e.g. 0.001).", failures);
        Assert.Contains("DeviceLab:Regressions:WebhookRetryDelaysSeconds has -1: delays are seconds ≥ 0.", failures);
        Assert.Contains("DeviceLab:Regressions:Webhooks:0:Url 'slack.example/hook' is not an absolute http(s) address.", failures);
        Assert.Contains("DeviceLab:Regressions:Webhooks has two webhooks named 'team': names must be unique.", failures);
        Assert.Equal(6, failures.Count);
    }
}
