using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Runs.Planning;

/// <summary>The limits suite parameters must respect (the agent's own limits, ADR 0061, plus the server's), each problem naming its field.</summary>
public static class SuiteParameterRules
{
    public const int MaxEvaluationTextBytes = 1 << 20;

    public static List<string> Problems(SuiteParameters? parameters, string prefix = "parameters")
    {
        if (parameters is null) return [$"{prefix}: is required"];
        var problems = new List<string>();
        void Range(string field, double value, double min, double max)
        {
            if (value < min || value > max || double.IsNaN(value)) problems.Add($"{prefix}.{field}: is {value}, must be {min}–{max}");
        }
        Range("prompt_tokens", parameters.PromptTokens, 1, 65_536);
        Range("generated_tokens", parameters.GeneratedTokens, 1, 65_536);
        Range("threads", parameters.Threads, 0, 256);
        Range("warmups", parameters.Warmups, 0, 1_000);
        Range("repetitions", parameters.Repetitions, 1, 10_000);
        if (parameters.Admission is { } admission)
        {
            Range("admission.min_battery_percent", admission.MinBatteryPercent, 0, 100);
            Range("admission.max_battery_percent", admission.MaxBatteryPercent, 0, 100);
            if (admission.MinBatteryPercent > admission.MaxBatteryPercent)
                problems.Add($"{prefix}.admission: min_battery_percent {admission.MinBatteryPercent} is above max_battery_percent {admission.MaxBatteryPercent}");
            Range("admission.max_battery_temperature_c", admission.MaxBatteryTemperatureC, -20, 150);
            Range("admission.max_wait_ms", admission.MaxWaitMs, 0, 24 * 3600 * 1000);
        }
        if (parameters.EvaluationText is { } text && System.Text.Encoding.UTF8.GetByteCount(text) > MaxEvaluationTextBytes)
            problems.Add($"{prefix}.evaluation_text: is {System.Text.Encoding.UTF8.GetByteCount(text)} bytes, at most {MaxEvaluationTextBytes} are allowed");
        if (parameters.EvaluationText is { Length: 0 }) problems.Add($"{prefix}.evaluation_text: is empty; leave it out to skip quality");
        if (parameters.Timeouts is { } timeouts)
        {
            foreach (var (field, value) in new[] { ("push_seconds", timeouts.PushSeconds), ("admission_seconds", timeouts.AdmissionSeconds), ("benchmark_seconds", timeouts.BenchmarkSeconds) })
            {
                if (value is { } seconds) Range($"timeouts.{field}", seconds, 1, 7 * 24 * 3600);
            }
        }
        return problems;
    }
}
