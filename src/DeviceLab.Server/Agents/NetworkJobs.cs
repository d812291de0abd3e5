using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Runs.Execution;
using DeviceLab.Server.Runs.Execution.Device;

namespace DeviceLab.Server.Agents;

/// <summary>
/// The <see cref="AgentJob"/> of an attempt on a networked device: the same parameters ADB mode puts on the
/// <c>devicelab-agent bench</c> command line (<see cref="AgentCommand"/>), with download addresses instead of device paths.
/// </summary>
public static class NetworkJobs
{
    /// <summary>Where an agent downloads a variant (device token, Range supported, sha256 in <c>X-Content-Sha256</c> and the ETag).</summary>
    public static string VariantUrl(long variantId) => $"/api/v1/variants/{variantId}/file";

    /// <summary>Where an agent fetches its job's evaluation text.</summary>
    public static string EvaluationTextUrl(AgentJobId jobId) => $"/api/v1/agent/jobs/{jobId}/evaluation-text";

    public static AgentJob Build(AttemptPlan plan, int telemetryIntervalMs)
    {
        var jobId = new AgentJobId(plan.RunJobId, plan.Attempt);
        var p = plan.Parameters;
        var admission = p.Admission is { } a
            ? new AdmissionSettings
            {
                MinBatteryPercent = a.MinBatteryPercent, MaxBatteryPercent = a.MaxBatteryPercent, MaxBatteryTemperatureC = a.MaxBatteryTemperatureC,
                RequireNotCharging = a.RequireNotCharging,
                // As in ADB mode: wait up to the limit (whole seconds), then run anyway and record that it was forced.
                TimeoutMs = (int)Math.Ceiling(a.MaxWaitMs / 1000.0) * 1000, PollIntervalMs = AgentCommand.AdmissionPollMs,
                OnTimeout = AdmissionTimeoutActions.Force,
            }
            : new AdmissionSettings();
        var hasText = p.EvaluationText is not null;
        var parameters = new BenchParameters
        {
            PromptTokens = p.PromptTokens, GeneratedTokens = p.GeneratedTokens, Repetitions = p.Repetitions, Warmups = p.Warmups,
            Threads = p.Threads > 0 ? p.Threads : 1, TelemetryIntervalMs = telemetryIntervalMs, SimulatedPower = plan.DeviceIsVirtual,
            Admission = admission,
            ReferenceVariant = hasText ? plan.Variants.OrderBy(v => AttemptPreparation.PrecisionRank(v.QuantType)).First().Label : null,
        };
        var variants = plan.Variants.Select(v => new AgentJobVariant(v.Label, VariantUrl(v.VariantId), v.Sha256, v.SizeBytes)).ToList();
        return new AgentJob(jobId.ToString(), variants, parameters, hasText ? EvaluationTextUrl(jobId) : null);
    }
}
