using DeviceLab.Core.Suites;
using DeviceLab.Server.Runs.Planning;

namespace DeviceLab.Server.Suites;

/// <summary>
/// The suite editor's fields, and what is wrong with them — the run pipeline's own rules (parameters, device selector)
/// plus name and schedule — keyed by field so each message sits next to its input.
/// </summary>
public sealed class SuiteForm
{
    public const int MaxNameLength = 100;

    public string Name { get; set; } = "";
    public HashSet<long> VariantIds { get; set; } = [];
    public HashSet<string> Tags { get; set; } = [];
    public HashSet<string> DeviceModels { get; set; } = [];
    public int PromptTokens { get; set; } = SuiteParameters.Default.PromptTokens;
    public int GeneratedTokens { get; set; } = SuiteParameters.Default.GeneratedTokens;
    public int Threads { get; set; }
    public int Warmups { get; set; } = SuiteParameters.Default.Warmups;
    public int Repetitions { get; set; } = SuiteParameters.Default.Repetitions;
    public double MinBatteryPercent { get; set; } = 20;
    public double MaxBatteryPercent { get; set; } = 100;
    public bool RequireNotCharging { get; set; }
    public double MaxBatteryTemperatureC { get; set; } = 40;
    public int MaxWaitSeconds { get; set; } = 120;
    public string? EvaluationText { get; set; }
    public string? Cron { get; set; }
    public bool Enabled { get; set; } = true;

    public static SuiteForm From(Suite suite)
    {
        var admission = suite.Parameters.Admission ?? new AdmissionPolicy();
        return new SuiteForm
        {
            Name = suite.Name, VariantIds = [.. suite.VariantIds], Tags = [.. suite.DeviceSelector.Tags], DeviceModels = [.. suite.DeviceSelector.DeviceModels],
            PromptTokens = suite.Parameters.PromptTokens, GeneratedTokens = suite.Parameters.GeneratedTokens, Threads = suite.Parameters.Threads,
            Warmups = suite.Parameters.Warmups, Repetitions = suite.Parameters.Repetitions,
            MinBatteryPercent = admission.MinBatteryPercent, MaxBatteryPercent = admission.MaxBatteryPercent,
            RequireNotCharging = admission.RequireNotCharging, MaxBatteryTemperatureC = admission.MaxBatteryTemperatureC,
            MaxWaitSeconds = admission.MaxWaitMs / 1000, EvaluationText = suite.Parameters.EvaluationText, Cron = suite.Cron, Enabled = suite.Enabled,
        };
    }

    public DeviceSelector Selector => new([.. Tags.Order()], [.. DeviceModels.Order()]);

    public SuiteParameters Parameters => new(PromptTokens, GeneratedTokens, Threads, Warmups, Repetitions,
        new AdmissionPolicy(MinBatteryPercent, MaxBatteryPercent, RequireNotCharging, MaxBatteryTemperatureC, MaxWaitSeconds * 1000),
        string.IsNullOrEmpty(EvaluationText) ? null : EvaluationText);

    /// <summary>Problems per field (<c>name</c>, <c>variants</c>, <c>devices</c>, <c>parameters</c>, <c>cron</c>); empty when the suite can be saved.</summary>
    public Dictionary<string, List<string>> Problems()
    {
        var problems = new Dictionary<string, List<string>>();
        void Add(string field, string problem) => (problems.TryGetValue(field, out var list) ? list : problems[field] = []).Add(problem);
        if (string.IsNullOrWhiteSpace(Name)) Add("name", "Give the suite a name.");
        else if (Name.Trim().Length > MaxNameLength) Add("name", $"The name is {Name.Trim().Length} characters long; at most {MaxNameLength}.");
        if (VariantIds.Count == 0) Add("variants", "Choose at least one variant.");
        if (VariantIds.Count > RunLauncher.MaxVariantsPerRun) Add("variants", $"{VariantIds.Count} variants chosen; at most {RunLauncher.MaxVariantsPerRun} run interleaved in one job.");
        foreach (var problem in DevicePool.Problems(Selector)) Add("devices", $"The device selector {problem}.");
        foreach (var problem in SuiteParameterRules.Problems(Parameters)) Add("parameters", problem + ".");
        if (CronPreview.Describe(Cron).Problem is { } cron) Add("cron", cron + ".");
        return problems;
    }
}
