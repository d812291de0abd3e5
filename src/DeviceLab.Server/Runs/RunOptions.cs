using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs;

/// <summary>How run jobs are executed and retried (<c>DeviceLab:Runs</c>).</summary>
public sealed class RunOptions
{
    public const string Section = "DeviceLab:Runs";

    /// <summary>Attempts a job may use on failures a retry may fix (device lost, agent crashed, timeout); then it fails.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Resumptions after lab host restarts or lost leases a job may use, on top of <see cref="MaxAttempts"/>.</summary>
    public int MaxInterruptions { get; set; } = 5;

    /// <summary>A job whose device is offline when it should start waits this long (from when the attempt was queued) before failing with <c>device_offline</c>.</summary>
    public int DeviceOfflineGraceSeconds { get; set; } = 30;

    /// <summary>Folder on the device for agent builds, variants and job files.</summary>
    public string DeviceFolder { get; set; } = "/data/local/tmp/devicelab";

    /// <summary>Telemetry sampling interval asked of the agent, ms.</summary>
    public int TelemetryIntervalMs { get; set; } = 250;

    /// <summary>Apply noise-reducing device settings (animations off, stay awake, screen off) before benchmarking.</summary>
    public bool ApplyNoiseSettings { get; set; } = true;

    /// <summary>Most agent events stored in one transaction.</summary>
    public int IngestionBatchMaxEvents { get; set; } = 5_000;

    /// <summary>Phase time limits used when a suite does not set them.</summary>
    public PhaseTimeoutDefaults Timeouts { get; set; } = new();
}

/// <summary>Default phase time limits, seconds.</summary>
public sealed class PhaseTimeoutDefaults
{
    /// <summary>Pushing one file to the device.</summary>
    public int PushSeconds { get; set; } = 600;

    /// <summary>Between repetitions, waiting for admission; default: the suite's admission wait limit plus <see cref="AdmissionSlackSeconds"/>.</summary>
    public int? AdmissionSeconds { get; set; }

    /// <summary>Added to the admission wait limit when <see cref="AdmissionSeconds"/> is not set.</summary>
    public int AdmissionSlackSeconds { get; set; } = 60;

    /// <summary>The agent's whole run.</summary>
    public int BenchmarkSeconds { get; set; } = 3 * 3600;
}

internal sealed class RunOptionsValidation : IValidateOptions<RunOptions>
{
    public ValidateOptionsResult Validate(string? name, RunOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAttempts is < 1 or > 20) failures.Add($"{RunOptions.Section}:MaxAttempts is {options.MaxAttempts}: use 1–20.");
        if (options.MaxInterruptions is < 0 or > 100) failures.Add($"{RunOptions.Section}:MaxInterruptions is {options.MaxInterruptions}: use 0–100.");
        if (options.DeviceOfflineGraceSeconds < 0) failures.Add($"{RunOptions.Section}:DeviceOfflineGraceSeconds is {options.DeviceOfflineGraceSeconds}: use 0 or more.");
        if (!options.DeviceFolder.StartsWith('/') || options.DeviceFolder.Contains('\'') || options.DeviceFolder.Contains('\n'))
            failures.Add($"{RunOptions.Section}:DeviceFolder '{options.DeviceFolder}' must be an absolute device path without quotes or line breaks.");
        if (options.TelemetryIntervalMs is < 10 or > 60_000) failures.Add($"{RunOptions.Section}:TelemetryIntervalMs is {options.TelemetryIntervalMs}: use 10–60000.");
        if (options.IngestionBatchMaxEvents is < 1 or > 1_000_000) failures.Add($"{RunOptions.Section}:IngestionBatchMaxEvents is {options.IngestionBatchMaxEvents}: use 1–1000000.");
        if (options.Timeouts.PushSeconds < 1) failures.Add($"{RunOptions.Section}:Timeouts:PushSeconds is {options.Timeouts.PushSeconds}: use at least 1.");
        if (options.Timeouts.AdmissionSeconds is < 1) failures.Add($"{RunOptions.Section}:Timeouts:AdmissionSeconds is {options.Timeouts.AdmissionSeconds}: use at least 1.");
        if (options.Timeouts.BenchmarkSeconds < 1) failures.Add($"{RunOptions.Section}:Timeouts:BenchmarkSeconds is {options.Timeouts.BenchmarkSeconds}: use at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
