using System.Globalization;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Benchmark;

/// <summary>
/// The ranges a benchmark's parameters must fall in. Anything outside is refused up front with a message naming
/// the option, so an absurd request never turns into an hour-long run or an out-of-memory on the device.
/// </summary>
public static class BenchLimits
{
    public const int MaxTokens = 65_536;
    public const int MaxRepetitions = 10_000;
    public const int MaxWarmups = 1_000;
    public const int MaxThreads = 256;

    /// <summary>Every problem with <paramref name="request"/>, each naming its option.</summary>
    public static IReadOnlyList<string> Check(BenchRequest request)
    {
        var p = request.Parameters;
        var problems = new List<string>();
        if (request.Variants.Count == 0) problems.Add("--model: at least one variant file is required");
        Range(problems, "--prompt", p.PromptTokens, 1, MaxTokens);
        Range(problems, "--gen", p.GeneratedTokens, 1, MaxTokens);
        Range(problems, "--reps", p.Repetitions, 1, MaxRepetitions);
        Range(problems, "--warmups", p.Warmups, 0, MaxWarmups);
        Range(problems, "--threads", p.Threads, 1, MaxThreads);
        Range(problems, "--telemetry-interval-ms", request.Telemetry.IntervalMs, 10, 60_000);
        if (p.ContextLength is { } ctx)
        {
            Range(problems, "--ctx", ctx, 2, 1 << 20);
            if (p.PromptTokens + p.GeneratedTokens > ctx)
                problems.Add($"--ctx: {ctx} tokens cannot hold --prompt {p.PromptTokens} + --gen {p.GeneratedTokens}");
        }
        if (p.PrefillChunkTokens is { } chunk) Range(problems, "--prefill-chunk", chunk, 1, MaxTokens);
        if (p.KvCacheType is { } kv && kv is not ("f16" or "f32")) problems.Add($"--kv-type: must be f16 or f32, was '{kv}'");
        Range(problems, "--eval-ctx", p.EvaluationContextTokens, 2, MaxTokens);
        if (request.ReferencePath is not null && request.EvaluationTextPath is null) problems.Add("--reference: needs --eval-text");
        foreach (var v in request.Variants)
        {
            if (v.ExpectedSha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
                problems.Add($"--sha256: '{sha}' is not 64 hex digits");
        }
        foreach (var dup in request.Variants.GroupBy(v => v.Label).Where(g => g.Count() > 1))
            problems.Add($"--label: '{dup.Key}' names more than one variant");
        CheckAdmission(problems, p.Admission);
        return problems;
    }

    private static void CheckAdmission(List<string> problems, AdmissionSettings a)
    {
        Temperature(problems, "--max-battery-temp-c", a.MaxBatteryTemperatureC);
        Temperature(problems, "--max-thermal-c", a.MaxThermalZoneC);
        Percent(problems, "--battery-min", a.MinBatteryPercent);
        Percent(problems, "--battery-max", a.MaxBatteryPercent);
        if (a.MinBatteryPercent > a.MaxBatteryPercent)
            problems.Add($"--battery-min {F(a.MinBatteryPercent!.Value)} is above --battery-max {F(a.MaxBatteryPercent!.Value)}");
        Range(problems, "--admission-timeout-s", a.TimeoutMs / 1000, 0, 86_400);
        Range(problems, "--admission-poll-ms", a.PollIntervalMs, 10, 600_000);
        if (a.OnTimeout is not (AdmissionTimeoutActions.Fail or AdmissionTimeoutActions.Force))
            problems.Add($"--admission-on-timeout: must be fail or force, was '{a.OnTimeout}'");
    }

    private static void Range(List<string> problems, string option, int value, int min, int max)
    {
        if (value < min || value > max) problems.Add($"{option}: must be between {min} and {max}, was {value}");
    }

    private static void Temperature(List<string> problems, string option, double? value)
    {
        if (value is { } v && (!double.IsFinite(v) || v < -20 || v > 150)) problems.Add($"{option}: must be between -20 and 150 °C, was {F(v)}");
    }

    private static void Percent(List<string> problems, string option, double? value)
    {
        if (value is { } v && (!double.IsFinite(v) || v < 0 || v > 100)) problems.Add($"{option}: must be between 0 and 100 %, was {F(v)}");
    }

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}
