using DeviceLab.Core.Suites;
using DeviceLab.Server.Runs.Planning;

namespace DeviceLab.Server.Suites;

/// <summary>What a suite must be: a name, 1–16 existing variants, a selector that names something, parameters in range, a valid cron.</summary>
internal static class SuiteRules
{
    public const int MaxNameLength = 100;

    public static async Task<Dictionary<string, string[]>> ProblemsAsync(SuiteInput input, RunLauncher launcher, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) problems["name"] = ["is required"];
        else if (input.Name.Trim().Length > MaxNameLength) problems["name"] = [$"is {input.Name.Trim().Length} characters long; at most {MaxNameLength}"];
        // Variants must exist; being built is fine for a suite (readiness is checked when a run starts).
        var variants = (await launcher.VariantProblemsAsync(input.VariantIds, cancellationToken)).Where(p => !p.Contains("is not ready", StringComparison.Ordinal)).ToArray();
        if (variants.Length > 0) problems["variant_ids"] = variants;
        var selector = DevicePool.Problems(input.DeviceSelector is null ? null : RunLauncher.Normalize(input.DeviceSelector));
        if (selector.Count > 0) problems["device_selector"] = [.. selector];
        var parameters = SuiteParameterRules.Problems(input.Parameters ?? SuiteParameters.Default);
        if (parameters.Count > 0) problems["parameters"] = [.. parameters];
        if (SuiteSchedule.Problem(input.Cron) is { } cron) problems["cron"] = [cron];
        return problems;
    }

    public static void Apply(SuiteInput input, Suite suite)
    {
        suite.VariantIds = [.. input.VariantIds!];
        suite.DeviceSelector = RunLauncher.Normalize(input.DeviceSelector);
        suite.Parameters = input.Parameters ?? SuiteParameters.Default;
        suite.Cron = string.IsNullOrWhiteSpace(input.Cron) ? null : input.Cron.Trim();
        suite.Enabled = input.Enabled ?? true;
    }
}
