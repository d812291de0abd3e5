using DeviceLab.Core.Runs;
using DeviceLab.Server.Regressions.Alerts;

namespace DeviceLab.Server.Regressions;

/// <summary>The <c>DeviceLab:Regressions</c> configuration section: nightly series, detection and alerts.</summary>
public sealed class RegressionOptions
{
    public const string Section = "DeviceLab:Regressions";

    /// <summary>
    /// IANA time zone whose calendar date of a run's start is its "night" (default <c>UTC</c>). Set it to the lab's zone
    /// (e.g. <c>Europe/Berlin</c>) so that runs started before and after UTC midnight on the same local night count as
    /// the same night, and a run at 00:30 local is not filed under the previous UTC date. Must be known to both .NET
    /// and PostgreSQL (both read the IANA database).
    /// </summary>
    public string NightTimeZone { get; set; } = "UTC";

    /// <summary>Run triggers that form nightly series and start detection; default <c>["Nightly"]</c>. Add
    /// <c>Api</c> when CI starts the runs it gates on.</summary>
    public RunTrigger[]? Triggers { get; set; }

    public IReadOnlyList<RunTrigger> EffectiveTriggers => Triggers is { Length: > 0 } triggers ? triggers : [RunTrigger.Nightly];

    /// <summary>Nights of history the detector looks at (older nights stay stored and charted).</summary>
    public int HistoryNights { get; set; } = 365;

    /// <summary>Server-wide detector p-value threshold; null keeps the tuned default (0.001, docs/decisions/0070). A
    /// suite's own <c>detector_overrides</c> win over it.</summary>
    public double? MaxPValue { get; set; }

    /// <summary>Server-wide minimum relative change (0.038 = 3.8 %); null keeps the tuned default.</summary>
    public double? MinRelativeMagnitude { get; set; }

    /// <summary>Where alerts go.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Waits before the 2nd, 3rd, … delivery attempt of a webhook, in seconds (default 30 s, 2 min, 10 min,
    /// 30 min, 2 h): one attempt plus one per entry.</summary>
    public double[]? WebhookRetryDelaysSeconds { get; set; }

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays =>
        (WebhookRetryDelaysSeconds is { Length: > 0 } delays ? delays : [30, 120, 600, 1800, 7200]).Select(TimeSpan.FromSeconds).ToArray();

    /// <summary>How long one webhook attempt may take.</summary>
    public double WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>The dashboard's public address (e.g. <c>https://devicelab.example.com</c>), for links in alerts; none when empty.</summary>
    public string? DashboardUrl { get; set; }
}

/// <summary>One webhook that receives regression alerts.</summary>
public sealed class WebhookOptions
{
    /// <summary>A name for logs and the delivery record, e.g. <c>team-slack</c>.</summary>
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary><c>Slack</c> (<c>{"text", "blocks"}</c>) or <c>Json</c> (the regression as a documented object).</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.Slack;

    /// <summary>Alert when a regression is opened (default true).</summary>
    public bool OnOpened { get; set; } = true;

    /// <summary>Alert when a regression is closed because the level came back (default false).</summary>
    public bool OnClosed { get; set; }

    /// <summary>Also alert for improvements (default false: only regressions).</summary>
    public bool OnImprovements { get; set; }
}
